/**
 * The service clock of visits as the screens see it: the calendar from the database, the limit from the
 * catalogue version the visit was served under, and `computeServiceClock` (domain/time/clock.ts) as of the
 * backend's injectable `now`.
 */
import type { ServiceClockSummary, ServiceClockView } from '../../contract/desks';
import type { VisitState } from '../../domain/aggregates/visit';
import { deskOf } from '../../domain/aggregates/visit-desk';
import type { CalendarState } from '../../domain/aggregates/calendar';
import { toWorkCalendar } from '../../domain/aggregates/calendar';
import { countingStartMs, type WorkCalendar } from '../../domain/time/calendar';
import { computeServiceClock, type ClockLimit, type Pause, type ServiceClock, type VisitMilestones } from '../../domain/time/clock';
import type { QueueDbRow } from '../../db/queries-desk';
import { clockLimitOf } from '../../domain/catalogue/clock-rules';
import type { ServiceDefinition } from '../../domain/catalogue/types';
import type { ReadContext } from '../context';
import { provisionalSource } from '../../domain/time/holiday-library';
import { prepared } from '../../db/prepared';

/** Asked by every clock-bearing answer: built and compiled once. */
const calendarHead = prepared((db) => db.selectFrom('aggregates').select('last_key').where('id', '=', 'calendar'));

const calendarCache = new WeakMap<ReadContext, { key: string; cal: WorkCalendar }>();

/**
 * The working-day calendar as recorded (seeded by migration 003, edited by the supervisor), with the
 * computed holidays of provisional years (ADR 0007), cached per change.
 */
export async function loadWorkCalendar(app: ReadContext): Promise<WorkCalendar> {
  const provisional = await provisionalSource();
  const head = await calendarHead.first(app.db, {});
  const cached = calendarCache.get(app);
  if (cached && head && cached.key === head.last_key) return cached.cal;
  const row = await app.db.selectFrom('aggregates').select(['last_key', 'state']).where('id', '=', 'calendar').executeTakeFirst();
  if (!row?.state) throw new Error('working-day calendar missing (migration 003 seeds it)');
  const cal = toWorkCalendar(JSON.parse(row.state) as CalendarState, provisional);
  calendarCache.set(app, { key: row.last_key, cal });
  return cal;
}

export interface StoredPause {
  from: number;
  to: number | null;
  /** The clock's reasons, or a pause kind of the service's catalogue entry (issue 14). */
  kind: Pause['reason'] | (string & {});
}

const CLOCK_REASONS: readonly string[] = ['waiting_vendor', 'external_lkpp', 'disruption_internet', 'disruption_spse'];

/** A pause kind a service defines stops the clock as waiting for the vendor does (domain/catalogue/pauses.ts). */
function clockReason(kind: StoredPause['kind']): Pause['reason'] {
  return CLOCK_REASONS.includes(kind) ? (kind as Pause['reason']) : 'waiting_vendor';
}

function toPauses(list: StoredPause[]): Pause[] {
  return list.map((p) => (p.to === null ? { from: p.from, reason: clockReason(p.kind) } : { from: p.from, to: p.to, reason: clockReason(p.kind) }));
}

/** The deadline recorded with the handover (printed on the receipt), when the visit has one. */
export interface PromisedDeadline {
  dueAt: number;
  provisional: boolean;
}

export function milestonesOfState(v: VisitState): VisitMilestones {
  const d = deskOf(v);
  return {
    arrivedAt: v.arrivedAt,
    ...(v.checklistStartedAt !== null ? { checklistStartedAt: v.checklistStartedAt } : {}),
    ...(v.handedOverAt !== null ? { handedOverAt: v.handedOverAt } : {}),
    ...(d.outcome ? { completedAt: d.outcome.at } : {}),
    pauses: [
      ...toPauses(d.pauses),
      ...(d.disruptions ?? []).map((x): Pause => (x.to === null ? { from: x.from, reason: `disruption_${x.kind}` } : { from: x.from, to: x.to, reason: `disruption_${x.kind}` })),
    ],
  };
}

export function promisedOfState(v: VisitState): PromisedDeadline | null {
  return v.promisedDueAt !== undefined && v.promisedDueAt !== null ? { dueAt: v.promisedDueAt, provisional: v.promisedProvisional ?? false } : null;
}

