/**
 * Provisional holidays (*perkiraan*) for a year whose decree (SKB 3 Menteri on libur nasional and cuti
 * bersama) has not been entered yet. The dates come from the `date-holidays` library (ADR 0007): fixed-date
 * national holidays, the Easter-based ones, and the lunar ones it knows for Indonesia (Isra Mikraj, Idul
 * Fitri, Idul Adha, Tahun Baru Islam, Maulid, Imlek, and Nyepi and Waisak for the years it lists). Its
 * output is mapped here by *rule*, never by its label, to the official Indonesian names the SKB uses,
 * because the library's Indonesian data is known to be wrong in places:
 * - "27 Rajab" (Isra Mikraj) is labelled "Maulid Nabi Muhammad";
 * - Easter Sunday (Kebangkitan Yesus Kristus, a libur nasional since 2024) is missing: the caller adds the
 *   library's own `easter` rule;
 * - lunar dates are computed, the SKB's follow the government's sighting (isbat), so they can be a day off.
 * Cuti bersama are never computed: the government sets them each year. All of this is why every such day is
 * shown as *perkiraan* and the supervisor is asked to enter the decree (see `calendarNotice`).
 *
 * Pure: the library output is passed in; no I/O.
 */
import type { Holiday } from './calendar';
import { parseIsoDate } from './wita';

/** One entry of `new Holidays('ID').getHolidays(year)` (the fields used). */
export interface LibraryHoliday {
  /** "2027-01-05 00:00:00 -0600": the calendar date comes first. */
  date: string;
  /** The library's rule, e.g. "27 Rajab", "easter -2", "chinese 01-0-01", "2027-03-08". */
  rule: string;
  /** The library's label (used only for its fixed-date entries: Nyepi, Waisak). */
  name: string;
}

/** What the calendar asks for a provisional year. */
export interface ProvisionalYear {
  year: number;
  /** Holidays computed for the year, one per date, date order, each `provisional: true`. */
  holidays: readonly Holiday[];
  /** Holidays the library cannot place for this year (e.g. Nyepi and Waisak beyond its table). */
  missing: readonly string[];
}

export type ProvisionalSource = (year: number) => ProvisionalYear;

/** The holidays every year has, by the name used in {@link ProvisionalYear.missing}. */
export const EXPECTED_NATIONAL_HOLIDAYS = [
  'Tahun Baru Masehi',
  'Isra Mikraj Nabi Muhammad SAW',
  'Tahun Baru Imlek',
  'Hari Suci Nyepi',
  'Idul Fitri',
  'Wafat Yesus Kristus',
  'Kebangkitan Yesus Kristus (Paskah)',
  'Hari Buruh Internasional',
  'Hari Raya Waisak',
  'Kenaikan Yesus Kristus',
  'Hari Lahir Pancasila',
  'Idul Adha',
  'Tahun Baru Islam',
  'Proklamasi Kemerdekaan',
  'Maulid Nabi Muhammad SAW',
  'Kelahiran Yesus Kristus',
] as const;
type Expected = (typeof EXPECTED_NATIONAL_HOLIDAYS)[number];

/** Julian day number of a calendar date (noon-free: .5 at midnight UTC). */
function julianDay(iso: string): number {
  const p = parseIsoDate(iso)!;
  return Date.UTC(p.year, p.month - 1, p.day) / 86_400_000 + 2440587.5;
}

/** 1 Muharram 1 AH, civil epoch (16 July 622 Julian). */
const HIJRI_EPOCH_JD = 1948439.5;
const HIJRI_YEAR_DAYS = 354.36667;
const HIJRI_MONTH_DAYS = 29.530589;

/**
 * The Hijri year of a date known to be day `day` of Hijri month `month`. The year's start is estimated from
 * the month and day, then rounded to the nearest whole year: exact for any date the library can produce
 * (an error of up to half a year would be needed to pick the wrong one).
 */
export function hijriYearOf(iso: string, month: number, day: number): number {
  const yearStart = julianDay(iso) - ((month - 1) * HIJRI_MONTH_DAYS + (day - 1));
  return Math.round((yearStart - HIJRI_EPOCH_JD) / HIJRI_YEAR_DAYS) + 1;
}

const HIJRI_RULES: Record<string, { month: number; day: number; name: (h: number) => string; expected: Expected }> = {
  '27 Rajab': { month: 7, day: 27, name: () => 'Isra Mikraj Nabi Muhammad SAW', expected: 'Isra Mikraj Nabi Muhammad SAW' },
  '1 Shawwal': { month: 10, day: 1, name: (h) => `Idul Fitri ${h} Hijriah`, expected: 'Idul Fitri' },
  '2 Shawwal': { month: 10, day: 2, name: (h) => `Idul Fitri ${h} Hijriah`, expected: 'Idul Fitri' },
  '10 Dhu al-Hijjah': { month: 12, day: 10, name: (h) => `Idul Adha ${h} Hijriah`, expected: 'Idul Adha' },
  '1 Muharram': { month: 1, day: 1, name: (h) => `1 Muharam Tahun Baru Islam ${h} Hijriah`, expected: 'Tahun Baru Islam' },
  '12 Rabi al-awwal': { month: 3, day: 12, name: () => 'Maulid Nabi Muhammad SAW', expected: 'Maulid Nabi Muhammad SAW' },
};

