import type { DomainEvent, ItemMark, MissingItem, VisitorRole } from '../events/schema';
import { emptyDesk, isAfterHandover, reduceDeskEvent, type VisitDesk } from './visit-desk';

export type VisitStatus =
  | 'registered' // in the guest book, checklist not started
  | 'checking' // helpdesk is walking the checklist
  | 'returned' // returned incomplete; waiting for the vendor to come back
  | 'handed_over' // complete, waiting in the handler's queue (system admin: "baru")
  | 'closed' // a visit with no service procedure (purpose "lainnya"), finished at the desk
  | 'in_process' // claimed by a verifier / system admin (diproses)
  | 'waiting_vendor' // handler waits for the vendor; the service clock is paused (menunggu penyedia)
  | 'at_lkpp' // forwarded to LKPP; the clock is paused (diteruskan ke LKPP)
  | 'completed' // the handler finished the service (selesai)
  | 'rejected'; // the handler rejected the request with a reason (ditolak)

export interface VisitReturn {
  at: number;
  by: string | null;
  missing: MissingItem[];
  note: string | null;
}

export interface VisitState {
  id: string;
  arrivedAt: number;
  personId: string;
  vendorId: string | null;
  visitorRole: VisitorRole;
  visitorName: string;
  companyName: string | null;
  serviceCode: string | null;
  purposeNote: string | null;
  catalogueVersion: number;
  /** When the personal-data notice was given (issue 15); absent on visits recorded before it was kept. */
  privacyNoticeAt?: number;
  status: VisitStatus;
  registeredBy: string | null;
  checklistStartedAt: number | null;
  marks: Record<string, ItemMark & { at: number; by: string | null }>;
  returns: VisitReturn[];
  resumedAt: number[];
  handedOverAt: number | null;
  handedOverBy: string | null;
  /** The handling unit's code (domain/catalogue/units.ts). */
  handedOverTo: string | null;
  receiptNo: string | null;
  discretionItems: string[];
  closedAt: number | null;
  updatedAt: number;
  /** Work after the handover (claim, pauses, outcome, notes); absent in states folded by older builds. */
  desk?: VisitDesk;
  /**
   * Handovers after the first in fold order (two PCs handed the same file over while offline): their
   * receipts were printed and given out, so they stay valid and the visit shows the conflict (ADR 0011).
   */
  extraHandovers?: { receiptNo: string; at: number; by: string | null }[];
  /** The deadline printed on the receipt, recorded with the handover (absent for older handovers). */
  promisedDueAt?: number | null;
  /** That deadline depended on a provisional (not yet decreed) year. */
  promisedProvisional?: boolean;
}

type VisitEvent = Extract<DomainEvent, { aggregateType: 'visit' } | { type: `visit.${string}` }>;

