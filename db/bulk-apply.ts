/**
 * The bulk apply path (issue 17): many events at once — a synced page, the history of an office a new PC
 * joins, a restore, the demo-data generator. Same rules and same result as appending the events one by one
 * (`appendEvents`, tests/integration/fold-order.test.ts compares both):
 * - each page is one transaction held on the connection (`ownedTransaction`): the events are inserted,
 *   judged (db/permissions.ts), each affected aggregate is folded once for the whole page (not once per
 *   event) and its projection rows written by prepared statements that run directly on the connection;
 * - an event that cannot be applied does not stop its page: the page is retried event by event, each in a
 *   savepoint, and the ones that still fail are returned with their error (the sync engine quarantines them,
 *   ADR 0011).
 *
 * A plain function over a connection: no process-wide state, so a worker thread with its own better-sqlite3
 * connection can call it (pass only `sqlite`; a Kysely instance over it is made here). On a connection the
 * process already uses through Kysely, pass that instance too, so its queries and these share one lock.
 */
import type Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type Transaction } from 'kysely';
import type { KnownAggregate } from '../domain/aggregates';
import type { StoredEvent } from '../domain/events/schema';
import { appendEvents } from './event-store';
import { ownedTransaction } from './prepared';
import type { DB } from './schema';

export interface BulkConnection {
  sqlite: Database.Database;
  /** The process's Kysely over the same connection, when there is one (never a second one over it). */
  db?: Kysely<DB>;
}

export interface BulkApplyOptions {
  /** Events recorded by this PC (the demo-data generator, a restore of its own log) or received. */
  isLocal: boolean;
  now: number;
  /** Sync: the central server's sequence number of each event. */
  serverSeqs?: ReadonlyMap<string, number>;
  /** Events per transaction (default 5,000): bigger pages fold each aggregate fewer times and sync less often. */
  pageSize?: number;
  /** Called after each committed page (progress; announcing changes). */
  onPage?: (p: { done: number; total: number; page: PageResult }) => void | Promise<void>;
  /** Runs inside each page's transaction after its events (e.g. the sync cursor, the generator's counters). */
  withinPage?: (tx: Transaction<DB>, page: readonly StoredEvent[]) => Promise<void>;
}

export interface ApplyFailure {
  event: StoredEvent;
  error: string;
}

export interface PageResult {
  /** Events new to this database and folded (or judged and denied). */
  applied: number;
  parked: number;
  denied: number;
  failed: ApplyFailure[];
  /** Why the page failed as a whole before it was applied event by event (for the log). */
  pageError?: string;
  /** Aggregates whose state changed, to announce once the transaction has committed. */
  affected: Map<string, KnownAggregate>;
}

/** Makes a Kysely over a bare connection (a worker's). Never destroyed here: the connection is the caller's. */
export function kyselyOver(sqlite: Database.Database): Kysely<DB> {
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
}

/**
 * Applies events in pages of `pageSize`, one transaction each. Returns the totals; failures are returned,
 * not thrown (they are already left out of the committed pages).
 */
export async function bulkApply(conn: BulkConnection, events: readonly StoredEvent[], opts: BulkApplyOptions): Promise<PageResult> {
  const db = conn.db ?? kyselyOver(conn.sqlite);
  const pageSize = Math.max(1, opts.pageSize ?? 5000);
  const total: PageResult = { applied: 0, parked: 0, denied: 0, failed: [], affected: new Map() };
  for (let i = 0; i < events.length; i += pageSize) {
    const page = events.slice(i, i + pageSize);
    const r = await ownedTransaction(db, conn.sqlite, async (tx) => {
      const res = await applyPage(tx, page, opts);
      if (opts.withinPage) await opts.withinPage(tx, page);
      return res;
    });
    total.applied += r.applied;
    total.parked += r.parked;
    total.denied += r.denied;
    total.failed.push(...r.failed);
    for (const [id, type] of r.affected) total.affected.set(id, type);
    if (opts.onPage) await opts.onPage({ done: Math.min(events.length, i + pageSize), total: events.length, page: r });
  }
  return total;
}

/**
 * Applies one page inside the caller's transaction (best held with `ownedTransaction`, so the fold's
 * prepared statements run directly). If the page fails as a whole, it is applied again event by event, each
 * in a savepoint, and the events that still fail are returned; everything else is applied.
 */
export async function applyPage(tx: Transaction<DB>, events: readonly StoredEvent[], opts: Pick<BulkApplyOptions, 'isLocal' | 'now' | 'serverSeqs'>): Promise<PageResult> {
  const out: PageResult = { applied: 0, parked: 0, denied: 0, failed: [], affected: new Map() };
  if (events.length === 0) return out;
  const add = (res: Awaited<ReturnType<typeof appendEvents>>) => {
    out.applied += res.inserted.length;
    out.parked += res.parked;
    out.denied += res.denied;
    for (const [id, type] of res.affected) out.affected.set(id, type);
  };
  await sql`SAVEPOINT bulk_page`.execute(tx);
  try {
    add(await appendEvents(tx, events, opts.isLocal, opts.now, { serverSeqs: opts.serverSeqs }));
    await sql`RELEASE bulk_page`.execute(tx);
    return out;
  } catch (err) {
    out.pageError = err instanceof Error ? err.message : String(err);
    await sql`ROLLBACK TO bulk_page`.execute(tx);
    await sql`RELEASE bulk_page`.execute(tx);
  }
  for (const e of events) {
    await sql`SAVEPOINT bulk_event`.execute(tx);
    try {
      add(await appendEvents(tx, [e], opts.isLocal, opts.now, { serverSeqs: opts.serverSeqs }));
      await sql`RELEASE bulk_event`.execute(tx);
    } catch (err) {
      await sql`ROLLBACK TO bulk_event`.execute(tx);
      await sql`RELEASE bulk_event`.execute(tx);
      out.failed.push({ event: e, error: (err instanceof Error ? err.message : String(err)).slice(0, 500) });
    }
  }
  return out;
}
