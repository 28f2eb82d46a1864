/**
 * What follows an erasure on this PC once its transaction has committed (ADR 0019): the in-memory caches
 * that still hold the events or states as they were are dropped (they match on last key and event count,
 * which a redaction does not change), and the WAL, which still holds the old page images, is checkpointed
 * and truncated (db/erasure.ts `checkpointAfterErasure`). Runs on the change notice of an 'erasure'
 * aggregate (a local erasure, or one pulled by sync) and after own events left pending were redacted.
 *
 * No VACUUM runs here: the file is written with `secure_delete` (db/open.ts), so the redaction itself left
 * nothing in freed space. A file written before that (no `secure_delete_since` mark) is rebuilt once by
 * `startIdleScrub` when the counter has been quiet for a while, or at closing (backend/app.ts).
 */
import { CompiledQuery } from 'kysely';
import { checkpointAfterErasure, needsWholeFileScrub, scrubWholeFile } from '../db/erasure';
import type { AppContext } from './context';
import { log } from './log';

const RETRY_MS = 2000;
const MAX_TRIES = 30;

export function afterErasure(app: AppContext, tries = 0): void {
  app.eventCache.clear();
  app.snapshotCache.clear();
  let done = false;
  try {
    done = checkpointAfterErasure(app.sqlite);
  } catch (err) {
    log.warn('erasure_checkpoint_failed', { error: err instanceof Error ? err.message : String(err) });
  }
  if (done) {
    log.info('erasure_checkpointed', {});
    return;
  }
  // A reader (a backup in progress) kept the checkpoint from finishing: try again shortly.
  if (tries < MAX_TRIES) setTimeout(() => afterErasure(app, tries + 1), RETRY_MS).unref();
}

/** Subscribes to the change feed; returns the unsubscribe. */
export function startErasureFollowUp(app: AppContext): () => void {
  return app.changes.subscribe((n) => {
    if (n.types.includes('erasure')) afterErasure(app);
  });
}

export interface IdleScrub {
  /** One check: rebuilds the file when it needs it and nothing was written for `idleMs`. True when it ran. */
  tick(now: number): Promise<boolean>;
  /** At closing: rebuilds the file if it still needs it (the app is no longer serving anyone). */
  atClosing(now: number): Promise<boolean>;
  stop(): void;
}

/**
 * The one-time rebuild of a file written before `secure_delete` (db/erasure.ts `scrubWholeFile`) that holds
 * an erasure, when the counter has been quiet for `idleMs` (default 10 minutes: a lunch break, the end of the day) or at closing.
 * It goes through Kysely's executor, so it waits for the connection and never runs inside a transaction.
 */
export function startIdleScrub(app: AppContext, opts: { idleMs?: number; intervalMs?: number; timer?: boolean } = {}): IdleScrub {
  const idleMs = opts.idleMs ?? 10 * 60_000;
  const changes = app.sqlite.prepare('SELECT total_changes() AS n').pluck();
  // Only a file that holds an erasure needs the rebuild: without one there is nothing the law asks to be
  // gone from its free space, and a VACUUM of a years-old file at closing would keep the officer waiting
  // for minutes. An erasure arriving later (at this counter or by sync) makes it due.
  const unmarked = needsWholeFileScrub(app.sqlite);
  const anyErasure = () => app.sqlite.prepare('SELECT 1 FROM erasures LIMIT 1').get() !== undefined;
  let due = unmarked && anyErasure();
  const unsubscribe = unmarked
    ? app.changes.subscribe((n) => {
        if (n.types.includes('erasure') && needsWholeFileScrub(app.sqlite)) due = true;
      })
    : () => undefined;
  let seen = changes.get() as number;
  let quietSince = app.now();
  let running = false;
  const run = async (now: number, why: 'idle' | 'closing'): Promise<boolean> => {
    if (!due || running || !app.sqlite.open) return false;
    running = true;
    try {
      const started = performance.now();
      // An empty query through the executor first: it returns once no transaction holds the connection.
      await app.db.executeQuery(CompiledQuery.raw('SELECT 1'));
      // A transaction that took the connection meanwhile: the next tick tries again.
      if (app.sqlite.inTransaction) return false;
      scrubWholeFile(app.sqlite, now);
      due = false;
      log.info('database_scrubbed', { why, ms: Math.round(performance.now() - started) });
      return true;
    } catch (err) {
      log.warn('database_scrub_failed', { why, error: err instanceof Error ? err.message : String(err) });
      return false;
    } finally {
      running = false;
      seen = changes.get() as number;
    }
  };
  const tick = async (now: number): Promise<boolean> => {
    if (!due || !app.sqlite.open) return false;
    const n = changes.get() as number;
    if (n !== seen) {
      seen = n;
      quietSince = now;
      return false;
    }
    if (now - quietSince < idleMs) return false;
    return run(now, 'idle');
  };
  const handle = opts.timer === false || !unmarked ? null : setInterval(() => void tick(app.now()), opts.intervalMs ?? 15_000);
  handle?.unref();
  return {
    tick,
    atClosing: (now) => run(now, 'closing'),
    stop: () => {
      unsubscribe();
      if (handle) clearInterval(handle);
    },
  };
}
