/**
 * The service clock: how long each stage of a visit took and where the visit stands against the time limit
 * (jangka waktu) of its service (Perwali Banjarmasin 67/2018, Lampiran).
 *
 * Rules (documented choices):
 * - **When the limit starts.** The limit covers the service from the moment the complete file is received,
 *   i.e. the handover (`handedOverAt`). If a visit was completed without a recorded handover (finished at the
 *   desk), the clock started at the checklist start, or at arrival if there was no checklist either. While a
 *   file is still being checked (checklist started, no handover, not completed) the limit has *not* started:
 *   an incomplete file that is returned must never become "overdue"; the checking stage is measured on its own.
 * - **What counts.** Only time inside counter hours on working days counts (see `calendar.ts`), for both
 *   units. If the clock starts outside counter hours, counting starts at the next opening.
 * - **Minute limits** ("30 menit"): the budget is `amount` working minutes.
 * - **Working-day limits** ("1 hari kerja", "5 hari kerja"): the budget is the working time between the
 *   counting start S and `addWorkingDays(S, amount)` (same time of day N working days later, clamped to
 *   counter hours). Expressing it as working time lets pauses shift the deadline exactly as for minutes.
 * - **Pauses** (`waiting_vendor`: waiting for the vendor to bring/fix something; `external_lkpp`: the file
 *   is at LKPP, e.g. ADP or an LKPP helpdesk escalation) do not count: their working time is removed from
 *   `elapsed` and the deadline moves later by the same working time. Overlapping pauses are merged. An
 *   `external_lkpp` pause counts like normal time only if the limit says `externalWaitExcluded: false`
 *   (catalogue data); without that field LKPP time is excluded, as the regulation says for services 6 and 7.
 * - **"As of now".** Everything is evaluated as of `now`: milestones and pause boundaries after `now` are
 *   treated as not yet happened, and an open pause is assumed to end at `now` when projecting the deadline
 *   (the deadline keeps moving while the pause lasts).
 * - **States.** `not_started` → `running` / `paused` → `done_in_time` / `done_late`; `overdue` when not
 *   completed and elapsed > limit (takes precedence over `paused`). Finishing exactly at the deadline is in
 *   time. `dueSoon` is true while running or paused with less than 20% of the limit remaining.
 *
 * Durations are reported both as wall-clock milliseconds and as working minutes (not rounded).
 * Pure: no I/O, no `Date.now()`; `now` is always passed in.
 */
import {
  type WorkCalendar,
  addWorkingDays,
  addWorkingMs,
  countingStartMs,
  workingMsBetween,
} from './calendar';
import { MINUTE_MS } from './wita';

export type ClockLimitUnit = 'minutes' | 'working_days';

/** Structurally compatible with the catalogue's `TimeLimit`. */
export interface ClockLimit {
  amount: number;
  unit: ClockLimitUnit;
  /** Default true: time at LKPP (`external_lkpp` pauses) does not count. */
  externalWaitExcluded?: boolean;
}

export type PauseReason = 'waiting_vendor' | 'external_lkpp';

export interface Pause {
  from: number;
  /** Absent while the pause is still going on. */
  to?: number;
  reason: PauseReason;
}

export interface VisitMilestones {
  arrivedAt: number;
  checklistStartedAt?: number;
  handedOverAt?: number;
  completedAt?: number;
  pauses: Pause[];
}

export interface ServiceClockInput {
  limit: ClockLimit;
  calendar: WorkCalendar;
  visit: VisitMilestones;
}

export type ServiceClockState = 'not_started' | 'running' | 'paused' | 'done_in_time' | 'done_late' | 'overdue';

export interface StageDuration {
  startMs: number;
  /** End of the stage, or `now` while it is still going on. */
  endMs: number;
  /** Still going on at `now`. */
  ongoing: boolean;
  /** Wall-clock duration (for processing: pauses excluded). */
  wallMs: number;
  /** Duration inside counter hours on working days (for processing: pauses excluded). */
  workingMinutes: number;
}

export type ClockAnomaly =
  | 'checklist_before_arrival'
  | 'handover_before_checklist'
  | 'completed_before_start'
  | 'pause_ends_before_it_starts'
  | 'future_milestone_ignored';

