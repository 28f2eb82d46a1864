/**
 * The server's part of erasure (UU 27/2022, ADR 0019). The central log is a copy like any PC's, so an
 * erasure must reach it too:
 * - a pushed `subject.erased` whose actor held a head-of-unit role as of the event (judged with the same
 *   permission fold as every PC: domain/permissions.ts) redacts, in the push's transaction, the subject's
 *   personal fields in every stored event of the office that sorts before it (domain/privacy/erasure.ts);
 * - an event about an erased subject that arrives later but sorts before the erasure (recorded offline
 *   before the erasure was known) is stored redacted;
 * - a redacted event no longer matches its author's signature: the server signs the redacted form with its
 *   own key (the attestation every PC already accepts, ADR 0011), so a PC that pulls it later verifies it.
 * After the commit, in the background, the server's files are rewritten (`scrubServer`): VACUUM on SQLite,
 * `VACUUM FULL events` on PostgreSQL, so no dead row version keeps the erased bytes (ADR 0019 says what that
 * does and does not promise).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { fromEnvelopeRow } from '../domain/events/codec';
import { computeAuthority, isAccountEvent, judgeEvent } from '../domain/permissions';
import { eventSortKey, type StoredEvent } from '../domain/events/schema';
import type { SubjectErasedPayload } from '../domain/events/privacy-events';
import { PERSONAL_EVENT_TYPES, redactPayload, subjectOf } from '../domain/privacy/erasure';
import { attestEvent } from '../trust/events';
import type { ServerDB } from './schema';
import type { ServerKey } from './trust';

type Dialect = 'sqlite' | 'pg';

export interface ServerErasure {
  id: string;
  subjectId: string;
  key: string;
}

/** The erasures among newly stored events that their actor was allowed to record. */
export async function allowedErasures(tx: Transaction<ServerDB>, officeId: string, fresh: readonly StoredEvent[]): Promise<ServerErasure[]> {
  const erasures = fresh.filter((e) => e.type === 'subject.erased');
  if (erasures.length === 0) return [];
  const accountRows = await tx.selectFrom('events').selectAll().where('office_id', '=', officeId).where('aggregate_type', '=', 'user').execute();
  const { authority } = computeAuthority(accountRows.map(fromEnvelopeRow).filter(isAccountEvent));
  const out: ServerErasure[] = [];
  for (const e of erasures) {
    if (judgeEvent(e, authority) !== null) continue; // denied on every PC too: obeyed nowhere
    const p = e.payload as SubjectErasedPayload;
    out.push({ id: e.aggregateId, subjectId: p.subjectId, key: eventSortKey(e) });
  }
  return out;
}

/** Redacts what the erasures order in the office's stored log; returns how many events were redacted. */
export async function applyServerErasures(tx: Transaction<ServerDB>, dialect: Dialect, serverKey: ServerKey, officeId: string, erasures: readonly ServerErasure[], now: number): Promise<number> {
  if (erasures.length === 0) return 0;
  if (dialect === 'sqlite') await sql`PRAGMA secure_delete = ON`.execute(tx);
  let total = 0;
  for (const er of erasures) {
    const rows = await tx
      .selectFrom('events')
      .selectAll()
      .where('office_id', '=', officeId)
      .where((eb) =>
        eb.or([
          eb('aggregate_id', '=', er.subjectId),
          eb.and([eb('type', '=', 'visit.registered'), eb('payload', 'like', `%"personId":"${er.subjectId}"%`)]),
        ]),
      )
      .execute();
    let n = 0;
    for (const r of rows) {
      const e = fromEnvelopeRow(r);
      if (eventSortKey(e) >= er.key) continue;
      const payload = redactPayload(e, er.subjectId, er.id);
      if (!payload) continue;
      const redacted: StoredEvent = { ...e, payload };
      await tx
        .updateTable('events')
        .set({ payload: JSON.stringify(payload), signature: attestEvent(redacted, serverKey.key) })
        .where('office_id', '=', officeId)
        .where('id', '=', r.id)
        .execute();
      n++;
    }
    await tx
      .insertInto('erasures')
      .values({ office_id: officeId, erasure_id: er.id, subject_id: er.subjectId, event_key: er.key, applied_at: now, redacted: n })
      .onConflict((oc) => oc.columns(['office_id', 'erasure_id']).doNothing())
      .execute();
    total += n;
  }
  return total;
}

/**
 * Pushed events about a subject already erased that sort before the erasure: their redacted form, signed by
 * the server (replaces the wire event before it is stored). Only person and visit registrations are looked at.
 */
