/**
 * The monthly report (laporan bulanan): what the supervisor reports to the head of unit every month
 * (Perwali Banjarmasin 67/2018 Pasal 5: waktu penyelesaian, evaluasi kinerja pelaksana).
 *
 * Definitions (stated in the report itself):
 * - The month's visits are those that arrived in it (WITA). Their state is as of `now` (generation time): a
 *   file handed over on the last day and finished the next month counts as finished.
 * - "Selesai" (finished) = completed or rejected by the verifier / system admin. Time-limit compliance is
 *   over finished files, measured by the service clock (`computeServiceClock`: counter hours on working days
 *   only, pauses for the vendor or LKPP excluded, limit from the catalogue version the visit was served
 *   under). Open files past their limit are counted separately ("terlambat, belum selesai").
 * - Excused time (issue 9): internet/SPSE disruptions recorded on a file or declared office-wide are not
 *   counted for the services whose limit the regulation makes conditional on them (2–5). The report gives
 *   the in-time figure both ways — with that time excused, and with every minute counted — never one alone.
 * - A service-7 case forwarded to the LKPP helpdesk within its limit is "di luar jangka waktu layanan":
 *   neither in time nor late, counted apart. Service 2 is also measured against its 30-minute guarantee.
 * - Stage durations are working minutes: menunggu (arrival → checklist start), pemeriksaan (checklist start →
 *   handover, including time a returned file spent with the vendor), proses (handover → outcome, pauses
 *   excluded) and total (arrival → outcome). Median and 90th percentile over visits whose stage has ended.
 * - Staff: helpdesk by who registered and who handed over; handlers by who recorded the outcome.
 */
import type { Catalogue, ServiceDefinition } from '../../domain/catalogue/types';
import { MISSING_REASON_LABEL } from '../../domain/checklist';
import type { MissingItem } from '../../domain/events/schema';
import { isWorkingDay, type WorkCalendar } from '../../domain/time/calendar';
import { computeServiceClock, type ClockLimit, type DisruptionKind, type Pause, type ServiceClock, type VisitMilestones } from '../../domain/time/clock';
import { clockLimitOf } from '../../domain/catalogue/clock-rules';
import { weekdayOfIso, witaDayStartMs } from '../../domain/time/wita';
import type { MonthlyReport, StageKey } from '../../contract/report';
import type { Exec } from '../../db/event-store';
import { monthId } from '../../print/format';
import { monthRange, type MonthRange } from './month';
import { monthMissingItems, monthNotableVisits, monthVisits, staffDirectory, type NotableVisitRow, type ReportVisitRow, type StaffRow } from './source';
import { median, pct, percentile, roundMin } from './stats';

export const OTHER_PURPOSE = 'lainnya';
export const FINISHED = new Set(['completed', 'rejected']);
export const OPEN_AT_DESK = new Set(['handed_over', 'in_process', 'waiting_vendor', 'at_lkpp']);

export const STAGE_LABEL: Record<StageKey, string> = {
  waiting: 'Menunggu pemeriksaan (datang → mulai diperiksa)',
  checking: 'Pemeriksaan berkas (mulai diperiksa → diserahkan)',
  processing: 'Proses verifikator/admin (diserahkan → selesai, tanpa jeda)',
  total: 'Total (datang → selesai)',
};

export interface ReportInputs {
  db: Exec;
  month: string;
  calendar: WorkCalendar;
  /** Every catalogue version the month's visits were served under, and the active one. */
  loadCatalogue: (version: number) => Promise<Catalogue>;
  now: number;
  /** Office-wide outages in force (they apply to every file at a desk during them). */
  outages?: readonly ReportOutage[];
}

export interface ReportOutage {
  from: number;
  to: number | null;
  kind: DisruptionKind;
  reason: string;
}

const outagePauseCache = new WeakMap<readonly ReportOutage[], Pause[]>();
function outagePausesOf(list: readonly ReportOutage[] | undefined): Pause[] {
  if (!list || list.length === 0) return [];
  let p = outagePauseCache.get(list);
  if (!p) {
    p = list.map((o): Pause => (o.to === null ? { from: o.from, reason: `disruption_${o.kind}` } : { from: o.from, to: o.to, reason: `disruption_${o.kind}` }));
    outagePauseCache.set(list, p);
  }
  return p;
}

