/**
 * The service clock of visits as the screens see it: the calendar from the database, the limit from the
 * catalogue version the visit was served under, and `computeServiceClock` (domain/time/clock.ts) as of the
 * backend's injectable `now`.
 */
import type { ServiceClockSummary, ServiceClockView } from '../contract/desks';
import type { VisitState } from '../domain/aggregates/visit';
import { deskOf } from '../domain/aggregates/visit-desk';
import type { CalendarState } from '../domain/aggregates/calendar';
import { toWorkCalendar } from '../domain/aggregates/calendar';
import type { TimeLimit } from '../domain/catalogue/types';
import { countingStartMs, type WorkCalendar } from '../domain/time/calendar';
import { computeServiceClock, type Pause, type VisitMilestones } from '../domain/time/clock';
import type { QueueDbRow } from '../db/queries-desk';
import type { AppContext } from './context';

const calendarCache = new WeakMap<AppContext, { key: string; cal: WorkCalendar }>();

/** The working-day calendar as recorded (seeded by migration 003, edited by the supervisor), cached per change. */
export async function loadWorkCalendar(app: AppContext): Promise<WorkCalendar> {
  const head = await app.db.selectFrom('aggregates').select('last_key').where('id', '=', 'calendar').executeTakeFirst();
  const cached = calendarCache.get(app);
  if (cached && head && cached.key === head.last_key) return cached.cal;
  const row = await app.db.selectFrom('aggregates').select(['last_key', 'state']).where('id', '=', 'calendar').executeTakeFirst();
  if (!row?.state) throw new Error('working-day calendar missing (migration 003 seeds it)');
  const cal = toWorkCalendar(JSON.parse(row.state) as CalendarState);
  calendarCache.set(app, { key: row.last_key, cal });
  return cal;
}

export interface StoredPause {
  from: number;
  to: number | null;
  kind: 'waiting_vendor' | 'external_lkpp';
}

function toPauses(list: StoredPause[]): Pause[] {
  return list.map((p) => (p.to === null ? { from: p.from, reason: p.kind } : { from: p.from, to: p.to, reason: p.kind }));
}

export function milestonesOfState(v: VisitState): VisitMilestones {
  const d = deskOf(v);
  return {
    arrivedAt: v.arrivedAt,
    ...(v.checklistStartedAt !== null ? { checklistStartedAt: v.checklistStartedAt } : {}),
    ...(v.handedOverAt !== null ? { handedOverAt: v.handedOverAt } : {}),
    ...(d.outcome ? { completedAt: d.outcome.at } : {}),
    pauses: toPauses(d.pauses),
  };
}

export function milestonesOfRow(r: Pick<QueueDbRow, 'arrived_at' | 'checklist_started_at' | 'handed_over_at' | 'outcome_at' | 'pauses'>): VisitMilestones {
  return {
    arrivedAt: r.arrived_at,
    ...(r.checklist_started_at !== null ? { checklistStartedAt: r.checklist_started_at } : {}),
    ...(r.handed_over_at !== null ? { handedOverAt: r.handed_over_at } : {}),
    ...(r.outcome_at !== null ? { completedAt: r.outcome_at } : {}),
    pauses: r.pauses === '[]' ? [] : toPauses(JSON.parse(r.pauses) as StoredPause[]),
  };
}

/** The clock of one visit as of `now`. */
export function clockView(milestones: VisitMilestones, limit: TimeLimit, cal: WorkCalendar, now: number): ServiceClockView {
  const c = computeServiceClock({ limit, calendar: cal, visit: milestones }, now);
  const st = (s: (typeof c.stages)['waiting']) => (s ? { wallMs: s.wallMs, workingMinutes: s.workingMinutes, ongoing: s.ongoing } : null);
  const end = milestones.completedAt !== undefined && milestones.completedAt <= now ? milestones.completedAt : now;
  const stages = [c.stages.waiting, c.stages.checking, c.stages.processing];
  return {
    state: c.state,
    late: c.state === 'overdue' || c.state === 'done_late',
    dueSoon: c.dueSoon,
    limitText: `${limit.amount} ${limit.unit === 'minutes' ? 'menit' : 'hari kerja'}`,
    limitUnit: limit.unit,
    limitWorkingMinutes: c.limitWorkingMinutes,
    elapsedWorkingMinutes: c.elapsedWorkingMinutes,
    remainingWorkingMinutes: c.remainingWorkingMinutes,
    deadlineMs: c.deadlineMs,
    startedAtMs: c.startedAtMs,
    ticking: (c.state === 'running' || (c.state === 'overdue' && c.activePause === null)) && countingStartMs(cal, now) === now,
    activePause: c.activePause?.reason ?? null,
    pausedWorkingMinutes: c.pausedWorkingMinutes,
    stages: { waiting: st(c.stages.waiting), checking: st(c.stages.checking), processing: st(c.stages.processing) },
    total: {
      wallMs: Math.max(0, end - milestones.arrivedAt),
      workingMinutes: stages.reduce((sum, s) => sum + (s ? s.workingMinutes : 0), 0),
    },
    asOf: now,
  };
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
    asOf: c.asOf,
  };
}
