/**
 * The change feed: after each commit that appended events (a local action through `dispatch`, a sync page,
 * held events released), the backend announces the aggregates the append reported as affected
 * (`AppendResult.affected`, db/event-store.ts) to every subscriber: the Electron window, the browser
 * shell's event streams. Screens refresh what they show from it instead of polling (contract/changes.ts).
 *
 * Announcing after the commit matters: a screen that reads on a notice must find the new rows. Local
 * actions run inside `collectChanges` (dispatch wraps every handler in it): `noteChanges`, called where
 * events are appended inside a transaction, only collects, and the scope announces once the handler has
 * returned, its transactions committed. A rolled-back transaction may still be announced: a screen then
 * reads what it already shows, which costs one read and misleads no one. The sync engine announces itself
 * after each page's transaction.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { MAX_NOTICE_IDS, type ChangeNotice } from '../contract/changes';
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

interface Scope {
  feed: ChangeFeed;
  affected: Map<string, string>;
  open: boolean;
}

const scopes = new AsyncLocalStorage<Scope>();

/**
 * Runs `fn` (a handler) collecting what its commits change, and announces it once `fn` has settled (its
 * transactions are committed or rolled back by then).
 */
export async function collectChanges<T>(feed: ChangeFeed, fn: () => Promise<T>): Promise<T> {
  const scope: Scope = { feed, affected: new Map(), open: true };
  try {
    return await scopes.run(scope, fn);
  } finally {
    scope.open = false;
    feed.announce(scope.affected, 'local');
  }
}

/**
 * Notes aggregates changed by an append inside a transaction. Inside `collectChanges` they are announced
 * when the scope ends. Outside one (a job that outlives its request, such as a report export, or code that
 * is not a request), they are announced on the next turn of the event loop: the transaction that appended
 * them holds the one connection until it commits, so a screen's read waits for the commit either way.
 */
export function noteChanges(feed: ChangeFeed, affected: ReadonlyMap<string, string>, origin: Origin = 'local'): void {
  if (affected.size === 0) return;
  const scope = scopes.getStore();
  if (scope && scope.open && scope.feed === feed) {
    for (const [id, type] of affected) scope.affected.set(id, type);
    return;
  }
  const copy = new Map(affected);
  setImmediate(() => feed.announce(copy, origin));
}
