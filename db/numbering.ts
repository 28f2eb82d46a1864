/**
 * The next number of a series, derived from the log (ADR 0011, domain/numbering.ts): one more than the
 * highest number of that series and scope found in the events this PC holds (`issued_numbers`, written in
 * the same transaction as each event that issues one). Read inside the action's transaction, so two
 * actions on this PC never draw the same number; the device tag in the scope keeps PCs apart.
 */
import type { Kysely, Transaction } from 'kysely';
import { complaintLabel, complaintScope, receiptLabel, receiptScope } from '../domain/numbering';
import { prepared } from './prepared';
import type { DB } from './schema';

const highest = prepared((db, p: { series: string; scope: string }) =>
  db
    .selectFrom('issued_numbers')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('series', '=', p.series)
    .where('scope', '=', p.scope),
);

/** The floor a restore left for a series and scope (migration 012-data-safety): numbers it must not reissue. */
const floor = prepared((db, p: { series: string; scope: string }) =>
  db.selectFrom('number_floors').select('number').where('series', '=', p.series).where('scope', '=', p.scope),
);

export async function nextNumber(db: Kysely<DB> | Transaction<DB>, series: string, scope: string): Promise<number> {
  const r = await highest.first(db, { series, scope });
  const f = await floor.first(db, { series, scope });
  return Math.max(Number(r?.n ?? 0), f?.number ?? 0) + 1;
}

/** The next receipt number of this device for a day (`yyyymmdd`). */
export async function nextReceiptNo(db: Kysely<DB> | Transaction<DB>, day: string, deviceTag: string): Promise<string> {
  return receiptLabel(day, deviceTag, await nextNumber(db, 'receipt', receiptScope(day, deviceTag)));
}

/** The next complaint number of this device for a day (`yyyymmdd`), ADR 0012. */
export async function nextComplaintNo(db: Kysely<DB> | Transaction<DB>, day: string, deviceTag: string): Promise<string> {
  return complaintLabel(day, deviceTag, await nextNumber(db, 'complaint', complaintScope(day, deviceTag)));
}
