/**
 * WITA (Waktu Indonesia Tengah) helpers. Banjarmasin is UTC+8 all year (IANA `Asia/Makassar`, no daylight
 * saving time), so every conversion here is plain fixed-offset arithmetic on epoch milliseconds: it never
 * reads the machine's time zone (`process.env.TZ`, `Date#getHours`) nor the Intl time-zone database.
 *
 * Conventions used by the whole `domain/time` folder:
 * - an instant is a number of epoch milliseconds (UTC);
 * - a calendar date is an ISO string `YYYY-MM-DD`, always meant as a WITA date;
 * - a time of day is `HH:MM` (24-hour, WITA).
 *
 * Pure: no I/O, no `Date.now()`.
 */

/** WITA offset from UTC: +08:00, fixed. */
export const WITA_OFFSET_MS = 8 * 60 * 60 * 1000;
export const MINUTE_MS = 60 * 1000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** 1 = Senin (Monday) … 7 = Minggu (Sunday), as ISO 8601. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Indonesian day names, indexed by {@link Weekday}. */
export const NAMA_HARI: Readonly<Record<Weekday, string>> = {
  1: 'Senin',
  2: 'Selasa',
  3: 'Rabu',
  4: 'Kamis',
  5: 'Jumat',
  6: 'Sabtu',
  7: 'Minggu',
};

/** Indonesian month names, index 0 = Januari. */
export const NAMA_BULAN: readonly string[] = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];

export interface WitaParts {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: Weekday;
  /** `YYYY-MM-DD` (WITA date). */
  isoDate: string;
}

/** Thrown for a malformed date or time string (Indonesian message). */
export class WitaFormatError extends Error {
  override readonly name = 'WitaFormatError';
  constructor(
    message: string,
    readonly input: string,
  ) {
    super(message);
  }
}

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HHMM_RE = /^(\d{2}):(\d{2})$/;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function assertFiniteMs(ms: number): void {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw new RangeError(`Waktu tidak valid: ${String(ms)}`);
  }
}

/** Parses a strict `YYYY-MM-DD` calendar date, or returns null (rejects 2026-02-30, 2025-13-01, …). */
export function parseIsoDate(isoDate: string): { year: number; month: number; day: number } | null {
  if (typeof isoDate !== 'string') return null;
  const m = ISO_DATE_RE.exec(isoDate);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return null;
  // Proleptic Gregorian month lengths (what Date uses); arithmetic, because the time-limit counting of a whole
  // month of visits parses dates hundreds of thousands of times.
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const length = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  if (day > length) return null;
  return { year, month, day };
}

export function isValidIsoDate(isoDate: string): boolean {
  return parseIsoDate(isoDate) !== null;
}

function requireIsoDate(isoDate: string): { year: number; month: number; day: number } {
  const p = parseIsoDate(isoDate);
  if (!p) throw new WitaFormatError(`Tanggal tidak valid: "${String(isoDate)}" (format YYYY-MM-DD)`, String(isoDate));
  return p;
}

/**
 * Parses `HH:MM` into minutes after midnight. `24:00` is accepted (end of day, 1440) so that a counter that
 * closes at midnight can be described; anything else outside 00:00–23:59 is rejected.
 */
export function parseHhmm(hhmm: string): number | null {
  if (typeof hhmm !== 'string') return null;
  const m = HHMM_RE.exec(hhmm);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h === 24 && min === 0) return 24 * 60;
  if (h > 23 || min > 59) return null;
  return h * 60 + min;
}

export function requireHhmm(hhmm: string): number {
  const v = parseHhmm(hhmm);
  if (v === null) throw new WitaFormatError(`Jam tidak valid: "${String(hhmm)}" (format HH:MM)`, String(hhmm));
  return v;
}

/** Epoch ms of 00:00 WITA of the given date. */
export function witaDayStartMs(isoDate: string): number {
  const known = dayStartByIso.get(isoDate);
  if (known !== undefined) return known;
  const ms = computeDayStartMs(isoDate);
  if (dayStartByIso.size >= 50_000) dayStartByIso.clear();
  dayStartByIso.set(isoDate, ms);
  return ms;
}
/** Valid dates already converted (invalid ones throw and are never stored). */
const dayStartByIso = new Map<string, number>();

function computeDayStartMs(isoDate: string): number {
  const { year, month, day } = requireIsoDate(isoDate);
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  if (year >= 100) return Date.UTC(year, month - 1, day) - WITA_OFFSET_MS;
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime() - WITA_OFFSET_MS;
}

/** Epoch ms of the given WITA date and `HH:MM` time. */
export function witaDateTimeToMs(isoDate: string, hhmm: string): number {
  return witaDayStartMs(isoDate) + requireHhmm(hhmm) * MINUTE_MS;
}

/** Calendar fields of an instant as seen on a wall clock in Banjarmasin. */
export function toWitaParts(ms: number): WitaParts {
  assertFiniteMs(ms);
  const d = new Date(ms + WITA_OFFSET_MS);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  const dow = d.getUTCDay(); // 0 = Sunday
  const weekday = (dow === 0 ? 7 : dow) as Weekday;
  const yyyy = year >= 0 && year <= 9999 ? String(year).padStart(4, '0') : String(year);
  return {
    year,
    month,
    day,
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday,
    isoDate: `${yyyy}-${pad2(month)}-${pad2(day)}`,
  };
}

