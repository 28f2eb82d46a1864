/**
 * Builds the backend for one data folder: opens the database, loads the device identity and the clock.
 * Electron's main process, the browser shell, the CLI, the bench and the tests all start here.
 */
import { startErasureFollowUp, startIdleScrub } from './privacy';
import { HybridLogicalClock } from '../domain/events/hlc';
import { uuidv7 } from '../domain/events/uuidv7';
import { AggregateEventCache } from '../db/aggregate-events';
import { DataFolderReadOnlyError, openDatabase, type OpenOptions } from '../db/open';
import { existingFileDatabaseKey } from '../db/database-key';
import { quickCheck, recentProjectionsCheck } from '../db/verify';
import { BackupService, DAMAGED_MESSAGE, NORMAL_STORAGE, READ_ONLY_MESSAGE, type BackupServiceOptions } from './data-safety';
import { getMeta, setMeta } from '../db/queries';
import { finishStartupSteps, SnapshotCache } from '../db/event-store';
import { ChangeFeed } from './changes';
import { startClockBoundaries } from './clock-boundary';
import type { AppContext } from './context';
import { dispatch } from './dispatch';
import { preloadHolidayLibrary } from '../domain/time/holiday-library';
import { log } from './log';
import { SessionStore } from './sessions';
import { startSync, stopSync, type SyncOptions } from './sync/engine';
import { DeviceTrust } from './device-trust';
import { FileKeyStore, type KeyStore } from '../trust/key-store';
import { startSurveyRelease } from './survey/release';
import { builtWorkerEntry, JobRunner } from './jobs/runner';
import fs from 'node:fs';

/**
 * A database file larger than this gets SQLite's `quick_check` after start-up, in the maintenance worker,
 * instead of before the app answers (ADR 0042): the check reads every page, ~13 s for a 1.8 GB file.
 */
export const QUICK_CHECK_INLINE_MAX_BYTES = 64 * 1024 * 1024;
/** How long after start-up that check starts: the sign-in and the first screen load first (and the PDF engine warms at 3 s). */
export const QUICK_CHECK_DELAY_MS = 10_000;

export const APP_VERSION = '0.1.0';

export interface CreateAppOptions extends OpenOptions {
  dataDir: string;
  transport: 'electron' | 'browser';
  now?: () => number;
  /** Background sync with the central server (backend/sync); `false` builds the engine without its loop. */
  sync?: SyncOptions | false;
  /**
   * Where the device's private signing key is kept: Electron passes its `safeStorage` store; everything else
   * uses a file only this user can read in the data folder (trust/key-store.ts).
   */
  keyStore?: KeyStore;
  /** Automatic backups (backend/data-safety.ts); `false` takes none (the bench's scratch databases). */
  backup?: BackupServiceOptions | false;
  /** Sessions carried over when the host reopens the backend on a restored file (backend/backend-host.ts). */
  sessions?: SessionStore;
  /** The change feed carried over the same way, so subscribers (windows, the shell's stream) keep listening. */
  changes?: ChangeFeed;
  /**
   * Where long jobs run (backend/jobs/): `worker` (default where the worker bundle is built) or `inline`
   * on the main connection (default when running from the TypeScript sources, as the unit tests do).
   */
  jobs?: 'worker' | 'inline';
  /** The worker script (tests that build it themselves); default: `worker.mjs` beside this bundle. */
  workerEntry?: string;
  /** The one-time rebuild of a file written before secure_delete (backend/privacy.ts): when, and its timer. */
  idleScrub?: { idleMs?: number; intervalMs?: number; timer?: boolean };
  /**
   * `false`: no `quick_check` at this start (the bench's scratch copies of a dataset checked when it was
   * built: their figures are the counter's steady state, not its first seconds). Default true.
   */
  startupQuickCheck?: boolean;
  /** Files larger than this are checked after start-up (default {@link QUICK_CHECK_INLINE_MAX_BYTES}). */
  quickCheckInlineMaxBytes?: number;
  /** How long after start-up that check starts (default {@link QUICK_CHECK_DELAY_MS}). */
  quickCheckDelayMs?: number;
  /**
   * Told when the check run after start-up finds damage (the host then switches to recovery mode,
   * backend/backend-host.ts). The backend already refuses every change by then.
   */
  onLateDamage?: (problems: string[]) => void;
}

export interface Backend {
  ctx: AppContext;
  dispatch: (method: string, input: unknown, sessionToken: string | null) => ReturnType<typeof dispatch>;
  close: () => Promise<void>;
}

