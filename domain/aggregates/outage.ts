/**
 * An office-wide outage (issue 9): the internet or SPSE is down for everybody. Declared once by the
 * supervisor or the system admin, it applies to every file at a desk during it, so nobody records the same
 * outage on twenty files. Ended when service is back; withdrawn (never deleted) when declared by mistake.
 * Pure: no I/O.
 */
import type { DisruptionKind } from '../time/clock';
import type { DomainEvent } from '../events/schema';

export interface OutageState {
  id: string;
  kind: DisruptionKind;
  from: number;
  /** Null while it goes on. */
  to: number | null;
  reason: string;
  declaredBy: string | null;
  declaredAt: number;
  endedBy: string | null;
  withdrawn: { at: number; by: string | null; reason: string } | null;
}

export function reduceOutage(state: OutageState | null, e: DomainEvent): OutageState | null {
  switch (e.type) {
    case 'outage.declared': {
      if (state) return state; // the first declaration in fold order stands
      const p = e.payload;
      if (p.to !== null && p.to < p.from) return null;
      return { id: e.aggregateId, kind: p.kind, from: p.from, to: p.to, reason: p.reason, declaredBy: e.actorId, declaredAt: p.at, endedBy: null, withdrawn: null };
    }
    case 'outage.ended':
      if (!state || state.to !== null) return state;
      return { ...state, to: Math.max(e.payload.to, state.from), endedBy: e.actorId };
    case 'outage.withdrawn':
      if (!state || state.withdrawn) return state;
      return { ...state, withdrawn: { at: e.payload.at, by: e.actorId, reason: e.payload.reason } };
    default:
      return state;
  }
}
