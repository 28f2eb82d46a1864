/**
 * Complaints as the screens, the CLI and the report see them: list rows from the `complaints` projection,
 * the detail from the folded state, and the two clocks (`domain/complaints/clock.ts`) on the working-day
 * calendar of the service clock (`loadWorkCalendar`), as of the backend's injectable `now`.
 */
import { holdsRole } from '../domain/roles';
import type { ComplaintClockView, ComplaintDetail, ComplaintRow } from '../contract/complaints';
import type { ComplaintsTable } from '../db/schema';
import type { Exec } from '../db/event-store';
import { userNames } from '../db/queries';
import type { ComplaintStage, ComplaintState } from '../domain/aggregates/complaint';
import type { Catalogue } from '../domain/catalogue/types';
import {
  acknowledgementDeadlines,
  completenessClock,
  COMPLETENESS_LIMIT,
  daysSinceService,
  isLateFiling,
  responseClock,
  RESPONSE_LIMIT,
  type ComplaintTimes,
} from '../domain/complaints/clock';
import { CHANNEL_LABEL, CHANNEL_SHORT, CORRECTION_FIELDS, COORDINATION_LABEL, STAGE_LABEL } from '../domain/complaints/labels';
import type { ComplaintChannel, ComplaintLetter } from '../domain/events/complaint-events';
import type { Role } from '../domain/events/schema';
import { countingStartMs, type WorkCalendar } from '../domain/time/calendar';
import type { ClockLimit, ServiceClock } from '../domain/time/clock';
import { visitStatusLabel } from '../domain/visit-status';

type Action = ComplaintDetail['actions'][number];

function limitText(l: ClockLimit): string {
  return `${l.amount} hari kerja`;
}

function clockOf(k: ServiceClock, limit: ClockLimit, cal: WorkCalendar, now: number, endedAt: number | null, promised: number | null, recount: number | null): ComplaintClockView {
  return {
    state: k.state,
    limitText: limitText(limit),
    deadlineMs: k.deadlineMs,
    deadlineProvisional: k.deadlineProvisional,
    remainingWorkingMinutes: k.remainingWorkingMinutes,
    elapsedWorkingMinutes: k.elapsedWorkingMinutes,
    pausedWorkingMinutes: k.pausedWorkingMinutes.waitingVendor,
    paused: k.state === 'paused' || (k.activePause !== null && endedAt === null),
    ticking: (k.state === 'running' || (k.state === 'overdue' && k.activePause === null)) && countingStartMs(cal, now) === now,
    dueSoon: k.dueSoon,
    endedAt,
    promisedDeadlineMs: promised,
    deadlineChanged: promised !== null && recount !== null && promised !== recount,
    asOf: now,
  };
}

export interface ClockPair {
  completeness: ComplaintClockView;
  response: ComplaintClockView;
  overdue: boolean;
  nextDeadlineMs: number | null;
}

/** Both clocks of a complaint; `promised` are the acknowledgement's deadlines when recorded. */
export function complaintClocks(t: ComplaintTimes, cal: WorkCalendar, now: number, promised: { completenessDueAt: number; responseDueAt: number } | null): ClockPair {
  // The acknowledgement's deadlines recounted on today's calendar: they differ only if the calendar changed.
  const recount = promised ? acknowledgementDeadlines(t.receivedAt, cal) : null;
  const ck = completenessClock(t, cal, now);
  const rk = responseClock(t, cal, now);
  const completeness = clockOf(ck, COMPLETENESS_LIMIT, cal, now, t.firstDecisionAt ?? t.closedAt, promised?.completenessDueAt ?? null, recount?.completenessDueAt ?? null);
  const response = clockOf(rk, RESPONSE_LIMIT, cal, now, t.respondedAt ?? t.closedAt, promised?.responseDueAt ?? null, recount?.responseDueAt ?? null);
  const running = [completeness, response].filter((c) => c.endedAt === null && c.deadlineMs !== null).map((c) => c.deadlineMs!);
  return {
    completeness,
    response,
    overdue: completeness.state === 'overdue' || response.state === 'overdue',
    nextDeadlineMs: running.length ? Math.min(...running) : null,
  };
}

export function timesOfRow(r: Pick<ComplaintsTable, 'received_at' | 'first_decision_at' | 'responded_at' | 'closed_at' | 'waits'>): ComplaintTimes {
  return {
    receivedAt: r.received_at,
    firstDecisionAt: r.first_decision_at,
    respondedAt: r.responded_at,
    closedAt: r.closed_at,
    waits: r.waits === '[]' ? [] : (JSON.parse(r.waits) as ComplaintTimes['waits']),
  };
}

export function serviceNameOf(catalogue: Catalogue | null, code: string | null): string | null {
  if (!code) return null;
  const s = catalogue?.services.find((x) => x.code === code);
  return s ? `${s.number}. ${s.shortName}` : code;
}

export function toComplaintRow(r: ComplaintsTable, cal: WorkCalendar, now: number, catalogue: Catalogue | null): ComplaintRow {
  const promised = r.promised_completeness_at !== null && r.promised_response_at !== null ? { completenessDueAt: r.promised_completeness_at, responseDueAt: r.promised_response_at } : null;
  const clocks = complaintClocks(timesOfRow(r), cal, now, promised);
  return {
    id: r.id,
    number: r.number,
    channel: r.channel as ComplaintChannel,
    channelLabel: CHANNEL_SHORT[r.channel as ComplaintChannel] ?? r.channel,
    receivedAt: r.received_at,
    complainantName: r.complainant_name,
    serviceCode: r.service_code,
    serviceName: serviceNameOf(catalogue, r.service_code),
    receiptNo: r.receipt_no,
    stage: r.stage as ComplaintStage,
    stageLabel: STAGE_LABEL[r.stage as ComplaintStage] ?? r.stage,
    lateFiling: r.late_filing === 1,
    lateDecision: r.late_decision === 'accept' || r.late_decision === 'decline' ? r.late_decision : null,
    ...clocks,
  };
}

