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
 * - **Excused time** (issue 9): a disruption of the internet or of SPSE (recorded on one file, or declared
 *   for the whole office) does not count against a limit whose service the regulation makes conditional on
 *   them (`excusedDisruptions`: services 2–5, "jika tidak ada gangguan internet"); it is reported apart
 *   (`excusedWorkingMinutes`) and a caller can count it anyway (`excuses: false`) to show both figures.
 * - **Leaving the limit** (`externalLeavesLimit`, service 7): "5 hari kerja, apabila kendala tersebut tidak
 *   perlu ditindaklanjuti ke helpdesk LKPP". Once forwarded to LKPP within the limit, the case is
 *   `outside_limit` (di luar jangka waktu layanan): neither in time nor late. Forwarded after the limit had
 *   already passed, it stays late.
 * - **Guarantee** (`guaranteeMinutes`, service 2): "paling lama 30 menit jika tidak ada gangguan internet"
 *   beside the 1-working-day limit; measured on the same elapsed time (excused time out) and reported apart.
 * - **Provisional** (`deadlineProvisional`): the counted span touches a year whose holiday decree is not
 *   entered yet, so the deadline is an estimate (*perkiraan*).
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
  spansProvisionalYear,
  workingMsBetween,
} from './calendar';
import { MINUTE_MS } from './wita';

export type ClockLimitUnit = 'minutes' | 'working_days';

/** What can disrupt a service the regulation makes conditional on it. */
export type DisruptionKind = 'internet' | 'spse';
export const DISRUPTION_KINDS: readonly DisruptionKind[] = ['internet', 'spse'];

/** Structurally compatible with the catalogue's `TimeLimit` (and `clockRulesOf`). */
export interface ClockLimit {
  amount: number;
  unit: ClockLimitUnit;
  /** Default true: time at LKPP (`external_lkpp` pauses) does not count. */
  externalWaitExcluded?: boolean;
  /** Disruptions whose time does not count against this limit (default none). */
  excusedDisruptions?: readonly DisruptionKind[];
  /** A shorter promise beside the limit, in working minutes (service 2: 30). */
  guaranteeMinutes?: number;
  /** Forwarding to LKPP takes the case out of the limit (service 7). */
  externalLeavesLimit?: boolean;
}

export type PauseReason = 'waiting_vendor' | 'external_lkpp' | 'disruption_internet' | 'disruption_spse';

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
  /** Default true: excused disruption time does not count. False: it counts (the figure "tanpa pengecualian"). */
  excuses?: boolean;
  /**
   * Only what a list of files shows (state, elapsed, remaining, deadline, excused time): `stages` are all
   * null and `pausedWorkingMinutes` all 0, not computed. The desk queues and the dashboard count 200
   * files on every refresh and show neither.
   */
  summaryOnly?: boolean;
}

export type ServiceClockState = 'not_started' | 'running' | 'paused' | 'done_in_time' | 'done_late' | 'overdue' | 'outside_limit';

