/**
 * Recovery mode's sign-in (docs/adr/0024): the database cannot be opened, so the account is checked against
 * the staff records of the newest readable backup (backend/backend-host.ts). Only a system administrator or
 * the Kepala Bagian / Kepala Sub Bagian may restore; wrong passwords are throttled per user name like the
 * normal sign-in.
 */
import { call } from '../api';
import { AuthFrame } from '../auth/AuthScreens';
import type { OutputOf } from '../../../contract/api';
import { CredentialsForm } from '../auth/CredentialsForm';

export type RecoverySession = OutputOf<'dataSafety.recoverySignIn'>;

export function RecoverySignIn(props: { problems: string[]; onSignedIn: (s: RecoverySession) => void }) {
  async function signIn(username: string, password: string): Promise<string | null> {
    const r = await call('dataSafety.recoverySignIn', { username, password });
    if (!r.ok) return r.error.issues?.[0]?.message ?? r.error.message;
    props.onSignedIn(r.value);
    return null;
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
      <CredentialsForm submitLabel="Masuk untuk pemulihan" signIn={signIn} ariaLabel="Masuk untuk pemulihan" errorTestId="recovery-signin-error" />
    </AuthFrame>
  );
}
