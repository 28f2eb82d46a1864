/**
 * The central server as an author of events (issue 12): a complaint or suggestion sent through the public
 * form is written into the office's log as an event of the server's own device (`server`), stamped with its
 * own clock, validated against the same payload schema as a workstation's, sequenced like a push (office row
 * locked, next `server_seq`), and so reaches every counter PC by pull. Idempotent by event id, ordered,
 * never changed or lost, like every event.
 *
 * The clock is the log's: just after the newest event the office holds (or the server's time for an empty
 * log), so a PC whose clock lags the server never sees a server event "from the future"; the wall time is
 * kept in `recordedAt` and in the payload. This is the shape of the server-authored events of the signed log
 * (issue 10), which will sign them with the server's key.
 *
 * Numbers the server hands out (complaint numbers) are derived from the log as well: one more than the
 * highest number of the scope among the complaints the server wrote (`public_complaints`, filled in the same
 * transaction and refilled from events re-sent after a restore), with a tag taken from the server's epoch,
 * so a restored server (whose epoch is rotated) can never issue a number of before the restore again.
 */
import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import { complaintLabel, complaintScope, nextComplaintNumber } from '../../domain/complaints/number';
import { formatHlc, parseHlc } from '../../domain/events/hlc';
import { EVENT_TYPES, type EventType, type PayloadOf, type StoredEvent } from '../../domain/events/schema';
import { uuidv7 } from '../../domain/events/uuidv7';
import { witaIsoDate } from '../../domain/time/wita';
import type { ServerDB } from '../schema';

/** The device id on events the server itself writes. */
export const SERVER_DEVICE_ID = 'server';

export async function lockOfficeRow(tx: Transaction<ServerDB>, dialect: 'sqlite' | 'pg', officeId: string): Promise<{ lastSeq: number }> {
  // PostgreSQL: a row lock held to commit serialises writers per office. SQLite: the single writer does.
  const r = await tx
    .selectFrom('offices')
    .select('last_seq')
    .where('id', '=', officeId)
    .$if(dialect === 'pg', (q) => q.forUpdate())
    .executeTakeFirstOrThrow();
  return { lastSeq: Number(r.last_seq) };
}

export interface NewServerEvent<T extends EventType = EventType> {
  type: T;
  aggregateId: string;
  payload: PayloadOf<T>;
}

/**
 * Appends events the server writes to an office's log inside the caller's transaction (which this locks).
 * Throws if a payload does not satisfy its schema: the server never writes what a PC would park.
 */
export async function appendServerEventsIn(
  tx: Transaction<ServerDB>,
  dialect: 'sqlite' | 'pg',
  officeId: string,
  events: readonly NewServerEvent[],
  now: number,
): Promise<{ event: StoredEvent; serverSeq: number }[]> {
  const office = await lockOfficeRow(tx, dialect, officeId);
  const recent = await tx.selectFrom('events').select('hlc').where('office_id', '=', officeId).orderBy('server_seq', 'desc').limit(100).execute();
  const latest = recent.reduce<string | null>((m, r) => (m === null || r.hlc > m ? r.hlc : m), null);
  let clock = latest ? parseHlc(latest) : { ms: now, counter: 0 };
  let seq = office.lastSeq;
  const out: { event: StoredEvent; serverSeq: number }[] = [];
  for (const e of events) {
    const def = EVENT_TYPES[e.type];
    const payload = def.payload.parse(e.payload);
    clock = clock.counter < 99_999 ? { ms: clock.ms, counter: clock.counter + 1 } : { ms: clock.ms + 1, counter: 0 };
    seq += 1;
    const event: StoredEvent = {
      id: uuidv7(now),
      hlc: formatHlc(clock),
      deviceId: SERVER_DEVICE_ID,
      actorId: null,
      type: e.type,
      aggregateType: def.aggregate,
      aggregateId: e.aggregateId,
      payload,
      schemaVersion: def.version,
      recordedAt: now,
    };
    await tx
      .insertInto('events')
      .values({
        office_id: officeId,
        server_seq: seq,
        id: event.id,
        hlc: event.hlc,
        device_id: event.deviceId,
        actor_id: null,
        type: event.type,
        aggregate_type: event.aggregateType,
        aggregate_id: event.aggregateId,
        payload: JSON.stringify(payload),
        schema_version: event.schemaVersion,
        recorded_at: now,
        received_at: now,
        source_device: SERVER_DEVICE_ID,
        device_seq: null,
      })
      .execute();
    out.push({ event, serverSeq: seq });
  }
  await tx.updateTable('offices').set({ last_seq: seq }).where('id', '=', officeId).execute();
  return out;
}

/** The server's tag in complaint numbers: `W` and five hex digits of its epoch (a new one after a restore). */
export function serverComplaintTag(epoch: string): string {
  return `W${crypto.createHash('sha256').update(epoch).digest('hex').slice(0, 5).toUpperCase()}`;
}

/** The next complaint number the server issues for an office today (inside the locked transaction). */
export async function nextServerComplaintNo(tx: Transaction<ServerDB>, officeId: string, epoch: string, now: number): Promise<string> {
  const day = witaIsoDate(now).replace(/-/g, '');
  const tag = serverComplaintTag(epoch);
  const prefix = `PGD-${day}-${tag}-`;
  const rows = await tx
    .selectFrom('public_complaints')
    .select('number')
    .where('office_id', '=', officeId)
    .where('number', '>=', prefix)
    .where('number', '<', `${prefix}~`)
    .execute();
  return complaintLabel(day, tag, nextComplaintNumber(rows.map((r) => r.number), complaintScope(day, tag)));
}

/**
 * Re-learns the complaints the server wrote from events a workstation (re-)sends: after a restore from a
 * backup the log gets them back from the PCs, and with them the numbers already issued and the status codes.
 * Called by the push path with the events it stored as new.
 */
export async function indexServerComplaints(
  tx: Transaction<ServerDB>,
  officeId: string,
  events: readonly { id: string; deviceId: string; type: string; aggregateId: string; payload: unknown }[],
  now: number,
): Promise<void> {
  for (const e of events) {
    if (e.deviceId !== SERVER_DEVICE_ID || e.type !== 'complaint.received') continue;
    const p = e.payload as { number?: unknown; statusCodeHash?: unknown };
    if (typeof p.number !== 'string' || typeof p.statusCodeHash !== 'string') continue;
    await tx
      .insertInto('public_complaints')
      .values({ office_id: officeId, number: p.number, aggregate_id: e.aggregateId, code_hash: p.statusCodeHash, created_at: now })
      .onConflict((oc) => oc.columns(['office_id', 'number']).doNothing())
      .execute();
  }
}
