/**
 * Survey periods: a month, a quarter (triwulan), a semester or a year, named by a key ("2026-12",
 * "2026-Q4", "2026-S2", "2026"), and their first and last WITA days. The improvement plan is kept per
 * period key. Pure.
 */
import { NAMA_BULAN } from '../time/wita';

export const PERIOD_KINDS = ['month', 'quarter', 'semester', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const PERIOD_KIND_LABEL: Record<PeriodKind, string> = { month: 'Bulan', quarter: 'Triwulan', semester: 'Semester', year: 'Tahun' };

export interface Period {
  key: string;
  kind: PeriodKind;
  year: number;
  /** Month 1–12, quarter 1–4, semester 1–2; 1 for a year. */
  index: number;
  /** First and last day, inclusive (YYYY-MM-DD, WITA). */
  from: string;
  to: string;
  label: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'];
export const PERIOD_KEY_RE = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4])|-S([12]))?$/;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function span(year: number, firstMonth: number, months: number): { from: string; to: string } {
  const lastMonth = firstMonth + months - 1;
  return { from: `${year}-${pad(firstMonth)}-01`, to: `${year}-${pad(lastMonth)}-${pad(lastDayOfMonth(year, lastMonth))}` };
}

export function periodOf(kind: PeriodKind, year: number, index = 1): Period {
  if (!Number.isInteger(year) || year < 2000 || year > 2999) throw new RangeError(`year out of range: ${year}`);
  switch (kind) {
    case 'month': {
      if (index < 1 || index > 12) throw new RangeError(`month out of range: ${index}`);
      return { key: `${year}-${pad(index)}`, kind, year, index, ...span(year, index, 1), label: `${NAMA_BULAN[index - 1]} ${year}` };
    }
    case 'quarter': {
      if (index < 1 || index > 4) throw new RangeError(`quarter out of range: ${index}`);
      return { key: `${year}-Q${index}`, kind, year, index, ...span(year, (index - 1) * 3 + 1, 3), label: `Triwulan ${ROMAN[index - 1]} ${year}` };
    }
    case 'semester': {
      if (index < 1 || index > 2) throw new RangeError(`semester out of range: ${index}`);
      return { key: `${year}-S${index}`, kind, year, index, ...span(year, (index - 1) * 6 + 1, 6), label: `Semester ${ROMAN[index - 1]} ${year}` };
    }
    case 'year':
      return { key: String(year), kind, year, index: 1, ...span(year, 1, 12), label: `Tahun ${year}` };
    default: {
      const never: never = kind;
      throw new RangeError(`unknown period kind ${String(never)}`);
    }
  }
}

/** Parses a period key; null when it is not one. */
export function parsePeriodKey(key: string): Period | null {
  const m = PERIOD_KEY_RE.exec(key.trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2999) return null;
  if (m[2]) return periodOf('month', year, Number(m[2]));
  if (m[3]) return periodOf('quarter', year, Number(m[3]));
  if (m[4]) return periodOf('semester', year, Number(m[4]));
  return periodOf('year', year);
}

/** The period of a kind that contains a day. */
export function periodContaining(kind: PeriodKind, isoDay: string): Period {
  const year = Number(isoDay.slice(0, 4));
  const month = Number(isoDay.slice(5, 7));
  switch (kind) {
    case 'month':
      return periodOf('month', year, month);
    case 'quarter':
      return periodOf('quarter', year, Math.ceil(month / 3));
    case 'semester':
      return periodOf('semester', year, month <= 6 ? 1 : 2);
    case 'year':
      return periodOf('year', year);
  }
}

/** A free range's label ("1 Desember 2026 – 31 Desember 2026"), for `ikm --from --to`. */
export function rangeLabel(from: string, to: string): string {
  const f = (d: string) => `${Number(d.slice(8, 10))} ${NAMA_BULAN[Number(d.slice(5, 7)) - 1]} ${d.slice(0, 4)}`;
  return from === to ? f(from) : `${f(from)} – ${f(to)}`;
}
