/**
 * The part of a visit's fold that happens after the handover, at the verifier's or system admin's desk:
 * claim, pauses (waiting for the vendor, at LKPP), notes and the outcome.
 *
 * Conflicts are resolved by fold order (hlc, device, id) and never dropped:
 * - the first claim in fold order owns the file; a later claim by someone else is kept in `claimConflicts`
 *   ("Berkas ini sudah diambil oleh X"), whatever order the events arrived in;
 * - the first outcome in fold order is the outcome; any event the state could no longer take (a second
 *   outcome, a pause on a finished file…) is kept in `ignored`, so the people involved can be shown it.
 *
 * Pure: no I/O.
 */
import type { LkppResult, PauseKind } from '../events/desk-events';
import type { DisruptionKind } from '../time/clock';
import type { DomainEvent } from '../events/schema';
import type { VisitState, VisitStatus } from './visit';

export interface DeskPause {
  from: number;
  /** Null while the pause goes on. */
  to: number | null;
  /** `waiting_vendor`, `external_lkpp`, or a pause kind of the service's catalogue entry (issue 14). */
  kind: PauseKind | (string & {});
  by: string | null;
  note: string | null;
}

/** Excused time recorded on this file (gangguan internet / gangguan SPSE), issue 9. */
export interface DeskDisruption {
  from: number;
  /** Null while it goes on. */
  to: number | null;
  kind: DisruptionKind;
  reason: string;
  by: string | null;
  /** When it was recorded. */
  at: number;
}

export interface DeskClaimConflict {
  /** The user whose claim lost. */
  by: string | null;
  at: number;
  /** Who held the file when that claim was folded (null: nobody, e.g. the file was already finished). */
  ownerId: string | null;
}

export interface DeskOutcome {
  kind: 'completed' | 'rejected';
  at: number;
  by: string | null;
  /** Completion note, or the rejection reason the vendor is told (rejection letter). */
  note: string | null;
  /** The outcome came from LKPP's answer to a forwarded file. */
  viaLkpp: boolean;
}

export interface DeskLkpp {
  forwardedAt: number;
  forwardedBy: string | null;
  note: string | null;
  ticketNo: string | null;
  closedAt: number | null;
  closedBy: string | null;
  result: LkppResult | null;
  resultNote: string | null;
}

export interface DeskIgnored {
  type: string;
  by: string | null;
  at: number;
  statusThen: VisitStatus;
}

export interface VisitDesk {
  claimedBy: string | null;
  claimedAt: number | null;
  claimConflicts: DeskClaimConflict[];
  releases: { at: number; by: string | null; note: string | null }[];
  pauses: DeskPause[];
  notes: { at: number; by: string | null; text: string }[];
  outcome: DeskOutcome | null;
  /** The latest forwarding to LKPP (a file may go to LKPP again after LKPP answered). */
  lkpp: DeskLkpp | null;
  /** Perwali Pasal 6: the supervisor's written reason for accepting a file with missing items. */
  discretionReason: string | null;
  discretionBy: string | null;
  ignored: DeskIgnored[];
  /** Absent in states folded before issue 9. */
  disruptions?: DeskDisruption[];
}

export function emptyDesk(): VisitDesk {
  return {
    claimedBy: null,
    claimedAt: null,
    claimConflicts: [],
    releases: [],
    pauses: [],
    notes: [],
    outcome: null,
    lkpp: null,
    discretionReason: null,
    discretionBy: null,
    ignored: [],
    disruptions: [],
  };
}

/** The desk part of a state, with defaults for states folded before it existed. */
export function deskOf(state: Pick<VisitState, 'desk'>): VisitDesk {
  return state.desk ? { ...emptyDesk(), ...state.desk } : emptyDesk();
}

export const AFTER_HANDOVER: readonly VisitStatus[] = ['handed_over', 'in_process', 'waiting_vendor', 'at_lkpp', 'completed', 'rejected'];
/** Statuses in which a file is still in a handler's queue (not finished). */
export const OPEN_AT_DESK: readonly VisitStatus[] = ['handed_over', 'in_process', 'waiting_vendor', 'at_lkpp'];

export function isAfterHandover(status: VisitStatus): boolean {
  return AFTER_HANDOVER.includes(status);
}

export function isOpenAtDesk(status: VisitStatus): boolean {
  return OPEN_AT_DESK.includes(status);
}

function closeDisruptions(list: DeskDisruption[] | undefined, at: number, kind?: DisruptionKind): DeskDisruption[] {
  return (list ?? []).map((d) => (d.to === null && (kind === undefined || d.kind === kind) ? { ...d, to: Math.max(at, d.from) } : d));
}

function closePauses(pauses: DeskPause[], at: number): DeskPause[] {
  if (!pauses.some((p) => p.to === null)) return pauses;
  return pauses.map((p) => (p.to === null ? { ...p, to: Math.max(at, p.from) } : p));
}

