/**
 * Reducers of the satisfaction survey's aggregates (docs/adr/0010). Pure.
 *
 * - survey_response: the first `survey.response_recorded` in fold order is the response; a later one for the
 *   same aggregate (the same survey code used twice, e.g. at two kiosks while offline) is kept in the log
 *   and only counted as a duplicate, so a visit's code answers once on every PC.
 * - survey_token: the first `survey.token_issued` for a visit in fold order is its code; a later one (two
 *   PCs issuing offline) is counted as a conflict and its code is not accepted.
 * - survey_plan: the last `survey.plan_set` in fold order is the plan of its period.
 */
import type { DomainEvent } from '../events/schema';
import type { SurveyPlanPayload, SurveyResponsePayload, SurveyTokenIssuedPayload } from '../survey/events';

export interface SurveyResponseState extends SurveyResponsePayload {
  id: string;
  /** Later responses given with the same code, ignored. */
  duplicates: number;
}

export function reduceSurveyResponse(state: SurveyResponseState | null, e: DomainEvent): SurveyResponseState | null {
  if (e.type !== 'survey.response_recorded') return state;
  if (state) return { ...state, duplicates: state.duplicates + 1 };
  return { id: e.aggregateId, ...e.payload, duplicates: 0 };
}

export interface SurveyTokenState extends SurveyTokenIssuedPayload {
  /** Later issuances for the same visit (a different code), not accepted. */
  conflicts: number;
}

export function reduceSurveyToken(state: SurveyTokenState | null, e: DomainEvent): SurveyTokenState | null {
  if (e.type !== 'survey.token_issued') return state;
  if (state) return state.tokenHash === e.payload.tokenHash ? state : { ...state, conflicts: state.conflicts + 1 };
  return { ...e.payload, conflicts: 0 };
}

export interface SurveyPlanState extends SurveyPlanPayload {
  updatedAt: number;
  updatedBy: string | null;
}

export function reduceSurveyPlan(_state: SurveyPlanState | null, e: DomainEvent): SurveyPlanState | null {
  if (e.type !== 'survey.plan_set') return _state;
  return { ...e.payload, updatedAt: e.recordedAt, updatedBy: e.actorId };
}
