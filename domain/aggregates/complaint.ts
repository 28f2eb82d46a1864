/**
 * A complaint (aggregate `complaint`, one id per complaint), Perwali Banjarmasin 67/2018 Pasal 8 and the
 * Lampiran's "Penanganan Pengaduan": received → cek administrasi → lengkap / tidak lengkap (menunggu
 * kelengkapan) → koordinasi internal/eksternal → ditanggapi → selesai. Every stage keeps who and when.
 *
 * What the complainant wrote is kept as received and never replaced: staff corrections and notes, and what
 * the complainant adds, are entries beside it. Scans and photos stay in their events (their data is not
 * copied into the state, which is rewritten on every change).
 *
 * Conflicts are folded, not refused (ADR 0003 §2): two decisions recorded offline on different PCs both
 * arrive; the first in fold order stands and the other is kept in `ignored` and shown. Pure: no I/O.
 */
import type { ComplaintChannel, ComplaintReceivedPayload } from '../events/complaint-events';
import type { DomainEvent } from '../events/schema';

export type ComplaintStage = 'received' | 'admin_check' | 'complete' | 'waiting_completeness' | 'coordination' | 'responded' | 'closed';

export const COMPLAINT_STAGES: readonly ComplaintStage[] = ['received', 'admin_check', 'complete', 'waiting_completeness', 'coordination', 'responded', 'closed'];

export interface StageEntry {
  stage: ComplaintStage;
  at: number;
  by: string | null;
  /** What the step said (what is missing, coordination scope and note, closing note). */
  note: string | null;
}

export interface ComplaintNote {
  at: number;
  by: string | null;
  kind: 'correction' | 'note';
  field: string | null;
  text: string;
}

export interface ComplaintAttachment {
  id: string;
  at: number;
  by: string | null;
  fileName: string;
  mimeType: string;
  /** Size of the data URL in characters (the data itself stays in the event). */
  size: number;
  note: string | null;
}

export interface ComplaintState {
  id: string;
  number: string;
  channel: ComplaintChannel;
  receivedAt: number;
  recordedAt: number;
  recordedBy: string | null;
  /** The device that recorded it ('server' for the public form). */
  recordedOn: string;
  complainant: ComplaintReceivedPayload['complainant'];
  serviceCode: string | null;
  visitId: string | null;
  receiptNo: string | null;
  serviceAt: number | null;
  text: string;
  loss: string | null;
  request: string;
  place: string | null;
  signed: boolean;
  laporNo: string | null;
  /** The deadlines stated on the acknowledgement (absent when it was recorded without them). */
  promised: { completenessDueAt: number; responseDueAt: number; provisional: boolean } | null;
  /** Web complaints: hash of the complainant's status code. */
  statusCodeHash: string | null;
  stage: ComplaintStage;
  /** Every stage reached, in fold order. */
  history: StageEntry[];
  /** The first completeness decision stops the completeness clock (Pasal 8(5): within 3 working days). */
  firstDecisionAt: number | null;
  /** The latest decision. */
  completeness: { at: number; by: string | null; complete: boolean; missing: string | null; note: string | null } | null;
  /** Waits for the complainant to complete the complaint: they pause the response clock. */
  waits: { from: number; to: number | null }[];
  supplements: { at: number; by: string | null; channel: ComplaintChannel; text: string }[];
  coordination: { at: number; by: string | null; scope: 'internal' | 'external'; note: string | null }[];
  response: { at: number; by: string | null; text: string } | null;
  closed: { at: number; by: string | null; note: string | null } | null;
  lateFilingDecision: { at: number; by: string | null; accept: boolean; reason: string } | null;
  notes: ComplaintNote[];
  attachments: ComplaintAttachment[];
  /** Events the state could not take (a second decision recorded offline), shown to the people involved. */
  ignored: { type: string; at: number; by: string | null }[];
  updatedAt: number;
}

function mimeOf(dataUrl: string): string {
  return /^data:([^;]+);/.exec(dataUrl)?.[1] ?? 'application/octet-stream';
}

function enter(s: ComplaintState, stage: ComplaintStage, at: number, by: string | null, note: string | null = null): ComplaintState {
  return { ...s, stage, history: [...s.history, { stage, at, by, note }], updatedAt: Math.max(s.updatedAt, at) };
}

function ignore(s: ComplaintState, e: DomainEvent, at: number): ComplaintState {
  return { ...s, ignored: [...s.ignored, { type: e.type, at, by: e.actorId }] };
}

function endWait(waits: ComplaintState['waits'], at: number): ComplaintState['waits'] {
  return waits.map((w) => (w.to === null ? { from: w.from, to: Math.max(w.from, at) } : w));
}

