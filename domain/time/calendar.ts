/**
 * The working-time calendar of the counter: opening hours per weekday plus the holidays (libur nasional,
 * cuti bersama, and any local closure). Time limits of the service standard are counted on it:
 * - minute limits (e.g. "30 menit") count only minutes inside the counter hours of working days;
 * - working-day limits (e.g. "1 hari kerja", "5 hari kerja") count working days (see {@link addWorkingDays}).
 *
 * All dates are WITA dates (`YYYY-MM-DD`), all instants epoch ms; see `wita.ts`. The calendar is editable
 * data (the government sets holidays each year), so it can be imported from the JSON seed, a JSON list or a
 * CSV file; every import is validated by hand with Indonesian, location-precise messages.
 *
 * Pure: no I/O, no `Date.now()`.
 */
import {
  DAY_MS,
  WITA_OFFSET_MS,
  MINUTE_MS,
  type Weekday,
  addDaysIso,
  parseHhmm,
  parseIsoDate,
  weekdayOfIso,
  witaDayStartMs,
  witaIsoDate,
} from './wita';

export type HolidayKind = 'libur_nasional' | 'cuti_bersama' | 'lainnya';

export const HOLIDAY_KINDS: readonly HolidayKind[] = ['libur_nasional', 'cuti_bersama', 'lainnya'];

export const HOLIDAY_KIND_LABEL: Readonly<Record<HolidayKind, string>> = {
  libur_nasional: 'Libur nasional',
  cuti_bersama: 'Cuti bersama',
  lainnya: 'Lainnya',
};

export interface Holiday {
  /** WITA date `YYYY-MM-DD`. */
  date: string;
  name: string;
  kind: HolidayKind;
  /** Computed for a year whose decree is not entered yet (*perkiraan*, see `provisional.ts`); never recorded. */
  provisional?: boolean;
}

export interface OpeningHours {
  /** `HH:MM` WITA */
  open: string;
  /** `HH:MM` WITA, strictly after `open`. */
  close: string;
}

/**
 * Counter hours of one weekday from a date on (and, for a period such as Ramadan, until a date). A day uses
 * the last period recorded that covers it; a day no period covers uses {@link WorkCalendar.hours}. So a
 * change of hours never reaches a day before its `from` (issue 9: history stays put).
 */
export interface HoursPeriod {
  weekday: Weekday;
  /** First WITA date the hours apply to. */
  from: string;
  /** Last WITA date (inclusive), or null: from `from` on. */
  until: string | null;
  hours: OpeningHours | null;
  /** E.g. "Jam layanan Ramadan 1448 H". */
  label?: string | null;
}

export interface WorkCalendar {
  /** Counter hours per ISO weekday (1 = Senin … 7 = Minggu) on days no {@link hoursPeriods} entry covers; `null` = closed. */
  hours: Record<Weekday, OpeningHours | null>;
  /** Recorded holidays (decreed years, and single days entered by the supervisor). */
  holidays: Holiday[];
  /** Dated counter hours, in the order recorded (later entries win). */
  hoursPeriods?: readonly HoursPeriod[];
  /**
   * The years whose decree (SKB) has been entered. Every other year is provisional: its holidays are the
   * recorded ones plus those of {@link provisional}. When absent every year counts as set (recorded only).
   */
  setYears?: readonly number[];
  /** Holidays computed for a provisional year (`provisional.ts`). */
  provisional?: (year: number) => { holidays: readonly Holiday[] };
  /** Dates of provisional years whose computed holiday the supervisor removed. */
  removedDates?: readonly string[];
}

/** Seeded counter hours (DOMAIN-RULES "Working time"): Mon–Thu 07:30–16:00, Fri 07:30–16:30, weekend closed. */
export const DEFAULT_COUNTER_HOURS: Readonly<Record<Weekday, OpeningHours | null>> = Object.freeze({
  1: { open: '07:30', close: '16:00' },
  2: { open: '07:30', close: '16:00' },
  3: { open: '07:30', close: '16:00' },
  4: { open: '07:30', close: '16:00' },
  5: { open: '07:30', close: '16:30' },
  6: null,
  7: null,
});

// ---------------------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------------------

export type CalendarErrorCode =
  | 'invalid_json'
  | 'invalid_shape'
  | 'invalid_date'
  | 'invalid_name'
  | 'invalid_kind'
  | 'duplicate_date'
  | 'invalid_hours'
  | 'empty_import'
  | 'no_working_day';

