/**
 * The working-day calendar as an aggregate (id `calendar`): counter hours per weekday and the holidays,
 * seeded from the national decree (migration 003) and edited by the supervisor. Synced like every other
 * record, so all workstations count time limits on the same calendar.
 *
 * Edits commute where they can: one event per weekday for hours, one per date for holidays; an import
 * either merges by date or replaces the years it covers. Pure: no I/O.
 */
import { DEFAULT_COUNTER_HOURS, type Holiday, type OpeningHours, type WorkCalendar } from '../time/calendar';
import type { Weekday } from '../time/wita';
import type { DomainEvent } from '../events/schema';

export interface CalendarState {
  /** Keys "1" (Senin) … "7" (Minggu) once serialised; null = closed. */
  hours: Record<Weekday, OpeningHours | null>;
  /** Sorted by date, one entry per date. */
  holidays: Holiday[];
  updatedAt: number;
  updatedBy: string | null;
}

export const CALENDAR_AGGREGATE_ID = 'calendar';

function byDate(a: Holiday, b: Holiday): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
}

function initial(): CalendarState {
  return { hours: { ...DEFAULT_COUNTER_HOURS }, holidays: [], updatedAt: 0, updatedBy: null };
}

export function reduceCalendar(state: CalendarState | null, e: DomainEvent): CalendarState | null {
  const s = state ?? initial();
  const touched = { updatedAt: e.recordedAt, updatedBy: e.actorId };
  switch (e.type) {
    case 'calendar.holiday_added': {
      const h: Holiday = { date: e.payload.date, name: e.payload.name, kind: e.payload.kind };
      return { ...s, ...touched, holidays: [...s.holidays.filter((x) => x.date !== h.date), h].sort(byDate) };
    }
    case 'calendar.holiday_removed':
      return { ...s, ...touched, holidays: s.holidays.filter((x) => x.date !== e.payload.date) };
    case 'calendar.hours_changed': {
      const weekday = e.payload.weekday as Weekday;
      return { ...s, ...touched, hours: { ...s.hours, [weekday]: e.payload.hours } };
    }
    case 'calendar.imported': {
      const years = new Set(e.payload.years.map(String));
      const imported = new Map(e.payload.holidays.map((h) => [h.date, { date: h.date, name: h.name, kind: h.kind } as Holiday]));
      const kept = s.holidays.filter((h) => !imported.has(h.date) && !(e.payload.mode === 'replace_years' && years.has(h.date.slice(0, 4))));
      return { ...s, ...touched, holidays: [...kept, ...imported.values()].sort(byDate) };
    }
    default:
      return state;
  }
}

/** The pure calendar the time functions take. */
export function toWorkCalendar(s: CalendarState): WorkCalendar {
  return { hours: { ...s.hours }, holidays: s.holidays };
}
