/**
 * Carrying out erasures on this PC (UU 27/2022, ADR 0019). An erasure is a `subject.erased` event; when it
 * is folded (recorded here or pulled), `applyErasureIn` redacts, in the same transaction, the subject's
 * personal fields in every stored copy of the events that carry them (domain/privacy/erasure.ts): the log,
 * events held or set aside by sync. The aggregates those events fold into are folded again, so every
 * projection (persons, visits, folded states) forgets the fields too; counts do not change.
 *
 * Physically: the connection runs with `secure_delete` on (SQLite zeroes the freed space of every page it
 * rewrites), and after the commit `checkpointAfterErasure` truncates the WAL (checkpoint TRUNCATE), so
 * neither the database file nor its WAL holds the old bytes (tests/privacy/erasure-sync.test.ts and
 * erasure-scrub.test.ts search them byte-wise). A file written before secure_delete is rebuilt once at idle.
 *
 * This PC's own events that the server has not acknowledged yet keep their signed form until it has (the
 * server verifies what it receives, and redacts its copy on arrival: server/privacy.ts); `redactPending`
 * finishes them after each acknowledged push.
 */
import type Database from 'better-sqlite3';
import { sql, type Transaction } from 'kysely';
import { foldAggregate, isKnownAggregate } from '../domain/aggregates';
import { fromEnvelopeRow } from '../domain/events/codec';
import { eventSortKey, type StoredEvent } from '../domain/events/schema';
import { PERSONAL_EVENT_TYPES, redactPayload, subjectOf } from '../domain/privacy/erasure';
import type { Exec } from './exec';
import { prepared } from './prepared';
import { project } from './projections';
import type { DB } from './schema';

export interface ErasureOrder {
  /** The erasure aggregate's id. */
  id: string;
  subjectId: string;
  /** Fold key of the `subject.erased` event: only events sorting before it are erased. */
  key: string;
}

export interface ErasureOutcome {
  redacted: number;
  /** Own events kept as signed until the server acknowledges them. */
  pending: number;
  /** Aggregates folded again (announce them). */
  refolded: Map<string, string>;
}

interface CandidateRow {
  id: string;
  hlc: string;
  device_id: string;
  type: string;
  aggregate_id: string;
  payload: string;
  is_local: number;
  server_seq: number | null;
}

/**
 * The stored events that may carry the subject's personal fields: the person's own events, and the
 * `visit.registered` of every visit naming them — found through the visits projection, plus the few that
 * are not projected (denied by the permission fold, parked by an older app). CROSS JOIN keeps SQLite's
 * order: from the small sets (the person's visits, by `visits_by_person`; denials; parked events) into `events` by key; left to
 * itself the planner scanned the whole log three times (95 ms on 38,000 events, inside the erasure's
 * transaction, while the counter waits).
 */
async function candidates(tx: Exec, subjectId: string): Promise<CandidateRow[]> {
  return (await candidatesQuery(subjectId).execute(tx)).rows;
}

/** The statement of `candidates` (exported for the test of its query plan). */
export function candidatesQuery(subjectId: string) {
  return sql<CandidateRow>`
    SELECT id, hlc, device_id, type, aggregate_id, payload, is_local, server_seq FROM events WHERE aggregate_id = ${subjectId}
    UNION
    SELECT e.id, e.hlc, e.device_id, e.type, e.aggregate_id, e.payload, e.is_local, e.server_seq
      FROM visits v CROSS JOIN events e ON e.aggregate_id = v.id AND e.type = 'visit.registered' WHERE v.person_id = ${subjectId}
    UNION
    SELECT e.id, e.hlc, e.device_id, e.type, e.aggregate_id, e.payload, e.is_local, e.server_seq
      FROM event_denials d CROSS JOIN events e ON e.id = d.id
      WHERE e.type = 'visit.registered' AND json_extract(e.payload, '$.personId') = ${subjectId}
    UNION
    SELECT e.id, e.hlc, e.device_id, e.type, e.aggregate_id, e.payload, e.is_local, e.server_seq
      FROM parked_events p CROSS JOIN events e ON e.id = p.id
      WHERE e.type = 'visit.registered' AND json_valid(e.payload) AND json_extract(e.payload, '$.personId') = ${subjectId}`;
}

/**
 * Redacts what `order` erases. `keepUnacked`: this PC is enrolled, so its own events not yet acknowledged
 * by the server keep their signed form (counted as pending). Must run inside a transaction.
 */