export interface CalendarIssue {
  /** 1-based line of a CSV import, when the problem comes from a CSV line. */
  line?: number;
  /** Location inside a JSON document, e.g. `years.2026.cuti_bersama[2].date`. */
  path?: string;
  code: CalendarErrorCode;
  /** Indonesian, already prefixed with the location ("Baris 3: …"). */
  message: string;
}

/**
 * Thrown for an invalid calendar or import. `message` is Indonesian and lists every issue found (one per
 * line); `issues` has them one by one; `line` is the line of the first CSV issue.
 */
export class CalendarError extends Error {
  override readonly name = 'CalendarError';
  readonly code: CalendarErrorCode;
  readonly issues: CalendarIssue[];
  readonly line: number | undefined;

  constructor(issues: CalendarIssue[]) {
    const first = issues[0] ?? { code: 'invalid_shape' as const, message: 'Kalender tidak valid' };
    super(issues.length > 0 ? issues.map((i) => i.message).join('\n') : first.message);
    this.code = first.code;
    this.issues = issues.length > 0 ? issues : [first];
    this.line = first.line;
  }

  static single(code: CalendarErrorCode, message: string): CalendarError {
    return new CalendarError([{ code, message }]);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Day-level queries
// ---------------------------------------------------------------------------------------------------------

/** How far {@link nextWorkingDay} searches before concluding that the calendar has no working day at all. */
const MAX_SEARCH_DAYS = 400;

function requireDate(isoDate: string): void {
  if (!parseIsoDate(isoDate)) {
    throw CalendarError.single('invalid_date', `Tanggal tidak valid: "${String(isoDate)}" (format YYYY-MM-DD)`);
  }
}

/** The year of a WITA date or instant's date (`YYYY-MM-DD`). */
function yearOf(isoDate: string): number {
  return Number(isoDate.slice(0, 4));
}

/** The year has no decree entered: its holidays are partly computed (*perkiraan*). */
export function isProvisionalYear(cal: WorkCalendar, year: number): boolean {
  return cal.setYears !== undefined && !cal.setYears.includes(year);
}

/**
 * Whether something counted from `fromMs` to `toMs` depends on a provisional year: any day of that span may
 * still become a holiday (cuti bersama) or a working day (a lunar date moved) once the decree is entered.
 */
export function spansProvisionalYear(cal: WorkCalendar, fromMs: number, toMs: number): boolean {
  return firstProvisionalYear(cal, fromMs, toMs) !== null;
}

/** The first provisional year from `fromMs` to `toMs` (WITA), or null (see {@link spansProvisionalYear}). */
export function firstProvisionalYear(cal: WorkCalendar, fromMs: number, toMs: number): number | null {
  if (cal.setYears === undefined) return null;
  const a = yearOf(witaIsoDate(Math.min(fromMs, toMs)));
  const b = yearOf(witaIsoDate(Math.max(fromMs, toMs)));
  for (let y = a; y <= b; y++) if (isProvisionalYear(cal, y)) return y;
  return null;
}

/**
 * The holiday of a date, or null: a recorded one first (if a date is listed twice, the first entry wins);
 * in a provisional year, otherwise the computed one (marked `provisional`) unless the supervisor removed it.
 */
export function holidayOn(cal: WorkCalendar, isoDate: string): Holiday | null {
  requireDate(isoDate);
  for (const h of cal.holidays) if (h.date === isoDate) return h;
  const year = yearOf(isoDate);
  if (!isProvisionalYear(cal, year) || !cal.provisional) return null;
  if (cal.removedDates?.includes(isoDate)) return null;
  for (const h of cal.provisional(year).holidays) if (h.date === isoDate) return { ...h, provisional: true };
  return null;
}

/**
 * Every holiday of a year as the calendar counts it: the recorded ones, and in a provisional year the
 * computed ones on the other dates (unless removed). Date order.
 */
export function holidaysOfYear(cal: WorkCalendar, year: number): Holiday[] {
  const recorded = cal.holidays.filter((h) => yearOf(h.date) === year);
  if (!isProvisionalYear(cal, year) || !cal.provisional) return [...recorded].sort(byDate);
  const taken = new Set(recorded.map((h) => h.date));
  const removed = new Set(cal.removedDates ?? []);
  const computed = cal.provisional(year).holidays.filter((h) => !taken.has(h.date) && !removed.has(h.date)).map((h) => ({ ...h, provisional: true }));
  return [...recorded, ...computed].sort(byDate);
}

/** The counter hours that apply on a date (its weekday, dated periods considered); null = closed. */
export function hoursOn(cal: WorkCalendar, isoDate: string): OpeningHours | null {
  const weekday = weekdayOfIso(isoDate);
  const periods = cal.hoursPeriods;
  if (periods) {
    for (let i = periods.length - 1; i >= 0; i--) {
      const p = periods[i]!;
      if (p.weekday === weekday && p.from <= isoDate && (p.until === null || isoDate <= p.until)) return p.hours;
    }
  }
  return cal.hours[weekday] ?? null;
}

/** The week's counter hours as they apply on and after `isoDate` (for "come back during…" on slips). */
export function weekHoursOn(cal: WorkCalendar, isoDate: string): Record<Weekday, OpeningHours | null> {
  const out = {} as Record<Weekday, OpeningHours | null>;
  for (let i = 0; i < 7; i++) {
    const d = addDaysIso(isoDate, i);
    out[weekdayOfIso(d)] = hoursOn(cal, d);
  }
  return out;
}

/** Counter hours of `isoDate`, in minutes after midnight, or null if closed that day. */
function hoursOfWeekday(cal: WorkCalendar, isoDate: string): { open: number; close: number } | null {
  const weekday = weekdayOfIso(isoDate);
  const h = hoursOn(cal, isoDate);
  if (h === null || h === undefined) return null;
  const open = parseHhmm(h.open);
  const close = parseHhmm(h.close);
  if (open === null || close === null || open >= close) {
    throw CalendarError.single(
      'invalid_hours',
      `Jam layanan hari ke-${weekday} tidak valid: "${String(h.open)}"–"${String(h.close)}" (format HH:MM, jam buka sebelum jam tutup)`,
    );
  }
  return { open, close };
}

/** A working day: the counter has hours on that weekday and the date is not a holiday. */
export function isWorkingDay(cal: WorkCalendar, isoDate: string): boolean {
  return workingWindow(cal, isoDate) !== null;
}

type Window = { openMs: number; closeMs: number } | null;

/**
 * Windows already computed per calendar value. A calendar is treated as an immutable value (every edit or
 * import builds new `hours`/`holidays` objects); the memo is dropped when either is replaced. Counting
 * working time over many visits (the monthly report) asks for the same few dozen dates thousands of times.
 */
interface WindowMemo {
  hours: WorkCalendar['hours'];
  holidays: Holiday[];
  periods: WorkCalendar['hoursPeriods'];
  setYears: WorkCalendar['setYears'];
  removed: WorkCalendar['removedDates'];
  byDate: Map<string, Window>;
  /** Working time per WITA day over a range of days, summed: see {@link workingMsBetween}. */
  days: DayIndex | null;
}
const windowMemo = new WeakMap<WorkCalendar, WindowMemo>();

function memoOf(cal: WorkCalendar): WindowMemo {
  let memo = windowMemo.get(cal);
  if (
    !memo ||
    memo.hours !== cal.hours ||
    memo.holidays !== cal.holidays ||
    memo.periods !== cal.hoursPeriods ||
    memo.setYears !== cal.setYears ||
    memo.removed !== cal.removedDates
  ) {
    memo = { hours: cal.hours, holidays: cal.holidays, periods: cal.hoursPeriods, setYears: cal.setYears, removed: cal.removedDates, byDate: new Map(), days: null };
    windowMemo.set(cal, memo);
  }
  return memo;
}

/** Opening and closing instants (epoch ms) of a date, or null when it is not a working day. */
export function workingWindow(cal: WorkCalendar, isoDate: string): { openMs: number; closeMs: number } | null {
  const memo = memoOf(cal);
  const hit = memo.byDate.get(isoDate);
  if (hit !== undefined) return hit && { ...hit };
  const w = computeWorkingWindow(cal, isoDate);
  if (memo.byDate.size >= 20_000) memo.byDate.clear();
  memo.byDate.set(isoDate, w);
  return w && { ...w };
}

function computeWorkingWindow(cal: WorkCalendar, isoDate: string): Window {
  requireDate(isoDate);
  const h = hoursOfWeekday(cal, isoDate);
  if (!h) return null;
  if (holidayOn(cal, isoDate)) return null;
  const start = witaDayStartMs(isoDate);
  return { openMs: start + h.open * MINUTE_MS, closeMs: start + h.close * MINUTE_MS };
}

/** The first working day strictly after `isoDate`. */
export function nextWorkingDay(cal: WorkCalendar, isoDate: string): string {
  requireDate(isoDate);
  let d = isoDate;
  for (let i = 0; i < MAX_SEARCH_DAYS; i++) {
    d = addDaysIso(d, 1);
    if (isWorkingDay(cal, d)) return d;
  }
  throw CalendarError.single(
    'no_working_day',
    `Tidak ada hari kerja dalam ${MAX_SEARCH_DAYS} hari setelah ${isoDate}: periksa jam layanan dan daftar hari libur`,
  );
}

// ---------------------------------------------------------------------------------------------------------
// Counting working time
// ---------------------------------------------------------------------------------------------------------

function assertMs(ms: number, what: string): void {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new RangeError(`${what} tidak valid: ${String(ms)}`);
}

/**
 * The instant from which working time starts to count for something that starts at `ms`: `ms` itself when
 * it lies inside counter hours of a working day (opening ≤ ms < closing), otherwise the next opening (the
 * same day's opening when before it, else the opening of the next working day).
 */
export function countingStartMs(cal: WorkCalendar, ms: number): number {
  assertMs(ms, 'Waktu mulai');
  const day = witaIsoDate(ms);
  const w = workingWindow(cal, day);
  if (w) {
    if (ms < w.openMs) return w.openMs;
    if (ms < w.closeMs) return ms;
  }
  const next = workingWindow(cal, nextWorkingDay(cal, day));
  // nextWorkingDay only returns working days, so the window exists.
  return next!.openMs;
}

/**
 * Each WITA day of a range (day number = whole days since the epoch, WITA) with its opening and closing
 * instants (equal when closed) and the working time of the days before it in the range, summed. Built from
 * {@link workingWindow}, so it says exactly what the day-by-day count says, and dropped with the memo when
 * the calendar changes.
 */
interface DayIndex {
  first: number;
  open: Float64Array;
  close: Float64Array;
  /** `before[k]`: working ms of days `first` … `first + k − 1`. */
  before: Float64Array;
}

/** Beyond this many days a count goes day by day (a typo'd year 2206 must not build a 70,000-day table). */
const MAX_INDEXED_DAYS = 40 * 366;

function witaDayNo(ms: number): number {
  return Math.floor((ms + WITA_OFFSET_MS) / DAY_MS);
}

function dayIndex(cal: WorkCalendar, fromDay: number, toDay: number): DayIndex | null {
  const memo = memoOf(cal);
  const have = memo.days;
  if (have && fromDay >= have.first && toDay < have.first + have.open.length) return have;
  // Grown a year beyond what is asked: a counter's files span days to months around today.
  const first = Math.min(have?.first ?? Infinity, fromDay - 366);
  const last = Math.max(have ? have.first + have.open.length - 1 : -Infinity, toDay + 366);
  const n = last - first + 1;
  if (n > MAX_INDEXED_DAYS) return null;
  const open = new Float64Array(n);
  const close = new Float64Array(n);
  const before = new Float64Array(n + 1);
  try {
    for (let k = 0; k < n; k++) {
      const w = workingWindow(cal, witaIsoDate((first + k) * DAY_MS - WITA_OFFSET_MS));
      open[k] = w ? w.openMs : 0;
      close[k] = w ? w.closeMs : 0;
      before[k + 1] = before[k]! + (close[k]! - open[k]!);
    }
  } catch {
    // A day of the margin the count itself does not touch could not be read (a provisional year's
    // holidays): the count goes day by day, and fails there only if one of its own days does.
    return null;
  }
  const index: DayIndex = { first, open, close, before };
  memo.days = index;
  return index;
}

/** Milliseconds of `[fromMs, toMs)` that fall inside counter hours of working days (0 if `toMs ≤ fromMs`). */
export function workingMsBetween(cal: WorkCalendar, fromMs: number, toMs: number): number {
  assertMs(fromMs, 'Waktu awal');
  assertMs(toMs, 'Waktu akhir');
  if (toMs <= fromMs) return 0;
  // The first and last days clipped, the whole days between summed from the index: a file open for months
  // costs what one open for an hour does (the desk queues count 200 of them on every refresh).
  const a = witaDayNo(fromMs);
  const b = witaDayNo(toMs);
  const index = dayIndex(cal, a, b);
  if (index) {
    const i = a - index.first;
    const j = b - index.first;
    const part = (k: number) => Math.max(0, Math.min(index.close[k]!, toMs) - Math.max(index.open[k]!, fromMs));
    if (i === j) return part(i);
    return part(i) + (index.before[j]! - index.before[i + 1]!) + part(j);
  }
  return workingMsBetweenDayByDay(cal, fromMs, toMs);
}

/** The same count day by day: beyond the index's range, and the reference the tests hold the index to. */
export function workingMsBetweenDayByDay(cal: WorkCalendar, fromMs: number, toMs: number): number {
  let total = 0;
  const lastDay = witaIsoDate(toMs);
  for (let d = witaIsoDate(fromMs); ; d = addDaysIso(d, 1)) {
    const w = workingWindow(cal, d);
    if (w) {
      const a = Math.max(w.openMs, fromMs);
      const b = Math.min(w.closeMs, toMs);
      if (b > a) total += b - a;
    }
    if (d === lastDay) break;
  }
  return total;
}

/**
 * Minutes of `[fromMs, toMs)` inside counter hours on working days only. Not rounded: a result of 12.5 means
 * twelve and a half minutes; round for display only.
 */
export function workingMinutesBetween(cal: WorkCalendar, fromMs: number, toMs: number): number {
  return workingMsBetween(cal, fromMs, toMs) / MINUTE_MS;
}

/**
 * The instant at which `ms` milliseconds of working time have elapsed since `fromMs`. Counting starts at
 * {@link countingStartMs} (the next opening when `fromMs` is outside counter hours). A budget that runs out
 * exactly at closing time ends at that closing time, not at the next opening.
 */
export function addWorkingMs(cal: WorkCalendar, fromMs: number, ms: number): number {
  assertMs(ms, 'Durasi');
  if (ms < 0) throw new RangeError(`Durasi tidak boleh negatif: ${ms}`);
  let cursor = countingStartMs(cal, fromMs);
  let remaining = ms;
  let day = witaIsoDate(cursor);
  for (;;) {
    const w = workingWindow(cal, day);
    if (w && cursor < w.closeMs) {
      const start = Math.max(cursor, w.openMs);
      const available = w.closeMs - start;
      if (remaining <= available) return start + remaining;
      remaining -= available;
    }
    day = nextWorkingDay(cal, day);
    cursor = witaDayStartMs(day);
  }
}

/** Deadline of a limit of `minutes` working minutes started at `fromMs` (see {@link addWorkingMs}). */
export function addWorkingMinutes(cal: WorkCalendar, fromMs: number, minutes: number): number {
  assertMs(minutes, 'Jumlah menit');
  return addWorkingMs(cal, fromMs, minutes * MINUTE_MS);
}

/**
 * Deadline of a limit of `days` working days started at `fromMs`.
 *
 * Rule (documented choice, the regulation only says "N hari kerja"):
 * 1. Counting starts at S = {@link countingStartMs}(fromMs): `fromMs` itself if inside counter hours of a
 *    working day; the same day's opening if before opening; the next working day's opening if after closing
 *    or on a weekend / holiday.
 * 2. The deadline day is the N-th working day after S's day (weekends and holidays are skipped).
 * 3. The deadline is on that day at the same time of day as S, clamped into that day's counter hours: to the
 *    closing time if the same time of day would be after closing (e.g. started Friday 16:20, deadline
 *    Monday 16:00), to the opening time if it would be before opening (only possible with uneven hours).
 *
 * So "1 hari kerja" received Monday 10:00 is due Tuesday 10:00; received Friday 15:00 before a holiday
 * Monday, due Tuesday 15:00; received Saturday, due Tuesday 07:30 (counting starts Monday 07:30).
 * `days = 0` returns S.
 */
export function addWorkingDays(cal: WorkCalendar, fromMs: number, days: number): number {
  if (!Number.isInteger(days) || days < 0) {
    throw new RangeError(`Jumlah hari kerja harus bilangan bulat ≥ 0: ${String(days)}`);
  }
  const start = countingStartMs(cal, fromMs);
  if (days === 0) return start;
  const startDay = witaIsoDate(start);
  const timeOfDay = start - witaDayStartMs(startDay);
  let day = startDay;
  for (let i = 0; i < days; i++) day = nextWorkingDay(cal, day);
  const w = workingWindow(cal, day)!;
  const target = witaDayStartMs(day) + timeOfDay;
  return Math.min(Math.max(target, w.openMs), w.closeMs);
}

// ---------------------------------------------------------------------------------------------------------
// Imports
// ---------------------------------------------------------------------------------------------------------

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describeValue(v: unknown): string {
  if (v === undefined) return 'kosong';
  if (typeof v === 'string') return `"${v}"`;
  try {
    // undefined for a function or symbol; a throw for a bigint or a cycle: the kind says enough then.
    return JSON.stringify(v) ?? typeof v;
  } catch {
    return typeof v;
  }
}

/** Accepts `libur_nasional`, `Libur Nasional`, `cuti-bersama`, … */
function normaliseKind(v: string): HolidayKind | null {
  const k = v.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return (HOLIDAY_KINDS as readonly string[]).includes(k) ? (k as HolidayKind) : null;
}

const KIND_LIST = HOLIDAY_KINDS.join(', ');

/** Validates one entry; `where` is the message prefix ("Baris 3" / "years.2026.cuti_bersama[1]"). */
function checkEntry(
  raw: { date: unknown; name: unknown; kind: unknown },
  where: string,
  loc: { line?: number; path?: string },
  issues: CalendarIssue[],
  expectedYear?: string,
): Holiday | null {
  let ok = true;
  const add = (code: CalendarErrorCode, message: string): void => {
    ok = false;
    issues.push({ ...loc, code, message: `${where}: ${message}` });
  };
  const date = typeof raw.date === 'string' ? raw.date.trim() : raw.date;
  if (typeof date !== 'string' || !parseIsoDate(date)) {
    add('invalid_date', `tanggal ${describeValue(raw.date)} tidak valid (format YYYY-MM-DD, mis. 2026-02-16)`);
  } else if (expectedYear !== undefined && !date.startsWith(`${expectedYear}-`)) {
    add('invalid_date', `tanggal ${date} tidak termasuk tahun ${expectedYear}`);
  }
  const name = typeof raw.name === 'string' ? raw.name.trim() : raw.name;
  if (typeof name !== 'string' || name === '') add('invalid_name', 'nama hari libur kosong atau bukan teks');
  const kind = typeof raw.kind === 'string' ? normaliseKind(raw.kind) : null;
  if (!kind) add('invalid_kind', `jenis ${describeValue(raw.kind)} tidak dikenal (pilih: ${KIND_LIST})`);
  return ok ? { date: date as string, name: name as string, kind: kind! } : null;
}

function checkDuplicates(
  entries: { h: Holiday; where: string; loc: { line?: number; path?: string } }[],
  issues: CalendarIssue[],
): void {
  const seen = new Map<string, string>();
  for (const e of entries) {
    const prev = seen.get(e.h.date);
    if (prev !== undefined) {
      issues.push({
        ...e.loc,
        code: 'duplicate_date',
        message: `${e.where}: tanggal ${e.h.date} sudah tercantum (${prev})`,
      });
    } else {
      seen.set(e.h.date, e.where);
    }
  }
}

function byDate(a: Holiday, b: Holiday): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
}

/** Holidays of a seed-shaped document (`{ years: { "2026": { libur_nasional: [...], cuti_bersama: [...] } } }`). */
function holidaysFromSeed(json: Record<string, unknown>, issues: CalendarIssue[]): Holiday[] {
  const years = json['years'];
  if (!isRecord(years)) {
    issues.push({ path: 'years', code: 'invalid_shape', message: 'years: harus berupa objek per tahun, mis. { "2026": { ... } }' });
    return [];
  }
  const entries: { h: Holiday; where: string; loc: { path: string } }[] = [];
  for (const [year, byKind] of Object.entries(years)) {
    const yPath = `years.${year}`;
    if (!/^\d{4}$/.test(year)) {
      issues.push({ path: yPath, code: 'invalid_shape', message: `${yPath}: kunci tahun harus 4 angka` });
      continue;
    }
    if (!isRecord(byKind)) {
      issues.push({ path: yPath, code: 'invalid_shape', message: `${yPath}: harus berupa objek { ${KIND_LIST} }` });
      continue;
    }
    for (const [kindKey, list] of Object.entries(byKind)) {
      const kPath = `${yPath}.${kindKey}`;
      const kind = (HOLIDAY_KINDS as readonly string[]).includes(kindKey) ? (kindKey as HolidayKind) : null;
      if (!kind) {
        issues.push({ path: kPath, code: 'invalid_kind', message: `${kPath}: jenis "${kindKey}" tidak dikenal (pilih: ${KIND_LIST})` });
        continue;
      }
      if (!Array.isArray(list)) {
        issues.push({ path: kPath, code: 'invalid_shape', message: `${kPath}: harus berupa daftar [{ "date", "name" }]` });
        continue;
      }
      list.forEach((item: unknown, i) => {
        const path = `${kPath}[${i}]`;
        if (!isRecord(item)) {
          issues.push({ path, code: 'invalid_shape', message: `${path}: harus berupa objek { "date", "name" }` });
          return;
        }
        const h = checkEntry({ date: item['date'], name: item['name'], kind }, path, { path }, issues, year);
        if (h) entries.push({ h, where: path, loc: { path } });
      });
    }
  }
  checkDuplicates(entries, issues);
  return entries.map((e) => e.h).sort(byDate);
}

/** Optional `office_hours_default: { mon_thu: [open, close], fri: [open, close] }` of the seed. */
function hoursFromSeed(v: unknown, issues: CalendarIssue[]): Record<Weekday, OpeningHours | null> | null {
  if (v === undefined) return null;
  const pair = (key: string): OpeningHours | null => {
    const p = isRecord(v) ? v[key] : undefined;
    if (
      Array.isArray(p) &&
      p.length === 2 &&
      typeof p[0] === 'string' &&
      typeof p[1] === 'string' &&
      parseHhmm(p[0]) !== null &&
      parseHhmm(p[1]) !== null &&
      parseHhmm(p[0])! < parseHhmm(p[1])!
    ) {
      return { open: p[0], close: p[1] };
    }
    issues.push({
      path: `office_hours_default.${key}`,
      code: 'invalid_hours',
      message: `office_hours_default.${key}: harus ["HH:MM", "HH:MM"] dengan jam buka sebelum jam tutup`,
    });
    return null;
  };
  const monThu = pair('mon_thu');
  const fri = pair('fri');
  if (!monThu || !fri) return null;
  return { 1: monThu, 2: { ...monThu }, 3: { ...monThu }, 4: { ...monThu }, 5: fri, 6: null, 7: null };
}

/**
 * Builds a calendar from the shape of `data/holidays-id.json`. Counter hours: `options.hours` if given, else
 * the seed's `office_hours_default` (Mon–Thu / Fri, weekend closed) if present, else {@link DEFAULT_COUNTER_HOURS}.
 * Throws {@link CalendarError} listing every problem found.
 */
export function calendarFromHolidaySeed(
  json: unknown,
  options: { hours?: Record<Weekday, OpeningHours | null> } = {},
): WorkCalendar {
  if (!isRecord(json)) {
    throw CalendarError.single('invalid_shape', 'Data kalender harus berupa objek JSON dengan kunci "years"');
  }
  const issues: CalendarIssue[] = [];
  const holidays = holidaysFromSeed(json, issues);
  const seedHours = hoursFromSeed(json['office_hours_default'], issues);
  if (issues.length > 0) throw new CalendarError(issues);
  const hours = options.hours ?? seedHours ?? DEFAULT_COUNTER_HOURS;
  return { hours: { ...hours }, holidays };
}

/**
 * Holidays from JSON: either the seed shape (`{ years: … }`) or a plain array of `{ date, name, kind }`.
 * A string is parsed as JSON first. Returns the holidays sorted by date; throws {@link CalendarError}.
 */
export function parseCalendarJson(json: unknown): Holiday[] {
  let doc = json;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc) as unknown;
    } catch (e) {
      throw CalendarError.single('invalid_json', `Teks bukan JSON yang valid: ${(e as Error).message}`);
    }
  }
  const issues: CalendarIssue[] = [];
  let holidays: Holiday[];
  if (Array.isArray(doc)) {
    const entries: { h: Holiday; where: string; loc: { path: string } }[] = [];
    doc.forEach((item: unknown, i) => {
      const path = `[${i}]`;
      if (!isRecord(item)) {
        issues.push({ path, code: 'invalid_shape', message: `${path}: harus berupa objek { "date", "name", "kind" }` });
        return;
      }
      const h = checkEntry({ date: item['date'], name: item['name'], kind: item['kind'] }, path, { path }, issues);
      if (h) entries.push({ h, where: path, loc: { path } });
    });
    checkDuplicates(entries, issues);
    holidays = entries.map((e) => e.h).sort(byDate);
  } else if (isRecord(doc) && 'years' in doc) {
    holidays = holidaysFromSeed(doc, issues);
  } else {
    throw CalendarError.single(
      'invalid_shape',
      'Format JSON tidak dikenal: gunakan { "years": { … } } atau daftar [{ "date", "name", "kind" }]',
    );
  }
  if (issues.length > 0) throw new CalendarError(issues);
  if (holidays.length === 0) throw CalendarError.single('empty_import', 'Data JSON tidak berisi hari libur');
  return holidays;
}

