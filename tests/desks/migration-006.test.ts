/**
 * Migration 006 (issue 9): outages table, the promised deadline column, and the calendar re-folded by the
 * current reducer at the next start, so a database written before it knows its decreed years and dates its
 * hours changes — no calendar read before the re-fold treats 2025–2026 as provisional.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CalendarState } from '../../domain/aggregates/calendar';
import { DB_FILE_NAME } from '../../db/open';
import { SCHEMA_VERSION } from '../../db/migrations';
import { witaDateTimeToMs } from '../../domain/time/wita';
import { aggregatesAsBefore014, signInAsSupervisor, startTestApp, tempDir, TestClock } from '../helpers';

describe('migration 006', () => {
  it('re-folds a calendar folded by an older build: decreed years set, a dated hours change from its own day', async () => {
    const dir = tempDir();
    const clock = new TestClock(witaDateTimeToMs('2026-11-02', '09:00'));
    const first = await startTestApp({ dataDir: dir, clock });
    // The office's supervisor, who recorded the old hours change below: since migration 008 an event counts
    // only when its actor was allowed to record it (domain/permissions.ts), as any real hours change was.
    await signInAsSupervisor(first);
    await first.backend.close();

    // Make the file look as an app before this migration left it: schema 5, no new table or column, a calendar
    // state of the old shape, and a version-1 hours event recorded on 2 November 2026 (Fridays 07:30–11:00).
    const file = path.join(dir, DB_FILE_NAME);
    const raw = new Database(file);
    raw.exec('DROP TABLE outages; ALTER TABLE visits DROP COLUMN promised_due_at;');
    // Later migrations' objects did not exist either (they run again after 006).
    raw.exec(
      'DROP TABLE survey_responses; DROP TABLE survey_daily; DROP TABLE survey_tokens; DROP TABLE survey_plans; DROP TABLE survey_token_secrets; DROP TABLE survey_outbox; DROP INDEX visits_by_day_service;',
    );
    // Migration 008 (trust in the shared log, ADR 0011).
    raw.exec(
      'DROP TABLE authority; DROP TABLE event_denials; DROP TABLE device_keys; DROP TABLE sync_quarantine; DROP TABLE issued_numbers; ' +
        'DROP INDEX events_by_actor; DROP INDEX events_accounts; ALTER TABLE events DROP COLUMN prev; ALTER TABLE events DROP COLUMN signature;',
    );
    // Migration 009 (complaints and suggestions, ADR 0012).
    raw.exec('DROP TABLE complaints; DROP TABLE suggestions;');
    // Migration 010 (the waiting room's queue, ADR 0013).
    raw.exec('DROP TABLE queue_tickets; DROP TABLE queue_ticket_visits;');
    // Migration 011 (the service standard, ADR 0015).
    raw.exec(
      'DROP INDEX vendors_by_spse_user_id; ALTER TABLE vendors DROP COLUMN spse_user_id; ALTER TABLE vendors DROP COLUMN spse_user_state; ' +
        'ALTER TABLE catalogue_versions DROP COLUMN effective_from;',
    );
    // Migration 012 (data safety, issue 15).
    raw.exec('DROP TABLE number_floors;');
    // Migration 013 (personal data, issue 15 item 6, ADR 0019).
    raw.exec('DROP TABLE erasures; DROP TABLE erasure_applied;');
    // Migration 014 (a rowid `aggregates`, ADR 0033): the table as migration 001 made it.
    aggregatesAsBefore014(raw);
    const supervisor = raw.prepare("SELECT id FROM users WHERE username = 'kasubbag'").get() as { id: string };
    const row = raw.prepare("SELECT state, last_key FROM aggregates WHERE id = 'calendar'").get() as { state: string; last_key: string };
    const old = JSON.parse(row.state) as CalendarState;
    const legacy = { hours: { ...old.hours, 5: { open: '07:30', close: '11:00' } }, holidays: old.holidays, updatedAt: clock.ms, updatedBy: null };
    const eventId = '01930000-0000-7000-8000-00000000e001';
    // Just after the newest event (the supervisor's account), as the old build would have stamped it.
    const newest = (raw.prepare('SELECT max(hlc) AS h FROM events').get() as { h: string }).h;
    const hlc = `${String(Number(newest.slice(0, 15)) + 1).padStart(15, '0')}-00000`;
    raw
      .prepare(
        `INSERT INTO events (id, hlc, device_id, actor_id, type, aggregate_type, aggregate_id, payload, schema_version, recorded_at, is_local, server_seq)
         VALUES (?, ?, 'old-pc', ?, 'calendar.hours_changed', 'calendar', 'calendar', ?, 1, ?, 0, NULL)`,
      )
      .run(eventId, hlc, supervisor.id, JSON.stringify({ weekday: 5, hours: { open: '07:30', close: '11:00' } }), clock.ms);
    raw.prepare("UPDATE aggregates SET state = ?, last_key = ?, event_count = event_count + 1 WHERE id = 'calendar'").run(JSON.stringify(legacy), `${hlc}|old-pc|${eventId}`);
    raw.pragma('user_version = 5');
    raw.close();

    const app = await startTestApp({ dataDir: dir, clock });
    try {
      const db = app.backend.ctx.sqlite;
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect((db.prepare("SELECT name FROM pragma_table_info('outages')").all() as { name: string }[]).map((c) => c.name)).toEqual([
        'id',
        'kind',
        'from_ms',
        'to_ms',
        'reason',
        'declared_by',
        'declared_at',
        'withdrawn',
      ]);
      expect(db.prepare("SELECT count(*) AS n FROM pragma_table_info('visits') WHERE name = 'promised_due_at'").get()).toEqual({ n: 1 });
      expect(db.prepare('SELECT count(*) AS n FROM parked_events').get()).toEqual({ n: 0 });
      // 014 ran again too: `aggregates` is a rowid table once more.
      expect((db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'aggregates'").get() as { sql: string }).sql).not.toMatch(/WITHOUT ROWID/i);
      // 008 ran again after 006 and 007, and judged the log: the supervisor's old hours change counts.
      expect(db.prepare('SELECT count(*) AS n FROM event_denials').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT count(*) AS n FROM authority').get()).toEqual({ n: 1 });
      const state = JSON.parse((db.prepare("SELECT state FROM aggregates WHERE id = 'calendar'").get() as { state: string }).state) as CalendarState;
      expect(state.setYears).toEqual([2025, 2026]);
      expect(state.hoursPeriods).toEqual([{ weekday: 5, from: '2026-11-02', until: null, hours: { open: '07:30', close: '11:00' }, label: null }]);

      await signInAsSupervisor(app);
      const status = await app.ok('calendar.status', {});
      expect(status.years.map((y) => [y.year, y.status])).toEqual([
        [2025, 'set'],
        [2026, 'set'],
        [2027, 'provisional'],
      ]);
      // Friday 30 October kept its full hours; Friday 6 November closes at 11:00.
      const oct = await app.ok('calendar.due', { from: witaDateTimeToMs('2026-10-30', '10:30'), minutes: 60 });
      expect(oct.due).toBe(witaDateTimeToMs('2026-10-30', '11:30'));
      const nov = await app.ok('calendar.due', { from: witaDateTimeToMs('2026-11-06', '10:30'), minutes: 60 });
      expect(nov.due).toBe(witaDateTimeToMs('2026-11-09', '08:00'));
    } finally {
      await app.backend.close();
    }
  });
});
