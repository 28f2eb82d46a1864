/**
 * Frozen: a migration never changes once released. Raw SQL because Kysely's schema builder cannot declare
 * STRICT tables, partial indexes or FTS5 tables.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `CREATE TABLE events (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      hlc TEXT NOT NULL,
      device_id TEXT NOT NULL,
      actor_id TEXT,
      type TEXT NOT NULL,
      aggregate_type TEXT NOT NULL,
      aggregate_id TEXT NOT NULL,
      payload TEXT NOT NULL,
      schema_version INTEGER NOT NULL,
      recorded_at INTEGER NOT NULL,
      is_local INTEGER NOT NULL,
      server_seq INTEGER
    ) STRICT`,
    `CREATE INDEX events_by_aggregate ON events (aggregate_id, hlc, device_id, id)`,
    // The sync engine's push query: local events the server has not acknowledged yet.
    `CREATE INDEX events_unacked ON events (seq) WHERE is_local = 1 AND server_seq IS NULL`,
    `CREATE TABLE aggregates (
      id TEXT PRIMARY KEY,
      type TEXT NOT NULL,
      last_key TEXT NOT NULL,
      state TEXT,
      event_count INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID`,
    `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT, WITHOUT ROWID`,
    `CREATE TABLE vendors (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      name_norm TEXT NOT NULL,
      legal_form TEXT NOT NULL,
      npwp TEXT,
      address TEXT,
      email TEXT,
      phone TEXT,
      leader_name TEXT,
      updated_at INTEGER NOT NULL
    ) STRICT`,
    `CREATE INDEX vendors_by_npwp ON vendors (npwp) WHERE npwp IS NOT NULL`,
    `CREATE INDEX vendors_by_name ON vendors (name_norm)`,
    // Type-ahead on any fragment of a company name: trigram full-text index over the normalised name.
    `CREATE VIRTUAL TABLE vendors_fts USING fts5(name_norm, content='', contentless_delete=1, tokenize='trigram')`,
    `CREATE TABLE persons (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      name_norm TEXT NOT NULL,
      nik TEXT,
      phone TEXT,
      email TEXT,
      vendor_id TEXT,
      updated_at INTEGER NOT NULL
    ) STRICT`,
    `CREATE INDEX persons_by_nik ON persons (nik) WHERE nik IS NOT NULL`,
    `CREATE INDEX persons_by_vendor ON persons (vendor_id)`,
    `CREATE INDEX persons_by_name ON persons (name_norm)`,
    `CREATE TABLE visits (
      id TEXT PRIMARY KEY,
      day TEXT NOT NULL,
      arrived_at INTEGER NOT NULL,
      person_id TEXT NOT NULL,
      vendor_id TEXT,
      visitor_name TEXT NOT NULL,
      company_name TEXT,
      visitor_role TEXT NOT NULL,
      service_code TEXT,
      purpose_note TEXT,
      catalogue_version INTEGER NOT NULL,
      status TEXT NOT NULL,
      checklist_started_at INTEGER,
      returned_count INTEGER NOT NULL,
      handed_over_at INTEGER,
      handed_over_to TEXT,
      receipt_no TEXT,
      discretion INTEGER NOT NULL,
      closed_at INTEGER,
      updated_at INTEGER NOT NULL
    ) STRICT`,
    `CREATE INDEX visits_by_day ON visits (day, arrived_at)`,
    `CREATE INDEX visits_by_status ON visits (status, arrived_at)`,
    `CREATE INDEX visits_by_vendor ON visits (vendor_id, arrived_at)`,
    `CREATE TABLE visit_items (
      visit_id TEXT NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
      item_code TEXT NOT NULL,
      original_seen INTEGER NOT NULL,
      copy_received INTEGER NOT NULL,
      valid_until TEXT,
      meterai_ok INTEGER NOT NULL,
      not_brought INTEGER NOT NULL,
      note TEXT,
      marked_at INTEGER NOT NULL,
      marked_by TEXT,
      PRIMARY KEY (visit_id, item_code)
    ) STRICT, WITHOUT ROWID`,
    `CREATE TABLE visit_returns (
      visit_id TEXT NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
      return_no INTEGER NOT NULL,
      returned_at INTEGER NOT NULL,
      item_code TEXT NOT NULL,
      label TEXT NOT NULL,
      reason TEXT NOT NULL,
      PRIMARY KEY (visit_id, return_no, item_code)
    ) STRICT, WITHOUT ROWID`,
    `CREATE INDEX visit_returns_by_time ON visit_returns (returned_at)`,
    `CREATE TABLE users (
      id TEXT PRIMARY KEY,
      username TEXT NOT NULL,
      display_name TEXT NOT NULL,
      roles TEXT NOT NULL,
      password_hash TEXT NOT NULL,
      active INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT`,
    `CREATE INDEX users_by_username ON users (username)`,
    `CREATE TABLE catalogue_versions (
      version INTEGER PRIMARY KEY,
      body TEXT NOT NULL,
      published_at INTEGER NOT NULL,
      published_by TEXT,
      note TEXT
    ) STRICT`,
    `CREATE TABLE parked_events (
      id TEXT PRIMARY KEY,
      reason TEXT NOT NULL,
      parked_at INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID`,
  ];
  for (const s of statements) await sql.raw(s).execute(db);
}
