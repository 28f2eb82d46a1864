/** Projector of the queue tickets (migration 010), called by `project` in projections.ts. */
import type { AggregateStates } from '../domain/aggregates';
import type { Exec } from './exec';
import { queueExec } from './schema-queue';

export async function projectQueueTicket(tx: Exec, id: string, prev: AggregateStates['queue_ticket'] | null, t: AggregateStates['queue_ticket'] | null): Promise<void> {
  if (!t) return; // steps of a ticket whose issue has not arrived yet: projected when it does
  const db = queueExec(tx);
  const row = {
    day: t.day,
    letter: t.letter,
    number: t.number,
    label: t.label,
    service_code: t.serviceCode,
    person_id: t.personId,
    issued_at: t.issuedAt,
    device_id: t.deviceId,
    state: JSON.stringify(t),
  };
  await db
    .insertInto('queue_tickets')
    .values({ id, ...row })
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
  const known = new Set(prev?.visitIds ?? []);
  for (const visitId of t.visitIds) {
    if (known.has(visitId)) continue;
    await db.insertInto('queue_ticket_visits').values({ visit_id: visitId, ticket_id: id, day: t.day }).onConflict((oc) => oc.doNothing()).execute();
  }
}
