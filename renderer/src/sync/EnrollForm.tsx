/**
 * Enrollment: the central server's address and the one-time code from its admin. The device credential the
 * server returns stays in the backend; this form only learns whether it worked.
 */
import { useState, type FormEvent } from 'react';
import { call } from '../api';
import { Field, issuesToErrors, type FieldErrors } from '../ui/Field';
import type { SyncStatus } from './status-store';
import { asyncHandler } from '../ui/async-handler';

export function EnrollForm(props: { submitLabel: string; onEnrolled: (s: SyncStatus) => void | Promise<void> }) {
  // Empty, not "https://": a person types or pastes the whole address (often with its scheme), and a
  // pre-filled scheme made that "https://http://…". Typed without one, the address means https://.
  const [form, setForm] = useState({ serverUrl: '', code: '', deviceName: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const plainHttp = /^http:\/\//i.test(form.serverUrl) && !/^http:\/\/(localhost|127\.0\.0\.1)(:|\/|$)/i.test(form.serverUrl);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    const r = await call('sync.enroll', { serverUrl: form.serverUrl, code: form.code, ...(form.deviceName.trim() ? { deviceName: form.deviceName } : {}) });
    setBusy(false);
    if (!r.ok) {
      setErrors(issuesToErrors(r.error.issues));
      setMessage(r.error.message);
      return;
    }
    setErrors({});
    setForm({ ...form, code: '' });
    await props.onEnrolled(r.value);
  }

  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [k]: e.target.value });
  return (
    <form onSubmit={asyncHandler(submit)} className="stack" noValidate data-testid="enroll-form">
      {message && (
        <div className="banner banner-error" role="alert">
          {message}
        </div>
      )}
      <Field label="Alamat server pusat" error={errors.serverUrl} warning={plainHttp ? 'Alamat http:// tidak terenkripsi: gunakan hanya di jaringan kantor yang tepercaya.' : undefined} hint="Contoh: https://sinkron.lpse.banjarmasinkota.go.id" required>
        {(id, d) => <input id={id} aria-describedby={d} value={form.serverUrl} onChange={set('serverUrl')} autoComplete="url" inputMode="url" spellCheck={false} placeholder="https://sinkron.lpse.banjarmasinkota.go.id" autoFocus />}
      </Field>
      <Field label="Kode pendaftaran" error={errors.code} hint="Kode sekali pakai dari admin server, mis. K7QM-3XPD-9WRT-HF2N." required>
        {(id, d) => <input id={id} aria-describedby={d} value={form.code} onChange={set('code')} autoComplete="off" spellCheck={false} style={{ textTransform: 'uppercase' }} />}
      </Field>
      <Field label="Nama komputer ini" error={errors.deviceName} hint="Opsional, agar mudah dikenali admin server (mis. Loket Helpdesk 1).">
        {(id, d) => <input id={id} aria-describedby={d} value={form.deviceName} onChange={set('deviceName')} maxLength={100} />}
      </Field>
      <button className="primary" disabled={busy || !form.code.trim() || form.serverUrl.trim().length < 3}>
        {busy ? 'Menghubungi server…' : props.submitLabel}
      </button>
    </form>
  );
}