export async function createBackend(opts: CreateAppOptions): Promise<Backend> {
  // The shell and Electron pass the key; the CLI and tools use the folder's key file when there is one.
  const key = opts.key !== undefined ? opts.key : existingFileDatabaseKey(opts.dataDir);
  const opened = await openDatabase(opts.dataDir, {
    readOnlyFallback: true,
    ...opts,
    key,
    onCheckpointError: (err) => log.warn('wal_checkpoint_failed', { error: err instanceof Error ? err.message : String(err) }),
  });
  const now = opts.now ?? (() => Date.now());
  let deviceId = await getMeta(opened.db, 'device_id');
  if (!deviceId && opened.readOnly) throw new DataFolderReadOnlyError(`${opts.dataDir}: read-only and never started`);
  if (!deviceId) {
    deviceId = uuidv7(now());
    await setMeta(opened.db, 'device_id', deviceId);
  }
  // Resume the clock from the newest timestamps this database holds, so a PC whose wall clock was set back
  // still stamps later events after earlier ones.
  const recent = opened.sqlite.prepare('SELECT max(hlc) AS h FROM (SELECT hlc FROM events ORDER BY seq DESC LIMIT 1000)').get() as { h: string | null };
  const saved = await getMeta(opened.db, 'hlc_last');
  const start = [recent.h, saved].filter((x): x is string => !!x).sort().pop();
  const hlc = new HybridLogicalClock(now, undefined, start);

  const ctx: AppContext = {
    db: opened.db,
    sqlite: opened.sqlite,
    dataDir: opts.dataDir,
    deviceId,
    hlc,
    now,
    sessions: opts.sessions ?? new SessionStore(),
    transport: opts.transport,
    appVersion: APP_VERSION,
    eventCache: new AggregateEventCache(),
    snapshotCache: new SnapshotCache(),
    trust: DeviceTrust.open(opts.keyStore ?? new FileKeyStore(opts.dataDir)),
    changes: opts.changes ?? new ChangeFeed(),
    storage: opened.readOnly ? { mode: 'read_only', message: READ_ONLY_MESSAGE, problems: [] } : { ...NORMAL_STORAGE },
    backups: null,
  };
  // A read-only start reads a private snapshot (db/open.ts) the worker could not open: jobs run inline.
  const entry = opts.jobs === 'inline' || opened.readOnly ? null : (opts.workerEntry ?? builtWorkerEntry());
  if (opts.jobs === 'worker' && !entry) throw new Error('background worker requested but worker.mjs is not built (node build/build.mjs)');
  const jobs = new JobRunner({
    dataDir: opts.dataDir,
    // Only data crosses into the worker: the options the main connection was opened with, as data.
    open: { ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}), key: key ?? null },
    entry,
    inline: { ctx: { db: opened.db, dataDir: opts.dataDir, now }, sqlite: opened.sqlite },
  });
  ctx.jobs = jobs;
  if (opened.readOnly) {
    // Nothing that writes runs on a read-only database: no replay, no sync, no release of held responses.
    log.warn('storage_read_only', { dataDir: opts.dataDir });
    return {
      ctx,
      dispatch: (method, input, token) => dispatch(ctx, method, input, token),
      close: async () => {
        await jobs.close();
        await opened.close();
      },
    };
  }
  // The check at every start (db/verify.ts): SQLite's quick_check first, the newest events' projections
  // once parked events and permission rules are brought up to date (they legitimately change projections).
  const damaged = (problems: string[]) => {
    log.error('storage_damaged', { problems: problems.length });
    ctx.storage = { mode: 'damaged', message: DAMAGED_MESSAGE, problems };
  };
  // The whole-file check reads every page: a large file is checked in the maintenance worker once the app
  // answers (below), a small one here. The recent projections are checked here either way.
  const checkFile = opts.startupQuickCheck !== false;
  const deferQuickCheck = checkFile && fileBytes(opened.sqlite.name) > (opts.quickCheckInlineMaxBytes ?? QUICK_CHECK_INLINE_MAX_BYTES);
  const quick = deferQuickCheck || !checkFile ? { ok: true, problems: [] } : quickCheck(opened.sqlite);
  if (!quick.ok) damaged(quick.problems);
  else {
    try {
      const { rejudged } = await finishStartupSteps(opened.db, now());
      if (rejudged > 0) log.info('permissions_rejudged', { aggregates: rejudged });
      const recent = await recentProjectionsCheck(opened.db);
      if (!recent.ok) damaged(recent.problems);
    } catch (err) {
      damaged([`Basis data tidak dapat dibaca: ${err instanceof Error ? err.message : String(err)}`]);
    }
  }
  const backups = opts.backup === false || ctx.storage.mode !== 'normal' ? null : new BackupService(opened.sqlite, opts.dataDir, now, { onChange: () => ctx.changes.signal('storage'), ...(opts.backup ?? {}) }, jobs);
  ctx.backups = backups;
  if (ctx.storage.mode === 'damaged') {
    // A damaged database is only read (and restored or rebuilt from the supervisor's screen or the CLI).
    return {
      ctx,
      dispatch: (method, input, token) => dispatch(ctx, method, input, token),
      close: async () => {
        await jobs.close();
        await opened.close();
      },
    };
  }
  preloadHolidayLibrary();
  // After an erasure commits: caches dropped, WAL truncated (ADR 0019).
  const stopErasureFollowUp = startErasureFollowUp(ctx);
  // A file written before secure_delete is rebuilt once, at idle or at closing (backend/privacy.ts).
  const idleScrub = startIdleScrub(ctx, opts.idleScrub ?? {});
  startSync(ctx, opts.sync === false ? { autoStart: false } : (opts.sync ?? {}));
  const boundaries = opts.sync === false ? null : startClockBoundaries(ctx);
  // Held kiosk responses enter the log once their day is over (docs/adr/0010).
  const stopSurveyRelease = startSurveyRelease(ctx);
  let closed = false;
  const lateCheck = deferQuickCheck ? checkAfterStart(ctx, jobs, () => closed, damaged, opts.onLateDamage, opts.quickCheckDelayMs ?? QUICK_CHECK_DELAY_MS) : null;
  return {
    ctx,
    dispatch: (method, input, token) => dispatch(ctx, method, input, token),
    close: async () => {
      closed = true;
      boundaries?.stop();
      stopSurveyRelease();
      stopErasureFollowUp();
      idleScrub.stop();
      await stopSync(ctx);
      await setMeta(opened.db, 'hlc_last', hlc.current());
      // A backup at closing when data changed since the last one (issue 15).
      if (backups) {
        backups.stop();
        await backups.idle();
        // Never a backup of a file found damaged: it would only fail its own check.
        if (backups.changed() && ctx.storage.mode === 'normal') await backups.run('closing').catch(() => undefined);
      }
      // A check still running is abandoned (its worker stops): the next start checks again.
      lateCheck?.cancel();
      await jobs.close();
      await lateCheck?.done;
      if (ctx.storage.mode === 'normal') {
        await idleScrub.atClosing(now());
        opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      }
      await opened.close();
    },
  };
}

