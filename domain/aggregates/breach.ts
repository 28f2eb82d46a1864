/**
 * A personal-data breach (aggregate 'breach'): the incident as recorded, and when the subjects and the
 * authority were notified in writing (UU 27/2022 Pasal 46: within 3 × 24 hours). Pure.
 */
import type { BreachRecordedPayload } from '../events/privacy-events';
import type { DomainEvent } from '../events/schema';

/** The notice period: 3 × 24 hours from discovery. */
export const BREACH_NOTICE_MS = 3 * 24 * 60 * 60 * 1000;

export interface BreachState extends BreachRecordedPayload {
  id: string;
  recordedBy: string | null;
  recordedAt: number;
  notifiedSubjectsAt: number | null;
  notifiedAuthorityAt: number | null;
  closedAt: number | null;
  notes: { at: number; by: string | null; text: string }[];
}

export function reduceBreach(state: BreachState | null, e: DomainEvent): BreachState | null {
  if (e.type === 'breach.recorded') {
    if (state) return state;
    return { id: e.aggregateId, ...e.payload, recordedBy: e.actorId, recordedAt: e.recordedAt, notifiedSubjectsAt: null, notifiedAuthorityAt: null, closedAt: null, notes: [] };
  }
  if (!state) return state;
  if (e.type === 'breach.notified') {
    const notes = e.payload.note ? [...state.notes, { at: e.payload.at, by: e.actorId, text: e.payload.note }] : state.notes;
    // The first notice of each kind counts (a second letter does not move the date the duty was met).
    if (e.payload.recipient === 'subjects') return { ...state, notifiedSubjectsAt: state.notifiedSubjectsAt ?? e.payload.at, notes };
    return { ...state, notifiedAuthorityAt: state.notifiedAuthorityAt ?? e.payload.at, notes };
  }
  if (e.type === 'breach.closed') {
    const notes = e.payload.note ? [...state.notes, { at: e.payload.at, by: e.actorId, text: e.payload.note }] : state.notes;
    return { ...state, closedAt: state.closedAt ?? e.payload.at, notes };
  }
  return state;
}

/** Where the notice stands at `now`: the deadline, the time left (negative when late), and what is missing. */
export function breachClock(b: Pick<BreachState, 'discoveredAt' | 'notifiedSubjectsAt' | 'notifiedAuthorityAt'>, now: number) {
  const deadline = b.discoveredAt + BREACH_NOTICE_MS;
  const done = b.notifiedSubjectsAt !== null && b.notifiedAuthorityAt !== null;
  const lastNotice = done ? Math.max(b.notifiedSubjectsAt!, b.notifiedAuthorityAt!) : null;
  return { deadline, remainingMs: deadline - now, done, late: done ? lastNotice! > deadline : now > deadline };
}