/** `pauses`: the row's `pauses` already parsed, when the caller has them (a list parses each row once). */
export function milestonesOfRow(r: Pick<QueueDbRow, 'arrived_at' | 'checklist_started_at' | 'handed_over_at' | 'outcome_at' | 'pauses'>, pauses?: StoredPause[]): VisitMilestones {
  const stored = pauses ?? (r.pauses === '[]' ? [] : (JSON.parse(r.pauses) as StoredPause[]));
  return {
    arrivedAt: r.arrived_at,
    ...(r.checklist_started_at !== null ? { checklistStartedAt: r.checklist_started_at } : {}),
    ...(r.handed_over_at !== null ? { handedOverAt: r.handed_over_at } : {}),
    ...(r.outcome_at !== null ? { completedAt: r.outcome_at } : {}),
    pauses: stored.length === 0 ? [] : toPauses(stored),
  };
}

/** The milestones with the office-wide outages added as disruptions (they apply to every file at a desk). */
export function withOutages(m: VisitMilestones, outages: readonly Pause[]): VisitMilestones {
  return outages.length === 0 ? m : { ...m, pauses: [...m.pauses, ...outages] };
}

/**
 * The deadline as the receipt states it: the clock as of the handover, before any pause or disruption,
 * on the calendar given (the one of the moment when recording, today's when comparing).
 */
export function handoverDeadline(m: VisitMilestones, limit: ClockLimit, cal: WorkCalendar): { dueAt: number; provisional: boolean } | null {
  if (m.handedOverAt === undefined) return null;
  const c = computeServiceClock(
    { limit, calendar: cal, visit: { arrivedAt: m.arrivedAt, ...(m.checklistStartedAt !== undefined ? { checklistStartedAt: m.checklistStartedAt } : {}), handedOverAt: m.handedOverAt, pauses: [] } },
    m.handedOverAt,
  );
  return c.deadlineMs === null ? null : { dueAt: c.deadlineMs, provisional: c.deadlineProvisional };
}

/**
 * The clock of one visit as of `now`. `limit` is the service's clock limit (`clockLimitOf`); `milestones`
 * already hold the office-wide outages (`withOutages`); `promised` is the deadline recorded at the handover.
 */
export function clockView(milestones: VisitMilestones, limit: ClockLimit, cal: WorkCalendar, now: number, promised: PromisedDeadline | null = null): ServiceClockView {
  const c = computeServiceClock({ limit, calendar: cal, visit: milestones }, now);
  // The same file counted without excusing any disruption: shown beside, never instead.
  const strict = c.excusedWorkingMinutes > 0 ? computeServiceClock({ limit, calendar: cal, visit: milestones, excuses: false }, now) : c;
  const recomputed = recomputedDeadline(c, milestones, limit, cal, promised);
  const st = (s: (typeof c.stages)['waiting']) => (s ? { wallMs: s.wallMs, workingMinutes: s.workingMinutes, ongoing: s.ongoing } : null);
  const end = milestones.completedAt !== undefined && milestones.completedAt <= now ? milestones.completedAt : now;
  const stages = [c.stages.waiting, c.stages.checking, c.stages.processing];
  return {
    state: c.state,
    late: c.state === 'overdue' || c.state === 'done_late',
    dueSoon: c.dueSoon,
    limitText: limitText(limit),
    limitUnit: limit.unit,
    limitWorkingMinutes: c.limitWorkingMinutes,
    elapsedWorkingMinutes: c.elapsedWorkingMinutes,
    remainingWorkingMinutes: c.remainingWorkingMinutes,
    deadlineMs: c.deadlineMs,
    startedAtMs: c.startedAtMs,
    ticking: isTicking(c, cal, now),
    activePause: c.activePause?.reason ?? null,
    pausedWorkingMinutes: c.pausedWorkingMinutes,
    excusedWorkingMinutes: c.excusedWorkingMinutes,
    lateWithoutExcuse: strict.state === 'overdue' || strict.state === 'done_late',
    deadlineProvisional: c.deadlineProvisional,
    outsideLimitSinceMs: c.outsideLimitSinceMs,
    guarantee: c.guarantee,
    promisedDeadlineMs: promised?.dueAt ?? null,
    promisedProvisional: promised ? promised.provisional : null,
    recomputedDeadlineMs: recomputed?.dueAt ?? null,
    deadlineChanged: promised !== null && recomputed !== null && promised.dueAt !== recomputed.dueAt,
    stages: { waiting: st(c.stages.waiting), checking: st(c.stages.checking), processing: st(c.stages.processing) },
    total: {
      wallMs: Math.max(0, end - milestones.arrivedAt),
      workingMinutes: stages.reduce((sum, s) => sum + (s ? s.workingMinutes : 0), 0),
    },
    asOf: now,
  };
}