/** Which letters a complaint can print now. */
export function availableLetters(c: Pick<ComplaintState, 'completeness' | 'response'>): ComplaintLetter[] {
  const out: ComplaintLetter[] = ['acknowledgement'];
  if (c.completeness) out.push('completeness');
  if (c.response) out.push('response');
  return out;
}

/** What a user with these roles may do to the complaint in its current stage. */
export function allowedActions(c: ComplaintState, roles: readonly Role[]): Action[] {
  const supervisor = holdsRole(roles, 'supervisor');
  const counter = supervisor || roles.includes('helpdesk');
  const out: Action[] = [];
  const s = c.stage;
  if (supervisor) {
    if (s === 'received') out.push('startCheck');
    if (s === 'received' || s === 'admin_check') out.push('decideCompleteness');
    if (s === 'complete' || s === 'coordination') out.push('startCoordination', 'respond');
    if (s !== 'closed') out.push('close');
    if (isLateFiling(c.serviceAt, c.receivedAt) && !c.lateFilingDecision) out.push('decideLateFiling');
  }
  if (counter) {
    if (s !== 'closed') out.push('addSupplement');
    out.push('addNote', 'addAttachment');
  }
  return out;
}

export interface VisitRef {
  id: string;
  receipt_no: string | null;
  visitor_name: string;
  company_name: string | null;
  arrived_at: number;
  status: string;
  handed_over_to: string | null;
}

export async function buildComplaintDetail(
  db: Exec,
  c: ComplaintState,
  row: ComplaintsTable,
  opts: { cal: WorkCalendar; now: number; catalogue: Catalogue | null; roles: readonly Role[] },
): Promise<ComplaintDetail> {
  const ids = [
    c.recordedBy,
    ...c.history.map((h) => h.by),
    c.completeness?.by,
    ...c.supplements.map((s) => s.by),
    ...c.coordination.map((x) => x.by),
    c.response?.by,
    c.closed?.by,
    c.lateFilingDecision?.by,
    ...c.notes.map((n) => n.by),
    ...c.attachments.map((a) => a.by),
    ...c.ignored.map((i) => i.by),
  ].filter((x): x is string => typeof x === 'string');
  const names = await userNames(db, [...new Set(ids)]);
  const name = (id: string | null | undefined) => (id ? (names.get(id) ?? null) : null);
  const visit = c.visitId
    ? ((await db
        .selectFrom('visits')
        .select(['id', 'receipt_no', 'visitor_name', 'company_name', 'arrived_at', 'status', 'handed_over_to'])
        .where('id', '=', c.visitId)
        .executeTakeFirst()))
    : undefined;
  return {
    row: toComplaintRow(row, opts.cal, opts.now, opts.catalogue),
    complainant: c.complainant,
    text: c.text,
    loss: c.loss,
    request: c.request,
    place: c.place,
    signed: c.signed,
    laporNo: c.laporNo,
    recordedAt: c.recordedAt,
    recordedByName: name(c.recordedBy),
    viaServer: c.channel === 'web',
    serviceAt: c.serviceAt,
    daysSinceService: daysSinceService(c.serviceAt, c.receivedAt),
    visit: visit
      ? {
          id: visit.id,
          receiptNo: visit.receipt_no,
          visitorName: visit.visitor_name,
          companyName: visit.company_name,
          arrivedAt: visit.arrived_at,
          statusLabel: visitStatusLabel(visit.status, visit.handed_over_to),
        }
      : null,
    history: c.history.map((h) => ({ stage: h.stage, stageLabel: STAGE_LABEL[h.stage], at: h.at, byName: name(h.by), note: h.note })),
    completeness: c.completeness ? { at: c.completeness.at, byName: name(c.completeness.by), complete: c.completeness.complete, missing: c.completeness.missing, note: c.completeness.note } : null,
    waits: c.waits,
    supplements: c.supplements.map((s) => ({ at: s.at, byName: name(s.by), channelLabel: CHANNEL_LABEL[s.channel], text: s.text })),
    coordination: c.coordination.map((x) => ({ at: x.at, byName: name(x.by), scopeLabel: COORDINATION_LABEL[x.scope], note: x.note })),
    response: c.response ? { at: c.response.at, byName: name(c.response.by), text: c.response.text } : null,
    closed: c.closed ? { at: c.closed.at, byName: name(c.closed.by), note: c.closed.note } : null,
    // Named field by field: the state's `by` (an account id) is not part of the answer (contract/complaints.ts).
    lateFilingDecision: c.lateFilingDecision
      ? { at: c.lateFilingDecision.at, byName: name(c.lateFilingDecision.by), accept: c.lateFilingDecision.accept, reason: c.lateFilingDecision.reason }
      : null,
    notes: c.notes.map((n) => ({ at: n.at, byName: name(n.by), kind: n.kind, fieldLabel: n.field ? (CORRECTION_FIELDS[n.field] ?? n.field) : null, text: n.text })),
    attachments: c.attachments.map((a) => ({ id: a.id, at: a.at, byName: name(a.by), fileName: a.fileName, mimeType: a.mimeType, bytes: Math.floor((a.size * 3) / 4), note: a.note })),
    ignored: c.ignored.map((i) => ({ type: i.type, at: i.at, byName: name(i.by) })),
    actions: allowedActions(c, opts.roles),
    letters: availableLetters(c),
  };
}