/** Splits one CSV line (RFC 4180 quoting: `"a, b"`, `"say ""hi"""`). Returns null on an unclosed quote. */
function splitCsvLine(line: string, sep: string): string[] | null {
  const out: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < line.length) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (c === sep) {
      out.push(field);
      field = '';
    } else {
      field += c;
    }
    i++;
  }
  if (quoted) return null;
  out.push(field);
  return out.map((f) => f.trim());
}

const HEADER_WORDS = new Set(['date', 'tanggal', 'name', 'nama', 'kind', 'jenis', 'keterangan']);

/**
 * Holidays from CSV lines `YYYY-MM-DD,Nama,kind` (kind: libur_nasional | cuti_bersama | lainnya).
 * - An optional header line (`date,name,kind` or `tanggal,nama,jenis`) is skipped.
 * - Blank lines and lines starting with `#` are ignored; a UTF-8 BOM and CRLF line ends are accepted.
 * - Fields may be quoted (`2026-03-20,"Cuti Bersama Idul Fitri, hari ke-1",cuti_bersama`).
 * - `;` is accepted as the separator when the first data line has no `,` (Excel with Indonesian locale).
 * Every bad line is reported with its 1-based line number in one {@link CalendarError}.
 */
export function parseCalendarCsv(text: string): Holiday[] {
  if (typeof text !== 'string') throw CalendarError.single('invalid_shape', 'Isi CSV harus berupa teks');
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const issues: CalendarIssue[] = [];
  const entries: { h: Holiday; where: string; loc: { line: number } }[] = [];
  let sep: string | null = null;
  let sawContent = false;
  lines.forEach((rawLine, idx) => {
    const line = idx + 1;
    const trimmed = rawLine.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    if (sep === null) sep = !trimmed.includes(',') && trimmed.includes(';') ? ';' : ',';
    const fields = splitCsvLine(trimmed, sep);
    const where = `Baris ${line}`;
    if (!sawContent) {
      sawContent = true;
      if (fields && fields.length > 0 && fields.every((f) => HEADER_WORDS.has(f.toLowerCase()))) return;
    }
    if (!fields) {
      issues.push({ line, code: 'invalid_shape', message: `${where}: tanda kutip (") tidak ditutup` });
      return;
    }
    if (fields.length !== 3) {
      issues.push({
        line,
        code: 'invalid_shape',
        message: `${where}: harus 3 kolom (tanggal${sep}nama${sep}jenis), ditemukan ${fields.length}`,
      });
      return;
    }
    const [date, name, kind] = fields as [string, string, string];
    const h = checkEntry({ date, name, kind }, where, { line }, issues);
    if (h) entries.push({ h, where, loc: { line } });
  });
  checkDuplicates(entries, issues);
  if (issues.length > 0) {
    issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    throw new CalendarError(issues);
  }
  if (entries.length === 0) throw CalendarError.single('empty_import', 'Berkas CSV tidak berisi data hari libur');
  return entries.map((e) => e.h).sort(byDate);
}

/**
 * Merges imported holidays into a calendar's list: an imported entry replaces an existing one on the same
 * date; everything else is kept. Returns a new, date-sorted list (inputs are not modified).
 */
export function mergeHolidays(existing: readonly Holiday[], imported: readonly Holiday[]): Holiday[] {
  const byDay = new Map<string, Holiday>();
  for (const h of existing) if (!byDay.has(h.date)) byDay.set(h.date, h);
  for (const h of imported) byDay.set(h.date, h);
  return [...byDay.values()].sort(byDate);
}

/** Number of whole calendar days from `a` to `b` (WITA dates; negative when b is before a). */
export function daysBetweenIso(a: string, b: string): number {
  return Math.round((witaDayStartMs(b) - witaDayStartMs(a)) / DAY_MS);
}
