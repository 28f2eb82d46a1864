/**
 * Which years of the calendar are set (their decree entered) and which are provisional, and the notice the
 * supervisor sees (issue 9: "nobody is surprised"): from 1 October while next year is provisional, and at
 * any time while the current year still is.
 */
import type { CalendarNotice, CalendarYearStatus } from '../../contract/calendar';
import type { CalendarState } from '../../domain/aggregates/calendar';
import { holidaysOfYear, isProvisionalYear, type WorkCalendar } from '../../domain/time/calendar';
import type { ProvisionalSource } from '../../domain/time/provisional';
import { NAMA_HARI, weekdayOfIso } from '../../domain/time/wita';

/** The month from which next year's missing decree is announced (October). */
export const NOTICE_FROM_MONTH = 10;

/** The decree (import source) a set year came from, or null. */
function sourceOf(sources: ReadonlyMap<number, string>, year: number): string | null {
  return sources.get(year) ?? null;
}

export function yearStatus(cal: WorkCalendar, provisional: ProvisionalSource, year: number, sources: ReadonlyMap<number, string>): CalendarYearStatus {
  const prov = isProvisionalYear(cal, year);
  return {
    year,
    status: prov ? 'provisional' : 'set',
    source: prov ? null : sourceOf(sources, year),
    holidays: holidaysOfYear(cal, year).map((h) => ({ date: h.date, name: h.name, kind: h.kind, provisional: h.provisional === true, dayName: NAMA_HARI[weekdayOfIso(h.date)] })),
    missing: prov ? [...provisional(year).missing] : [],
  };
}

export function calendarNotice(cal: WorkCalendar, provisional: ProvisionalSource, today: string): CalendarNotice | null {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const target = isProvisionalYear(cal, year) ? year : month >= NOTICE_FROM_MONTH && isProvisionalYear(cal, year + 1) ? year + 1 : null;
  if (target === null) return null;
  const missing = provisional(target).missing;
  return {
    year: target,
    severity: target === year ? 'error' : 'warning',
    title: `Kalender ${target} belum ditetapkan`,
    message:
      `Hari libur ${target} yang dipakai untuk menghitung jangka waktu masih perkiraan (dihitung otomatis, tanpa cuti bersama); ` +
      `batas waktu yang melewati tahun ${target} ditandai "perkiraan", juga pada tanda terima. ` +
      `Masukkan SKB hari libur nasional dan cuti bersama ${target} di Kalender Kerja.` +
      (missing.length ? ` Belum dapat diperkirakan: ${missing.join(', ')}.` : ''),
  };
}

/** The source text of the import that set each year (the latest one in fold order). */
export function setYearSources(history: readonly { years: number[]; source: string | null }[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const c of history) if (c.source !== null) for (const y of c.years) out.set(y, c.source);
  return out;
}

export type { CalendarState };
