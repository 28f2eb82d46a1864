/**
 * The working-day calendar as an aggregate (id `calendar`): counter hours and the holidays, seeded from the
 * national decree (migration 003) and edited by the supervisor. Synced like every other record, so all
 * workstations count time limits on the same calendar.
 *
 * Edits commute where they can: one event per weekday for hours, one per date for holidays; an import
 * either merges by date or replaces the years it covers.
 *
 * History stays put (issue 9, ADR 0007):
 * - counter hours are dated periods: a change applies from its `effectiveFrom` (for an event written before
 *   dates existed: from the day it was recorded), never to an earlier day;
 * - a year is *set* once its decree was imported whole (`replace_years`, which is what the seed did for
 *   2025–2026); every other year is *provisional*: its holidays are the recorded ones plus those computed by
 *   `domain/time/provisional.ts`, minus the computed ones the supervisor removed (`removedDates`).
 *
 * Pure: no I/O.
 */
import { DEFAULT_COUNTER_HOURS, type Holiday, type HoursPeriod, type OpeningHours, type WorkCalendar } from '../time/calendar';
import type { ProvisionalSource } from '../time/provisional';
import { witaIsoDate, type Weekday } from '../time/wita';
import type { DomainEvent } from '../events/schema';

export interface CalendarState {
  /** Counter hours on days no dated period covers (the seeded hours). Keys "1" (Senin) … "7" (Minggu); null = closed. */
  hours: Record<Weekday, OpeningHours | null>;
  /** Recorded holidays, sorted by date, one entry per date. */
  holidays: Holiday[];
  /** Dated counter hours in fold order (absent in states folded before issue 9; migration 006 re-folds). */
  hoursPeriods?: HoursPeriod[];
  /** Years whose decree has been entered, ascending. */
  setYears?: number[];
  /** Dates whose computed (provisional) holiday was removed, sorted. */
  removedDates?: string[];
  updatedAt: number;
  updatedBy: string | null;
}

export const CALENDAR_AGGREGATE_ID = 'calendar';

function byDate(a: Holiday, b: Holiday): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
}

function initial(): CalendarState {
  return { hours: { ...DEFAULT_COUNTER_HOURS }, holidays: [], hoursPeriods: [], setYears: [], removedDates: [], updatedAt: 0, updatedBy: null };
}

function withoutDates(list: readonly string[] | undefined, drop: (d: string) => boolean): string[] {
  return (list ?? []).filter((d) => !drop(d));
}

export function reduceCalendar(state: CalendarState | null, e: DomainEvent): CalendarState | null {
  const s = state ?? initial();
  const touched = { updatedAt: e.recordedAt, updatedBy: e.actorId };
  switch (e.type) {
    case 'calendar.holiday_added': {
      const h: Holiday = { date: e.payload.date, name: e.payload.name, kind: e.payload.kind };
      return {
        ...s,
        ...touched,
        holidays: [...s.holidays.filter((x) => x.date !== h.date), h].sort(byDate),
        removedDates: withoutDates(s.removedDates, (d) => d === h.date),
      };
    }
    case 'calendar.holiday_removed': {
      const date = e.payload.date;
      const removed = new Set(s.removedDates ?? []);
      removed.add(date);
      return { ...s, ...touched, holidays: s.holidays.filter((x) => x.date !== date), removedDates: [...removed].sort() };
    }
    case 'calendar.hours_changed': {
      const p = e.payload;
      const period: HoursPeriod = {
        weekday: p.weekday as Weekday,
        from: p.effectiveFrom ?? witaIsoDate(e.recordedAt),
        until: p.effectiveUntil ?? null,
        hours: p.hours,
        label: p.label ?? null,
      };
      return { ...s, ...touched, hoursPeriods: [...(s.hoursPeriods ?? []), period] };
    }
    case 'calendar.imported': {
      const years = new Set(e.payload.years.map(String));
      const replace = e.payload.mode === 'replace_years';
      const imported = new Map(e.payload.holidays.map((h) => [h.date, { date: h.date, name: h.name, kind: h.kind }]));
      const kept = s.holidays.filter((h) => !imported.has(h.date) && !(replace && years.has(h.date.slice(0, 4))));
      const setYears = replace ? [...new Set([...(s.setYears ?? []), ...e.payload.years])].sort((a, b) => a - b) : (s.setYears ?? []);
      return {
        ...s,
        ...touched,
        holidays: [...kept, ...imported.values()].sort(byDate),
        setYears,
        removedDates: withoutDates(s.removedDates, (d) => imported.has(d) || (replace && years.has(d.slice(0, 4)))),
      };
    }
    default:
      return state;
  }
}

/**
 * The years set in a state. A state folded before issue 9 has no `setYears`: until migration 006's re-fold
 * runs, the years it holds holidays for count as set (that is what those states meant).
 */
export function setYearsOf(s: CalendarState): number[] {
  return s.setYears ?? [...new Set(s.holidays.map((h) => Number(h.date.slice(0, 4))))].sort((a, b) => a - b);
}

/** The pure calendar the time functions take; `provisional` computes the holidays of years not set. */
export function toWorkCalendar(s: CalendarState, provisional?: ProvisionalSource): WorkCalendar {
  return {
    hours: { ...s.hours },
    holidays: s.holidays,
    hoursPeriods: s.hoursPeriods ?? [],
    setYears: setYearsOf(s),
    removedDates: s.removedDates ?? [],
    ...(provisional ? { provisional } : {}),
  };
}
