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
import { isKnownAggregate, type KnownAggregate } from '../domain/aggregates';
import type { StoredEvent } from '../domain/events/schema';
import {
  advanceAggregate,
  aggregateTypeOf,
  admitStored,
  carryOutErasures,
  appendEvents,
  redactAll,
  refoldAggregate,
  toSnapshot,
  type AggregateRow,
  type AggregateSnapshot,
} from './event-store';
import { ownedSqlite, ownedTransaction } from './prepared';
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
  /**
   * Payload objects' JSON text already made by the caller (the sync engine's size check), looked up by the
   * payload object itself: an event whose payload was replaced (redacted) is serialised here as before.
   */
  payloadJson?: ReadonlyMap<unknown, string>;
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
export async function applyPage(tx: Transaction<DB>, events: readonly StoredEvent[], opts: Pick<BulkApplyOptions, 'isLocal' | 'now' | 'serverSeqs' | 'payloadJson'>): Promise<PageResult> {
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
    const sqlite = ownedSqlite(tx);
    add(sqlite ? await appendPage(tx, sqlite, events, opts) : await appendEvents(tx, events, opts.isLocal, opts.now, { serverSeqs: opts.serverSeqs }));
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

/** The page's own statements, prepared once per connection and run positionally (no Kysely, no binding by name). */
interface PageStatements {
  insertEvent: Database.Statement;
  aggregateById: Database.Statement;
  upsertAggregate: Database.Statement;
}

const pageStatements = new WeakMap<Database.Database, PageStatements>();

function statementsOf(sqlite: Database.Database): PageStatements {
  let s = pageStatements.get(sqlite);
  if (!s) {
    s = {
      // The columns of `toEnvelopeRow` (domain/events/codec.ts) plus the workstation's own two, as `appendEvents` writes them.
      insertEvent: sqlite.prepare(
        `INSERT INTO events (id, hlc, device_id, actor_id, type, aggregate_type, aggregate_id, payload, schema_version, recorded_at, prev, signature, is_local, server_seq)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
      ),
      aggregateById: sqlite.prepare(`SELECT id, type, last_key, state, event_count FROM aggregates WHERE id = ?`),
      upsertAggregate: sqlite.prepare(
        `INSERT INTO aggregates (id, type, last_key, state, event_count) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET last_key = excluded.last_key, state = excluded.state, event_count = excluded.event_count`,
      ),
    };
    pageStatements.set(sqlite, s);
  }
  return s;
}

/**
 * `appendEvents` for a page on a held connection: the same steps in the same order (insert, park, numbers,
 * permissions, fold each aggregate once, projections, erasures), with the per-event and per-aggregate
 * statements run directly and positionally. Its result is held equal to appending the events one by one by
 * tests/integration/fold-order.test.ts.
 */
async function appendPage(
  tx: Transaction<DB>,
  sqlite: Database.Database,
  page: readonly StoredEvent[],
  opts: Pick<BulkApplyOptions, 'isLocal' | 'now' | 'serverSeqs' | 'payloadJson'>,
): Promise<Awaited<ReturnType<typeof appendEvents>>> {
  const { isLocal, now, serverSeqs, payloadJson } = opts;
  const st = statementsOf(sqlite);
  // A pulled event about a person already erased, recorded before the erasure: stored redacted (ADR 0019).
  const events = isLocal ? page : await redactAll(tx, page);
  const local = isLocal ? 1 : 0;
  const fresh: StoredEvent[] = [];
  for (const e of events) {
    const r = st.insertEvent.run(
      e.id,
      e.hlc,
      e.deviceId,
      e.actorId,
      e.type,
      e.aggregateType,
      e.aggregateId,
      payloadJson?.get(e.payload) ?? JSON.stringify(e.payload),
      e.schemaVersion,
      e.recordedAt,
      e.prev ?? null,
      e.signature ?? null,
      local,
      serverSeqs?.get(e.id) ?? null,
    );
    if (r.changes > 0) fresh.push(e); // else already stored (or a second copy in this page)
  }
  // Parked, numbered, judged for the page as a whole (permissions are part of the fold: db/permissions.ts).
  const { inserted, parked, denied, refold, byAggregate } = await admitStored(tx, fresh, now);

  const affected = new Map<string, KnownAggregate>();
  const snapshots = new Map<string, AggregateSnapshot>();
  for (const aggregateId of new Set([...byAggregate.keys(), ...refold])) {
    const row = st.aggregateById.get(aggregateId) as AggregateRow | undefined;
    const current = row ? toSnapshot(row) : undefined;
    const list = byAggregate.get(aggregateId) ?? [];
    const type = (list[0]?.aggregateType ?? current?.type ?? (await aggregateTypeOf(tx, aggregateId))) as KnownAggregate | null;
    if (!type || !isKnownAggregate(type)) continue;
    const next = refold.has(aggregateId) ? await refoldAggregate(tx, type, aggregateId, current) : await advanceAggregate(tx, type, aggregateId, list, current);
    st.upsertAggregate.run(aggregateId, type, next.lastKey, next.state === null ? null : JSON.stringify(next.state), next.eventCount);
    snapshots.set(aggregateId, next);
    affected.set(aggregateId, type);
  }
  await carryOutErasures(tx, inserted, denied, now, affected);
  return { inserted, affected, snapshots, parked, denied: denied.size };
}