export async function applyErasureIn(tx: Transaction<DB>, order: ErasureOrder, now: number, keepUnacked?: boolean): Promise<ErasureOutcome> {
  keepUnacked ??= await isEnrolledIn(tx);
  // Freed space of every page this transaction rewrites is zeroed (sqlite.org/pragma.html#pragma_secure_delete).
  await sql`PRAGMA secure_delete = ON`.execute(tx);
  let redacted = 0;
  let pending = 0;
  const touched = new Set<string>();
  for (const row of await candidates(tx, order.subjectId)) {
    if (eventSortKey({ hlc: row.hlc, deviceId: row.device_id, id: row.id }) >= order.key) continue; // new data, given after the erasure
    const payload = redactPayload({ type: row.type, aggregateId: row.aggregate_id, payload: JSON.parse(row.payload) as unknown }, order.subjectId, order.id);
    if (!payload) continue;
    if (keepUnacked && row.is_local === 1 && row.server_seq === null) {
      pending++;
      continue;
    }
    await tx.updateTable('events').set({ payload: JSON.stringify(payload) }).where('id', '=', row.id).execute();
    touched.add(row.aggregate_id);
    redacted++;
  }
  redacted += await redactWireCopies(tx, 'sync_held_events', order);
  redacted += await redactWireCopies(tx, 'sync_quarantine', order);
  const refolded = await refoldStored(tx, [...touched]);
  await tx
    .insertInto('erasure_applied')
    .values({ erasure_id: order.id, subject_id: order.subjectId, applied_at: now, events_redacted: redacted, pending })
    .onConflict((oc) => oc.column('erasure_id').doUpdateSet((eb) => ({ applied_at: now, events_redacted: sql<number>`${eb.ref('erasure_applied.events_redacted')} + ${redacted}`, pending })))
    .execute();
  return { redacted, pending, refolded };
}

/** Whether this PC syncs with a server (backend/sync/state.ts keeps these keys as JSON in `sync_state`). */
async function isEnrolledIn(tx: Exec): Promise<boolean> {
  const r = await sql<{ n: number }>`SELECT count(*) AS n FROM sync_state WHERE key IN ('serverUrl', 'deviceToken') AND value <> 'null'`.execute(tx);
  return Number(r.rows[0]?.n ?? 0) === 2;
}

/** Wire copies (JSON of a whole event) kept by sync: held for a clock too far ahead, or set aside. */
async function redactWireCopies(tx: Transaction<DB>, table: 'sync_held_events' | 'sync_quarantine', order: ErasureOrder): Promise<number> {
  const rows = (await sql<{ id: string; event: string }>`SELECT id, event FROM ${sql.table(table)} WHERE event LIKE ${`%${order.subjectId}%`}`.execute(tx)).rows;
  let n = 0;
  for (const r of rows) {
    let e: StoredEvent;
    try {
      e = JSON.parse(r.event) as StoredEvent;
    } catch {
      continue;
    }
    if (typeof e.hlc !== 'string' || eventSortKey(e) >= order.key) continue;
    const payload = redactPayload(e, order.subjectId, order.id);
    if (!payload) continue;
    await sql`UPDATE ${sql.table(table)} SET event = ${JSON.stringify({ ...e, payload })} WHERE id = ${r.id}`.execute(tx);
    n++;
  }
  return n;
}

const erasureOfSubject = prepared((db, p: { subjectId: string }) => db.selectFrom('erasures').select(['id', 'subject_id', 'event_key']).where('subject_id', '=', p.subjectId).orderBy('event_key', 'desc').limit(1));

/**
 * A pulled event that names an already erased subject and sorts before the erasure (an event another PC
 * recorded before it learnt of the erasure, pushed late, and not yet redacted by the server): its redacted
 * form, so the plain one is never stored. Cheap for everything else: one `Set` lookup by type.
 */
export async function redactIncoming(tx: Exec, e: StoredEvent): Promise<StoredEvent> {
  if (!PERSONAL_EVENT_TYPES.has(e.type)) return e;
  const subject = subjectOf(e);
  if (!subject) return e;
  const er = await erasureOfSubject.first(tx, { subjectId: subject });
  if (!er || eventSortKey(e) >= er.event_key) return e;
  const payload = redactPayload(e, subject, er.id);
  return payload ? { ...e, payload } : e;
}

/** After an acknowledged push: erasures that left own events pending are carried out for them. */
export async function redactPending(tx: Transaction<DB>, now: number): Promise<ErasureOutcome | null> {
  const rows = await tx
    .selectFrom('erasure_applied')
    .innerJoin('erasures', 'erasures.id', 'erasure_applied.erasure_id')
    .select(['erasures.id', 'erasures.subject_id', 'erasures.event_key'])
    .where('erasure_applied.pending', '>', 0)
    .execute();
  if (rows.length === 0) return null;
  const out: ErasureOutcome = { redacted: 0, pending: 0, refolded: new Map() };
  for (const r of rows) {
    const o = await applyErasureIn(tx, { id: r.id, subjectId: r.subject_id, key: r.event_key }, now, true);
    out.redacted += o.redacted;
    out.pending += o.pending;
    for (const [k, v] of o.refolded) out.refolded.set(k, v);
  }
  return out;
}

