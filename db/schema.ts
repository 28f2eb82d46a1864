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
  // Migration 011 (issue 14): the SPSE User ID and its state ('active' | 'deactivated'), from `vendor.service_applied`.
  spse_user_id: Generated<string | null>;
  spse_user_state: Generated<string | null>;
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
  /** Migration 011: the date the version takes effect (YYYY-MM-DD). */
  effective_from: Generated<string>;
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

/** Migration 009: the complaint register (projection of the `complaint` aggregates). */
export interface ComplaintsTable {
  id: string;
  number: string;
  channel: string;
  received_at: number;
  received_day: string;
  recorded_at: number;
  recorded_by: string | null;
  recorded_on: string;
  complainant_name: string;
  name_norm: string;
  service_code: string | null;
  visit_id: string | null;
  receipt_no: string | null;
  service_at: number | null;
  late_filing: number;
  /** The supervisor's decision on a late complaint: 'accept', 'decline' or null (not decided). */
  late_decision: string | null;
  lapor_no: string | null;
  stage: string;
  first_decision_at: number | null;
  /** The latest completeness decision: 1 complete, 0 incomplete, null none yet. */
  complete: number | null;
  ever_incomplete: number;
  /** JSON `[{from, to}]`: waits for the complainant (they pause the response clock). */
  waits: string;
  responded_at: number | null;
  closed_at: number | null;
  promised_completeness_at: number | null;
  promised_response_at: number | null;
  updated_at: number;
}

/** Migration 009: suggestions (saran dan masukan). */
export interface SuggestionsTable {
  id: string;
  received_at: number;
  received_day: string;
  channel: string;
  name: string | null;
  service_code: string | null;
  text: string;
  recorded_by: string | null;
  recorded_at: number;
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
  complaints: ComplaintsTable;
  suggestions: SuggestionsTable;
  authority: AuthorityTable;
  event_denials: EventDenialsTable;
  device_keys: DeviceKeysTable;
  sync_quarantine: SyncQuarantineTable;
  issued_numbers: IssuedNumbersTable;
  number_floors: NumberFloorsTable;
  erasures: ErasuresTable;
  erasure_applied: ErasureAppliedTable;
}

/** Numbers a restore must not issue again (migration 012-data-safety, issue 15). */
export interface NumberFloorsTable {
  series: string;
  scope: string;
  number: number;
  source: string;
  set_at: number;
}

/** Migration 013-personal-data (ADR 0019): the erasure register (a projection). */
export interface ErasuresTable {
  id: string;
  subject_kind: string;
  subject_id: string;
  reason: string;
  retention_months: number | null;
  note: string | null;
  visit_count: number;
  erased_at: number;
  actor_id: string | null;
  device_id: string;
  /** The erasure event's fold key (hlc|device|id): events of the subject sorting before it are erased. */
  event_key: string;
}

/** Migration 013-personal-data: what this PC redacted for each erasure (local ledger, never synced). */
export interface ErasureAppliedTable {
  erasure_id: string;
  subject_id: string;
  applied_at: number;
  events_redacted: number;
  pending: number;
}
