/**
 * Saran dan masukan: short entries from any channel, the suggester's identity optional; the list of the
 * month (counted in the monthly report).
 */
import { useEffect, useRef, useState } from 'react';
import type { InputOf, OutputOf } from '../../../contract/api';
import { CHANNEL_LABEL } from '../../../domain/complaints/labels';
import { parseIsoInstant } from '../../../domain/time/wita';
import { call } from '../api';
import { useLive } from '../live';
import { useApp } from '../store';
import { Field, issuesToErrors, type FieldErrors } from '../ui/Field';
import { fmtDateTime, witaToday, witaLocalInput } from '../ui/format';
import './complaints.css';

type Channel = Exclude<InputOf<'suggestions.add'>['channel'], 'web'>;
type Catalogue = OutputOf<'catalogue.active'>;

export function SuggestionsScreen() {
  const toast = useApp((s) => s.toast);
  const go = useApp((s) => s.go);
  const status = useApp((s) => s.status);
  const month = (status?.today ?? witaToday()).slice(0, 7);
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  const [channel, setChannel] = useState<Channel>('kotak');
  // The backend's clock is the one that counts (this PC's may be wrong): the default is read from it.
  const [received, setReceived] = useState(() => witaLocalInput(Date.now()));
  const [name, setName] = useState('');
  const [contact, setContact] = useState('');
  const [serviceCode, setServiceCode] = useState('');
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const list = useLive(() => call('suggestions.list', { from: `${month}-01` }), [month], { types: ['suggestion'] });

  useEffect(() => {
    void call('catalogue.active', {}).then((r) => r.ok && setCatalogue(r.value));
    void call('app.status', {}).then((r) => r.ok && setReceived(witaLocalInput(r.value.now)));
  }, []);

  async function save() {
    const receivedAt = parseIsoInstant(received);
    if (receivedAt === null) return setErrors({ receivedAt: 'Isi tanggal dan jam diterima.' });
    setBusy(true);
    const r = await call('suggestions.add', { receivedAt, channel, name, contact, serviceCode: serviceCode || null, text });
    setBusy(false);
    if (!r.ok) return setErrors(issuesToErrors(r.error.issues));
    setErrors({});
    setText('');
    setName('');
    setContact('');
    toast('success', 'Saran dicatat. Terima kasih disampaikan kepada pemberi saran.');
    textRef.current?.focus();
    await list.reload();
  }

  return (
    <div data-testid="suggestions-screen">
      <section className="card">
        <div className="card-head">
          <h2>Catat Saran dan Masukan</h2>
          <span className="muted small">
            Identitas pemberi saran boleh dikosongkan.{' '}
            <button type="button" className="link" data-testid="back-to-complaints" onClick={() => go('complaints')}>
              Kembali ke meja pengaduan
            </button>
          </span>
        </div>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <div className="grid2">
            <Field label="Saluran" required>
              {(id) => (
                <select id={id} value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
                  {(['kotak', 'loket', 'email', 'telepon', 'lapor'] as const).map((c) => (
                    <option key={c} value={c}>
                      {CHANNEL_LABEL[c]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Diterima (WITA)" required error={errors.receivedAt}>
              {(id, d) => <input id={id} type="datetime-local" aria-describedby={d} value={received} onChange={(e) => setReceived(e.target.value)} />}
            </Field>
            <Field label="Nama (boleh kosong)" error={errors.name}>
              {(id, d) => <input id={id} aria-describedby={d} value={name} onChange={(e) => setName(e.target.value)} />}
            </Field>
            <Field label="Kontak (boleh kosong)" error={errors.contact}>
              {(id, d) => <input id={id} aria-describedby={d} value={contact} onChange={(e) => setContact(e.target.value)} />}
            </Field>
            <Field label="Layanan (bila disebutkan)" error={errors.serviceCode}>
              {(id, d) => (
                <select id={id} aria-describedby={d} value={serviceCode} onChange={(e) => setServiceCode(e.target.value)}>
                  <option value="">— tidak disebutkan —</option>
                  {catalogue?.services
                    .filter((s) => s.active)
                    .map((s) => (
                      <option key={s.code} value={s.code}>
                        {s.number}. {s.shortName}
                      </option>
                    ))}
                </select>
              )}
            </Field>
          </div>
          <Field label="Isi saran/masukan" required error={errors.text}>
            {(id, d) => <textarea id={id} ref={textRef} rows={3} aria-describedby={d} value={text} onChange={(e) => setText(e.target.value)} data-testid="suggestion-text" />}
          </Field>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy} data-testid="suggestion-save">
              Simpan saran
            </button>
          </div>
        </form>
      </section>
      <section className="card">
        <div className="card-head">
          <h2>Saran bulan ini</h2>
          <span className="muted" data-testid="suggestion-total">
            {list.data ? `${list.data.total} saran` : ''}
          </span>
        </div>
        {list.data && list.data.rows.length === 0 && <p className="empty">Belum ada saran bulan ini.</p>}
        {list.data && list.data.rows.length > 0 && (
          <table className="table static" data-testid="suggestion-list">
            <thead>
              <tr>
                <th>Diterima</th>
                <th>Saluran</th>
                <th>Dari</th>
                <th>Saran</th>
              </tr>
            </thead>
            <tbody>
              {list.data.rows.map((s) => (
                <tr key={s.id}>
                  <td className="nowrap">{fmtDateTime(s.receivedAt)}</td>
                  <td>{s.channelLabel}</td>
                  <td>
                    {s.name ?? <span className="muted">tanpa nama</span>}
                    {s.contact && <div className="cell-sub">{s.contact}</div>}
                  </td>
                  <td>
                    <div className="suggestion-text">{s.text}</div>
                    {s.serviceName && <div className="cell-sub">{s.serviceName}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