/** One visit with what the report derives from it (shared by the report and the detail sheets). */
export interface ClockedVisit<R extends ReportVisitRow = ReportVisitRow> {
  row: R;
  service: ServiceDefinition | null;
  clock: ServiceClock | null;
  /** Finished within the limit (excused time not counted): true / false; null when not finished or no limit applies. */
  inTime: boolean | null;
  /** The same with every minute counted, excused disruptions included. */
  inTimeWithoutExcuse: boolean | null;
  /** Service 7 forwarded to the LKPP helpdesk within its limit: out of the limit. */
  outsideLimit: boolean;
  /** The shorter guarantee (service 2's 30 minutes) met / missed by a finished file; null otherwise. */
  guaranteeMet: boolean | null;
  /** Open at a desk and past the limit as of `now`. */
  overdue: boolean;
  forwardedLkpp: boolean;
}

interface StoredPause {
  from: number;
  to: number | null;
  kind: Pause['reason'];
}

const NO_PAUSES: StoredPause[] = [];

function parsePauses(json: string): StoredPause[] {
  if (json === '[]') return NO_PAUSES; // most files never pause
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? (v as StoredPause[]) : [];
  } catch {
    return [];
  }
}

export function milestones(r: ReportVisitRow, pauses: StoredPause[], outages: readonly Pause[] = []): VisitMilestones {
  const ps: Pause[] = [...pauses.map((p): Pause => (p.to === null ? { from: p.from, reason: p.kind } : { from: p.from, to: p.to, reason: p.kind })), ...outages];
  return {
    arrivedAt: r.arrivedAt,
    ...(r.checklistStartedAt !== null ? { checklistStartedAt: r.checklistStartedAt } : {}),
    ...(r.handedOverAt !== null ? { handedOverAt: r.handedOverAt } : {}),
    ...(r.outcomeAt !== null ? { completedAt: r.outcomeAt } : {}),
    pauses: ps,
  };
}

const limits = new WeakMap<ServiceDefinition, ClockLimit>();
function limitOf(service: ServiceDefinition): ClockLimit {
  let l = limits.get(service);
  if (!l) {
    l = clockLimitOf(service);
    limits.set(service, l);
  }
  return l;
}

/** The month's visits with their service and service clock (rows from `monthVisits` or `monthVisitsFull`). */
export async function clockVisits<R extends ReportVisitRow>(inputs: ReportInputs, rows: R[]): Promise<{ visits: ClockedVisit<R>[]; catalogues: Map<number, Catalogue> }> {
  const catalogues = new Map<number, Catalogue>();
  for (const v of new Set(rows.map((r) => r.catalogueVersion))) catalogues.set(v, await inputs.loadCatalogue(v));
  const byVersion = new Map<number, Map<string, ServiceDefinition>>();
  for (const [v, c] of catalogues) byVersion.set(v, new Map(c.services.map((s) => [s.code, s])));
  const visits = rows.map((row): ClockedVisit<R> => {
    const service = row.serviceCode ? (byVersion.get(row.catalogueVersion)?.get(row.serviceCode) ?? null) : null;
    const pauses = parsePauses(row.pauses);
    const forwardedLkpp = row.lkppResult !== null || row.status === 'at_lkpp' || pauses.some((p) => p.kind === 'external_lkpp');
    if (!service) return { row, service, clock: null, inTime: null, inTimeWithoutExcuse: null, outsideLimit: false, guaranteeMet: null, overdue: false, forwardedLkpp };
    const limit = limitOf(service);
    const visit = milestones(row, pauses, outagePausesOf(inputs.outages));
    const clock = computeServiceClock({ limit, calendar: inputs.calendar, visit }, inputs.now);
    const finished = FINISHED.has(row.status);
    const verdict = (c: ServiceClock) => (finished ? (c.state === 'done_in_time' ? true : c.state === 'done_late' ? false : null) : null);
    const inTime = verdict(clock);
    // Counted again with every minute, only where some time was excused (otherwise it is the same clock).
    const inTimeWithoutExcuse = clock.excusedWorkingMinutes > 0 ? verdict(computeServiceClock({ limit, calendar: inputs.calendar, visit, excuses: false }, inputs.now)) : inTime;
    const overdue = OPEN_AT_DESK.has(row.status) && clock.state === 'overdue';
    const guaranteeMet = finished && clock.guarantee ? clock.guarantee.state === 'met' : null;
    return { row, service, clock, inTime, inTimeWithoutExcuse, outsideLimit: clock.state === 'outside_limit', guaranteeMet, overdue, forwardedLkpp };
  });
  return { visits, catalogues };
}

/** "30 menit", "1 hari kerja": the limit itself, without the regulation's explanations. */
export function shortLimit(s: ServiceDefinition): string {
  return s.timeLimit.unit === 'minutes' ? `${s.timeLimit.amount} menit` : `${s.timeLimit.amount} hari kerja`;
}