function fileBytes(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0; // an in-memory or vanished file: checked inline
  }
}

/**
 * SQLite's `quick_check` of a large file, in the maintenance worker after start-up (ADR 0042), once the first
 * screen has loaded (`delayMs`). Damage found puts the backend in damaged mode at once (every change
 * refused, dispatch.ts) and tells the host, which switches to recovery mode as a start on a damaged file
 * would. A check that could not run (the app closed meanwhile, the worker failed) is only logged: the next
 * start checks again.
 */
function checkAfterStart(
  ctx: AppContext,
  jobs: JobRunner,
  closed: () => boolean,
  damaged: (problems: string[]) => void,
  onLateDamage: ((problems: string[]) => void) | undefined,
  delayMs: number,
): { done: Promise<void>; cancel(): void } {
  let timer: NodeJS.Timeout | null = null;
  let settle: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (settle = resolve));
  timer = setTimeout(() => {
    timer = null;
    const started = Date.now();
    jobs
      .run('quickCheck', {})
      .then(
        (r) => {
          log.info('startup_quick_check', { ok: r.ok, ms: Date.now() - started });
          if (r.ok || closed()) return;
          damaged(r.problems);
          ctx.changes.signal('storage');
          onLateDamage?.(r.problems);
        },
        (err: unknown) => {
          if (!closed()) log.warn('startup_quick_check_failed', { error: err instanceof Error ? err.message : String(err) });
        },
      )
      .finally(settle);
  }, delayMs);
  timer.unref();
  return {
    done,
    cancel: () => {
      if (timer === null) return;
      clearTimeout(timer);
      timer = null;
      settle();
    },
  };
}