export function reduceDeskEvent(state: VisitState, e: DomainEvent): VisitState {
  if (!e.type.startsWith('visit.')) return state;
  const desk = deskOf(state);
  const by = e.actorId;
  const with_ = (status: VisitStatus, at: number, patch: Partial<VisitDesk>): VisitState => ({
    ...state,
    status,
    updatedAt: Math.max(state.updatedAt, at),
    desk: { ...desk, ...patch },
  });
  const ignore = (at: number): VisitState => ({
    ...state,
    desk: { ...desk, ignored: [...desk.ignored, { type: e.type, by, at, statusThen: state.status }] },
  });
  const open = isOpenAtDesk(state.status);

  switch (e.type) {
    case 'visit.claimed': {
      const { at } = e.payload;
      if (state.status === 'handed_over' && desk.claimedBy === null) {
        return with_('in_process', at, { claimedBy: by, claimedAt: at });
      }
      if (!isAfterHandover(state.status)) return ignore(at);
      if (desk.claimedBy !== null && desk.claimedBy === by) return state; // the owner claiming again changes nothing
      return { ...state, desk: { ...desk, claimConflicts: [...desk.claimConflicts, { by, at, ownerId: desk.claimedBy }] } };
    }
    case 'visit.claim_released': {
      const { at, note } = e.payload;
      if (state.status !== 'in_process') return ignore(at);
      return with_('handed_over', at, { claimedBy: null, claimedAt: null, releases: [...desk.releases, { at, by, note }] });
    }
    case 'visit.pause_started': {
      const { at, kind, note } = e.payload;
      if (state.status !== 'in_process') return ignore(at);
      return with_('waiting_vendor', at, { pauses: [...desk.pauses, { from: at, to: null, kind, by, note }] });
    }
    case 'visit.pause_ended': {
      const { at } = e.payload;
      if (state.status !== 'waiting_vendor') return ignore(at);
      return with_('in_process', at, { pauses: closePauses(desk.pauses, at) });
    }
    case 'visit.forwarded_lkpp': {
      const { at, note, ticketNo } = e.payload;
      if (!open || state.status === 'at_lkpp') return ignore(at);
      return with_('at_lkpp', at, {
        claimedBy: desk.claimedBy ?? by,
        claimedAt: desk.claimedAt ?? at,
        pauses: [...closePauses(desk.pauses, at), { from: at, to: null, kind: 'external_lkpp', by, note }],
        lkpp: { forwardedAt: at, forwardedBy: by, note, ticketNo, closedAt: null, closedBy: null, result: null, resultNote: null },
      });
    }
    case 'visit.lkpp_closed': {
      const { at, result, note } = e.payload;
      if (state.status !== 'at_lkpp' || !desk.lkpp) return ignore(at);
      const lkpp: DeskLkpp = { ...desk.lkpp, closedAt: at, closedBy: by, result, resultNote: note };
      const pauses = closePauses(desk.pauses, at);
      if (result === 'answered') return with_('in_process', at, { lkpp, pauses });
      const kind = result === 'approved' ? 'completed' : 'rejected';
      return with_(kind, at, { lkpp, pauses, outcome: { kind, at, by, note, viaLkpp: true } });
    }
    case 'visit.completed':
    case 'visit.rejected': {
      const { at } = e.payload;
      if (!open) return ignore(at);
      const kind = e.type === 'visit.completed' ? 'completed' : 'rejected';
      const note = e.type === 'visit.completed' ? e.payload.note : e.payload.reason;
      return with_(kind, at, {
        claimedBy: desk.claimedBy ?? by,
        claimedAt: desk.claimedAt ?? at,
        pauses: closePauses(desk.pauses, at),
        disruptions: closeDisruptions(desk.disruptions, at),
        outcome: { kind, at, by, note, viaLkpp: false },
        lkpp: desk.lkpp && desk.lkpp.closedAt === null ? { ...desk.lkpp, closedAt: at, closedBy: by } : desk.lkpp,
      });
    }
    case 'visit.disruption_recorded': {
      const { at, from, to, kind, reason } = e.payload;
      // Recorded on a file at a desk, also after it was finished (the verifier notes the outage afterwards).
      if (!isAfterHandover(state.status) || (to !== null && to < from)) return ignore(at);
      const open = !isOpenAtDesk(state.status) && to === null ? (desk.outcome?.at ?? at) : to;
      return { ...state, desk: { ...desk, disruptions: [...(desk.disruptions ?? []), { from, to: open, kind, reason, by, at }] } };
    }
    case 'visit.disruption_ended': {
      const { at, kind } = e.payload;
      if (!(desk.disruptions ?? []).some((d) => d.to === null && d.kind === kind)) return ignore(at);
      return { ...state, desk: { ...desk, disruptions: closeDisruptions(desk.disruptions, at, kind) } };
    }
    case 'visit.note_added': {
      const { at, text } = e.payload;
      return { ...state, updatedAt: Math.max(state.updatedAt, at), desk: { ...desk, notes: [...desk.notes, { at, by, text }] } };
    }
    default:
      return state;
  }
}