/** WITA date (`YYYY-MM-DD`) of an instant. */
export function witaIsoDate(ms: number): string {
  assertFiniteMs(ms);
  // Memoised per WITA day: counting working time over a month of visits asks for the same few dozen days
  // hundreds of thousands of times.
  const dayNo = Math.floor((ms + WITA_OFFSET_MS) / DAY_MS);
  let iso = isoByDayNo.get(dayNo);
  if (iso === undefined) {
    iso = toWitaParts(ms).isoDate;
    if (isoByDayNo.size >= 50_000) isoByDayNo.clear();
    isoByDayNo.set(dayNo, iso);
  }
  return iso;
}
const isoByDayNo = new Map<number, string>();

/** Milliseconds since 00:00 WITA of the instant's own day. */
export function witaTimeOfDayMs(ms: number): number {
  assertFiniteMs(ms);
  const local = ms + WITA_OFFSET_MS;
  return ((local % DAY_MS) + DAY_MS) % DAY_MS;
}

/** Day of the week (1 = Senin … 7 = Minggu) of a WITA date. */
export function weekdayOfIso(isoDate: string): Weekday {
  return toWitaParts(witaDayStartMs(isoDate)).weekday;
}

/** Adds `n` calendar days (negative allowed) to a date. */
export function addDaysIso(isoDate: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`Jumlah hari harus bilangan bulat: ${String(n)}`);
  // Noon avoids any rounding question at day boundaries (there is no DST in WITA anyway).
  return witaIsoDate(witaDayStartMs(isoDate) + 12 * HOUR_MS + n * DAY_MS);
}

export type WitaFormatStyle = 'datetime' | 'date' | 'time';

/**
 * Indonesian rendering:
 * - `datetime`: "Kamis, 26 November 2026 13:05 WITA"
 * - `date`:     "Kamis, 26 November 2026"
 * - `time`:     "13:05 WITA"
 */
export function formatWita(ms: number, style: WitaFormatStyle = 'datetime'): string {
  const p = toWitaParts(ms);
  const date = `${NAMA_HARI[p.weekday]}, ${p.day} ${NAMA_BULAN[p.month - 1] ?? ''} ${p.year}`;
  const time = `${pad2(p.hour)}:${pad2(p.minute)} WITA`;
  switch (style) {
    case 'date':
      return date;
    case 'time':
      return time;
    case 'datetime':
      return `${date} ${time}`;
    default: {
      const never: never = style;
      throw new RangeError(`Gaya format tidak dikenal: ${String(never)}`);
    }
  }
}

/**
 * ISO 8601 with the WITA offset, to the second: "2027-01-04T09:00:00+08:00". Used wherever an instant is
 * written for people or other programs (CLI JSON), so the wall-clock time in Banjarmasin reads directly.
 */
export function witaIsoDateTime(ms: number): string {
  const p = toWitaParts(ms);
  return `${p.isoDate}T${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}+08:00`;
}

/** "2026-11-26 13:05 WITA": compact, sortable, for logs and admin listings. */
export function formatWitaCompact(ms: number): string {
  const p = toWitaParts(ms);
  return `${p.isoDate} ${pad2(p.hour)}:${pad2(p.minute)} WITA`;
}

/**
 * A Date whose UTC fields are the WITA wall-clock time of `ms`. For formats that have no time zone
 * (spreadsheet cells): the cell then shows exactly what a clock in Banjarmasin showed.
 */
export function witaWallClockAsUtcDate(ms: number): Date {
  assertFiniteMs(ms);
  return new Date(ms + WITA_OFFSET_MS);
}

const ISO_INSTANT_RE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses an ISO 8601 instant: `2026-12-23T10:00:00+08:00`, `2026-12-23T02:00:00Z`, or without an offset
 * (`2026-12-23T10:00`), which is read as WITA — the only wall clock of this office. Returns null for
 * anything else, including impossible dates and times (2026-02-30, 24:30).
 */
export function parseIsoInstant(text: string): number | null {
  if (typeof text !== 'string') return null;
  const m = ISO_INSTANT_RE.exec(text.trim());
  if (!m) return null;
  const [, date, hh, mm, ss, frac, zone] = m;
  if (!parseIsoDate(date!)) return null;
  const h = Number(hh);
  const min = Number(mm);
  const s = ss === undefined ? 0 : Number(ss);
  if (h > 23 || min > 59 || s > 59) return null;
  let offsetMs = WITA_OFFSET_MS;
  if (zone === 'Z') offsetMs = 0;
  else if (zone !== undefined) {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    const oh = Number(z[2]);
    const om = Number(z[3]);
    if (oh > 14 || om > 59) return null;
    offsetMs = (z[1] === '-' ? -1 : 1) * (oh * HOUR_MS + om * MINUTE_MS);
  }
  const ms = (frac === undefined ? 0 : Number(frac.padEnd(3, '0'))) + s * 1000 + min * MINUTE_MS + h * HOUR_MS;
  return witaDayStartMs(date!) + WITA_OFFSET_MS - offsetMs + ms;
}