export function reduceVisit(state: VisitState | null, e: DomainEvent): VisitState | null {
  if (e.type === 'visit.registered') {
    if (state) return state; // a duplicate registration never resets a visit
    const p = e.payload;
    return {
      id: e.aggregateId,
      arrivedAt: p.arrivedAt,
      personId: p.personId,
      vendorId: p.vendorId,
      visitorRole: p.visitorRole,
      visitorName: p.visitorName,
      companyName: p.companyName,
      serviceCode: p.serviceCode,
      purposeNote: p.purposeNote,
      catalogueVersion: p.catalogueVersion,
      ...(p.privacyNoticeAt !== undefined ? { privacyNoticeAt: p.privacyNoticeAt } : {}),
      status: 'registered',
      registeredBy: e.actorId,
      checklistStartedAt: null,
      marks: {},
      returns: [],
      resumedAt: [],
      handedOverAt: null,
      handedOverBy: null,
      handedOverTo: null,
      receiptNo: null,
      discretionItems: [],
      closedAt: null,
      updatedAt: p.arrivedAt,
      desk: emptyDesk(),
    };
  }
  if (!state) return null; // an event for a visit whose registration has not arrived yet
  const ev = e as VisitEvent;
  switch (ev.type) {
    case 'visit.checklist_started':
      return {
        ...state,
        checklistStartedAt: state.checklistStartedAt ?? ev.payload.at,
        status: state.status === 'registered' ? 'checking' : state.status,
        updatedAt: ev.payload.at,
      };
    case 'visit.item_marked': {
      const { at, ...mark } = ev.payload;
      return {
        ...state,
        checklistStartedAt: state.checklistStartedAt ?? at,
        status: state.status === 'registered' ? 'checking' : state.status,
        marks: { ...state.marks, [mark.itemCode]: { ...mark, at, by: ev.actorId } },
        updatedAt: at,
      };
    }
    case 'visit.returned':
      if (state.status === 'closed' || isAfterHandover(state.status)) return state;
      return {
        ...state,
        status: 'returned',
        returns: [...state.returns, { at: ev.payload.at, by: ev.actorId, missing: ev.payload.missing, note: ev.payload.note }],
        updatedAt: ev.payload.at,
      };
    case 'visit.resumed':
      if (state.status !== 'returned') return state;
      return { ...state, status: 'checking', resumedAt: [...state.resumedAt, ev.payload.at], updatedAt: ev.payload.at };
    case 'visit.handed_over':
      if (isAfterHandover(state.status)) {
        // The first handover in fold order wins; a later one keeps its receipt, shown as a conflict.
        if (ev.payload.receiptNo === state.receiptNo) return state;
        return { ...state, extraHandovers: [...(state.extraHandovers ?? []), { receiptNo: ev.payload.receiptNo, at: ev.payload.at, by: ev.actorId }] };
      }
      if (state.status === 'closed') return state;
      return {
        ...state,
        status: 'handed_over',
        handedOverAt: ev.payload.at,
        handedOverBy: ev.actorId,
        handedOverTo: ev.payload.to,
        receiptNo: ev.payload.receiptNo,
        discretionItems: ev.payload.discretionItems,
        promisedDueAt: ev.payload.dueAt ?? null,
        promisedProvisional: ev.payload.dueProvisional ?? false,
        updatedAt: ev.payload.at,
        ...(ev.payload.discretionItems.length > 0
          ? { desk: { ...emptyDesk(), discretionReason: ev.payload.discretionReason ?? null, discretionBy: ev.actorId } }
          : {}),
      };
    case 'visit.closed':
      if (state.status === 'closed' || isAfterHandover(state.status)) return state;
      return { ...state, status: 'closed', closedAt: ev.payload.at, updatedAt: ev.payload.at };
    default:
      return reduceDeskEvent(state, e);
  }
}

/**
 * Folds a run of events into a visit: the same result as `reduceVisit` applied to each in turn (same values,
 * same key order, and unchanged marks, returns and desk kept by identity, which the projection's change
 * tests rely on: db/projections.ts), without copying the whole state and its marks for every checklist mark.
 * A bulk page folds a visit's events once per page (ADR 0026), and about half of them are marks; copying a
 * ~2.5 KB state per mark was a fifth of the page's apply time with the garbage it made (ADR 0032).
 *
 * A mark is written into a copy this run owns (`draft`), made once per run of consecutive marks; any other
 * event goes through `reduceVisit`, which never mutates its input, so the caller's state and every state a
 * reducer returned stay as they were. domain/aggregates/visit-run.test.ts holds this equal to the one-by-one
 * fold on arbitrary event sequences.
 */
export function reduceVisitRun(state: VisitState | null, events: readonly (DomainEvent | null)[]): VisitState | null {
  let s = state;
  /** `s` when it is this run's own copy, never seen outside this function: only then is it written into. */
  let draft: VisitState | null = null;
  for (const e of events) {
    if (e === null) continue; // an event of a type this app cannot fold leaves the state as it is (applyEvent)
    if (e.type !== 'visit.item_marked' || s === null) {
      s = reduceVisit(s, e);
      continue;
    }
    const { at, ...mark } = e.payload;
    if (draft !== s) {
      // The same keys in the same order as the literal in `reduceVisit`'s `visit.item_marked` case.
      draft = { ...s };
      draft.checklistStartedAt = s.checklistStartedAt ?? at;
      draft.status = s.status === 'registered' ? 'checking' : s.status;
      draft.marks = { ...s.marks };
      draft.updatedAt = at;
      s = draft;
    } else {
      draft.checklistStartedAt = draft.checklistStartedAt ?? at;
      draft.status = draft.status === 'registered' ? 'checking' : draft.status;
      draft.updatedAt = at;
    }
    draft.marks[mark.itemCode] = { ...mark, at, by: e.actorId };
  }
  return s;
}
