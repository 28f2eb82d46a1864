/**
 * Handlers of the sync methods (contract/sync.ts). The engine lives in backend/sync; these only check who
 * may act and turn its state into the status the renderer shows.
 */
import type { z } from 'zod';
import { AppError, ERROR_MESSAGES } from '../../contract/result';
import type { enrollInput, syncStatus } from '../../contract/sync';
import type { CallContext } from '../context';
import { syncEngineFor } from '../sync/engine';
import { countUsers } from '../../db/queries';
import { holdsAnyRole } from '../../domain/roles';

type Status = z.output<typeof syncStatus>;

/** Signed in with one of the roles, or a PC that has no account at all yet (it joins an office to get them). */
async function requireAdminOrFirstRun(ctx: CallContext): Promise<void> {
  // These methods are public at the dispatcher, so the screen lock is checked here.
  if (ctx.session?.lockedAt) throw new AppError('locked', ERROR_MESSAGES.locked);
  if (ctx.session && holdsAnyRole(ctx.session.roles, ['supervisor', 'sysadmin'])) return;
  if ((await countUsers(ctx.app.db)) === 0) return;
  if (!ctx.session) throw new AppError('unauthenticated', ERROR_MESSAGES.unauthenticated);
  throw new AppError('forbidden', 'Hanya supervisor atau admin sistem yang dapat mendaftarkan komputer ini ke server pusat.');
}

async function requireSignedInOrFirstRun(ctx: CallContext): Promise<void> {
  if (ctx.session?.lockedAt) throw new AppError('locked', ERROR_MESSAGES.locked);
  if (ctx.session) return;
  if ((await countUsers(ctx.app.db)) === 0) return;
  throw new AppError('unauthenticated', ERROR_MESSAGES.unauthenticated);
}

export const syncHandlers = {
  async 'sync.status'(ctx: CallContext): Promise<Status> {
    return syncEngineFor(ctx.app).status();
  },
  async 'sync.enroll'(ctx: CallContext, input: z.output<typeof enrollInput>): Promise<Status> {
    await requireAdminOrFirstRun(ctx);
    const engine = syncEngineFor(ctx.app);
    await engine.enroll(input.serverUrl, input.code, input.deviceName);
    return engine.status();
  },
  async 'sync.now'(ctx: CallContext): Promise<Status> {
    await requireSignedInOrFirstRun(ctx);
    const engine = syncEngineFor(ctx.app);
    await engine.syncNow();
    return engine.status();
  },
  async 'sync.forget'(ctx: CallContext): Promise<Status> {
    const engine = syncEngineFor(ctx.app);
    await engine.forget();
    return engine.status();
  },
};
