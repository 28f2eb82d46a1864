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
import * as q from '../../db/queries-desk';

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

  it('gives the desk queue and the dashboard queries their indexes (EXPLAIN QUERY PLAN)', async () => {
    app = await startTestApp();
    const { db, sqlite } = app.backend.ctx;
    const plan = (b: { compile(): { sql: string; parameters: readonly unknown[] } }) => {
      const c = b.compile();
      return (sqlite.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...c.parameters) as { detail: string }[]).map((r) => r.detail).join(' | ');
    };
    expect(plan(q.openDeskQuery(db, 'verifier', { limit: 200 }))).toMatch(/^SEARCH visits USING INDEX visits_desk_queue \(handed_over_to=\?\)$/);
    expect(plan(q.openDeskQuery(db, 'sysadmin', { limit: 200, claimedBy: 'u' }))).toContain('USING INDEX visits_desk_queue');
    expect(plan(q.countOpenDeskQuery(db, 'verifier'))).toContain('USING INDEX visits_desk_queue');
    expect(plan(q.openAllDesksQuery(db, 5000))).toContain('USING INDEX visits_desk_queue');
    expect(plan(q.finishedDeskQuery(db, null, 1, 2, 100))).toContain('USING INDEX visits_by_outcome');
    expect(plan(q.finishedDeskQuery(db, 'verifier', 1, 2, 100))).toContain('USING INDEX visits_by_outcome');
    expect(plan(q.dayCountsQuery(db, '2026-11-26'))).toContain('USING INDEX visits_by_day');
    expect(plan(q.registeredByQuery(db, '2026-11-26'))).toContain('USING INDEX visits_by_day');
    expect(plan(q.handedOverByQuery(db, 1, 2))).toContain('USING INDEX visits_by_handover');
    expect(plan(q.returnedOpenQuery(db))).toContain('INDEX visits_by_status');
    for (const b of [q.openDeskQuery(db, 'verifier', { limit: 1 }), q.dayCountsQuery(db, 'x'), q.handedOverByQuery(db, 1, 2)]) {
      expect(plan(b)).not.toMatch(/SCAN visits(?! USING)/);
    }
  });
});