export interface ServiceClock {
  state: ServiceClockState;
  /** Running or paused with less than 20% of the limit remaining. */
  dueSoon: boolean;
  /** The milestone the limit is counted from (handover, or see the module rules), or null if not started. */
  startedAtMs: number | null;
  /** Where counting actually starts: `startedAtMs`, or the next opening if that was outside counter hours. */
  countingFromMs: number | null;
  /** The limit expressed in working minutes (for working days: depends on the start), null if not started. */
  limitWorkingMinutes: number | null;
  /** Working minutes counted against the limit up to completion (or `now`), pauses excluded. */
  elapsedWorkingMinutes: number;
  /** `limit − elapsed` in working minutes; negative when late. Null if not started. */
  remainingWorkingMinutes: number | null;
  /** Projected deadline, shifted by (excluded) pauses. Null if not started. */
  deadlineMs: number | null;
  /** Excluded pause time inside the counted period, in working minutes. Per-reason values may overlap. */
  pausedWorkingMinutes: { total: number; waitingVendor: number; externalLkpp: number };
  /** The pause going on at `now` (of any reason), if any. */
  activePause: Pause | null;
  stages: {
    /** Arrival → checklist start. */
    waiting: StageDuration | null;
    /** Checklist start → handover. */
    checking: StageDuration | null;
    /** Handover → completion, pauses excluded. */
    processing: StageDuration | null;
  };
  /** Inconsistencies in the recorded timestamps (the clock clamps them instead of failing). */
  anomalies: ClockAnomaly[];
}

/** Thrown for an input the clock cannot work with (bad limit or non-numeric timestamp). */
export class ServiceClockError extends Error {
  override readonly name = 'ServiceClockError';
}

/** Fraction of the limit under which a running visit is flagged `dueSoon`. */
export const DUE_SOON_FRACTION = 0.2;

type Interval = readonly [number, number];

function mergeIntervals(list: Interval[]): Interval[] {
  const sorted = list.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function clip(list: Interval[], from: number, to: number): Interval[] {
  return mergeIntervals(list.map(([a, b]) => [Math.max(a, from), Math.min(b, to)] as const));
}

function wallOf(list: Interval[]): number {
  return list.reduce((s, [a, b]) => s + (b - a), 0);
}

function workingOf(cal: WorkCalendar, list: Interval[]): number {
  return list.reduce((s, [a, b]) => s + workingMsBetween(cal, a, b), 0);
}

/**
 * The instant at which `budgetMs` of working time has elapsed from `startMs`, skipping the working time
 * covered by `excluded` (merged, sorted intervals).
 */
function deadlineSkipping(cal: WorkCalendar, startMs: number, budgetMs: number, excluded: Interval[]): number {
  let cursor = startMs;
  let remaining = budgetMs;
  for (const [a, b] of excluded) {
    if (b <= cursor) continue;
    const available = workingMsBetween(cal, cursor, a);
    if (available >= remaining) return addWorkingMs(cal, cursor, remaining);
    remaining -= available;
    cursor = Math.max(cursor, b);
  }
  return addWorkingMs(cal, cursor, remaining);
}

function checkMs(v: number | undefined, what: string): void {
  if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) {
    throw new ServiceClockError(`${what} bukan waktu yang valid: ${String(v)}`);
  }
}

