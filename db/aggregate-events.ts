/**
 * The events of one aggregate in fold order, kept for the screens that show a history (the visit
 * timeline is read back after every counter action). Local rows are never deleted and every new row gets
 * a larger `seq`, so a cached list is brought up to date by reading only the rows above its highest seq
 * (the index on aggregate_id carries seq, so the filter needs no table reads) and merging them in fold
 * order: an event from the past that arrived by sync lands in its place.
 *
 * A read inside a transaction could see rows that are then rolled back, so a read fills the cache only
 * when its caller says so (`read(...).keep()`, after the commit). Readers must not mutate the events.
 */
import type { Kysely } from 'kysely';
import { compareEvents, type StoredEvent } from '../domain/events/schema';
import { rowToEvent } from './event-store';
import { Lru } from './lru';
import { prepared } from './prepared';
import type { DB } from './schema';

const eventsAfter = prepared((db, p: { aggregateId: string; afterSeq: number }) =>
  db.selectFrom('events').selectAll().where('aggregate_id', '=', p.aggregateId).where('seq', '>', p.afterSeq).orderBy('hlc').orderBy('device_id').orderBy('id'),
);

interface Entry {
  maxSeq: number;
  events: StoredEvent[];
}

export class AggregateEventCache {
  readonly #entries: Lru<string, Entry>;

  constructor(capacity = 256) {
    this.#entries = new Lru(capacity);
  }

  /**
   * The aggregate's events in fold order, and `keep` to store them in the cache. Inside a transaction,
   * call `keep` only after it committed.
   */
  async read(db: Kysely<DB>, aggregateId: string): Promise<{ events: readonly StoredEvent[]; keep: () => void }> {
    const hit = this.#entries.get(aggregateId);
    const rows = await eventsAfter.all(db, { aggregateId, afterSeq: hit?.maxSeq ?? 0 });
    const entry: Entry =
      hit && rows.length === 0
        ? hit
        : { maxSeq: rows.reduce((m, r) => Math.max(m, r.seq), hit?.maxSeq ?? 0), events: merge(hit?.events ?? [], rows.map(rowToEvent)) };
    return {
      events: entry.events,
      keep: () => {
        // An entry older than the one stored (two readers racing) does not replace it; it would only cost
        // re-reading the rows in between.
        const stored = this.#entries.get(aggregateId);
        this.#entries.set(aggregateId, stored && stored.maxSeq > entry.maxSeq ? stored : entry);
      },
    };
  }

  /** Forgets everything (after an erasure redacted stored events in place: ADR 0019). */
  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** Both lists are in fold order; the result is too. New events usually all sort last. */
function merge(old: readonly StoredEvent[], fresh: StoredEvent[]): StoredEvent[] {
  if (fresh.length === 0) return old.slice();
  if (old.length === 0 || compareEvents(old[old.length - 1]!, fresh[0]!) < 0) return [...old, ...fresh];
  return [...old, ...fresh].sort(compareEvents);
}