export interface GuaranteeClock {
  minutes: number;
  /** `met` / `missed` once finished; `running` / `missed` before. */
  state: 'running' | 'met' | 'missed';
  remainingWorkingMinutes: number;
}

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
  /** Excused disruption time inside the counted period, in working minutes (excluded unless `excuses: false`). */
  excusedWorkingMinutes: number;
  /** The deadline depends on a year whose holidays are not decreed yet (*perkiraan*). */
  deadlineProvisional: boolean;
  /** Forwarded to LKPP within the limit: out of the limit since then (state `outside_limit`). */
  outsideLimitSinceMs: number | null;
  /** The limit's shorter guarantee (service 2's 30 minutes), when it has one and the clock started. */
  guarantee: GuaranteeClock | null;
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
    excusedWorkingMinutes: 0,
    deadlineProvisional: false,
    outsideLimitSinceMs: null,
    guarantee: null,
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
  const excused = new Set<PauseReason>(input.excuses === false ? [] : (limit.excusedDisruptions ?? []).map((k) => `disruption_${k}` as PauseReason));
  /** Reasons whose time does not count against the limit. */
  const excludes = (r: PauseReason): boolean => r === 'waiting_vendor' || (r === 'external_lkpp' && excludeLkpp) || excused.has(r);
  const intervalsOf = (keep: (r: PauseReason) => boolean): Interval[] =>
    (visit.pauses ?? [])
      .filter((p) => p.from <= now && keep(p.reason))
      .map((p) => {
        const to = p.to === undefined ? now : Math.min(p.to, now);
        if (to < p.from) anomalies.add('pause_ends_before_it_starts');
        return [p.from, to] as const;
      });
  const pauseIntervals = (reason?: PauseReason): Interval[] => intervalsOf((r) => (reason === undefined || r === reason) && excludes(r));
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
  const summaryOnly = input.summaryOnly === true;
  const stages: ServiceClock['stages'] = summaryOnly
    ? { waiting: null, checking: null, processing: null }
    : {
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
  const pausedOnly = summaryOnly ? [] : clip(mergeIntervals(intervalsOf((r) => (r === 'waiting_vendor' || r === 'external_lkpp') && excludes(r))), startedAt, end);
  const excusedOnly = clip(mergeIntervals(intervalsOf((r) => excused.has(r))), startedAt, end);
  const pausedOf = (reason: PauseReason): number => workingOf(cal, clip(pauseIntervals(reason), startedAt, end));
  const elapsedMs = Math.max(0, workingMsBetween(cal, startedAt, end) - workingOf(cal, excluded));
  const remainingMs = budgetMs - elapsedMs;
  const deadlineMs = deadlineSkipping(cal, countingFrom, budgetMs, excluded);

  // Service 7: forwarded to the LKPP helpdesk within the limit, the case leaves it.
  let outsideSince: number | null = null;
  if (limit.externalLeavesLimit) {
    const forwarded = (visit.pauses ?? [])
      .filter((p) => p.reason === 'external_lkpp' && p.from >= startedAt && p.from <= end)
      .reduce<number | null>((first, p) => (first === null || p.from < first ? p.from : first), null);
    if (forwarded !== null) {
      const elapsedAtForward = Math.max(0, workingMsBetween(cal, startedAt, forwarded) - workingOf(cal, clip(excludedAll, startedAt, forwarded)));
      if (elapsedAtForward <= budgetMs) outsideSince = forwarded;
    }
  }

  const pausedNow = activePause !== null && excludes(activePause.reason) && completedAt === undefined;
  let state: ServiceClockState;
  if (outsideSince !== null) state = 'outside_limit';
  else if (completedAt !== undefined) state = elapsedMs <= budgetMs ? 'done_in_time' : 'done_late';
  else if (elapsedMs > budgetMs) state = 'overdue';
  else if (pausedNow) state = 'paused';
  else state = 'running';

  let guarantee: GuaranteeClock | null = null;
  if (limit.guaranteeMinutes !== undefined && limit.guaranteeMinutes > 0) {
    const g = limit.guaranteeMinutes * MINUTE_MS;
    guarantee = {
      minutes: limit.guaranteeMinutes,
      state: elapsedMs > g ? 'missed' : completedAt !== undefined ? 'met' : 'running',
      remainingWorkingMinutes: (g - elapsedMs) / MINUTE_MS,
    };
  }

  return {
    state,
    dueSoon: (state === 'running' || state === 'paused') && remainingMs < DUE_SOON_FRACTION * budgetMs,
    startedAtMs: startedAt,
    countingFromMs: countingFrom,
    limitWorkingMinutes: budgetMs / MINUTE_MS,
    elapsedWorkingMinutes: elapsedMs / MINUTE_MS,
    remainingWorkingMinutes: outsideSince !== null ? null : remainingMs / MINUTE_MS,
    deadlineMs: outsideSince !== null ? null : deadlineMs,
    pausedWorkingMinutes: summaryOnly
      ? { total: 0, waitingVendor: 0, externalLkpp: 0 }
      : {
          total: workingOf(cal, pausedOnly) / MINUTE_MS,
          waitingVendor: pausedOf('waiting_vendor') / MINUTE_MS,
          externalLkpp: excludeLkpp ? pausedOf('external_lkpp') / MINUTE_MS : 0,
        },
    excusedWorkingMinutes: workingOf(cal, excusedOnly) / MINUTE_MS,
    deadlineProvisional: outsideSince === null && spansProvisionalYear(cal, countingFrom, Math.max(deadlineMs, end)),
    outsideLimitSinceMs: outsideSince,
    guarantee,
    activePause: completedAt === undefined ? activePause : null,
    stages,
    anomalies: [...anomalies],
  };
}