export function reduceComplaint(state: ComplaintState | null, e: DomainEvent): ComplaintState | null {
  if (e.type === 'complaint.received') {
    if (state) return state; // a duplicate never resets a complaint
    const p = e.payload;
    return {
      id: e.aggregateId,
      number: p.number,
      channel: p.channel,
      receivedAt: p.receivedAt,
      recordedAt: p.at,
      recordedBy: e.actorId,
      recordedOn: e.deviceId,
      complainant: p.complainant,
      serviceCode: p.serviceCode,
      visitId: p.visitId,
      receiptNo: p.receiptNo,
      serviceAt: p.serviceAt,
      text: p.text,
      loss: p.loss,
      request: p.request,
      place: p.place,
      signed: p.signed,
      laporNo: p.laporNo,
      promised:
        p.completenessDueAt !== undefined && p.responseDueAt !== undefined
          ? { completenessDueAt: p.completenessDueAt, responseDueAt: p.responseDueAt, provisional: p.dueProvisional ?? false }
          : null,
      statusCodeHash: p.statusCodeHash ?? null,
      stage: 'received',
      history: [{ stage: 'received', at: p.receivedAt, by: e.actorId, note: null }],
      firstDecisionAt: null,
      completeness: null,
      waits: [],
      supplements: [],
      coordination: [],
      response: null,
      closed: null,
      lateFilingDecision: null,
      notes: [],
      attachments: [],
      ignored: [],
      updatedAt: p.at,
    };
  }
  if (!state) return null; // an event for a complaint whose receipt has not arrived yet
  const by = e.actorId;
  switch (e.type) {
    case 'complaint.attachment_added': {
      const p = e.payload;
      if (state.attachments.some((a) => a.id === p.id)) return state;
      const a: ComplaintAttachment = { id: p.id, at: p.at, by, fileName: p.fileName, mimeType: mimeOf(p.dataUrl), size: p.dataUrl.length, note: p.note };
      return { ...state, attachments: [...state.attachments, a], updatedAt: Math.max(state.updatedAt, p.at) };
    }
    case 'complaint.note_added': {
      const p = e.payload;
      return { ...state, notes: [...state.notes, { at: p.at, by, kind: p.kind, field: p.field, text: p.text }], updatedAt: Math.max(state.updatedAt, p.at) };
    }
    case 'complaint.check_started':
      if (state.stage === 'admin_check') return state;
      if (state.stage !== 'received') return ignore(state, e, e.payload.at);
      return enter(state, 'admin_check', e.payload.at, by);
    case 'complaint.completeness_decided': {
      const p = e.payload;
      if (state.stage !== 'received' && state.stage !== 'admin_check') return ignore(state, e, p.at);
      const next: ComplaintState = {
        ...state,
        firstDecisionAt: state.firstDecisionAt ?? p.at,
        completeness: { at: p.at, by, complete: p.complete, missing: p.missing, note: p.note },
        waits: p.complete ? state.waits : [...state.waits, { from: p.at, to: null }],
      };
      return p.complete ? enter(next, 'complete', p.at, by, p.note) : enter(next, 'waiting_completeness', p.at, by, p.missing);
    }
    case 'complaint.supplement_received': {
      const p = e.payload;
      if (state.stage === 'closed') return ignore(state, e, p.at);
      const next: ComplaintState = { ...state, supplements: [...state.supplements, { at: p.at, by, channel: p.channel, text: p.text }], updatedAt: Math.max(state.updatedAt, p.at) };
      // The awaited supplement: the response clock runs again and the complaint is checked again.
      if (state.stage !== 'waiting_completeness') return next;
      return enter({ ...next, waits: endWait(next.waits, p.at) }, 'admin_check', p.at, by);
    }
    case 'complaint.coordination_started': {
      const p = e.payload;
      if (state.stage !== 'complete' && state.stage !== 'coordination') return ignore(state, e, p.at);
      const next = { ...state, coordination: [...state.coordination, { at: p.at, by, scope: p.scope, note: p.note }] };
      return enter(next, 'coordination', p.at, by, p.note);
    }
    case 'complaint.responded': {
      const p = e.payload;
      if (state.response || (state.stage !== 'complete' && state.stage !== 'coordination')) return ignore(state, e, p.at);
      return enter({ ...state, response: { at: p.at, by, text: p.text } }, 'responded', p.at, by);
    }
    case 'complaint.closed': {
      const p = e.payload;
      if (state.stage === 'closed') return ignore(state, e, p.at);
      return enter({ ...state, closed: { at: p.at, by, note: p.note }, waits: endWait(state.waits, p.at) }, 'closed', p.at, by, p.note);
    }
    case 'complaint.late_filing_decided': {
      const p = e.payload;
      if (state.lateFilingDecision) return ignore(state, e, p.at);
      return { ...state, lateFilingDecision: { at: p.at, by, accept: p.accept, reason: p.reason }, updatedAt: Math.max(state.updatedAt, p.at) };
    }
    default:
      // complaint.letter_printed: read from the events (the letter history), nothing to fold.
      return state;
  }
}