export async function redactArrivals(tx: Transaction<ServerDB>, serverKey: ServerKey, officeId: string, events: readonly StoredEvent[]): Promise<Map<string, StoredEvent>> {
  const out = new Map<string, StoredEvent>();
  const subjects = new Set<string>();
  for (const e of events) {
    if (!PERSONAL_EVENT_TYPES.has(e.type)) continue;
    const s = subjectOf(e);
    if (s) subjects.add(s);
  }
  if (subjects.size === 0) return out;
  const rows = await tx.selectFrom('erasures').select(['erasure_id', 'subject_id', 'event_key']).where('office_id', '=', officeId).where('subject_id', 'in', [...subjects]).execute();
  if (rows.length === 0) return out;
  for (const e of events) {
    const s = PERSONAL_EVENT_TYPES.has(e.type) ? subjectOf(e) : null;
    const er = s ? rows.filter((r) => r.subject_id === s && eventSortKey(e) < r.event_key).sort((a, b) => (a.event_key < b.event_key ? 1 : -1))[0] : undefined;
    if (!er || !s) continue;
    const payload = redactPayload(e, s, er.erasure_id);
    if (!payload) continue;
    const redacted: StoredEvent = { ...e, payload };
    redacted.signature = attestEvent(redacted, serverKey.key);
    out.set(e.id, redacted);
  }
  return out;
}

/**
 * After the commit, outside the push's transaction: the erased bytes leave the server's files.
 * - SQLite: VACUUM (unused space of pages keeps earlier row versions, as on a PC before secure_delete) and
 *   the WAL truncated.
 * - PostgreSQL: an UPDATE leaves the old row version in the heap as a dead tuple; a plain VACUUM only marks
 *   its space reusable and leaves its bytes in the page until reused (compaction does not zero the gap). So
 *   `VACUUM FULL events` rewrites the table into a new file holding only live rows; PostgreSQL truncates the
 *   old file at commit and unlinks it at the next checkpoint. It takes an ACCESS EXCLUSIVE lock on `events`
 *   for the rewrite, so it runs after the push has answered, one at a time (erasures arriving meanwhile are
 *   covered by one more run), and with a short `lock_timeout`: a waiting exclusive lock would queue every
 *   other office's pull behind it, so instead it gives up and tries again later.
 * What it cannot reach: copies PostgreSQL keeps outside its tables (pg_wal segments until recycled, WAL
 * archives and base backups the operator keeps) and freed disk blocks of the filesystem (ADR 0019).
 */
export async function scrubServer(db: Kysely<ServerDB>, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`VACUUM`.execute(db);
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
    return;
  }
  await db.connection().execute(async (c) => {
    await sql`SET lock_timeout = '3s'`.execute(c);
    try {
      await sql`VACUUM FULL events`.execute(c);
    } finally {
      await sql`RESET lock_timeout`.execute(c);
    }
  });
}

interface ScrubState {
  running: Promise<void>;
  again: boolean;
}

const scrubs = new WeakMap<Kysely<ServerDB>, ScrubState>();
const SCRUB_RETRY_MS = 30_000;
const SCRUB_TRIES = 20;

/**
 * Runs `scrubServer` in the background after an erasure committed: at most one at a time per database;
 * erasures committed while one runs get one more run after it; a run that could not take its lock is tried
 * again later. Failures are reported to `onError` (the server's log) and never reach the push's answer.
 */
export function scheduleServerScrub(db: Kysely<ServerDB>, dialect: Dialect, onError: (err: unknown, willRetry: boolean) => void = () => undefined): void {
  const current = scrubs.get(db);
  if (current) {
    current.again = true;
    return;
  }
  const state: ScrubState = { running: Promise.resolve(), again: false };
  const loop = async () => {
    let tries = 0;
    for (;;) {
      state.again = false;
      try {
        await scrubServer(db, dialect);
        tries = 0;
        if (!state.again) return;
      } catch (err) {
        tries++;
        const retry = tries < SCRUB_TRIES;
        onError(err, retry);
        if (!retry) return;
        await new Promise<void>((resolve) => setTimeout(resolve, SCRUB_RETRY_MS).unref());
      }
    }
  };
  state.running = loop().finally(() => scrubs.delete(db));
  scrubs.set(db, state);
}

/** Resolves once no scrub is running or due for this database (tests, and the server's shutdown). */
export async function serverScrubIdle(db: Kysely<ServerDB>): Promise<void> {
  for (let st = scrubs.get(db); st; st = scrubs.get(db)) await st.running;
}
