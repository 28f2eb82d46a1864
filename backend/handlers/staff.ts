/**
 * Staff accounts (supervisor only), own password change, the screen lock, office settings and the
 * catalogue publication. Every change is an event carrying the acting user.
 */
import type { OutputOf, ParsedInputOf } from '../../contract/api';
import { AppError } from '../../contract/result';
import { loadAggregateState } from '../../db/event-store';
import type { NewEvent } from '../../db/event-store';
import { latestCatalogueVersion } from '../../db/queries';
import { checkDraft } from '../../domain/catalogue/draft';
import { settingOf } from '../../domain/aggregates/settings';
import { uuidv7 } from '../../domain/events/uuidv7';
import type { Role } from '../../domain/events/schema';
import type { AppContext, AuthedCallContext } from '../context';
import { retryText, throttleFor } from '../login-throttle';
import { hashPassword, verifyPassword } from '../password';
import { recordEventsIn } from '../record';
import { holdsRole } from '../../domain/roles';

type UsersRow = { id: string; username: string; display_name: string; roles: string; active: number; updated_at: number };

function toStaffUser(r: UsersRow): OutputOf<'users.create'> {
  return { id: r.id, username: r.username, displayName: r.display_name, roles: JSON.parse(r.roles) as Role[], active: r.active === 1, updatedAt: r.updated_at };
}

async function userRow(app: AppContext, userId: string): Promise<UsersRow> {
  const r = await app.db.selectFrom('users').select(['id', 'username', 'display_name', 'roles', 'active', 'updated_at']).where('id', '=', userId).executeTakeFirst();
  if (!r) throw new AppError('not_found', 'Akun petugas tidak ditemukan.');
  return r;
}

async function record(ctx: AuthedCallContext, events: NewEvent[]): Promise<void> {
  await ctx.app.db.transaction().execute((tx) => recordEventsIn(tx, ctx.app, ctx.session.userId, events));
}

/** Active supervisors other than `exceptId`: the office must never lose its last supervisor. */
async function otherActiveSupervisors(app: AppContext, exceptId: string): Promise<number> {
  const rows = await app.db.selectFrom('users').select(['id', 'roles']).where('active', '=', 1).where('id', '!=', exceptId).execute();
  return rows.filter((r) => holdsRole(JSON.parse(r.roles) as Role[], 'supervisor')).length;
}

export async function screenLockMinutes(app: AppContext): Promise<number> {
  return settingOf(await loadAggregateState<'settings'>(app.db, 'settings'), 'screen_lock_minutes');
}

