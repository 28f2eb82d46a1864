/**
 * The events of one aggregate in fold order, kept for the screens that show a history (the visit
 * timeline is read back after every counter action). Local rows are never deleted and every new row gets
 * a larger `seq`, so a cached list is brought up to date by reading only the rows above its highest seq
 * (the index on aggregate_id carries seq, so the filter needs no table reads) and merging them in fold
 * order: an event from the past that arrived by sync lands in its place.
 *
 * Only reads outside a transaction fill the cache: a read inside one could see rows that are then rolled
 * back. Readers must not mutate the returned events.
 */
import type { Kysely } from 'kysely';
import { compareEvents, type StoredEvent } from '../domain/events/schema';
import { rowToEvent } from './event-store';
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
  readonly #entries = new Map<string, Entry>();

  constructor(private readonly capacity = 256) {}

  async load(db: Kysely<DB>, aggregateId: string): Promise<readonly StoredEvent[]> {
    const hit = this.#entries.get(aggregateId);
    const rows = await eventsAfter.all(db, { aggregateId, afterSeq: hit?.maxSeq ?? 0 });
    if (db.isTransaction) return merge(hit?.events ?? [], rows.map(rowToEvent));
    let entry = hit;
    if (!entry || rows.length > 0) {
      entry = {
        maxSeq: rows.reduce((m, r) => Math.max(m, r.seq), hit?.maxSeq ?? 0),
        events: merge(hit?.events ?? [], rows.map(rowToEvent)),
      };
    }
    // Least recently used goes first: re-inserting moves a key to the end of the Map's order.
    this.#entries.delete(aggregateId);
    this.#entries.set(aggregateId, entry);
    if (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value!);
    return entry.events;
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
