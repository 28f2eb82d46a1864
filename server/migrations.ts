/**
 * The server's own migrations, one SQL list per dialect. Frozen once released: append, never edit. Each
 * migration runs in one transaction (both PostgreSQL and SQLite have transactional DDL), and the first one
 * creates the server epoch: a random id born with the database, which tells clients that the database they
 * talk to is not the one they synced with before.
 */
export interface ServerMigration {
  name: string;
  sqlite: readonly string[];
  pg: readonly string[];
}

export const SERVER_MIGRATIONS: readonly ServerMigration[] = [
  {
    name: '001-initial',
    sqlite: [
      `CREATE TABLE server_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT`,
      `CREATE TABLE offices (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        last_seq INTEGER NOT NULL DEFAULT 0
      ) STRICT`,
      `CREATE TABLE enrollment_codes (
        code_hash TEXT PRIMARY KEY,
        office_id TEXT NOT NULL REFERENCES offices (id),
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at INTEGER,
        used_by_device TEXT
      ) STRICT`,
      `CREATE TABLE devices (
        id TEXT PRIMARY KEY,
        office_id TEXT NOT NULL REFERENCES offices (id),
        token_hash TEXT NOT NULL UNIQUE,
        client_device_id TEXT NOT NULL,
        name TEXT NOT NULL,
        app_version TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        last_seen_at INTEGER,
        revoked_at INTEGER,
        last_device_seq INTEGER NOT NULL DEFAULT 0
      ) STRICT`,
      `CREATE INDEX devices_by_office ON devices (office_id, created_at)`,
      `CREATE TABLE events (
        office_id TEXT NOT NULL,
        server_seq INTEGER NOT NULL,
        id TEXT NOT NULL,
        hlc TEXT NOT NULL,
        device_id TEXT NOT NULL,
        actor_id TEXT,
        type TEXT NOT NULL,
        aggregate_type TEXT NOT NULL,
        aggregate_id TEXT NOT NULL,
        payload TEXT NOT NULL,
        schema_version INTEGER NOT NULL,
        recorded_at INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        source_device TEXT NOT NULL,
        device_seq INTEGER,
        PRIMARY KEY (office_id, server_seq)
      ) STRICT`,
      // Idempotent push: the event id is unique within an office (tenants never share a key space).
      `CREATE UNIQUE INDEX events_by_id ON events (office_id, id)`,
    ],
    pg: [
      `CREATE TABLE server_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
      `CREATE TABLE offices (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        last_seq BIGINT NOT NULL DEFAULT 0
      )`,
      `CREATE TABLE enrollment_codes (
        code_hash TEXT PRIMARY KEY,
        office_id TEXT NOT NULL REFERENCES offices (id),
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        used_at BIGINT,
        used_by_device TEXT
      )`,
      `CREATE TABLE devices (
        id TEXT PRIMARY KEY,
        office_id TEXT NOT NULL REFERENCES offices (id),
        token_hash TEXT NOT NULL UNIQUE,
        client_device_id TEXT NOT NULL,
        name TEXT NOT NULL,
        app_version TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        last_seen_at BIGINT,
        revoked_at BIGINT,
        last_device_seq BIGINT NOT NULL DEFAULT 0
      )`,
      `CREATE INDEX devices_by_office ON devices (office_id, created_at)`,
      `CREATE TABLE events (
        office_id TEXT NOT NULL,
        server_seq BIGINT NOT NULL,
        id TEXT NOT NULL,
        hlc TEXT NOT NULL,
        device_id TEXT NOT NULL,
        actor_id TEXT,
        type TEXT NOT NULL,
        aggregate_type TEXT NOT NULL,
        aggregate_id TEXT NOT NULL,
        payload TEXT NOT NULL,
        schema_version INTEGER NOT NULL,
        recorded_at BIGINT NOT NULL,
        received_at BIGINT NOT NULL,
        source_device TEXT NOT NULL,
        device_seq BIGINT,
        PRIMARY KEY (office_id, server_seq)
      )`,
      `CREATE UNIQUE INDEX events_by_id ON events (office_id, id)`,
    ],
  },
  {
    // ADR 0011: events carry their author's hash chain and signature; each device's signing key; the
    // server's own key lives in server_meta (created at start, see trust.ts).
    name: '002-trust',
    sqlite: [
      `ALTER TABLE events ADD COLUMN prev TEXT`,
      `ALTER TABLE events ADD COLUMN signature TEXT`,
      `ALTER TABLE devices ADD COLUMN key_id TEXT`,
      `CREATE TABLE device_keys (
        office_id TEXT NOT NULL REFERENCES offices (id),
        key_id TEXT NOT NULL,
        client_device_id TEXT NOT NULL,
        public_key TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        revoked_at INTEGER,
        PRIMARY KEY (office_id, key_id)
      ) STRICT`,
      // Unsigned events stored before this version: signed by the server at start (its attestation).
      `CREATE INDEX events_unsigned ON events (office_id, server_seq) WHERE signature IS NULL`,
    ],
    pg: [
      `ALTER TABLE events ADD COLUMN prev TEXT`,
      `ALTER TABLE events ADD COLUMN signature TEXT`,
      `ALTER TABLE devices ADD COLUMN key_id TEXT`,
      `CREATE TABLE device_keys (
        office_id TEXT NOT NULL REFERENCES offices (id),
        key_id TEXT NOT NULL,
        client_device_id TEXT NOT NULL,
        public_key TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        revoked_at BIGINT,
        PRIMARY KEY (office_id, key_id)
      )`,
      `CREATE INDEX events_unsigned ON events (office_id, server_seq) WHERE signature IS NULL`,
    ],
  },
  {
    // Issue 12 (ADR 0012): the public complaint and suggestion forms. An office opens them with a slug
    // (`/kantor/<slug>/pengaduan`) and a switch. `issued_numbers` holds the numbers in the events the server
    // wrote itself (complaint numbers of the public form), derived from its log like a workstation's
    // (domain/numbering.ts): filled in the transaction that writes each such event, and again from those
    // events when workstations re-send them after a restore, so the server never issues one twice. Events by
    // aggregate serve the status page's fold; the office's account events give the roles its verdicts need.
    name: '003-public-forms',
    sqlite: [
      `ALTER TABLE offices ADD COLUMN public_slug TEXT`,
      `ALTER TABLE offices ADD COLUMN public_forms INTEGER NOT NULL DEFAULT 0`,
      `CREATE UNIQUE INDEX offices_by_slug ON offices (public_slug) WHERE public_slug IS NOT NULL`,
      `CREATE TABLE issued_numbers (
        office_id TEXT NOT NULL REFERENCES offices (id),
        series TEXT NOT NULL,
        scope TEXT NOT NULL,
        number INTEGER NOT NULL,
        label TEXT NOT NULL,
        aggregate_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        PRIMARY KEY (office_id, series, scope, number, event_id)
      ) STRICT`,
      `CREATE INDEX issued_numbers_by_label ON issued_numbers (office_id, series, label)`,
      `CREATE INDEX events_by_aggregate ON events (office_id, aggregate_id)`,
      `CREATE INDEX events_accounts ON events (office_id, server_seq) WHERE aggregate_type = 'user'`,
    ],
    pg: [
      `ALTER TABLE offices ADD COLUMN public_slug TEXT`,
      `ALTER TABLE offices ADD COLUMN public_forms INTEGER NOT NULL DEFAULT 0`,
      `CREATE UNIQUE INDEX offices_by_slug ON offices (public_slug) WHERE public_slug IS NOT NULL`,
      `CREATE TABLE issued_numbers (
        office_id TEXT NOT NULL REFERENCES offices (id),
        series TEXT NOT NULL,
        scope TEXT NOT NULL,
        number BIGINT NOT NULL,
        label TEXT NOT NULL,
        aggregate_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        PRIMARY KEY (office_id, series, scope, number, event_id)
      )`,
      `CREATE INDEX issued_numbers_by_label ON issued_numbers (office_id, series, label)`,
      `CREATE INDEX events_by_aggregate ON events (office_id, aggregate_id)`,
      `CREATE INDEX events_accounts ON events (office_id, server_seq) WHERE aggregate_type = 'user'`,
    ],
  },
  {
    // Issue 13 phase 2 (ADR 0010 §6): the satisfaction survey's public page. `survey_claims` holds one row
    // per survey response id (a hash of the visit's code) the server knows is taken: answers given on a
    // phone, held until their WITA day has ended and their code's `survey.token_issued` has arrived, then
    // written into the log and reduced to the bare id; and codes a workstation's kiosk reported as used.
    // No time, no visit, no device: nothing in it says when or for whom. Responses are looked up by the
    // code's hash in the log's `survey.token_issued` events through a partial expression index.
    name: '004-survey-phone',
    sqlite: [
      `CREATE TABLE survey_claims (
        office_id TEXT NOT NULL REFERENCES offices (id),
        response_id TEXT NOT NULL,
        token_hash TEXT,
        day TEXT,
        answers TEXT,
        PRIMARY KEY (office_id, response_id)
      ) STRICT, WITHOUT ROWID`,
      `CREATE INDEX survey_claims_held ON survey_claims (office_id, day) WHERE answers IS NOT NULL`,
      `CREATE INDEX events_survey_token ON events (office_id, json_extract(payload, '$.tokenHash')) WHERE type = 'survey.token_issued'`,
    ],
    pg: [
      `CREATE TABLE survey_claims (
        office_id TEXT NOT NULL REFERENCES offices (id),
        response_id TEXT NOT NULL,
        token_hash TEXT,
        day TEXT,
        answers TEXT,
        PRIMARY KEY (office_id, response_id)
      )`,
      `CREATE INDEX survey_claims_held ON survey_claims (office_id, day) WHERE answers IS NOT NULL`,
      `CREATE INDEX events_survey_token ON events (office_id, ((payload::jsonb) ->> 'tokenHash')) WHERE type = 'survey.token_issued'`,
    ],
  },
  {
    // Issue 15 item 6 (ADR 0019): the erasures the server carried out in an office's log (subject by id
    // only; `event_key` is the erasure's fold key: later arrivals about the subject that sort before it are
    // stored redacted). Existing events need no rewriting: erasure redacts them in place when ordered.
    name: '005-personal-data',
    sqlite: [
      `CREATE TABLE erasures (
        office_id TEXT NOT NULL REFERENCES offices (id),
        erasure_id TEXT NOT NULL,
        subject_id TEXT NOT NULL,
        event_key TEXT NOT NULL,
        applied_at INTEGER NOT NULL,
        redacted INTEGER NOT NULL,
        PRIMARY KEY (office_id, erasure_id)
      ) STRICT, WITHOUT ROWID`,
      `CREATE INDEX erasures_by_subject ON erasures (office_id, subject_id)`,
    ],
    pg: [
      `CREATE TABLE erasures (
        office_id TEXT NOT NULL REFERENCES offices (id),
        erasure_id TEXT NOT NULL,
        subject_id TEXT NOT NULL,
        event_key TEXT NOT NULL,
        applied_at BIGINT NOT NULL,
        redacted INTEGER NOT NULL,
        PRIMARY KEY (office_id, erasure_id)
      )`,
      `CREATE INDEX erasures_by_subject ON erasures (office_id, subject_id)`,
    ],
  },
];
