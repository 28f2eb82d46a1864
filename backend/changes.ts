/**
 * The change feed: after each commit that appended events (a local action through `dispatch`, a sync page,
 * held events released), the backend announces the aggregates the append reported as affected
 * (`AppendResult.affected`, db/event-store.ts) to every subscriber: the Electron window, the browser
 * shell's event streams. Screens refresh what they show from it instead of polling (contract/changes.ts).
 *
 * Announcing after the commit matters: a screen that reads on a notice must find the new rows. Local
 * appends call `noteChanges` inside their transaction; it collects, and the transaction's end announces
 * (db/transaction-end.ts): once per committed transaction, with every aggregate it changed, and nothing for
 * one rolled back. The sync engine announces itself after each page's transaction.
 *
 * Why not a scope per `dispatch` call (AsyncLocalStorage, as before): on Node 20 an active
 * AsyncLocalStorage puts a hook on every promise the process creates, and a counter action creates hundreds
 * (ADR 0031); the transaction is where the rows become visible anyway.
 */
import type Database from 'better-sqlite3';
import { MAX_NOTICE_IDS, type ChangeNotice } from '../contract/changes';
import { afterTransaction } from '../db/transaction-end';
import { log } from './log';

export type ChangeListener = (notice: ChangeNotice) => void;
type Origin = ChangeNotice['origin'];

export class ChangeFeed {
  readonly #listeners = new Set<ChangeListener>();
  #seq = 0;

  subscribe(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }

  /** Announces changed aggregates (id → type) to every subscriber; nothing when the map is empty. */
  announce(affected: ReadonlyMap<string, string>, origin: Origin): void {
    if (affected.size === 0) return;
    const types = [...new Set(affected.values())].sort();
    this.#emit({ origin, ids: affected.size > MAX_NOTICE_IDS ? null : [...affected.keys()], types });
  }

  /**
   * A change that is not an aggregate's: the sync engine's state ('sync'), counter hours opening or closing
   * ('clock'), backups and the storage state ('storage', backend/data-safety.ts), or '*' when the whole
   * database was swapped by a restore (backend/backend-host.ts): every screen reads again.
   */
  signal(type: 'sync' | 'clock' | 'storage' | '*', origin: Origin = type === 'clock' ? 'clock' : 'system'): void {
    this.#emit({ origin, ids: [], types: [type] });
  }

  #emit(n: Omit<ChangeNotice, 'seq'>): void {
    const notice: ChangeNotice = { seq: ++this.#seq, ...n };
    for (const l of this.#listeners) {
      try {
        l(notice);
      } catch (err) {
        // One broken subscriber (a closed window) must not keep the others from hearing.
        log.warn('change_listener_failed', { error: err instanceof Error ? err.message : String(err) });
      }
    }
  }
}

/** What the transaction now open on a connection has changed so far, per feed (a feed outlives a reopen). */
const collecting = new WeakMap<Database.Database, Map<ChangeFeed, Map<string, string>>>();

/**
 * Notes aggregates changed by an append inside a transaction on `sqlite`: announced once that transaction
 * has committed (together with everything else it changed), dropped if it rolls back. Outside a
 * transaction (the rows are already committed) they are announced at once. A transaction's notice carries the
 * origin of its first note (the one caller, `recordEventsIn`, notes local changes only).
 */
export function noteChanges(feed: ChangeFeed, affected: ReadonlyMap<string, string>, sqlite: Database.Database, origin: Origin = 'local'): void {
  if (affected.size === 0) return;
  if (!sqlite.inTransaction) {
    feed.announce(affected, origin);
    return;
  }
  let byFeed = collecting.get(sqlite);
  if (!byFeed) {
    const started = new Map<ChangeFeed, Map<string, string>>();
    byFeed = started;
    collecting.set(sqlite, started);
    afterTransaction(sqlite, (committed) => {
      collecting.delete(sqlite);
      if (!committed) return;
      for (const [f, changed] of started) f.announce(changed, origin);
    });
  }
  let changed = byFeed.get(feed);
  if (!changed) byFeed.set(feed, (changed = new Map<string, string>()));
  for (const [id, type] of affected) changed.set(id, type);
}