function stageMinutes(c: ServiceClock, stage: StageKey): number | null {
  if (stage === 'total') {
    const s = [c.stages.waiting, c.stages.checking, c.stages.processing];
    if (!c.stages.processing || c.stages.processing.ongoing) return null;
    return s.reduce((sum, x) => sum + (x ? x.workingMinutes : 0), 0);
  }
  const s = c.stages[stage];
  return s && !s.ongoing ? s.workingMinutes : null;
}

export async function computeMonthlyReport(inputs: ReportInputs): Promise<MonthlyReport> {
  const range = monthRange(inputs.month);
  const { visits, catalogues } = await clockVisits(inputs, await monthVisits(inputs.db, range));
  const extra = await reportExtras(inputs.db, range);
  return assembleReport(inputs, range, visits, catalogues, extra);
}

export interface ReportExtras {
  missing: Awaited<ReturnType<typeof monthMissingItems>>;
  staff: Map<string, StaffRow>;
  notable: NotableVisitRow[];
}

export async function reportExtras(db: ReportInputs['db'], range: MonthRange): Promise<ReportExtras> {
  const [missing, staff, notable] = await Promise.all([monthMissingItems(db, range), staffDirectory(db), monthNotableVisits(db, range)]);
  return { missing, staff, notable };
}