/** The deadline counted again from the handover on `cal` (to compare with the promised one), if there is one. */
function recomputedDeadline(c: ServiceClock, milestones: VisitMilestones, limit: ClockLimit, cal: WorkCalendar, promised: PromisedDeadline | null): PromisedDeadline | null {
  if (promised === null) return null;
  // Without any pause or disruption the clock's own deadline is the handover's deadline: no second count.
  return milestones.pauses.length === 0 && c.deadlineMs !== null ? { dueAt: c.deadlineMs, provisional: c.deadlineProvisional } : handoverDeadline(milestones, limit, cal);
}

/** The clock counts at this very moment (inside counter hours, not paused, not finished). */
function isTicking(c: ServiceClock, cal: WorkCalendar, now: number): boolean {
  return (c.state === 'running' || (c.state === 'overdue' && c.activePause === null)) && countingStartMs(cal, now) === now;
}

/**
 * The list form of a clock computed directly: equal to `clockSummary(clockView(…))` (held to it by
 * tests/desks/clock-summary.test.ts) without what a list never shows — the stages, the pause breakdown,
 * the count without excuses. A desk queue computes 200 of these on every refresh.
 */
export function clockSummaryOf(milestones: VisitMilestones, limit: ClockLimit, cal: WorkCalendar, now: number, promised: PromisedDeadline | null = null): ServiceClockSummary {
  const c = computeServiceClock({ limit, calendar: cal, visit: milestones, summaryOnly: true }, now);
  const recomputed = recomputedDeadline(c, milestones, limit, cal, promised);
  return {
    state: c.state,
    late: c.state === 'overdue' || c.state === 'done_late',
    dueSoon: c.dueSoon,
    limitText: limitText(limit),
    elapsedWorkingMinutes: c.elapsedWorkingMinutes,
    remainingWorkingMinutes: c.remainingWorkingMinutes,
    deadlineMs: c.deadlineMs,
    ticking: isTicking(c, cal, now),
    activePause: c.activePause?.reason ?? null,
    deadlineProvisional: c.deadlineProvisional,
    deadlineChanged: promised !== null && recomputed !== null && promised.dueAt !== recomputed.dueAt,
    excusedWorkingMinutes: c.excusedWorkingMinutes,
    asOf: now,
  };
}

function limitText(limit: ClockLimit): string {
  return `${limit.amount} ${limit.unit === 'minutes' ? 'menit' : 'hari kerja'}`;
}

/** The list form of a clock (queues, dashboard, visit lists). */
export function clockSummary(c: ServiceClockView): ServiceClockSummary {
  return {
    state: c.state,
    late: c.late,
    dueSoon: c.dueSoon,
    limitText: c.limitText,
    elapsedWorkingMinutes: c.elapsedWorkingMinutes,
    remainingWorkingMinutes: c.remainingWorkingMinutes,
    deadlineMs: c.deadlineMs,
    ticking: c.ticking,
    activePause: c.activePause,
    ...(c.activePauseLabel !== undefined ? { activePauseLabel: c.activePauseLabel } : {}),
    deadlineProvisional: c.deadlineProvisional,
    deadlineChanged: c.deadlineChanged,
    excusedWorkingMinutes: c.excusedWorkingMinutes,
    asOf: c.asOf,
  };
}

/**
 * The deadline the receipt promises, recorded with the handover (issue 9: a later calendar change shows
 * beside it, never silently replaces it): the limit counted from `now` on the calendar of the moment.
 */
export function promisedDeadline(v: VisitState, now: number, service: ServiceDefinition, calendar: WorkCalendar): { dueAt?: number; dueProvisional?: boolean } {
  const due = handoverDeadline(
    { arrivedAt: v.arrivedAt, ...(v.checklistStartedAt !== null ? { checklistStartedAt: v.checklistStartedAt } : {}), handedOverAt: now, pauses: [] },
    clockLimitOf(service),
    calendar,
  );
  return due ? { dueAt: due.dueAt, dueProvisional: due.provisional } : {};
}
