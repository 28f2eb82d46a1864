/**
 * Projection of complaints and suggestions (migration 009). A complaint changes a few times in its life, so
 * its whole row is written on each change. Pure of decisions: what the row holds is the folded state.
 */
import type { ComplaintState } from '../domain/aggregates/complaint';
import type { SuggestionState } from '../domain/aggregates/suggestion';
import { isLateFiling } from '../domain/complaints/clock';
import { witaIsoDate } from '../domain/time/wita';
import type { Exec } from './exec';
// A cycle (projections.ts dispatches here), harmless: the function is only called after both loaded.
import { normalizeName } from './projections';

export async function projectComplaint(tx: Exec, id: string, c: ComplaintState | null): Promise<void> {
  if (!c) return;
  const row = {
    number: c.number,
    channel: c.channel,
    received_at: c.receivedAt,
    received_day: witaIsoDate(c.receivedAt),
    recorded_at: c.recordedAt,
    recorded_by: c.recordedBy,
    recorded_on: c.recordedOn,
    complainant_name: c.complainant.name,
    name_norm: normalizeName(c.complainant.name),
    service_code: c.serviceCode,
    visit_id: c.visitId,
    receipt_no: c.receiptNo,
    service_at: c.serviceAt,
    late_filing: isLateFiling(c.serviceAt, c.receivedAt) ? 1 : 0,
    late_decision: c.lateFilingDecision ? (c.lateFilingDecision.accept ? 'accept' : 'decline') : null,
    lapor_no: c.laporNo,
    stage: c.stage,
    first_decision_at: c.firstDecisionAt,
    complete: c.completeness ? (c.completeness.complete ? 1 : 0) : null,
    ever_incomplete: c.waits.length > 0 ? 1 : 0,
    waits: JSON.stringify(c.waits),
    responded_at: c.response?.at ?? null,
    closed_at: c.closed?.at ?? null,
    promised_completeness_at: c.promised?.completenessDueAt ?? null,
    promised_response_at: c.promised?.responseDueAt ?? null,
    updated_at: c.updatedAt,
  };
  await tx
    .insertInto('complaints')
    .values({ id, ...row })
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
}

export async function projectSuggestion(tx: Exec, id: string, s: SuggestionState | null): Promise<void> {
  if (!s) return;
  const row = {
    received_at: s.receivedAt,
    received_day: witaIsoDate(s.receivedAt),
    channel: s.channel,
    name: s.name,
    service_code: s.serviceCode,
    text: s.text,
    recorded_by: s.recordedBy,
    recorded_at: s.recordedAt,
  };
  await tx
    .insertInto('suggestions')
    .values({ id, ...row })
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
}