export function assembleReport(
  inputs: Pick<ReportInputs, 'month' | 'calendar' | 'now' | 'outages'>,
  range: MonthRange,
  visits: ClockedVisit[],
  catalogues: Map<number, Catalogue>,
  extras: ReportExtras,
): MonthlyReport {
  const { missing: missingRows, staff: staffDir } = extras;
  // Services in the order of the newest catalogue, then any older code seen this month.
  const newest = catalogues.get(Math.max(0, ...catalogues.keys()));
  const serviceMeta = new Map<string, ServiceDefinition>();
  for (const s of newest?.services ?? []) serviceMeta.set(s.code, s);
  for (const v of visits) if (v.service && !serviceMeta.has(v.service.code)) serviceMeta.set(v.service.code, v.service);

  interface Acc {
    visits: number;
    returnedVisits: number;
    handedOver: number;
    completed: number;
    rejected: number;
    open: number;
    openOverdue: number;
    inTime: number;
    late: number;
    inTimeStrict: number;
    lateStrict: number;
    outsideLimit: number;
    excused: number;
    excusedMinutes: number;
    guaranteeMet: number;
    guaranteeTimed: number;
    processing: number[];
  }
  const blank = (): Acc => ({
    visits: 0,
    returnedVisits: 0,
    handedOver: 0,
    completed: 0,
    rejected: 0,
    open: 0,
    openOverdue: 0,
    inTime: 0,
    late: 0,
    inTimeStrict: 0,
    lateStrict: 0,
    outsideLimit: 0,
    excused: 0,
    excusedMinutes: 0,
    guaranteeMet: 0,
    guaranteeTimed: 0,
    processing: [],
  });
  const perService = new Map<string, Acc>();
  const all = blank();
  const stageValues: Record<StageKey, number[]> = { waiting: [], checking: [], processing: [], total: [] };
  const dayIndex = new Map(range.days.map((d, i) => [d, i]));
  const days = range.days.map((day) => {
    const byService: Record<string, number> = {};
    return { day, weekday: weekdayOfIso(day), workingDay: isWorkingDay(inputs.calendar, day), visits: 0, byService };
  });

  interface StaffAcc {
    registered: number;
    handedOver: number;
    checking: number[];
    finished: number;
    completed: number;
    rejected: number;
    inTime: number;
    timed: number;
    processing: number[];
  }
  const staff = new Map<string, StaffAcc>();
  const staffAcc = (id: string): StaffAcc => {
    let s = staff.get(id);
    if (!s) {
      s = { registered: 0, handedOver: 0, checking: [], finished: 0, completed: 0, rejected: 0, inTime: 0, timed: 0, processing: [] };
      staff.set(id, s);
    }
    return s;
  };

  let returns = 0;
  let discretionCount = 0;
  let forwarded = 0;
  const discretion: MonthlyReport['discretion'] = [];
  const rejections: MonthlyReport['rejections'] = [];
  const nameOf = (id: string | null) => (id ? (staffDir.get(id)?.name ?? null) : null);

  for (const v of visits) {
    const r = v.row;
    const code = v.service?.code ?? r.serviceCode ?? OTHER_PURPOSE;
    const d = days[dayIndex.get(r.day) ?? -1];
    if (d) {
      d.visits++;
      d.byService[code] = (d.byService[code] ?? 0) + 1;
    }
    all.visits++;
    if (r.registeredBy) staffAcc(r.registeredBy).registered++;
    if (!r.serviceCode) continue;
    const acc = perService.get(code) ?? blank();
    perService.set(code, acc);
    acc.visits++;
    returns += r.returnedCount;
    if (r.returnedCount > 0) {
      acc.returnedVisits++;
      all.returnedVisits++;
    }
    if (r.handedOverAt !== null) {
      acc.handedOver++;
      all.handedOver++;
    }
    if (r.status === 'completed') {
      acc.completed++;
      all.completed++;
    } else if (r.status === 'rejected') {
      acc.rejected++;
      all.rejected++;
    } else if (OPEN_AT_DESK.has(r.status)) {
      acc.open++;
      all.open++;
      if (v.overdue) {
        acc.openOverdue++;
        all.openOverdue++;
      }
    }
    if (v.inTime === true) {
      acc.inTime++;
      all.inTime++;
    } else if (v.inTime === false) {
      acc.late++;
      all.late++;
    }
    for (const a of [acc, all]) {
      if (v.inTimeWithoutExcuse === true) a.inTimeStrict++;
      else if (v.inTimeWithoutExcuse === false) a.lateStrict++;
      if (v.outsideLimit && FINISHED.has(r.status)) a.outsideLimit++;
      if (v.clock && v.clock.excusedWorkingMinutes > 0) {
        a.excused++;
        a.excusedMinutes += v.clock.excusedWorkingMinutes;
      }
      if (v.guaranteeMet !== null) {
        a.guaranteeTimed++;
        if (v.guaranteeMet) a.guaranteeMet++;
      }
    }
    if (v.forwardedLkpp) forwarded++;
    if (v.clock) {
      for (const st of ['waiting', 'checking', 'processing', 'total'] as const) {
        const m = stageMinutes(v.clock, st);
        if (m !== null) stageValues[st].push(m);
      }
      const proc = stageMinutes(v.clock, 'processing');
      if (proc !== null && FINISHED.has(r.status)) acc.processing.push(proc);
      if (r.handedOverBy) {
        const s = staffAcc(r.handedOverBy);
        s.handedOver++;
        const chk = stageMinutes(v.clock, 'checking');
        if (chk !== null) s.checking.push(chk);
      }
      if (r.outcomeBy && FINISHED.has(r.status)) {
        const s = staffAcc(r.outcomeBy);
        s.finished++;
        if (r.status === 'completed') s.completed++;
        else s.rejected++;
        if (v.inTime !== null) {
          s.timed++;
          if (v.inTime) s.inTime++;
        }
        if (proc !== null) s.processing.push(proc);
      }
    }
    if (r.discretion) discretionCount++;
  }
  for (const n of extras.notable) {
    if (!n.serviceCode) continue;
    const serviceName = catalogues.get(n.catalogueVersion)?.services.find((s) => s.code === n.serviceCode)?.name ?? n.serviceCode;
    if (n.discretion) {
      discretion.push({ day: n.day, receiptNo: n.receiptNo, companyName: n.companyName, serviceName, reason: n.discretionReason, byName: nameOf(n.handedOverBy) });
    }
    if (n.rejected) rejections.push({ day: n.day, receiptNo: n.receiptNo, companyName: n.companyName, serviceName, reason: n.outcomeNote, byName: nameOf(n.outcomeBy) });
  }

  const services: MonthlyReport['services'] = [...serviceMeta.values()]
    .filter((s) => s.active || perService.has(s.code))
    .map((s) => {
      const a = perService.get(s.code) ?? blank();
      return {
        code: s.code,
        number: s.number,
        name: s.name,
        shortName: s.shortName,
        limitText: shortLimit(s),
        visits: a.visits,
        returnedVisits: a.returnedVisits,
        handedOver: a.handedOver,
        completed: a.completed,
        rejected: a.rejected,
        open: a.open,
        openOverdue: a.openOverdue,
        finishedInTime: a.inTime,
        finishedLate: a.late,
        inTimePct: pct(a.inTime, a.inTime + a.late),
        finishedInTimeWithoutExcuse: a.inTimeStrict,
        finishedLateWithoutExcuse: a.lateStrict,
        inTimePctWithoutExcuse: pct(a.inTimeStrict, a.inTimeStrict + a.lateStrict),
        outsideLimit: a.outsideLimit,
        excusedVisits: a.excused,
        excusedMinutes: roundMin(a.excusedMinutes) ?? 0,
        guarantee: limitOf(s).guaranteeMinutes !== undefined ? { minutes: limitOf(s).guaranteeMinutes!, met: a.guaranteeMet, timed: a.guaranteeTimed, pct: pct(a.guaranteeMet, a.guaranteeTimed) } : null,
        processingMedianMin: roundMin(median(a.processing)),
        processingP90Min: roundMin(percentile(a.processing, 0.9)),
      };
    });

  // Most-missing documents: by item over all reasons; reasons over all items.
  const byItem = new Map<string, { label: string; itemCode: string; count: number; visits: number }>();
  const byReason = new Map<string, number>();
  for (const m of missingRows) {
    const it = byItem.get(m.itemCode) ?? { label: m.label, itemCode: m.itemCode, count: 0, visits: 0 };
    it.count += m.count;
    it.visits += m.visits;
    byItem.set(m.itemCode, it);
    byReason.set(m.reason, (byReason.get(m.reason) ?? 0) + m.count);
  }
  const missingDocuments = [...byItem.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)).slice(0, 15);
  const returnReasons = [...byReason.entries()]
    .map(([reason, count]) => ({ reason, label: MISSING_REASON_LABEL[reason as MissingItem['reason']] ?? reason, count }))
    .sort((a, b) => b.count - a.count);

  const staffRows: MonthlyReport['staff'] = [...staff.entries()]
    .map(([id, s]) => ({
      userId: id,
      name: staffDir.get(id)?.name ?? '(pengguna tidak dikenal)',
      roles: staffDir.get(id)?.roles ?? [],
      registered: s.registered,
      handedOver: s.handedOver,
      checkingMedianMin: roundMin(median(s.checking)),
      finished: s.finished,
      completed: s.completed,
      rejected: s.rejected,
      finishedInTime: s.inTime,
      inTimePct: pct(s.inTime, s.timed),
      processingMedianMin: roundMin(median(s.processing)),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'id'));

  const seriesCodes = [...services.filter((s) => s.visits > 0).map((s) => ({ code: s.code, label: `${s.number}. ${s.shortName}` }))];
  if (days.some((d) => (d.byService[OTHER_PURPOSE] ?? 0) > 0)) seriesCodes.push({ code: OTHER_PURPOSE, label: 'Lainnya' });

  const finished = all.completed + all.rejected;
  return {
    month: inputs.month,
    monthLabel: monthId(inputs.month),
    firstDay: range.firstDay,
    lastDay: range.lastDay,
    generatedAt: inputs.now,
    workingDays: days.filter((d) => d.workingDay).length,
    totals: {
      visits: all.visits,
      withService: [...perService.values()].reduce((s, a) => s + a.visits, 0),
      otherPurpose: all.visits - [...perService.values()].reduce((s, a) => s + a.visits, 0),
      returnedVisits: all.returnedVisits,
      returns,
      handedOver: all.handedOver,
      finished,
      completed: all.completed,
      rejected: all.rejected,
      open: all.open,
      openOverdue: all.openOverdue,
      finishedInTime: all.inTime,
      finishedLate: all.late,
      inTimePct: pct(all.inTime, all.inTime + all.late),
      finishedInTimeWithoutExcuse: all.inTimeStrict,
      finishedLateWithoutExcuse: all.lateStrict,
      inTimePctWithoutExcuse: pct(all.inTimeStrict, all.inTimeStrict + all.lateStrict),
      outsideLimit: all.outsideLimit,
      excusedVisits: all.excused,
      excusedMinutes: roundMin(all.excusedMinutes) ?? 0,
      discretion: discretionCount,
      forwardedLkpp: forwarded,
    },
    services,
    stages: (['waiting', 'checking', 'processing', 'total'] as const).map((stage) => ({
      stage,
      label: STAGE_LABEL[stage],
      count: stageValues[stage].length,
      medianMin: roundMin(median(stageValues[stage])),
      p90Min: roundMin(percentile(stageValues[stage], 0.9)),
    })),
    missingDocuments,
    returnReasons,
    discretion,
    rejections,
    staff: staffRows,
    days,
    seriesCodes,
    outages: (inputs.outages ?? [])
      .filter((o) => o.from < witaDayStartMs(range.nextFirstDay) && (o.to === null || o.to > witaDayStartMs(range.firstDay)))
      .map((o) => ({ from: o.from, to: o.to, kind: o.kind, kindLabel: o.kind === 'internet' ? 'Gangguan internet' : 'Gangguan SPSE', reason: o.reason }))
      .sort((a, b) => a.from - b.from),
  };
}
