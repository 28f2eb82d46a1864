/**
 * Migration 003: the calendar seed it writes is exactly what the reducer folds from the seed event, and the
 * desk queries use the indexes it creates (EXPLAIN QUERY PLAN).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { foldAggregate } from '../../domain/aggregates';
import { rowToEvent } from '../../db/event-store';
import { calendarFromHolidaySeed } from '../../domain/time/calendar';
import { HOLIDAY_SEED_2025_2026 } from '../../domain/time/__fixtures__/holidays-id';
import { SEED_CALENDAR_EVENT_ID } from '../../db/migrations/003-desks';
import { startTestApp, type TestApp } from '../helpers';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.backend.close();
  app = null;
});

describe('migration 003-desks', () => {
  it('seeds the calendar event, its folded state and its projection consistently', async () => {
    app = await startTestApp();
    const { sqlite } = app.backend.ctx;
    const ev = sqlite.prepare('SELECT * FROM events WHERE id = ?').get(SEED_CALENDAR_EVENT_ID) as Parameters<typeof rowToEvent>[0];
    expect(ev.type).toBe('calendar.imported');
    const folded = foldAggregate('calendar', [rowToEvent(ev)]);
    const stored = JSON.parse((sqlite.prepare("SELECT state FROM aggregates WHERE id = 'calendar'").get() as { state: string }).state);
    expect(stored).toEqual(JSON.parse(JSON.stringify(folded)));

    // Same holidays and hours as the shared seed file read by the calendar module itself.
    const expected = calendarFromHolidaySeed(HOLIDAY_SEED_2025_2026);
    expect(folded!.holidays).toEqual(expected.holidays);
    expect(JSON.parse(JSON.stringify(folded!.hours))).toEqual(JSON.parse(JSON.stringify(expected.hours)));
    const rows = sqlite.prepare('SELECT date, name, kind FROM calendar_holidays ORDER BY date').all();
    expect(rows).toEqual(expected.holidays);
    const hours = sqlite.prepare('SELECT weekday, open, close FROM calendar_hours ORDER BY weekday').all();
    expect(hours).toHaveLength(7);
    expect(hours[4]).toEqual({ weekday: 5, open: '07:30', close: '16:30' });
    expect(hours[5]).toEqual({ weekday: 6, open: null, close: null });
  });
});
