/** "Akun Saya": the signed-in user changes their own password. */
import { useState, type FormEvent } from 'react';
import { call } from '../api';
import { useApp } from '../store';
import { Field, issuesToErrors, type FieldErrors } from '../ui/Field';
import { ROLE_LABEL } from '../ui/format';
import { asyncHandler } from '../ui/async-handler';

export function AccountScreen() {
  const session = useApp((s) => s.session);
  const toast = useApp((s) => s.toast);
  const empty = { currentPassword: '', newPassword: '', confirm: '' };
  const [form, setForm] = useState(empty);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (form.newPassword !== form.confirm) {
      setErrors({ confirm: 'Konfirmasi kata sandi tidak sama.' });
      return;
    }
    setBusy(true);
    const r = await call('auth.changePassword', { currentPassword: form.currentPassword, newPassword: form.newPassword });
    setBusy(false);
    if (r.ok) {
      toast('success', 'Kata sandi diganti.');
      setForm(empty);
      setErrors({});
    } else setErrors({ ...issuesToErrors(r.error.issues), _: r.error.issues?.length ? undefined : r.error.message });
  }
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [k]: e.target.value });
  if (!session) return null;
  return (
    <div style={{ maxWidth: 560 }}>
      <h1>Akun Saya</h1>
      <section className="card">
        <p>
          <strong>{session.user.displayName}</strong> ({session.user.username}) · {session.user.roles.map((r) => ROLE_LABEL[r]).join(', ')}
        </p>
      </section>
      <form className="card" onSubmit={asyncHandler(submit)} noValidate>
        <div className="card-head">
          <h2>Ganti kata sandi</h2>
        </div>
        {errors._ && <div className="banner banner-error">{errors._}</div>}
        <Field label="Kata sandi saat ini" error={errors.currentPassword} required>
          {(id, d) => <input id={id} aria-describedby={d} type="password" value={form.currentPassword} onChange={set('currentPassword')} autoComplete="current-password" />}
        </Field>
        <Field label="Kata sandi baru" error={errors.newPassword} hint="Minimal 10 karakter, memuat huruf dan angka." required>
          {(id, d) => <input id={id} aria-describedby={d} type="password" value={form.newPassword} onChange={set('newPassword')} autoComplete="new-password" />}
        </Field>
        <Field label="Ulangi kata sandi baru" error={errors.confirm} required>
          {(id, d) => <input id={id} aria-describedby={d} type="password" value={form.confirm} onChange={set('confirm')} autoComplete="new-password" />}
        </Field>
        <div className="form-actions">
          <button className="primary" disabled={busy}>
            Ganti kata sandi
          </button>
        </div>
      </form>
    </div>
  );
}
