/**
 * Recording a complaint (Perwali 67/2018 Pasal 8(4)): channel and time received, the complainant's name,
 * full address and contact, the visit concerned (found by its receipt number or a name) or the service and
 * the date it was received, what did not meet the standard, the loss, the resolution requested, place and
 * signature, scans or photos of the letter. Saved as written: later corrections are notes beside it.
 */
import { asyncHandler } from '../ui/async-handler';
import { useEffect, useRef, useState } from 'react';
import type { InputOf, OutputOf } from '../../../contract/api';
import type { VisitCandidate } from '../../../contract/complaints';
import { CHANNEL_LABEL } from '../../../domain/complaints/labels';
import { parseIsoInstant } from '../../../domain/time/wita';
import { call } from '../api';
import { useApp } from '../store';
import { Field, issuesToErrors, type FieldErrors } from '../ui/Field';
import { fmtDate, fmtDateTime, witaLocalInput } from '../ui/format';
import { pickAttachment, type PickedFile } from './attachments';
import './complaints.css';

type Channel = Exclude<InputOf<'complaints.add'>['channel'], 'web'>;
const CHANNELS: Channel[] = ['loket', 'kotak', 'email', 'telepon', 'lapor'];
type Catalogue = OutputOf<'catalogue.active'>;

/** Finds the visit concerned by receipt number or name. */
export function VisitFinder(props: { picked: VisitCandidate | null; onPick(v: VisitCandidate | null): void }) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<VisitCandidate[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);

  async function search() {
    const mine = ++seq.current;
    const r = await call('complaints.findVisits', { query });
    if (mine !== seq.current) return;
    if (r.ok) {
      setResults(r.value.visits);
      setError(null);
    } else {
      setResults(null);
      setError(r.error.issues?.[0]?.message ?? r.error.message);
    }
  }

  if (props.picked) {
    const v = props.picked;
    return (
      <div className="picked-visit" data-testid="picked-visit">
        <div>
          <strong>{v.receiptNo ?? 'Tanpa tanda terima'}</strong> · {v.visitorName}
          {v.companyName ? ` · ${v.companyName}` : ''}
          <div className="small">
            {v.serviceName ?? 'Keperluan lain'} · datang {fmtDateTime(v.arrivedAt)} · {v.statusLabel}
          </div>
        </div>
        <button type="button" className="small-btn" onClick={() => props.onPick(null)}>
          Lepas
        </button>
      </div>
    );
  }
  return (
    <div>
      <div className="field">
        <label htmlFor="visit-query">Cari kunjungan: nomor tanda terima atau nama pemohon/perusahaan</label>
        <div style={{ display: 'flex', gap: 8 }}>
          <input
            id="visit-query"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void search();
              }
            }}
            placeholder="mis. TT-20261123-… atau nama"
            autoComplete="off"
          />
          <button type="button" className="secondary" onClick={() => void search()} data-testid="visit-search">
            Cari
          </button>
        </div>
        {error && (
          <div className="field-error" role="alert">
            {error}
          </div>
        )}
      </div>
      {results && results.length === 0 && <p className="muted small">Tidak ada kunjungan yang cocok. Isi layanan dan tanggalnya di bawah bila pengadu menyebutkannya.</p>}
      {results && results.length > 0 && (
        <ul className="visit-pick" aria-label="Kunjungan yang cocok" data-testid="visit-results">
          {results.map((v) => (
            <li key={v.visitId}>
              <button type="button" onClick={() => props.onPick(v)}>
                <strong>{v.receiptNo ?? 'Tanpa tanda terima'}</strong> · {v.visitorName}
                {v.companyName ? ` · ${v.companyName}` : ''}
                <div className="small muted">
                  {v.serviceName ?? 'Keperluan lain'} · {fmtDate(v.arrivedAt)} · {v.statusLabel}
                </div>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function AttachmentPicker(props: { files: PickedFile[]; onChange(files: PickedFile[]): void; id: string }) {
  const toast = useApp((s) => s.toast);
  return (
    <div className="field">
      <span className="field-label" id={`${props.id}-label`}>
        Lampiran: pindaian atau foto surat (JPEG, PNG, WebP, PDF; foto diperkecil otomatis)
      </span>
      {/* The browser's own file button speaks the browser's language: a labelled button of ours instead. */}
      <input
        id={props.id}
        className="file-input"
        type="file"
        multiple
        accept="image/jpeg,image/png,image/webp,application/pdf"
        aria-labelledby={`${props.id}-label`}
        onChange={asyncHandler(async (e) => {
          const chosen = [...(e.target.files ?? [])];
          e.target.value = '';
          const next = [...props.files];
          for (const f of chosen) {
            const r = await pickAttachment(f);
            if (typeof r === 'string') toast('error', r);
            else next.push(r);
          }
          props.onChange(next.slice(0, 5));
        })}
      />
      <label htmlFor={props.id} className="file-button">
        Pilih berkas…
      </label>
      {props.files.length > 0 && (
        <ul className="attachments">
          {props.files.map((f, i) => (
            <li key={i}>
              {f.dataUrl.startsWith('data:image/') && <img src={f.dataUrl} alt={f.fileName} />}
              {f.fileName}{' '}
              <button type="button" className="link" onClick={() => props.onChange(props.files.filter((_, j) => j !== i))}>
                hapus
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ComplaintFormScreen() {
  const go = useApp((s) => s.go);
  const toast = useApp((s) => s.toast);
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  const [channel, setChannel] = useState<Channel>('loket');
  // The backend's clock is the one that counts (this PC's may be wrong): the default is read from it.
  const [received, setReceived] = useState(() => witaLocalInput(Date.now()));
  const [laporNo, setLaporNo] = useState('');
  const [visit, setVisit] = useState<VisitCandidate | null>(null);
  const [serviceCode, setServiceCode] = useState('');
  const [serviceDate, setServiceDate] = useState('');
  const [receiptNo, setReceiptNo] = useState('');
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [contact, setContact] = useState('');
  const [text, setText] = useState('');
  const [loss, setLoss] = useState('');
  const [request, setRequest] = useState('');
  const [place, setPlace] = useState('Banjarmasin');
  const [signed, setSigned] = useState(true);
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const firstField = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    void call('catalogue.active', {}).then((r) => r.ok && setCatalogue(r.value));
    void call('app.status', {}).then((r) => r.ok && setReceived(witaLocalInput(r.value.now)));
    firstField.current?.focus();
  }, []);

  async function save() {
    const receivedAt = parseIsoInstant(received);
    if (receivedAt === null) {
      setErrors({ receivedAt: 'Isi tanggal dan jam pengaduan diterima.' });
      return;
    }
    setBusy(true);
    const r = await call('complaints.add', {
      receivedAt,
      channel,
      complainant: { name, address, contact },
      visitId: visit?.visitId ?? null,
      serviceCode: visit ? null : serviceCode || null,
      receiptNo: visit ? '' : receiptNo,
      serviceDate: visit || !serviceDate ? null : serviceDate,
      text,
      loss,
      request,
      place,
      signed,
      laporNo: channel === 'lapor' ? laporNo : '',
      attachments: files.map((f) => ({ fileName: f.fileName, dataUrl: f.dataUrl, note: '' })),
    });
    setBusy(false);
    if (!r.ok) {
      setErrors(issuesToErrors(r.error.issues));
      setBanner(r.error.message);
      return;
    }
    toast('success', `Pengaduan ${r.value.row.number} dicatat. Cetak tanda terima pengaduan untuk pengadu.`);
    go('complaint', { id: r.value.row.id });
  }

  const field = (path: string) => errors[path];
  return (
    <section className="card" data-testid="complaint-form">
      <div className="card-head">
        <h2>Catat Pengaduan</h2>
        <button type="button" className="link" onClick={() => go('complaints')}>
          Kembali ke meja pengaduan
        </button>
      </div>
      <p className="muted small">
        Tuliskan sebagaimana disampaikan pengadu (Perwali Banjarmasin 67/2018 Pasal 8 ayat (4)). Setelah disimpan, isi pengaduan tidak diubah; koreksi dicatat sebagai catatan di sampingnya.
      </p>
      {banner && (
        <div className="banner banner-error" role="alert">
          {banner}
        </div>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <fieldset>
          <legend>Penerimaan</legend>
          <div className="grid2">
            <Field label="Saluran" required error={field('channel')}>
              {(id, d) => (
                <select id={id} ref={firstField} aria-describedby={d} value={channel} onChange={(e) => setChannel(e.target.value as Channel)} data-testid="complaint-channel">
                  {CHANNELS.map((c) => (
                    <option key={c} value={c}>
                      {CHANNEL_LABEL[c]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Diterima (WITA)" required error={field('receivedAt')}>
              {(id, d) => <input id={id} type="datetime-local" aria-describedby={d} value={received} onChange={(e) => setReceived(e.target.value)} />}
            </Field>
            {channel === 'lapor' && (
              <Field label="Nomor tiket SP4N-LAPOR!" required error={field('laporNo')}>
                {(id, d) => <input id={id} aria-describedby={d} value={laporNo} onChange={(e) => setLaporNo(e.target.value)} />}
              </Field>
            )}
          </div>
        </fieldset>

        <fieldset>
          <legend>Layanan yang diadukan</legend>
          <VisitFinder picked={visit} onPick={setVisit} />
          {field('visitId') && <div className="field-error">{field('visitId')}</div>}
          {!visit && (
            <div className="grid2">
              <Field label="Layanan (bila disebutkan)" error={field('serviceCode')}>
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
              <Field label="Tanggal menerima layanan" hint="Untuk batas 30 hari (Pasal 8 ayat (3))." error={field('serviceDate')}>
                {(id, d) => <input id={id} type="date" aria-describedby={d} value={serviceDate} onChange={(e) => setServiceDate(e.target.value)} />}
              </Field>
              <Field label="Nomor tanda terima sebagaimana ditulis pengadu" error={field('receiptNo')}>
                {(id, d) => <input id={id} aria-describedby={d} value={receiptNo} onChange={(e) => setReceiptNo(e.target.value)} />}
              </Field>
            </div>
          )}
        </fieldset>

        <fieldset>
          <legend>Pengadu</legend>
          <div className="grid2">
            <Field label="Nama pengadu" required error={field('complainant.name')}>
              {(id, d) => <input id={id} aria-describedby={d} value={name} onChange={(e) => setName(e.target.value)} data-testid="complainant-name" />}
            </Field>
            <Field label="Kontak (telepon/WhatsApp/e-mail)" error={field('complainant.contact')}>
              {(id, d) => <input id={id} aria-describedby={d} value={contact} onChange={(e) => setContact(e.target.value)} />}
            </Field>
            <Field label="Alamat lengkap" required error={field('complainant.address')} className="span2">
              {(id, d) => <input id={id} aria-describedby={d} value={address} onChange={(e) => setAddress(e.target.value)} data-testid="complainant-address" />}
            </Field>
          </div>
        </fieldset>

        <fieldset>
          <legend>Isi pengaduan</legend>
          <Field label="Uraian pelayanan yang tidak sesuai standar pelayanan" required error={field('text')}>
            {(id, d) => <textarea id={id} rows={4} aria-describedby={d} value={text} onChange={(e) => setText(e.target.value)} data-testid="complaint-text" />}
          </Field>
          <Field label="Uraian kerugian materiil/immateriil" error={field('loss')}>
            {(id, d) => <textarea id={id} rows={2} aria-describedby={d} value={loss} onChange={(e) => setLoss(e.target.value)} />}
          </Field>
          <Field label="Permintaan penyelesaian" required error={field('request')}>
            {(id, d) => <textarea id={id} rows={2} aria-describedby={d} value={request} onChange={(e) => setRequest(e.target.value)} data-testid="complaint-request" />}
          </Field>
          <div className="grid2">
            <Field label="Tempat penyampaian" error={field('place')}>
              {(id, d) => <input id={id} aria-describedby={d} value={place} onChange={(e) => setPlace(e.target.value)} />}
            </Field>
            <label className="check-inline" style={{ alignSelf: 'end' }}>
              <input type="checkbox" checked={signed} onChange={(e) => setSigned(e.target.checked)} /> Ditandatangani pengadu
            </label>
          </div>
          <AttachmentPicker files={files} onChange={setFiles} id="complaint-files" />
          {Object.entries(errors)
            .filter(([k]) => k.startsWith('attachments'))
            .map(([k, m]) => (
              <div key={k} className="field-error">
                {m}
              </div>
            ))}
        </fieldset>
        <div className="form-actions">
          <span className="muted small">Waktu tanggapan dihitung sejak pengaduan diterima.</span>
          <button type="button" className="secondary" onClick={() => go('complaints')}>
            Batal
          </button>
          <button type="submit" className="primary" disabled={busy} data-testid="complaint-save">
            {busy ? 'Menyimpan…' : 'Simpan pengaduan'}
          </button>
        </div>
      </form>
    </section>
  );
}
