/**
 * Recovery mode's sign-in (docs/adr/0024): the database cannot be opened, so the account is checked against
 * the staff records of the newest readable backup (backend/backend-host.ts). Only a system administrator or
 * the Kepala Bagian / Kepala Sub Bagian may restore; wrong passwords are throttled per user name like the
 * normal sign-in.
 */
import { useState, type FormEvent } from 'react';
import { call } from '../api';
import { AuthFrame } from '../auth/AuthScreens';
import type { OutputOf } from '../../../contract/api';
import { Field } from '../ui/Field';
import { asyncHandler } from '../ui/async-handler';

export type RecoverySession = OutputOf<'dataSafety.recoverySignIn'>;

export function RecoverySignIn(props: { problems: string[]; onSignedIn: (s: RecoverySession) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const r = await call('dataSafety.recoverySignIn', { username, password });
    setBusy(false);
    if (r.ok) props.onSignedIn(r.value);
    else {
      setError(r.error.issues?.[0]?.message ?? r.error.message);
      setPassword('');
    }
  }
  return (
    <AuthFrame
      title="Mode Pemulihan"
      subtitle="Basis data di komputer ini tidak dapat dibuka. Pemulihan data hanya dapat dilakukan oleh administrator sistem, Kepala Bagian, atau Kepala Sub Bagian. Akun diperiksa terhadap cadangan terbaru yang dapat dibaca."
    >
      {props.problems.length > 0 && (
        <ul className="muted" data-testid="recovery-problems">
          {props.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <form onSubmit={asyncHandler(submit)} className="stack" noValidate aria-label="Masuk untuk pemulihan">
        {error && (
          <div className="banner banner-error" role="alert" data-testid="recovery-signin-error">
            {error}
          </div>
        )}
        <Field label="Nama pengguna">
          {(id) => <input id={id} value={username} onChange={(e) => setUsername(e.target.value)} autoFocus autoComplete="username" />}
        </Field>
        <Field label="Kata sandi">
          {(id) => <input id={id} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />}
        </Field>
        <button className="primary" disabled={busy || !username || !password}>
          {busy ? 'Memeriksa…' : 'Masuk untuk pemulihan'}
        </button>
      </form>
    </AuthFrame>
  );
}
