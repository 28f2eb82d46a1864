/**
 * Projectors of the desks (visit columns after the handover) and of the working-day calendar. Called from
 * `projections.ts`; same contract: given the state before and after, write only what changed.
 */
import type { AggregateStates } from '../domain/aggregates';
import { deskOf } from '../domain/aggregates/visit-desk';
import type { Exec } from './exec';

/** Visit columns added by migration 003. */
export function deskColumns(v: AggregateStates['visit']) {
  const d = deskOf(v);
  return {
    registered_by: v.registeredBy,
    handed_over_by: v.handedOverBy,
    claimed_by: d.claimedBy,
    claimed_at: d.claimedAt,
    claim_conflicts: d.claimConflicts.length,
    outcome_at: d.outcome?.at ?? null,
    outcome_by: d.outcome?.by ?? null,
    outcome_note: d.outcome?.note ?? null,
    lkpp_result: d.lkpp?.result ?? null,
    // Excused disruptions travel with the pauses (kind `disruption_internet|spse`): the clock of a queue row
    // needs both, and no column is added for them.
    pauses: JSON.stringify([
      ...d.pauses.map((p) => ({ from: p.from, to: p.to, kind: p.kind })),
      ...(d.disruptions ?? []).map((x) => ({ from: x.from, to: x.to, kind: `disruption_${x.kind}` })),
    ]),
    discretion_reason: d.discretionReason,
    promised_due_at: v.promisedDueAt ?? null,
  };
}

/** Office-wide outages (migration 006): few rows, read whole by every clock (`backend/views/outages.ts`). */
export async function projectOutage(tx: Exec, id: string, o: AggregateStates['outage'] | null): Promise<void> {
  if (!o) return;
  const row = { kind: o.kind, from_ms: o.from, to_ms: o.to, reason: o.reason, declared_by: o.declaredBy, declared_at: o.declaredAt, withdrawn: o.withdrawn ? 1 : 0 };
  await tx
    .insertInto('outages')
    .values({ id, ...row })
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
}

export async function projectCalendar(tx: Exec, prev: AggregateStates['calendar'] | null, c: AggregateStates['calendar'] | null): Promise<void> {
  if (!c) return;
  const before = new Map((prev?.holidays ?? []).map((h) => [h.date, h]));
  const after = new Map(c.holidays.map((h) => [h.date, h]));
  for (const date of before.keys()) if (!after.has(date)) await tx.deleteFrom('calendar_holidays').where('date', '=', date).execute();
  for (const [date, h] of after) {
    const old = before.get(date);
    if (old && old.name === h.name && old.kind === h.kind) continue;
    await tx
      .insertInto('calendar_holidays')
      .values({ date, name: h.name, kind: h.kind })
      .onConflict((oc) => oc.column('date').doUpdateSet({ name: h.name, kind: h.kind }))
      .execute();
  }
  for (const wd of [1, 2, 3, 4, 5, 6, 7] as const) {
    const h = c.hours[wd] ?? null;
    const o = prev?.hours[wd] ?? null;
    if (prev && o?.open === h?.open && o?.close === h?.close) continue;
    const row = { open: h?.open ?? null, close: h?.close ?? null };
    await tx
      .insertInto('calendar_hours')
      .values({ weekday: wd, ...row })
      .onConflict((oc) => oc.column('weekday').doUpdateSet(row))
      .execute();
  }
}
