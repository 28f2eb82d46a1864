import { useState, type FormEvent } from 'react';
import { call } from '../api';
import { useApp } from '../store';
import { Field, issuesToErrors, type FieldErrors } from '../ui/Field';
import { JoinOffice } from '../sync/JoinOffice';
import { asyncHandler } from '../ui/async-handler';
import { CredentialsForm } from './CredentialsForm';

export function AuthFrame(props: { title: string; subtitle: string; children: React.ReactNode }) {
  return (
    <main className="auth">
      <div className="auth-card">
        <div className="brand-block">
          <div className="brand-mark" aria-hidden="true">
            LPSE
          </div>
          <div>
            <div className="brand-title">LPSE Counter</div>
            <div className="brand-sub">Bagian Layanan Pengadaan · Sekretariat Daerah Kota Banjarmasin</div>
          </div>
        </div>
        <h1>{props.title}</h1>
        <p className="muted">{props.subtitle}</p>
        {props.children}
      </div>
    </main>
  );
}

export function SetupScreen(props: { onAlreadySetUp: (message: string) => void }) {
  const setSession = useApp((s) => s.setSession);
  const setStatus = useApp((s) => s.setStatus);
  const [form, setForm] = useState({ displayName: '', username: '', password: '', confirm: '', dpoName: '', dpoContact: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (form.password !== form.confirm) {
      setErrors({ confirm: 'Konfirmasi kata sandi tidak sama.' });
      return;
    }
    setBusy(true);
    const r = await call('auth.setup', { displayName: form.displayName, username: form.username, password: form.password, dpoName: form.dpoName, dpoContact: form.dpoContact });
    setBusy(false);
    if (r.ok) {
      // The app is set up now: signing out later leads to the sign-in screen, not back here.
      const status = useApp.getState().status;
      if (status) setStatus({ ...status, setupRequired: false });
      setSession(r.value);
    } else if (r.error.code === 'already_set_up') {
      // Another window (or a sync from the office) set the app up meanwhile: sign in instead.
      const s = await call('app.status', {});
      props.onAlreadySetUp('Aplikasi sudah memiliki akun supervisor. Silakan masuk.');
      if (s.ok) setStatus(s.value);
    } else {
      setErrors(issuesToErrors(r.error.issues));
      setMessage(r.error.message);
    }
  }
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [k]: e.target.value });
  return (
    <AuthFrame title="Penyiapan awal" subtitle="Buat akun pimpinan. Akun ini memegang jabatan Kepala Bagian dan Kepala Sub Bagian sampai pimpinan lain ditambahkan, lalu menambahkan akun petugas helpdesk, verifikator, dan admin sistem.">
      <form onSubmit={asyncHandler(submit)} className="stack" noValidate>
        {message && <div className="banner banner-error">{message}</div>}
        <Field label="Nama lengkap" error={errors.displayName} required>
          {(id, d) => <input id={id} aria-describedby={d} value={form.displayName} onChange={set('displayName')} autoFocus autoComplete="name" />}
        </Field>
        <Field label="Nama pengguna" error={errors.username} hint="Huruf kecil, angka, titik, atau garis bawah." required>
          {(id, d) => <input id={id} aria-describedby={d} value={form.username} onChange={set('username')} autoComplete="username" />}
        </Field>
        <Field label="Kata sandi" error={errors.password} hint="Minimal 10 karakter, memuat huruf dan angka." required>
          {(id, d) => <input id={id} aria-describedby={d} type="password" value={form.password} onChange={set('password')} autoComplete="new-password" />}
        </Field>
        <Field label="Ulangi kata sandi" error={errors.confirm} required>
          {(id, d) => <input id={id} aria-describedby={d} type="password" value={form.confirm} onChange={set('confirm')} autoComplete="new-password" />}
        </Field>
        <Field
          label="Pejabat Pelindungan Data Pribadi"
          error={errors.dpoName}
          hint="Pejabat yang bertanggung jawab atas data pribadi pemohon (UU 27/2022). Disebut pada tanda terima dan setiap ekspor; dapat diisi atau diubah kemudian di Pengaturan."
        >
          {(id, d) => <input id={id} aria-describedby={d} value={form.dpoName} onChange={set('dpoName')} autoComplete="off" />}
        </Field>
        <Field label="Kontak pejabat pelindungan data pribadi" error={errors.dpoContact} hint="Telepon atau e-mail kedinasan.">
          {(id, d) => <input id={id} aria-describedby={d} value={form.dpoContact} onChange={set('dpoContact')} autoComplete="off" />}
        </Field>
        <button className="primary" disabled={busy}>
          {busy ? 'Menyimpan…' : 'Buat akun pimpinan'}
        </button>
      </form>
      <JoinOffice />
    </AuthFrame>
  );
}

export function SignInScreen(props: { reason?: string | null }) {
  const setSession = useApp((s) => s.setSession);
  async function signIn(username: string, password: string): Promise<string | null> {
    const r = await call('auth.signIn', { username, password });
    if (!r.ok) return r.error.issues?.[0]?.message ?? r.error.message;
    setSession(r.value);
    return null;
  }
  return (
    <AuthFrame title="Masuk" subtitle="Masuk dengan akun petugas Anda.">
      <CredentialsForm submitLabel="Masuk" signIn={signIn} initialError={props.reason ?? null} />
    </AuthFrame>
  );
}
