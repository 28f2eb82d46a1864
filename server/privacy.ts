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
 * After the commit the SQLite file's WAL is truncated (its pages were rewritten with `secure_delete`);
 * PostgreSQL gets a plain VACUUM of `events` so the old row versions' space is reused (ADR 0019 says what
 * that does and does not promise).
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

/** After the commit: the old bytes leave the SQLite WAL; PostgreSQL may reuse the old row versions' space. */
export async function scrubServer(db: Kysely<ServerDB>, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') {
    // As on a PC (db/erasure.ts scrubDatabase): unused space of pages keeps earlier row versions.
    await sql`VACUUM`.execute(db);
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
  }
  else await sql`VACUUM events`.execute(db);
}

