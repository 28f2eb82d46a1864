import { SETTINGS_AGGREGATE_ID } from '../../domain/aggregates/settings';
import { AppError } from '../../contract/result';
import type { ParsedInputOf, OutputOf } from '../../contract/api';
import { uuidv7 } from '../../domain/events/uuidv7';
import type { Role } from '../../domain/events/schema';
import type { AuthedCallContext, CallContext } from '../context';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../password';
import { recordEventsIn } from '../record';
import { countUsers } from '../../db/queries';
import type { Session } from '../sessions';
import { retryText, throttleFor } from '../login-throttle';

// Failed sign-ins are throttled per username and per workstation (backend/login-throttle.ts).

function sessionInfo(s: Session): OutputOf<'auth.me'> {
  return {
    token: s.token,
    user: { id: s.userId, username: s.username, displayName: s.displayName, roles: s.roles },
    expiresAt: s.lastActiveAt + 12 * 60 * 60 * 1000,
  };
}

/** Sorted in ROLES order, as staff.setRoles sorts them. */
const FIRST_ACCOUNT_ROLES: Role[] = ['kepala_subbagian', 'kepala_bagian'];

export const authHandlers = {
  async 'auth.setup'(ctx: CallContext, input: ParsedInputOf<'auth.setup'>) {
    const { app } = ctx;
    const userId = uuidv7(app.now());
    const passwordHash = await hashPassword(input.password);
    // The office's first account holds both heads' roles (domain/roles.ts) until the office adds the other
    // head. The check and the write share one transaction, so two first-run windows cannot both create one.
    await app.db.transaction().execute(async (tx) => {
      if ((await countUsers(tx)) > 0) throw new AppError('already_set_up', 'Aplikasi sudah memiliki akun. Silakan masuk.');
      await recordEventsIn(tx, app, userId, [
        {
          type: 'user.created',
          aggregateId: userId,
          payload: { username: input.username, displayName: input.displayName, roles: FIRST_ACCOUNT_ROLES, passwordHash },
        },
        // The data-protection officer asked for at setup (UU 27/2022, issue 15): recorded by the new head.
        ...(input.dpoName ? [{ type: 'settings.changed' as const, aggregateId: SETTINGS_AGGREGATE_ID, payload: { key: 'dpo_name' as const, value: input.dpoName } }] : []),
        ...(input.dpoContact ? [{ type: 'settings.changed' as const, aggregateId: SETTINGS_AGGREGATE_ID, payload: { key: 'dpo_contact' as const, value: input.dpoContact } }] : []),
      ]);
    });
    const s = app.sessions.create({ userId, username: input.username, displayName: input.displayName, roles: FIRST_ACCOUNT_ROLES }, app.now());
    return sessionInfo(s);
  },

  async 'auth.signIn'(ctx: CallContext, input: ParsedInputOf<'auth.signIn'>) {
    const { app } = ctx;
    const now = app.now();
    const throttle = throttleFor(app);
    const verdict = throttle.check(input.username, now);
    if (!verdict.allowed) {
      throw new AppError('throttled', `Terlalu banyak percobaan masuk yang gagal. Silakan coba lagi dalam ${retryText(verdict.retryAfterMs)}.`);
    }
    if ((await countUsers(app.db)) === 0) throw new AppError('setup_required', 'Aplikasi belum disiapkan. Buat akun pimpinan terlebih dahulu.');
    const user = await app.db.selectFrom('users').selectAll().where('username', '=', input.username).where('active', '=', 1).executeTakeFirst();
    // An unknown username costs the same scrypt work as a wrong password, so timing does not tell them apart.
    const ok = await verifyPassword(input.password, user ? user.password_hash : await dummyPasswordHash());
    if (!user || !ok) {
      throttle.fail(input.username, now);
      throw new AppError('bad_credentials', 'Nama pengguna atau kata sandi salah.');
    }
    throttle.succeed(input.username);
    // Fast user switching on a shared PC: signing in from a (possibly locked) session ends that session.
    if (ctx.session) app.sessions.end(ctx.session.token);
    const s = app.sessions.create(
      { userId: user.id, username: user.username, displayName: user.display_name, roles: JSON.parse(user.roles) as Role[] },
      now,
    );
    return sessionInfo(s);
  },

  async 'auth.signOut'(ctx: AuthedCallContext) {
    ctx.app.sessions.end(ctx.session.token);
    return {};
  },

  async 'auth.me'(ctx: AuthedCallContext) {
    return sessionInfo(ctx.session);
  },
};

