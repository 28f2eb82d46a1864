/**
 * Numbers the central server hands out (complaint numbers of the public form, ADR 0012), derived from its log
 * exactly as a workstation's are (ADR 0011, domain/numbering.ts): the events that issue a number declare it
 * (`numbersIn`), `issued_numbers` holds the numbers of the events the server wrote itself, and the next
 * number of a scope is one more than the highest there. The table is written in the transaction that writes
 * each such event (`appendServerEventIn`), and again from those events when a workstation re-sends them
 * after the server was restored from a backup (the push path), so a number once issued is never issued
 * again. The server's tag in its numbers also changes with its epoch (rotated after a restore), so even the
 * numbers issued between the backup and the loss, before any workstation re-sent them, cannot come back.
 */
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { SERVER_DEVICE_ID } from '../domain/events/device-events';
import type { StoredEvent } from '../domain/events/schema';
import { complaintLabel, complaintScope, NUMBERING_EVENT_TYPES, numbersIn } from '../domain/numbering';
import { witaIsoDate } from '../domain/time/wita';
import type { ServerDB } from './schema';

type Numbered = Pick<StoredEvent, 'id' | 'deviceId' | 'type' | 'aggregateId' | 'payload'>;

/** Records the numbers in the server's own events among `events` (others' numbers are their authors' business). */
export async function recordServerNumbers(tx: Transaction<ServerDB>, officeId: string, events: readonly Numbered[]): Promise<void> {
  for (const e of events) {
    if (e.deviceId !== SERVER_DEVICE_ID || !NUMBERING_EVENT_TYPES.has(e.type)) continue;
    for (const n of numbersIn(e as StoredEvent)) {
      await tx
        .insertInto('issued_numbers')
        .values({ office_id: officeId, series: n.series, scope: n.scope, number: n.number, label: n.label, aggregate_id: e.aggregateId, event_id: e.id })
        .onConflict((oc) => oc.columns(['office_id', 'series', 'scope', 'number', 'event_id']).doNothing())
        .execute();
    }
  }
}

/** One more than the highest number of the series and scope the server issued for the office. */
export async function nextServerNumber(tx: Transaction<ServerDB>, officeId: string, series: string, scope: string): Promise<number> {
  const r = await tx
    .selectFrom('issued_numbers')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('office_id', '=', officeId)
    .where('series', '=', series)
    .where('scope', '=', scope)
    .executeTakeFirst();
  return Number(r?.n ?? 0) + 1;
}

/** The server's tag in complaint numbers: `W` and five hex digits of its epoch (a new one after a restore). */
export function serverComplaintTag(epoch: string): string {
  return `W${crypto.createHash('sha256').update(epoch).digest('hex').slice(0, 5).toUpperCase()}`;
}

/** The next complaint number the server issues for an office today; call inside the transaction holding the office lock. */
export async function nextServerComplaintNo(tx: Transaction<ServerDB>, officeId: string, epoch: string, now: number): Promise<string> {
  const day = witaIsoDate(now).replace(/-/g, '');
  const tag = serverComplaintTag(epoch);
  return complaintLabel(day, tag, await nextServerNumber(tx, officeId, 'complaint', complaintScope(day, tag)));
}

/** The complaint the server numbered with this label (as printed), or null. */
export async function serverComplaintByNumber(db: Kysely<ServerDB>, officeId: string, label: string): Promise<string | null> {
  const r = await db.selectFrom('issued_numbers').select('aggregate_id').where('office_id', '=', officeId).where('series', '=', 'complaint').where('label', '=', label).executeTakeFirst();
  return r?.aggregate_id ?? null;
}
