/**
 * Daftar insiden pelanggaran data pribadi (UU 27/2022 Pasal 46): an incident is recorded with the
 * workstations and exported files it concerns; the register shows the 3 × 24-hour deadline for the written
 * notices, how many visitors must be told, and everywhere else their data is held (every workstation, the
 * central server, exports with personal data), and records each notice.
 */
import { useState, type FormEvent } from 'react';
import { witaDateTimeToMs } from '../../../domain/time/wita';
import { call } from '../api';
import { useLive } from '../live';
import { useApp } from '../store';
import { asyncHandler } from '../ui/async-handler';
import { Field, issuesToErrors, type FieldErrors } from '../ui/Field';
import { fmtDateTime } from '../ui/format';

function remainingText(ms: number): string {
  const h = Math.floor(Math.abs(ms) / 3600_000);
  const m = Math.floor((Math.abs(ms) % 3600_000) / 60_000);
  return ms >= 0 ? `sisa ${h} jam ${m} menit` : `terlambat ${h} jam ${m} menit`;
}

export function BreachRegister() {
  const toast = useApp((s) => s.toast);
  const live = useLive(() => call('privacy.breaches', {}), [], { types: ['breach', 'erasure', 'report_export'] });
  const data = live.data;
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ title: '', when: '', description: '' });
  const [deviceIds, setDeviceIds] = useState<string[]>([]);
  const [exportIds, setExportIds] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(form.when);
    if (!m) return setErrors({ discoveredAt: 'Isi tanggal dan jam insiden diketahui.' });
    setBusy(true);
    const r = await call('privacy.recordBreach', { discoveredAt: witaDateTimeToMs(m[1]!, m[2]!), title: form.title, description: form.description, deviceIds, exportIds });
    setBusy(false);
    if (!r.ok) {
      setErrors(issuesToErrors(r.error.issues));
      if (!r.error.issues?.length) toast('error', r.error.message);
      return;
    }
    toast('success', 'Insiden dicatat. Pemberitahuan tertulis wajib disampaikan dalam 3 × 24 jam sejak diketahui.');
    setOpen(false);
    setForm({ title: '', when: '', description: '' });
    setDeviceIds([]);
    setExportIds([]);
    setErrors({});
  }

  async function notify(breachId: string, recipient: 'subjects' | 'authority') {
    const r = await call('privacy.notifyBreach', { breachId, recipient, note: null });
    if (!r.ok) return toast('error', r.error.message);
    toast('success', recipient === 'subjects' ? 'Pemberitahuan kepada pemohon dicatat.' : 'Pemberitahuan kepada lembaga pengawas dicatat.');
  }

  const toggle = (list: string[], set: (v: string[]) => void, id: string) => set(list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);

  return (
    <section className="card" data-testid="breach-register">
      <div className="card-head">
        <h2>Daftar insiden pelanggaran data</h2>
        {!open && (
          <button type="button" className="secondary" onClick={() => setOpen(true)}>
            Catat insiden…
          </button>
        )}
      </div>
      {live.error && <div className="banner banner-error">{live.error.message}</div>}
      {open && data && (
        <form onSubmit={asyncHandler(submit)} className="stack" noValidate data-testid="breach-form">
          <Field label="Judul insiden" error={errors.title} required>
            {(id, d) => <input id={id} aria-describedby={d} value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} autoFocus />}
          </Field>
          <Field label="Diketahui pada (WITA)" error={errors.discoveredAt} required hint="Batas pemberitahuan 3 × 24 jam dihitung dari saat ini.">
            {(id, d) => <input id={id} aria-describedby={d} type="datetime-local" value={form.when} onChange={(e) => setForm({ ...form, when: e.target.value })} />}
          </Field>
          <Field label="Uraian" error={errors.description}>
            {(id, d) => <textarea id={id} aria-describedby={d} rows={2} value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} />}
          </Field>
          <fieldset>
            <legend>Komputer yang terdampak</legend>
            {data.devices.map((d) => (
              <label key={d.deviceId} className="check">
                <input type="checkbox" checked={deviceIds.includes(d.deviceId)} onChange={() => toggle(deviceIds, setDeviceIds, d.deviceId)} /> {d.name ?? d.deviceId}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Berkas ekspor yang terdampak</legend>
            {data.exports.length === 0 && <p className="muted">Belum ada ekspor laporan.</p>}
            {data.exports.map((x) => (
              <label key={x.id} className="check">
                <input type="checkbox" checked={exportIds.includes(x.id)} onChange={() => toggle(exportIds, setExportIds, x.id)} /> {x.fileName} ({fmtDateTime(x.at)}, {x.byName ?? '—'},{' '}
                {x.deviceName ?? x.deviceId ?? '—'}
                {x.personalData ? ', memuat data pribadi' : ''})
              </label>
            ))}
            {errors.deviceIds && (
              <div className="field-error" role="alert">
                {errors.deviceIds}
              </div>
            )}
          </fieldset>
          <div>
            <button type="submit" className="primary" disabled={busy}>
              Simpan insiden
            </button>{' '}
            <button type="button" className="secondary" onClick={() => setOpen(false)}>
              Batal
            </button>
          </div>
        </form>
      )}
      {data && data.breaches.length === 0 && <p>Belum ada insiden tercatat.</p>}
      {data?.breaches.map((b) => (
        <article key={b.id} className="card" data-testid="breach">
          <h3>{b.title}</h3>
          <p>
            Diketahui {fmtDateTime(b.discoveredAt)}; batas pemberitahuan {fmtDateTime(b.deadline)} —{' '}
            <strong data-testid="breach-countdown">
              {b.notifiedSubjectsAt !== null && b.notifiedAuthorityAt !== null ? (b.late ? 'diberitahukan terlambat' : 'diberitahukan tepat waktu') : remainingText(b.remainingMs)}
            </strong>
          </p>
          {b.description && <p>{b.description}</p>}
          <p data-testid="breach-affected">
            {b.affectedVisitors} pemohon terdampak. Data mereka juga disimpan di: {b.alsoHeldBy.devices.map((d) => d.name ?? d.deviceId).join(', ')}
            {b.alsoHeldBy.server ? ', server pusat' : ''}; {b.alsoHeldBy.exports.length} berkas ekspor bermuatan data pribadi
            {b.alsoHeldBy.exports.length ? ` (${b.alsoHeldBy.exports.map((x) => `${x.fileName} oleh ${x.byName ?? '—'} di ${x.deviceName ?? x.deviceId ?? '—'}`).join('; ')})` : ''}.
          </p>
          <p>
            Pemberitahuan kepada pemohon: {b.notifiedSubjectsAt ? fmtDateTime(b.notifiedSubjectsAt) : 'belum'} · kepada lembaga pengawas:{' '}
            {b.notifiedAuthorityAt ? fmtDateTime(b.notifiedAuthorityAt) : 'belum'}
          </p>
          <div>
            {b.notifiedSubjectsAt === null && (
              <button type="button" className="secondary" onClick={asyncHandler(() => notify(b.id, 'subjects'))}>
                Catat pemberitahuan ke pemohon
              </button>
            )}{' '}
            {b.notifiedAuthorityAt === null && (
              <button type="button" className="secondary" onClick={asyncHandler(() => notify(b.id, 'authority'))}>
                Catat pemberitahuan ke lembaga pengawas
              </button>
            )}
          </div>
        </article>
      ))}
    </section>
  );
}
