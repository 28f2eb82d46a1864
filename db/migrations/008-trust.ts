/**
 * Frozen once released. Trust in the shared log (ADR 0011):
 * - `events.prev`, `events.signature`: the author's hash chain and Ed25519 signature (null for events
 *   written before this version: legacy, see the ADR's upgrade rule);
 * - `authority`: each staff account's roles and active flag from the fold position of each user event that
 *   changed them (the permissions in the fold look roles up "as of" an event's position);
 * - `event_denials`: events kept in the log but not applied, because their actor was not allowed to record
 *   them; the supervisor's security alerts;
 * - `events_by_actor`: finds the events an out-of-order user event governs (re-evaluated when it lands);
 *   `events_accounts`: the account events, folded whole into `authority` when one arrives;
 * - `device_keys`: the office's device signing keys, from the server-signed `device.*` events;
 * - `sync_quarantine`: pulled events refused or not applicable (bad signature, revoked key, limits, an
 *   error while applying), kept with their reason instead of stalling the page;
 * - `issued_numbers`: every receipt number (and later queue and complaint numbers) found in the log, so the
 *   next number is derived from the log, never from a counter a restore could roll back. Back-filled here
 *   from the handovers already recorded.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `ALTER TABLE events ADD COLUMN prev TEXT`,
    `ALTER TABLE events ADD COLUMN signature TEXT`,
    `CREATE INDEX events_by_actor ON events (actor_id, hlc) WHERE actor_id IS NOT NULL`,
    // The account events, read whole whenever one arrives (an office has tens of accounts).
    `CREATE INDEX events_accounts ON events (hlc, device_id, id) WHERE aggregate_type = 'user'`,
    `CREATE TABLE authority (
      user_id TEXT NOT NULL,
      from_key TEXT NOT NULL,
      roles TEXT NOT NULL,
      active INTEGER NOT NULL,
      PRIMARY KEY (user_id, from_key)
    ) STRICT, WITHOUT ROWID`,
    `CREATE TABLE event_denials (
      id TEXT PRIMARY KEY,
      aggregate_id TEXT NOT NULL,
      type TEXT NOT NULL,
      device_id TEXT NOT NULL,
      actor_id TEXT,
      hlc TEXT NOT NULL,
      recorded_at INTEGER NOT NULL,
      reason TEXT NOT NULL
    ) STRICT, WITHOUT ROWID`,
    `CREATE INDEX event_denials_by_time ON event_denials (hlc)`,
    `CREATE TABLE device_keys (
      key_id TEXT PRIMARY KEY,
      device_id TEXT NOT NULL,
      public_key TEXT NOT NULL,
      name TEXT,
      registered_at INTEGER NOT NULL,
      revoked_at INTEGER,
      revoked_after_seq INTEGER
    ) STRICT, WITHOUT ROWID`,
    `CREATE TABLE sync_quarantine (
      id TEXT PRIMARY KEY,
      server_seq INTEGER NOT NULL,
      device_id TEXT NOT NULL,
      actor_id TEXT,
      type TEXT NOT NULL,
      event TEXT NOT NULL,
      reason TEXT NOT NULL,
      detail TEXT,
      quarantined_at INTEGER NOT NULL
    ) STRICT`,
    `CREATE TABLE issued_numbers (
      series TEXT NOT NULL,
      scope TEXT NOT NULL,
      number INTEGER NOT NULL,
      label TEXT NOT NULL,
      aggregate_id TEXT NOT NULL,
      event_id TEXT NOT NULL,
      PRIMARY KEY (series, scope, number, event_id)
    ) STRICT, WITHOUT ROWID`,
    `CREATE INDEX issued_numbers_by_label ON issued_numbers (series, label)`,
  ];
  for (const s of statements) await sql.raw(s).execute(db);

  // Receipt numbers already issued: TT-<yyyymmdd>-<device tag>-<n>, scope "<yyyymmdd>-<tag>".
  const rows = await sql<{ id: string; aggregate_id: string; receipt: string | null }>`
    SELECT id, aggregate_id, json_extract(payload, '$.receiptNo') AS receipt FROM events WHERE type = 'visit.handed_over'`.execute(db);
  for (const r of rows.rows) {
    const m = r.receipt ? /^TT-(\d{8}-[0-9A-Z]+)-(\d+)$/.exec(r.receipt) : null;
    if (!m) continue;
    await sql`INSERT OR IGNORE INTO issued_numbers (series, scope, number, label, aggregate_id, event_id)
              VALUES ('receipt', ${m[1]}, ${Number(m[2])}, ${r.receipt}, ${r.aggregate_id}, ${r.id})`.execute(db);
  }
  // The permissions of the fold apply to the log this database already holds: evaluated once by the app
  // at its next start (it needs the domain's rules, which a frozen migration must not import).
  await sql`INSERT OR REPLACE INTO meta (key, value)
            SELECT 'permissions_pending', '1' WHERE EXISTS (SELECT 1 FROM events WHERE device_id != 'seed')`.execute(db);
}