/** Computes the service clock of one visit as of `now` (epoch ms). */
export function computeServiceClock(input: ServiceClockInput, now: number): ServiceClock {
  const { limit, calendar: cal, visit } = input;
  checkMs(now, 'Waktu sekarang');
  if (!limit || typeof limit.amount !== 'number' || !Number.isFinite(limit.amount) || limit.amount <= 0) {
    throw new ServiceClockError(`Jangka waktu harus angka > 0: ${String(limit?.amount)}`);
  }
  if (limit.unit !== 'minutes' && limit.unit !== 'working_days') {
    throw new ServiceClockError(`Satuan jangka waktu tidak dikenal: ${String(limit.unit)}`);
  }
  if (limit.unit === 'working_days' && !Number.isInteger(limit.amount)) {
    throw new ServiceClockError(`Jangka waktu dalam hari kerja harus bilangan bulat: ${limit.amount}`);
  }
  if (visit.arrivedAt === undefined) throw new ServiceClockError('Waktu kedatangan wajib diisi');
  checkMs(visit.arrivedAt, 'Waktu kedatangan');
  checkMs(visit.checklistStartedAt, 'Waktu mulai pemeriksaan berkas');
  checkMs(visit.handedOverAt, 'Waktu serah terima berkas');
  checkMs(visit.completedAt, 'Waktu selesai');
  for (const p of visit.pauses ?? []) {
    checkMs(p.from, 'Awal jeda');
    checkMs(p.to, 'Akhir jeda');
  }

  const anomalies = new Set<ClockAnomaly>();
  const seen = (t: number | undefined): number | undefined => {
    if (t === undefined) return undefined;
    if (t > now) {
      anomalies.add('future_milestone_ignored');
      return undefined;
    }
    return t;
  };

  const arrivedAt = visit.arrivedAt;
  const notStarted = (): ServiceClock => ({
    state: 'not_started',
    dueSoon: false,
    startedAtMs: null,
    countingFromMs: null,
    limitWorkingMinutes: limit.unit === 'minutes' ? limit.amount : null,
    elapsedWorkingMinutes: 0,
    remainingWorkingMinutes: null,
    deadlineMs: null,
    pausedWorkingMinutes: { total: 0, waitingVendor: 0, externalLkpp: 0 },
    activePause: null,
    stages: { waiting: null, checking: null, processing: null },
    anomalies: [...anomalies],
  });
  if (arrivedAt > now) {
    anomalies.add('future_milestone_ignored');
    return notStarted();
  }

  let checklistAt = seen(visit.checklistStartedAt);
  let handedAt = seen(visit.handedOverAt);
  let completedAt = seen(visit.completedAt);
  if (checklistAt !== undefined && checklistAt < arrivedAt) {
    anomalies.add('checklist_before_arrival');
    checklistAt = arrivedAt;
  }
  const handoverFloor = checklistAt ?? arrivedAt;
  if (handedAt !== undefined && handedAt < handoverFloor) {
    anomalies.add('handover_before_checklist');
    handedAt = handoverFloor;
  }
  const completionFloor = handedAt ?? checklistAt ?? arrivedAt;
  if (completedAt !== undefined && completedAt < completionFloor) {
    anomalies.add('completed_before_start');
    completedAt = completionFloor;
  }

  // Pauses as of now: boundaries after now are not known yet; an open pause runs until now.
  const activePause =
    (visit.pauses ?? []).find((p) => p.from <= now && (p.to === undefined || p.to > now)) ?? null;
  const excludeLkpp = limit.externalWaitExcluded !== false;
  const pauseIntervals = (reason?: PauseReason): Interval[] =>
    (visit.pauses ?? [])
      .filter((p) => p.from <= now && (reason === undefined || p.reason === reason))
      .filter((p) => p.reason === 'waiting_vendor' || excludeLkpp)
      .map((p) => {
        const to = p.to === undefined ? now : Math.min(p.to, now);
        if (to < p.from) anomalies.add('pause_ends_before_it_starts');
        return [p.from, to] as const;
      });
  const excludedAll = mergeIntervals(pauseIntervals());

  const stage = (start: number, end: number | undefined, excluded: Interval[] = []): StageDuration => {
    const endMs = end ?? now;
    const ex = clip(excluded, start, endMs);
    return {
      startMs: start,
      endMs,
      ongoing: end === undefined,
      wallMs: Math.max(0, endMs - start - wallOf(ex)),
      workingMinutes: Math.max(0, workingMsBetween(cal, start, endMs) - workingOf(cal, ex)) / MINUTE_MS,
    };
  };
  const stages: ServiceClock['stages'] = {
    waiting: stage(arrivedAt, checklistAt ?? handedAt ?? completedAt),
    checking: checklistAt === undefined ? null : stage(checklistAt, handedAt ?? completedAt),
    processing: handedAt === undefined ? null : stage(handedAt, completedAt, excludedAll),
  };

  // When the limit starts (see module rules).
  const startedAt = handedAt ?? (completedAt !== undefined ? (checklistAt ?? arrivedAt) : undefined);
  if (startedAt === undefined) {
    return { ...notStarted(), activePause, stages, anomalies: [...anomalies] };
  }

  const countingFrom = countingStartMs(cal, startedAt);
  const end = completedAt ?? now;
  const budgetMs =
    limit.unit === 'minutes'
      ? limit.amount * MINUTE_MS
      : workingMsBetween(cal, countingFrom, addWorkingDays(cal, countingFrom, limit.amount));

  const excluded = clip(excludedAll, startedAt, end);
  const pausedMs = workingOf(cal, excluded);
  const pausedOf = (reason: PauseReason): number => workingOf(cal, clip(pauseIntervals(reason), startedAt, end));
  const elapsedMs = Math.max(0, workingMsBetween(cal, startedAt, end) - pausedMs);
  const remainingMs = budgetMs - elapsedMs;
  const deadlineMs = deadlineSkipping(cal, countingFrom, budgetMs, excluded);

  const pausedNow =
    activePause !== null && (activePause.reason === 'waiting_vendor' || excludeLkpp) && completedAt === undefined;
  let state: ServiceClockState;
  if (completedAt !== undefined) state = elapsedMs <= budgetMs ? 'done_in_time' : 'done_late';
  else if (elapsedMs > budgetMs) state = 'overdue';
  else if (pausedNow) state = 'paused';
  else state = 'running';

  return {
    state,
    dueSoon: (state === 'running' || state === 'paused') && remainingMs < DUE_SOON_FRACTION * budgetMs,
    startedAtMs: startedAt,
    countingFromMs: countingFrom,
    limitWorkingMinutes: budgetMs / MINUTE_MS,
    elapsedWorkingMinutes: elapsedMs / MINUTE_MS,
    remainingWorkingMinutes: remainingMs / MINUTE_MS,
    deadlineMs,
    pausedWorkingMinutes: {
      total: pausedMs / MINUTE_MS,
      waitingVendor: pausedOf('waiting_vendor') / MINUTE_MS,
      externalLkpp: excludeLkpp ? pausedOf('external_lkpp') / MINUTE_MS : 0,
    },
    activePause: completedAt === undefined ? activePause : null,
    stages,
    anomalies: [...anomalies],
  };
}
