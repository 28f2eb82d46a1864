/**
 * The next complaint number of this workstation (`domain/complaints/number.ts`): one more than the highest
 * number of today's scope among the complaints this PC holds (the `complaints` projection, i.e. the log),
 * read inside the recording transaction so two recordings on this PC never draw the same number.
 */
import type { Exec } from '../db/event-store';
import { complaintLabel, complaintScope, nextComplaintNumber } from '../domain/complaints/number';
import { witaIsoDate } from '../domain/time/wita';
import { deviceTag } from './handlers/visits';

export async function nextComplaintNo(tx: Exec, deviceId: string, now: number): Promise<string> {
  const day = witaIsoDate(now).replace(/-/g, '');
  const tag = deviceTag(deviceId);
  const prefix = `PGD-${day}-${tag}-`;
  // A range on the indexed column: every number of the scope sorts between the prefix and prefix + '~'.
  const rows = await tx.selectFrom('complaints').select('number').where('number', '>=', prefix).where('number', '<', `${prefix}~`).execute();
  return complaintLabel(day, tag, nextComplaintNumber(rows.map((r) => r.number), complaintScope(day, tag)));
}
