/** Kysely table types for the workstation database. Column names are snake_case, as in SQL. */
import type { Generated } from 'kysely';

export interface EventsTable {
  /** Local insertion order; the push cursor of the sync engine. */
  seq: Generated<number>;
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
  /** 1 when written on this device, 0 when received by sync. */
  is_local: number;
  /** Sequence the central server assigned; null until the server acknowledged the event. */
  server_seq: number | null;
  /** Hash of the previous event of the same device (migration 008; null for legacy events). */
  prev: string | null;
  /** `<key id>.<Ed25519 signature>` over the canonical form (migration 008; null for legacy events). */
  signature: string | null;
}

export interface AggregatesTable {
  id: string;
  type: string;
  /** Sort key of the last event folded in: (hlc|device|id). */
  last_key: string;
  state: string | null;
  event_count: number;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface VendorsTable {
  id: string;
  name: string;
  name_norm: string;
  legal_form: string;
  npwp: string | null;
  address: string | null;
  email: string | null;
  phone: string | null;
  leader_name: string | null;
  updated_at: number;
}

export interface PersonsTable {
  id: string;
  name: string;
  name_norm: string;
  nik: string | null;
  phone: string | null;
  email: string | null;
  vendor_id: string | null;
  updated_at: number;
}

export interface VisitsTable {
  id: string;
  day: string;
  arrived_at: number;
  person_id: string;
  vendor_id: string | null;
  visitor_name: string;
  company_name: string | null;
  visitor_role: string;
  service_code: string | null;
  purpose_note: string | null;
  catalogue_version: number;
  status: string;
  checklist_started_at: number | null;
  returned_count: number;
  handed_over_at: number | null;
  handed_over_to: string | null;
  receipt_no: string | null;
  discretion: number;
  closed_at: number | null;
  updated_at: number;
  // Migration 003 (desks): Generated = has a default, so inserts written before it still type-check.
  registered_by: Generated<string | null>;
  handed_over_by: Generated<string | null>;
  claimed_by: Generated<string | null>;
  claimed_at: Generated<number | null>;
  claim_conflicts: Generated<number>;
  outcome_at: Generated<number | null>;
  outcome_by: Generated<string | null>;
  /** Completion note, or the rejection reason told to the vendor. */
  outcome_note: Generated<string | null>;
  lkpp_result: Generated<string | null>;
  /** JSON [{from, to, kind}] of the service clock's pauses. */
  pauses: Generated<string>;
  discretion_reason: Generated<string | null>;
  // Migration 006: the deadline recorded with the handover (printed on the receipt).
  promised_due_at: Generated<number | null>;
}

export interface VisitItemsTable {
  visit_id: string;
  item_code: string;
  original_seen: number;
  copy_received: number;
  valid_until: string | null;
  meterai_ok: number;
  not_brought: number;
  note: string | null;
  marked_at: number;
  marked_by: string | null;
}

export interface VisitReturnsTable {
  visit_id: string;
  return_no: number;
  returned_at: number;
  item_code: string;
  label: string;
  reason: string;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  roles: string;
  password_hash: string;
  active: number;
  updated_at: number;
}

export interface CatalogueVersionsTable {
  version: number;
  body: string;
  published_at: number;
  published_by: string | null;
  note: string | null;
}

export interface ParkedEventsTable {
  id: string;
  reason: string;
  parked_at: number;
}

export interface ReportExportsTable {
  id: string;
  exported_at: number;
  exported_by: string | null;
  month: string;
  format: string;
  personal_data: number;
  visit_count: number;
  file_name: string;
  sha256: string;
  via: string;
  operator: string | null;
}

export interface CalendarHolidaysTable {
  date: string;
  name: string;
  kind: string;
}

export interface CalendarHoursTable {
  weekday: number;
  open: string | null;
  close: string | null;
}

/** Migration 006: office-wide outages (projection of the `outage` aggregates). */
export interface OutagesTable {
  id: string;
  kind: string;
  from_ms: number;
  to_ms: number | null;
  reason: string;
  declared_by: string | null;
  declared_at: number;
  withdrawn: number;
}

/** Migration 008 (ADR 0011): roles of each account from the fold position of each user event. */
export interface AuthorityTable {
  user_id: string;
  from_key: string;
  /** JSON array of roles. */
  roles: string;
  active: number;
}

/** Migration 008: events kept but not applied, because their actor was not allowed to record them. */
export interface EventDenialsTable {
  id: string;
  aggregate_id: string;
  type: string;
  device_id: string;
  actor_id: string | null;
  hlc: string;
  recorded_at: number;
  reason: string;
}

/** Migration 008: the office's device signing keys (projection of the server-signed `device.*` events). */
export interface DeviceKeysTable {
  key_id: string;
  device_id: string;
  public_key: string;
  name: string | null;
  registered_at: number;
  revoked_at: number | null;
  /** Events signed with this key and given a server sequence above this are refused. */
  revoked_after_seq: number | null;
}

/** Migration 008: pulled events refused or not applicable, with the reason. */
export interface SyncQuarantineTable {
  id: string;
  server_seq: number;
  device_id: string;
  actor_id: string | null;
  type: string;
  /** The wire event as received (JSON). */
  event: string;
  reason: string;
  detail: string | null;
  quarantined_at: number;
}

/** Migration 008: numbers issued in the log (receipts; later queue and complaint numbers). */
export interface IssuedNumbersTable {
  series: string;
  scope: string;
  number: number;
  label: string;
  aggregate_id: string;
  event_id: string;
}

export interface DB {
  events: EventsTable;
  aggregates: AggregatesTable;
  meta: MetaTable;
  vendors: VendorsTable;
  persons: PersonsTable;
  visits: VisitsTable;
  visit_items: VisitItemsTable;
  visit_returns: VisitReturnsTable;
  users: UsersTable;
  catalogue_versions: CatalogueVersionsTable;
  parked_events: ParkedEventsTable;
  calendar_holidays: CalendarHolidaysTable;
  calendar_hours: CalendarHoursTable;
  outages: OutagesTable;
  report_exports: ReportExportsTable;
  authority: AuthorityTable;
  event_denials: EventDenialsTable;
  device_keys: DeviceKeysTable;
  sync_quarantine: SyncQuarantineTable;
  issued_numbers: IssuedNumbersTable;
  number_floors: NumberFloorsTable;
}

/** Numbers a restore must not issue again (migration 012-data-safety, issue 15). */
export interface NumberFloorsTable {
  series: string;
  scope: string;
  number: number;
  source: string;
  set_at: number;
}
