/**
 * What follows an erasure on this PC once its transaction has committed (ADR 0019): the in-memory caches
 * that still hold the events or states as they were are dropped (they match on last key and event count,
 * which a redaction does not change), and the WAL, which still holds the old page images, is checkpointed
 * and truncated (db/erasure.ts `scrubDatabase`). Runs on the change notice of an 'erasure' aggregate (a
 * local erasure, or one pulled by sync) and after own events left pending were redacted.
 */
import { scrubDatabase } from '../db/erasure';
import type { AppContext } from './context';
import { log } from './log';

const RETRY_MS = 2000;
const MAX_TRIES = 30;

export function afterErasure(app: AppContext, tries = 0): void {
  app.eventCache.clear();
  app.snapshotCache.clear();
  let done = false;
  try {
    done = scrubDatabase(app.sqlite);
  } catch (err) {
    log.warn('erasure_scrub_failed', { error: err instanceof Error ? err.message : String(err) });
  }
  if (done) {
    log.info('erasure_scrubbed', {});
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
