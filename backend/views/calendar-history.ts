/**
 * The calendar's history (issue 9): every change to the working-day calendar, who made it and why, read from
 * the calendar's events; and which of those changes moved the deadline of a given visit (shown in the visit's
 * history). The calendar has few events (the seed, then a handful a year), read once per change and kept.
 */
import type { Kysely } from 'kysely';
import { loadAggregateEvents } from '../../db/event-store';
import { userNames } from '../../db/queries';
import type { DB } from '../../db/schema';
import { CALENDAR_AGGREGATE_ID } from '../../domain/aggregates/calendar';
import { HOLIDAY_KIND_LABEL } from '../../domain/time/calendar';
import { toDomainEvent, type StoredEvent } from '../../domain/events/schema';
import { NAMA_BULAN, NAMA_HARI, parseIsoDate, weekdayOfIso, witaIsoDate, type Weekday } from '../../domain/time/wita';
import type { AppContext } from '../context';

export interface CalendarChange {
  at: number;
  type: string;
  byName: string | null;
  summary: string;
  reason: string | null;
  /** Dates whose status the change set or removed (holidays), or the first day of new hours. */
  dates: string[];
  /** Whole years the change replaced (a decree imported whole). */
  years: number[];
  /** It changed a day already past when it was recorded. */
  affectsPast: boolean;
  /** The import's source (decree number), for imports. */
  source: string | null;
}

/** "24 Desember 2026". */
export function shortDate(iso: string): string {
  const p = parseIsoDate(iso);
  return p ? `${p.day} ${NAMA_BULAN[p.month - 1]} ${p.year}` : iso;
}

function describe(e: StoredEvent): Omit<CalendarChange, 'at' | 'type' | 'byName' | 'source'> & { source?: string } | null {
  const d = toDomainEvent(e);
  if (!d) return null;
  const day = witaIsoDate(e.recordedAt);
  switch (d.type) {
    case 'calendar.holiday_added': {
      const p = d.payload;
      return {
        summary: `${shortDate(p.date)} ditetapkan sebagai hari libur (${HOLIDAY_KIND_LABEL[p.kind]}): ${p.name}`,
        reason: p.reason ?? null,
        dates: [p.date],
        years: [],
        affectsPast: p.date < day,
      };
    }
    case 'calendar.holiday_removed': {
      const p = d.payload;
      return { summary: `${shortDate(p.date)} bukan lagi hari libur (menjadi hari kerja)`, reason: p.reason ?? null, dates: [p.date], years: [], affectsPast: p.date < day };
    }
    case 'calendar.hours_changed': {
      const p = d.payload;
      const from = p.effectiveFrom ?? day;
      const hours = p.hours ? `${p.hours.open}–${p.hours.close} WITA` : 'tutup';
      const span = p.effectiveUntil ? `${shortDate(from)} s.d. ${shortDate(p.effectiveUntil)}` : `mulai ${shortDate(from)}`;
      return {
        summary: `Jam layanan ${NAMA_HARI[p.weekday as Weekday]} ${span}: ${hours}${p.label ? ` (${p.label})` : ''}`,
        reason: null,
        dates: [from],
        years: [],
        affectsPast: from < day,
      };
    }
    case 'calendar.imported': {
      const p = d.payload;
      const replace = p.mode === 'replace_years';
      return {
        summary: `${p.source}: ${p.holidays.length} hari libur tahun ${p.years.join(', ')} ${replace ? '(kalender tahun tersebut ditetapkan)' : '(digabung)'}`,
        reason: p.reason ?? null,
        dates: p.holidays.map((h) => h.date),
        years: replace ? p.years : [],
        source: p.source,
        affectsPast: p.holidays.some((h) => h.date < day) || (replace && p.years.some((y) => `${y}-01-01` < day)),
      };
    }
    default:
      return null;
  }
}

const cache = new WeakMap<AppContext, { key: string; changes: CalendarChange[] }>();

/** Every calendar change, oldest first (the seed included). `db`: the caller's connection or transaction. */
export async function calendarHistory(app: AppContext, db: Kysely<DB> = app.db): Promise<CalendarChange[]> {
  const head = await db.selectFrom('aggregates').select('last_key').where('id', '=', CALENDAR_AGGREGATE_ID).executeTakeFirst();
  const key = head?.last_key ?? '';
  const hit = cache.get(app);
  if (hit && hit.key === key) return hit.changes;
  const events = await loadAggregateEvents(db, CALENDAR_AGGREGATE_ID);
  const names = await userNames(db, events.map((e) => e.actorId ?? '').filter(Boolean));
  const changes: CalendarChange[] = [];
  for (const e of events) {
    const c = describe(e);
    if (c) changes.push({ at: e.recordedAt, type: e.type, byName: e.actorId ? (names.get(e.actorId) ?? null) : null, ...c, source: c.source ?? null });
  }
  cache.set(app, { key, changes });
  return changes;
}

/**
 * The calendar changes recorded after a visit's handover that touch a day of its counted span
 * (`fromDay`…`toDay`): they may have moved its deadline, so the visit's history names them.
 */
export function changesAffecting(changes: readonly CalendarChange[], handedOverAt: number, fromDay: string, toDay: string): CalendarChange[] {
  return changes.filter(
    (c) =>
      c.at >= handedOverAt &&
      (c.dates.some((d) => d >= fromDay && d <= toDay) || c.years.some((y) => `${y}-12-31` >= fromDay && `${y}-01-01` <= toDay) ||
        (c.type === 'calendar.hours_changed' && c.dates[0]! <= toDay && c.dates[0]! >= fromDay)),
  );
}

/** Day name of a WITA date ("Kamis"). */
export function dayNameOf(iso: string): string {
  return NAMA_HARI[weekdayOfIso(iso)];
}
