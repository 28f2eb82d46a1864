/**
 * The fold: one reducer per aggregate type. State is a pure function of an aggregate's events ordered by
 * (hlc, device id, event id), so every workstation that holds the same events holds the same state.
 */
import { compareEvents, toDomainEvent, type DomainEvent, type StoredEvent } from '../events/schema';
import { reduceCatalogue, reducePerson, reduceUser, reduceVendor, type CatalogueState, type PersonState, type UserState, type VendorState } from './simple';
import { reduceVisit, reduceVisitRun, type VisitState } from './visit';
import { reduceReportExport, type ReportExportState } from './report-export';
import { reduceSettings, type SettingsState } from './settings';
import { reduceCalendar, type CalendarState } from './calendar';
import { reduceDevice, type DeviceState } from './device';
import { reduceOutage, type OutageState } from './outage';
import { reduceComplaint, type ComplaintState } from './complaint';
import { reduceSuggestion, type SuggestionState } from './suggestion';
import { reduceQueueTicket, type QueueTicketState } from './queue';
import { reduceCatalogueDraft, reduceMaklumat, type CatalogueDraftState, type MaklumatState } from './standard';
import { reduceErasure, type ErasureState } from './erasure';
import { reduceBreach, type BreachState } from './breach';
import { reduceSurveyPlan, reduceSurveyResponse, reduceSurveyToken, type SurveyPlanState, type SurveyResponseState, type SurveyTokenState } from './survey';

export interface AggregateStates {
  vendor: VendorState;
  person: PersonState;
  visit: VisitState;
  user: UserState;
  catalogue: CatalogueState;
  settings: SettingsState;
  calendar: CalendarState;
  report_export: ReportExportState;
  device: DeviceState;
  outage: OutageState;
  complaint: ComplaintState;
  suggestion: SuggestionState;
  survey_response: SurveyResponseState;
  survey_token: SurveyTokenState;
  survey_plan: SurveyPlanState;
  queue_ticket: QueueTicketState;
  catalogue_draft: CatalogueDraftState;
  maklumat: MaklumatState;
  erasure: ErasureState;
  breach: BreachState;
}
export type KnownAggregate = keyof AggregateStates;

type Reducer<S> = (state: S | null, e: DomainEvent) => S | null;

export const REDUCERS: { [K in KnownAggregate]: Reducer<AggregateStates[K]> } = {
  vendor: reduceVendor,
  person: reducePerson,
  visit: reduceVisit,
  user: reduceUser,
  catalogue: reduceCatalogue,
  settings: reduceSettings,
  calendar: reduceCalendar,
  report_export: reduceReportExport,
  device: reduceDevice,
  outage: reduceOutage,
  complaint: reduceComplaint,
  suggestion: reduceSuggestion,
  survey_response: reduceSurveyResponse,
  survey_token: reduceSurveyToken,
  survey_plan: reduceSurveyPlan,
  queue_ticket: reduceQueueTicket,
  catalogue_draft: reduceCatalogueDraft,
  maklumat: reduceMaklumat,
  erasure: reduceErasure,
  breach: reduceBreach,
};

export function isKnownAggregate(t: string): t is KnownAggregate {
  return Object.prototype.hasOwnProperty.call(REDUCERS, t);
}

/** Applies one event to a state; unknown event types leave the state unchanged (they are parked elsewhere). */
export function applyEvent<K extends KnownAggregate>(type: K, state: AggregateStates[K] | null, stored: StoredEvent): AggregateStates[K] | null {
  const e = toDomainEvent(stored);
  if (!e) return state;
  return (REDUCERS[type] as Reducer<AggregateStates[K]>)(state, e);
}

/**
 * Applies events in the given (fold) order: the same as `applyEvent` on each in turn. A visit's run is folded
 * by `reduceVisitRun`, which does not copy the whole state for each checklist mark (ADR 0032).
 */
export function applyEvents<K extends KnownAggregate>(type: K, state: AggregateStates[K] | null, events: readonly StoredEvent[]): AggregateStates[K] | null {
  if (type === 'visit') return reduceVisitRun(state as VisitState | null, events.map(toDomainEvent)) as AggregateStates[K] | null;
  let s = state;
  for (const e of events) s = applyEvent(type, s, e);
  return s;
}

/** Folds a whole aggregate from its events, in any arrival order. */
export function foldAggregate<K extends KnownAggregate>(type: K, events: readonly StoredEvent[]): AggregateStates[K] | null {
  return applyEvents(type, null, [...events].sort(compareEvents));
}
