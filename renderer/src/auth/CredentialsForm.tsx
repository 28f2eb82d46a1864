/**
 * The user-name and password form of the sign-in screen and of recovery mode's sign-in: one place for its
 * fields, its error banner and the rule that a refused password is cleared (the officer types it again).
 */
import { useState, type FormEvent } from 'react';
import { Field } from '../ui/Field';
import { asyncHandler } from '../ui/async-handler';

export function CredentialsForm(props: {
  submitLabel: string;
  /** Checks the credentials; null when they were accepted, else the message to show (in Indonesian). */
  signIn: (username: string, password: string) => Promise<string | null>;
  initialError?: string | null;
  ariaLabel?: string;
  errorTestId?: string;
}) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(props.initialError ?? null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const refused = await props.signIn(username, password);
    setBusy(false);
    if (refused !== null) {
      setError(refused);
      setPassword('');
    }
  }
  return (
    <form onSubmit={asyncHandler(submit)} className="stack" noValidate aria-label={props.ariaLabel}>
      {error && (
        <div className="banner banner-error" role="alert" data-testid={props.errorTestId}>
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
        {busy ? 'Memeriksa…' : props.submitLabel}
      </button>
    </form>
  );
}
