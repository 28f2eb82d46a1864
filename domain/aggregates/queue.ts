/**
 * The reducer of a queue ticket (domain/queue/events.ts). The state is the ticket and its steps in fold
 * order; what the steps mean for the queue (waiting, called, deferred after "not present", done) is read by
 * domain/queue/board.ts together with the ticket's visits. Pure.
 */
import type { DomainEvent } from '../events/schema';
import type { QueueDesk } from '../queue/events';

export type QueueStepKind = 'called' | 'recalled' | 'not_present' | 'serving' | 'finished' | 'rejoined';

export interface QueueStep {
  /** The event's id: each call is announced once, by this id. */
  id: string;
  kind: QueueStepKind;
  at: number;
  desk: QueueDesk | null;
  by: string | null;
  /** For `not_present`: how many others are called before this ticket is due again. */
  requeueAfter?: number;
}

export interface QueueTicketState {
  id: string;
  day: string;
  letter: 'A' | 'B';
  number: number;
  label: string;
  serviceCode: string | null;
  personId: string | null;
  issuedAt: number;
  issuedBy: string | null;
  /** The PC that issued it, and the residue class it drew from (numbers.ts). */
  deviceId: string;
  station: number;
  stations: number;
  visitIds: string[];
  steps: QueueStep[];
}

export function reduceQueueTicket(state: QueueTicketState | null, e: DomainEvent): QueueTicketState | null {
  if (e.type === 'queue.ticket_issued') {
    if (state) return state; // issued once; a repeat changes nothing
    const p = e.payload;
    return {
      id: e.aggregateId,
      day: p.day,
      letter: p.letter,
      number: p.number,
      label: p.label,
      serviceCode: p.serviceCode,
      personId: p.personId,
      issuedAt: p.at,
      issuedBy: e.actorId,
      deviceId: e.deviceId,
      station: p.station,
      stations: p.stations,
      visitIds: [p.visitId],
      steps: [],
    };
  }
  if (!state) return null; // a step whose ticket has not arrived yet: folded again when it does
  const step = (kind: QueueStepKind, at: number, desk: QueueDesk | null, extra: Partial<QueueStep> = {}): QueueTicketState => ({
    ...state,
    steps: [...state.steps, { id: e.id, kind, at, desk, by: e.actorId, ...extra }],
  });
  switch (e.type) {
    case 'queue.visit_joined':
      return state.visitIds.includes(e.payload.visitId) ? state : { ...state, visitIds: [...state.visitIds, e.payload.visitId] };
    case 'queue.called':
      return step(e.payload.again ? 'recalled' : 'called', e.payload.at, e.payload.desk);
    case 'queue.not_present':
      return step('not_present', e.payload.at, e.payload.desk, { requeueAfter: e.payload.requeueAfter });
    case 'queue.serving':
      return step('serving', e.payload.at, e.payload.desk);
    case 'queue.finished':
      return step('finished', e.payload.at, e.payload.desk);
    case 'queue.rejoined':
      return step('rejoined', e.payload.at, null);
    default:
      return state;
  }
}
