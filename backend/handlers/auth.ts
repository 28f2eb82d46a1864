import { AppError } from '../../contract/result';
import type { ParsedInputOf, OutputOf } from '../../contract/api';
import { uuidv7 } from '../../domain/events/uuidv7';
import type { Role } from '../../domain/events/schema';
import type { AuthedCallContext, CallContext } from '../context';
import { hashPassword, verifyPassword } from '../password';
import { recordEvents } from '../record';
import type { Session } from '../sessions';

const MAX_FAILURES = 5;
const FAILURE_WINDOW_MS = 5 * 60_000;
const LOCKOUT_MS = 60_000;
const failures = new Map<string, number[]>();

function sessionInfo(s: Session): OutputOf<'auth.me'> {
  return {
    token: s.token,
    user: { id: s.userId, username: s.username, displayName: s.displayName, roles: s.roles },
    expiresAt: s.lastActiveAt + 12 * 60 * 60 * 1000,
  };
}

export async function countUsers(ctx: CallContext): Promise<number> {
  const r = await ctx.app.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export const authHandlers = {
  async 'auth.setup'(ctx: CallContext, input: ParsedInputOf<'auth.setup'>) {
    const { app } = ctx;
    const userId = uuidv7(app.now());
    const passwordHash = await hashPassword(input.password);
    // The check and the write share one transaction, so two first-run windows cannot both create a supervisor.
    await app.db.transaction().execute(async (tx) => {
      const n = await tx.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      if (Number(n.n) > 0) throw new AppError('already_set_up', 'Aplikasi sudah memiliki akun. Silakan masuk.');
      const { recordEventsIn } = await import('../record');
      await recordEventsIn(tx, app, userId, [
        {
          type: 'user.created',
          aggregateId: userId,
          payload: { username: input.username, displayName: input.displayName, roles: ['supervisor'] as Role[], passwordHash },
        },
      ]);
    });
    const s = app.sessions.create({ userId, username: input.username, displayName: input.displayName, roles: ['supervisor'] }, app.now());
    return sessionInfo(s);
  },

  async 'auth.signIn'(ctx: CallContext, input: ParsedInputOf<'auth.signIn'>) {
    const { app } = ctx;
    const now = app.now();
    const recent = (failures.get(input.username) ?? []).filter((t) => now - t < FAILURE_WINDOW_MS);
    if (recent.length >= MAX_FAILURES && now - recent[recent.length - 1]! < LOCKOUT_MS) {
      throw new AppError('throttled', 'Terlalu banyak percobaan masuk yang gagal. Silakan coba lagi dalam 1 menit.');
    }
    if ((await countUsers(ctx)) === 0) throw new AppError('setup_required', 'Aplikasi belum disiapkan. Buat akun supervisor terlebih dahulu.');
    const user = await app.db.selectFrom('users').selectAll().where('username', '=', input.username).where('active', '=', 1).executeTakeFirst();
    const ok = user ? await verifyPassword(input.password, user.password_hash) : false;
    if (!user || !ok) {
      failures.set(input.username, [...recent, now]);
      throw new AppError('bad_credentials', 'Nama pengguna atau kata sandi salah.');
    }
    failures.delete(input.username);
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

export { recordEvents };
