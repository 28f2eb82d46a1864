/**
 * Frozen once released. Issue 9 (a calendar that never runs out, a clock the office can defend):
 * - `visits.promised_due_at`: the deadline printed on the receipt, recorded with the handover;
 * - `outages`: office-wide internet/SPSE outages (projection of the `outage` aggregates), read whole by
 *   every service clock: a handful of rows, kept apart so that no clock scans `aggregates`;
 * - the calendar aggregate is re-folded by the app at its next start: its reducer now keeps which years are
 *   decreed (set) and dated counter hours, which a state folded by an older build does not hold. The
 *   migration only marks one calendar event as parked; `replayParked` (db/event-store.ts), run by every
 *   start-up, then folds the calendar again from all its events with the current reducer and removes the
 *   mark. No app code runs here.
 * Written to be renumbered (only its file name and list entry would change).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    // The deadline recorded with the handover, so queue rows can show when a calendar change moved it.
    `ALTER TABLE visits ADD COLUMN promised_due_at INTEGER`,
    `CREATE TABLE outages (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      from_ms INTEGER NOT NULL,
      to_ms INTEGER,
      reason TEXT NOT NULL,
      declared_by TEXT,
      declared_at INTEGER NOT NULL,
      withdrawn INTEGER NOT NULL DEFAULT 0
    ) STRICT`,
  ];
  for (const s of statements) await sql.raw(s).execute(db);
  await sql`INSERT OR IGNORE INTO parked_events (id, reason, parked_at)
            SELECT id, 'refold: calendar state gained decreed years and dated hours (migration 006)', 0
            FROM events WHERE aggregate_id = 'calendar' ORDER BY hlc DESC, device_id DESC, id DESC LIMIT 1`.execute(db);
}
