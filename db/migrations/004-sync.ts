/**
 * Frozen once released. The sync engine's own state:
 * - `sync_state`: server URL, device credential, office, cursor, epoch, last success/error (key/value).
 *   Read only by backend/sync: the device credential never leaves the backend.
 * - `sync_held_events`: pulled events whose clock is too far ahead of this PC's to apply yet (see
 *   backend/sync/engine.ts, "clock drift"); kept here until they can be applied, so none is lost.
 * - two partial indexes on events: the device's own events in order (its per-device sequence is the rank in
 *   this index) and received events the server has not confirmed (re-sent after the server lost data).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT, WITHOUT ROWID`,
    `CREATE TABLE sync_held_events (
      id TEXT PRIMARY KEY,
      server_seq INTEGER NOT NULL,
      event TEXT NOT NULL,
      reason TEXT NOT NULL,
      held_at INTEGER NOT NULL
    ) STRICT`,
    `CREATE INDEX events_local ON events (seq) WHERE is_local = 1`,
    `CREATE INDEX events_resend ON events (seq) WHERE is_local = 0 AND server_seq IS NULL`,
  ];
  for (const s of statements) await sql.raw(s).execute(db);
}