const GREGORIAN_RULES: Record<string, { name: (y: number) => string; expected: Expected }> = {
  '01-01': { name: (y) => `Tahun Baru ${y} Masehi`, expected: 'Tahun Baru Masehi' },
  'chinese 01-0-01': { name: (y) => `Tahun Baru Imlek ${y + 551} Kongzili`, expected: 'Tahun Baru Imlek' },
  'easter -2': { name: () => 'Wafat Yesus Kristus', expected: 'Wafat Yesus Kristus' },
  easter: { name: () => 'Kebangkitan Yesus Kristus (Paskah)', expected: 'Kebangkitan Yesus Kristus (Paskah)' },
  '05-01': { name: () => 'Hari Buruh Internasional', expected: 'Hari Buruh Internasional' },
  'easter 39': { name: () => 'Kenaikan Yesus Kristus', expected: 'Kenaikan Yesus Kristus' },
  '06-01': { name: () => 'Hari Lahir Pancasila', expected: 'Hari Lahir Pancasila' },
  '08-17': { name: () => 'Proklamasi Kemerdekaan', expected: 'Proklamasi Kemerdekaan' },
  '12-25': { name: () => 'Kelahiran Yesus Kristus', expected: 'Kelahiran Yesus Kristus' },
};

/** The official name of one library entry, and which expected holiday it is (null: not one of them). */
function officialName(year: number, date: string, h: LibraryHoliday): { name: string; expected: Expected | null } {
  const hijri = HIJRI_RULES[h.rule];
  if (hijri) return { name: hijri.name(hijriYearOf(date, hijri.month, hijri.day)), expected: hijri.expected };
  const greg = GREGORIAN_RULES[h.rule];
  if (greg) return { name: greg.name(year), expected: greg.expected };
  // Nyepi and Waisak are listed by the library as dated entries, one per year it knows.
  if (/nyepi/i.test(h.name)) return { name: `Hari Suci Nyepi Tahun Baru Saka ${year - 78}`, expected: 'Hari Suci Nyepi' };
  if (/waisak|vesak/i.test(h.name)) return { name: `Hari Raya Waisak ${year + 544} BE`, expected: 'Hari Raya Waisak' };
  // A holiday the library added later: kept under its own label rather than silently dropped.
  return { name: h.name, expected: null };
}

/**
 * Maps the library's holidays of `year` to provisional calendar entries with official names. Two holidays
 * on one date (Isra Mikraj on Christmas Day 2027) become one entry naming both.
 */
export function provisionalYearFromLibrary(year: number, raw: readonly LibraryHoliday[]): ProvisionalYear {
  const byDate = new Map<string, string[]>();
  const seen = new Set<Expected>();
  for (const h of raw) {
    const date = h.date.slice(0, 10);
    if (!parseIsoDate(date) || !date.startsWith(`${year}-`)) continue;
    const { name, expected } = officialName(year, date, h);
    if (expected) seen.add(expected);
    const names = byDate.get(date) ?? [];
    if (!names.includes(name)) names.push(name);
    byDate.set(date, names);
  }
  const holidays = [...byDate.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([date, names]): Holiday => ({ date, name: names.join('; '), kind: 'libur_nasional', provisional: true }));
  return { year, holidays, missing: EXPECTED_NATIONAL_HOLIDAYS.filter((e) => !seen.has(e)) };
}

/** The part of `date-holidays`' API used here (its class, constructed for Indonesia). */
export interface HolidaysApi {
  /** LibraryHoliday[] for a year it knows; checked before use, as the library's answer is not typed. */
  getHolidays(year: number): unknown;
  setHoliday(rule: string, opts: string | object): boolean;
}

/**
 * A {@link ProvisionalSource} over a `date-holidays` instance for Indonesia (`new Holidays('ID')`), memoised
 * per year. Easter Sunday is added with the library's own `easter` rule (its Indonesian data lacks it).
 */
export function provisionalSourceFrom(hd: HolidaysApi): ProvisionalSource {
  hd.setHoliday('easter', { name: { id: 'Kebangkitan Yesus Kristus (Paskah)', en: 'Easter Sunday' }, type: 'public' });
  const memo = new Map<number, ProvisionalYear>();
  return (year) => {
    let y = memo.get(year);
    if (!y) {
      const raw = hd.getHolidays(year);
      y = provisionalYearFromLibrary(year, Array.isArray(raw) ? (raw as LibraryHoliday[]) : []);
      if (memo.size > 200) memo.clear();
      memo.set(year, y);
    }
    return y;
  };
}