export const staffHandlers = {
  async 'users.list'(ctx: AuthedCallContext) {
    const rows = await ctx.app.db
      .selectFrom('users')
      .select(['id', 'username', 'display_name', 'roles', 'active', 'updated_at'])
      .orderBy('active', 'desc')
      .orderBy('display_name')
      .execute();
    return { users: rows.map(toStaffUser) };
  },

  async 'users.create'(ctx: AuthedCallContext, input: ParsedInputOf<'users.create'>) {
    const { app } = ctx;
    const passwordHash = await hashPassword(input.password);
    const userId = uuidv7(app.now());
    await app.db.transaction().execute(async (tx) => {
      const taken = await tx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
      if (taken) {
        throw new AppError('conflict', `Nama pengguna "${input.username}" sudah dipakai.`, [{ path: 'username', message: 'Nama pengguna sudah dipakai. Pilih nama lain.' }]);
      }
      await recordEventsIn(tx, app, ctx.session.userId, [
        { type: 'user.created', aggregateId: userId, payload: { username: input.username, displayName: input.displayName, roles: input.roles, passwordHash } },
      ]);
    });
    return toStaffUser(await userRow(app, userId));
  },

  async 'users.setRoles'(ctx: AuthedCallContext, input: ParsedInputOf<'users.setRoles'>) {
    const { app } = ctx;
    const u = await userRow(app, input.userId);
    const current = JSON.parse(u.roles) as Role[];
    if (holdsRole(current, 'supervisor') && !holdsRole(input.roles, 'supervisor') && u.active === 1 && (await otherActiveSupervisors(app, u.id)) === 0) {
      throw new AppError('invalid_state', 'Peran supervisor tidak dapat dicabut dari supervisor aktif terakhir.');
    }
    if (current.join(',') !== input.roles.join(',')) {
      await record(ctx, [{ type: 'user.roles_changed', aggregateId: u.id, payload: { roles: input.roles } }]);
      // Roles are copied into sessions at sign-in: the user's other sessions end (they sign in again with the
      // new roles); a supervisor editing their own roles keeps working, with the new roles.
      for (const s of app.sessions.list()) {
        if (s.userId !== u.id) continue;
        if (s.token === ctx.session.token) s.roles = input.roles;
        else app.sessions.end(s.token);
      }
    }
    return toStaffUser(await userRow(app, u.id));
  },

  async 'users.disable'(ctx: AuthedCallContext, input: ParsedInputOf<'users.disable'>) {
    const { app } = ctx;
    const u = await userRow(app, input.userId);
    if (u.id === ctx.session.userId) throw new AppError('invalid_state', 'Anda tidak dapat menonaktifkan akun Anda sendiri.');
    if (u.active === 0) throw new AppError('invalid_state', 'Akun ini sudah nonaktif.');
    if (holdsRole(JSON.parse(u.roles) as Role[], 'supervisor') && (await otherActiveSupervisors(app, u.id)) === 0) {
      throw new AppError('invalid_state', 'Supervisor aktif terakhir tidak dapat dinonaktifkan.');
    }
    await record(ctx, [{ type: 'user.disabled', aggregateId: u.id, payload: { reason: input.reason } }]);
    app.sessions.endForUser(u.id);
    return toStaffUser(await userRow(app, u.id));
  },

  async 'users.enable'(ctx: AuthedCallContext, input: ParsedInputOf<'users.enable'>) {
    const u = await userRow(ctx.app, input.userId);
    if (u.active === 1) throw new AppError('invalid_state', 'Akun ini sudah aktif.');
    await record(ctx, [{ type: 'user.enabled', aggregateId: u.id, payload: {} }]);
    return toStaffUser(await userRow(ctx.app, u.id));
  },

  async 'users.resetPassword'(ctx: AuthedCallContext, input: ParsedInputOf<'users.resetPassword'>) {
    const { app } = ctx;
    const u = await userRow(app, input.userId);
    const passwordHash = await hashPassword(input.newPassword);
    await record(ctx, [{ type: 'user.password_changed', aggregateId: u.id, payload: { passwordHash } }]);
    if (u.id !== ctx.session.userId) app.sessions.endForUser(u.id);
    throttleFor(app).succeed(u.username);
    return toStaffUser(await userRow(app, u.id));
  },

  async 'auth.changePassword'(ctx: AuthedCallContext, input: ParsedInputOf<'auth.changePassword'>) {
    const { app, session } = ctx;
    const now = app.now();
    const throttle = throttleFor(app);
    const verdict = throttle.check(session.username, now);
    if (!verdict.allowed) throw new AppError('throttled', `Terlalu banyak percobaan yang gagal. Silakan coba lagi dalam ${retryText(verdict.retryAfterMs)}.`);
    const u = await app.db.selectFrom('users').select('password_hash').where('id', '=', session.userId).executeTakeFirst();
    if (!u || !(await verifyPassword(input.currentPassword, u.password_hash))) {
      throttle.fail(session.username, now);
      throw new AppError('bad_credentials', 'Kata sandi saat ini salah.', [{ path: 'currentPassword', message: 'Kata sandi saat ini salah.' }]);
    }
    if (input.currentPassword === input.newPassword) {
      throw new AppError('invalid_input', 'Kata sandi baru harus berbeda dari kata sandi saat ini.', [{ path: 'newPassword', message: 'Gunakan kata sandi yang berbeda.' }]);
    }
    const passwordHash = await hashPassword(input.newPassword);
    await record(ctx, [{ type: 'user.password_changed', aggregateId: session.userId, payload: { passwordHash } }]);
    // Other sessions of this user (another window) end; this one continues.
    for (const other of [...otherSessionsOf(app, session.userId, session.token)]) app.sessions.end(other);
    return {};
  },

  async 'auth.lock'(ctx: AuthedCallContext) {
    ctx.app.sessions.lock(ctx.session.token, ctx.app.now());
    return { locked: true as const };
  },

  async 'auth.unlock'(ctx: AuthedCallContext, input: ParsedInputOf<'auth.unlock'>) {
    const { app, session } = ctx;
    const now = app.now();
    const throttle = throttleFor(app);
    const verdict = throttle.check(session.username, now);
    if (!verdict.allowed) throw new AppError('throttled', `Terlalu banyak percobaan yang gagal. Silakan coba lagi dalam ${retryText(verdict.retryAfterMs)}, atau ganti pengguna.`);
    const u = await app.db.selectFrom('users').select(['password_hash', 'active']).where('id', '=', session.userId).executeTakeFirst();
    if (!u || u.active !== 1) {
      app.sessions.end(session.token);
      throw new AppError('unauthenticated', 'Akun ini tidak aktif lagi. Silakan masuk dengan akun lain.');
    }
    if (!(await verifyPassword(input.password, u.password_hash))) {
      throttle.fail(session.username, now);
      throw new AppError('bad_credentials', 'Kata sandi salah.', [{ path: 'password', message: 'Kata sandi salah.' }]);
    }
    throttle.succeed(session.username);
    app.sessions.unlock(session.token, now);
    return { locked: false as const };
  },

  async 'auth.lockState'(ctx: AuthedCallContext) {
    return { locked: !!ctx.session.lockedAt, screenLockMinutes: await screenLockMinutes(ctx.app) };
  },

  async 'settings.screenLock'(ctx: AuthedCallContext) {
    return { screenLockMinutes: await screenLockMinutes(ctx.app) };
  },

  async 'settings.setScreenLock'(ctx: AuthedCallContext, input: ParsedInputOf<'settings.setScreenLock'>) {
    if ((await screenLockMinutes(ctx.app)) !== input.screenLockMinutes) {
      await record(ctx, [{ type: 'settings.changed', aggregateId: 'settings', payload: { key: 'screen_lock_minutes', value: input.screenLockMinutes } }]);
    }
    return { screenLockMinutes: await screenLockMinutes(ctx.app) };
  },

  async 'catalogue.publish'(ctx: AuthedCallContext, input: ParsedInputOf<'catalogue.publish'>) {
    const { app } = ctx;
    await app.db.transaction().execute(async (tx) => {
      const active = await latestCatalogueVersion(tx);
      if (input.catalogue.version !== active + 1) {
        throw new AppError('conflict', `Versi katalog baru harus ${active + 1} (versi terakhir ${active}).`, [
          { path: 'catalogue.version', message: `Gunakan nomor versi ${active + 1}.` },
        ]);
      }
      const checked = checkDraft(input.catalogue);
      if (!checked.ok) throw new AppError('invalid_input', checked.issues[0]!.message, checked.issues);
      await recordEventsIn(tx, app, ctx.session.userId, [
        { type: 'catalogue.published', aggregateId: 'catalogue', payload: { version: input.catalogue.version, catalogue: input.catalogue, note: input.note || null } },
      ]);
    });
    return { version: input.catalogue.version };
  },
};

function* otherSessionsOf(app: AppContext, userId: string, keep: string): Generator<string> {
  for (const s of app.sessions.list()) if (s.userId === userId && s.token !== keep) yield s.token;
}