/**
 * After an erasure committed, the old bytes could still lie in three places: the WAL (page images as they
 * were), and inside the database file in the unused space of pages — earlier versions of rows rewritten
 * long before the erasure (each update of a folded state leaves its old cell behind), and the leftovers of
 * a leaf page that became an interior page when its table grew (tests/privacy/erasure-sync.test.ts found
 * all three kinds). Every writable connection now runs with `secure_delete` (db/open.ts), which zeroes
 * freed space as it is freed, so a file written that way all its life (`SECURE_SINCE_KEY` in `meta`) holds
 * no such residue: after an erasure only the WAL remains, and `checkpointAfterErasure` copies the redacted
 * pages into the file and truncates the WAL to zero bytes. That is bounded by the WAL (a few MB), not by
 * the database, and runs on the counter's thread without a noticeable stall.
 *
 * A file that was written without `secure_delete` before (every file created before this build) may hold
 * residue of anyone, erased or not: `scrubWholeFile` rebuilds it once (VACUUM: only live content is
 * written), and marks it. That VACUUM holds the only writer for as long as it runs (a worker's connection
 * would block the counter's writes just the same), so it runs only when the counter is idle or at closing
 * (backend/privacy.ts), never right after an erasure. ADR 0019 gives the figures.
 */
export const SECURE_SINCE_KEY = 'secure_delete_since';

/** Whether the file may hold residue written before `secure_delete` was on (it needs `scrubWholeFile`). */
export function needsWholeFileScrub(sqlite: Database.Database): boolean {
  const row = sqlite.prepare('SELECT value FROM meta WHERE key = ?').get(SECURE_SINCE_KEY) as { value: string } | undefined;
  return !row;
}

export function markSecureSince(sqlite: Database.Database, now: number): void {
  sqlite.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(SECURE_SINCE_KEY, String(now));
}

/**
 * Copies the WAL into the file and truncates it; false when a reader kept it from finishing (try later).
 * Without waiting: a TRUNCATE checkpoint waits on the busy handler for every reader of an older snapshot
 * (a backup, a report, the start-up check in a worker: ADR 0042), and with the connection's 5 s busy timeout
 * that would hold the counter's thread. The caller retries instead (backend/privacy.ts).
 */
export function checkpointAfterErasure(sqlite: Database.Database): boolean {
  const timeout = Number(sqlite.pragma('busy_timeout', { simple: true }));
  sqlite.pragma('busy_timeout = 0');
  try {
    const r = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
    return r[0]?.busy === 0;
  } finally {
    sqlite.pragma(`busy_timeout = ${timeout}`);
  }
}

/**
 * Rebuilds the whole file with `secure_delete` on (VACUUM), marks it as free of residue, and truncates the
 * WAL. Proportional to the database's size: only at idle or at closing (see above). Returns whether the
 * WAL was truncated (the mark is set either way: the VACUUM wrote a clean image).
 */
export function scrubWholeFile(sqlite: Database.Database, now: number): boolean {
  sqlite.pragma('secure_delete = ON');
  sqlite.exec('VACUUM');
  markSecureSince(sqlite, now);
  return checkpointAfterErasure(sqlite);
}

/**
 * Folds the given aggregates again from their stored events (after their payloads were redacted) and
 * writes their projections and snapshots. Their last key and event count do not change: callers drop the
 * in-memory caches (backend/privacy.ts) since those match on exactly these.
 */
async function refoldStored(tx: Transaction<DB>, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const id of ids) {
    const all = await tx
      .selectFrom('events')
      .selectAll()
      .where('aggregate_id', '=', id)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('event_denials').select('event_denials.id').whereRef('event_denials.id', '=', 'events.id'))))
      .orderBy('hlc')
      .orderBy('device_id')
      .orderBy('id')
      .execute();
    const type = all[0]?.aggregate_type;
    if (!type || !isKnownAggregate(type)) continue;
    const current = await tx.selectFrom('aggregates').select(['state']).where('id', '=', id).executeTakeFirst();
    const next = foldAggregate(type, all.map(fromEnvelopeRow));
    await project(tx, type, id, (current?.state ? JSON.parse(current.state) : null) as never, next as never);
    await tx.updateTable('aggregates').set({ state: next === null ? null : JSON.stringify(next) }).where('id', '=', id).execute();
    out.set(id, type);
  }
  return out;
}
