/**
 * Kysely table types of the central server's database. The same types serve SQLite and PostgreSQL; the
 * column types are chosen so both dialects return the same JavaScript values (int8 is parsed to a number
 * in `db.ts`; every time is epoch milliseconds).
 */
import type { Generated } from 'kysely';

export interface ServerMetaTable {
  key: string;
  value: string;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: number;
}

export interface OfficesTable {
  id: string;
  name: string;
  created_at: number;
  /** Highest server_seq assigned in this office; the office row is locked while a push assigns more. */
  last_seq: Generated<number>;
  /** Migration 003: the office's public pages (`/kantor/<slug>/…`), and whether they are switched on. */
  public_slug: Generated<string | null>;
  public_forms: Generated<number>;
}

/** Migration 003 (ADR 0012): numbers in the events the server wrote itself (server/numbering.ts). */
export interface ServerIssuedNumbersTable {
  office_id: string;
  series: string;
  scope: string;
  number: number;
  label: string;
  aggregate_id: string;
  event_id: string;
}

export interface EnrollmentCodesTable {
  /** SHA-256 of the normalised code: the code itself is never stored. */
  code_hash: string;
  office_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  used_by_device: string | null;
}

export interface DevicesTable {
  id: string;
  office_id: string;
  /** SHA-256 of the device token: the token itself is never stored. */
  token_hash: string;
  /** The workstation's own device id (the one stamped on its events). */
  client_device_id: string;
  name: string;
  app_version: string;
  created_at: number;
  last_seen_at: number | null;
  revoked_at: number | null;
  /** Every per-device sequence number 1..last_device_seq has been received: the next push must not start later. */
  last_device_seq: Generated<number>;
  /** The device's signing key (migration 002); null for a device enrolled by an app that predates keys. */
  key_id: Generated<string | null>;
}

/** Migration 002 (ADR 0011): the signing keys of an office's devices. */
export interface DeviceKeysTable {
  office_id: string;
  key_id: string;
  /** The workstation's own device id: the only author whose events this key may sign. */
  client_device_id: string;
  public_key: string;
  created_at: number;
  revoked_at: number | null;
}

export interface ServerEventsTable {
  office_id: string;
  server_seq: number;
  id: string;
  hlc: string;
  device_id: string;
  actor_id: string | null;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  payload: string;
  schema_version: number;
  recorded_at: number;
  /** The server's own clock when the event arrived (workstation clocks are often wrong). */
  received_at: number;
  /** The enrolled device (server device id) that delivered the event. */
  source_device: string;
  /** Per-device sequence number of the event when its author pushed it; null when re-sent by another device. */
  device_seq: number | null;
  /** Migration 002: the author's hash chain and signature (or the server's attestation of a legacy event). */
  prev: string | null;
  signature: string | null;
}

/**
 * Migration 004 (ADR 0010 §6): survey response ids the server knows are taken, and the phone answers it
 * holds until their day is over and their code is known (then `token_hash`, `day` and `answers` are cleared).
 */
export interface SurveyClaimsTable {
  office_id: string;
  /** `skm:` + the code's nullifier: the response aggregate the code answers into. */
  response_id: string;
  token_hash: string | null;
  day: string | null;
  /** JSON of the held answers (profile and U1–U9), null once written into the log or for a kiosk's claim. */
  answers: string | null;
}

export interface ServerDB {
  server_meta: ServerMetaTable;
  schema_migrations: SchemaMigrationsTable;
  offices: OfficesTable;
  enrollment_codes: EnrollmentCodesTable;
  devices: DevicesTable;
  events: ServerEventsTable;
  issued_numbers: ServerIssuedNumbersTable;
  device_keys: DeviceKeysTable;
  survey_claims: SurveyClaimsTable;
  erasures: ServerErasuresTable;
}

/** Migration 005-personal-data (ADR 0019): erasures carried out in an office's log. */
export interface ServerErasuresTable {
  office_id: string;
  erasure_id: string;
  subject_id: string;
  event_key: string;
  applied_at: number;
  redacted: number;
}
