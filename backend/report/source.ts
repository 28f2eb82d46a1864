/**
 * The one place where the report reads the projection tables. Everything the report and its exports
 * compute comes from these rows, so a column added to `visits` later is added here once.
 *
 * Columns of `visits` used: the guest book and checklist (001) and the desks' work after the handover
 * (003: registered_by, handed_over_by, claimed_by, outcome_at/by/note, lkpp_result, pauses, discretion_reason).
 */
import { sql, type Selectable } from 'kysely';
import type { VisitsTable } from '../../db/schema';
import type { MonthRange } from './month';
import type { Exec } from '../../db/exec';

/**
 * What the report needs of each visit. Kept lean on purpose: long text columns (names, notes) cost more to
 * read than everything else together, so lists that need them (discretion, rejections) read them separately
 * for the few rows concerned, and the exports read the full rows ({@link DetailVisitRow}).
 */
export interface ReportVisitRow {
  day: string;
  arrivedAt: number;
  serviceCode: string | null;
  catalogueVersion: number;
  status: string;
  checklistStartedAt: number | null;
  returnedCount: number;
  handedOverAt: number | null;
  discretion: boolean;
  registeredBy: string | null;
  handedOverBy: string | null;
  outcomeAt: number | null;
  outcomeBy: string | null;
  lkppResult: string | null;
  /** JSON [{from, to, kind}] as projected (service clock pauses). */
  pauses: string;
}

/** A visit with everything the export's detail sheet lists. */
export interface DetailVisitRow extends ReportVisitRow {
  id: string;
  personId: string;
  vendorId: string | null;
  visitorName: string;
  companyName: string | null;
  visitorRole: string;
  purposeNote: string | null;
  handedOverTo: string | null;
  receiptNo: string | null;
  discretionReason: string | null;
  closedAt: number | null;
  claimedBy: string | null;
  outcomeNote: string | null;
}

/** Every visit that arrived in the month (WITA days), in arrival order. Uses `visits_by_day`. */
export async function monthVisits(db: Exec, r: MonthRange): Promise<ReportVisitRow[]> {
  const rows = await db
    .selectFrom('visits')
    .select([
      'day',
      'arrived_at',
      'service_code',
      'catalogue_version',
      'status',
      'checklist_started_at',
      'returned_count',
      'handed_over_at',
      'discretion',
      'registered_by',
      'handed_over_by',
      'outcome_at',
      'outcome_by',
      'lkpp_result',
      'pauses',
    ])
    .where('day', '>=', r.firstDay)
    .where('day', '<', r.nextFirstDay)
    .orderBy('day')
    .orderBy('arrived_at')
    .execute();
  return rows.map(toReportVisitRow);
}

/** The columns of `visits` the report's clock needs, as read by `monthVisits` (and the staff evaluation). */
export type ReportVisitColumns = Pick<
  Selectable<VisitsTable>,
  | 'day'
  | 'arrived_at'
  | 'service_code'
  | 'catalogue_version'
  | 'status'
  | 'checklist_started_at'
  | 'returned_count'
  | 'handed_over_at'
  | 'discretion'
  | 'registered_by'
  | 'handed_over_by'
  | 'outcome_at'
  | 'outcome_by'
  | 'lkpp_result'
  | 'pauses'
>;

export function toReportVisitRow(v: ReportVisitColumns): ReportVisitRow {
  return {
    day: v.day,
    arrivedAt: v.arrived_at,
    serviceCode: v.service_code,
    catalogueVersion: v.catalogue_version,
    status: v.status,
    checklistStartedAt: v.checklist_started_at,
    returnedCount: v.returned_count,
    handedOverAt: v.handed_over_at,
    discretion: v.discretion === 1,
    registeredBy: v.registered_by,
    handedOverBy: v.handed_over_by,
    outcomeAt: v.outcome_at,
    outcomeBy: v.outcome_by,
    lkppResult: v.lkpp_result,
    pauses: v.pauses,
  };
}

/** Every visit of the month with all the columns the exports list. */
export async function monthVisitsFull(db: Exec, r: MonthRange): Promise<DetailVisitRow[]> {
  const rows = await db
    .selectFrom('visits')
    .selectAll()
    .where('day', '>=', r.firstDay)
    .where('day', '<', r.nextFirstDay)
    .orderBy('day')
    .orderBy('arrived_at')
    .execute();
  return rows.map((v) => ({
    id: v.id,
    day: v.day,
    arrivedAt: v.arrived_at,
    personId: v.person_id,
    vendorId: v.vendor_id,
    visitorName: v.visitor_name,
    companyName: v.company_name,
    visitorRole: v.visitor_role,
    serviceCode: v.service_code,
    purposeNote: v.purpose_note,
    catalogueVersion: v.catalogue_version,
    status: v.status,
    checklistStartedAt: v.checklist_started_at,
    returnedCount: v.returned_count,
    handedOverAt: v.handed_over_at,
    handedOverTo: v.handed_over_to,
    receiptNo: v.receipt_no,
    discretion: v.discretion === 1,
    discretionReason: v.discretion_reason,
    closedAt: v.closed_at,
    registeredBy: v.registered_by,
    handedOverBy: v.handed_over_by,
    claimedBy: v.claimed_by,
    outcomeAt: v.outcome_at,
    outcomeBy: v.outcome_by,
    outcomeNote: v.outcome_note,
    lkppResult: v.lkpp_result,
    pauses: v.pauses,
  }));
}

export interface NotableVisitRow {
  day: string;
  serviceCode: string | null;
  catalogueVersion: number;
  receiptNo: string | null;
  companyName: string | null;
  discretion: boolean;
  discretionReason: string | null;
  handedOverBy: string | null;
  rejected: boolean;
  outcomeNote: string | null;
  outcomeBy: string | null;
}

/** The month's visits accepted under discretion or rejected, with the texts the report lists. */
export async function monthNotableVisits(db: Exec, r: MonthRange): Promise<NotableVisitRow[]> {
  const rows = await db
    .selectFrom('visits')
    .select(['day', 'service_code', 'catalogue_version', 'receipt_no', 'company_name', 'discretion', 'discretion_reason', 'handed_over_by', 'status', 'outcome_note', 'outcome_by'])
    .where('day', '>=', r.firstDay)
    .where('day', '<', r.nextFirstDay)
    .where((eb) => eb.or([eb('discretion', '=', 1), eb('status', '=', 'rejected')]))
    .orderBy('day')
    .orderBy('arrived_at')
    .execute();
  return rows.map((v) => ({
    day: v.day,
    serviceCode: v.service_code,
    catalogueVersion: v.catalogue_version,
    receiptNo: v.receipt_no,
    companyName: v.company_name,
    discretion: v.discretion === 1,
    discretionReason: v.discretion_reason,
    handedOverBy: v.handed_over_by,
    rejected: v.status === 'rejected',
    outcomeNote: v.outcome_note,
    outcomeBy: v.outcome_by,
  }));
}

export interface MissingCountRow {
  itemCode: string;
  label: string;
  reason: string;
  count: number;
  visits: number;
}

/** Items listed on the month's return slips, by item and reason (visits of the month). */
export async function monthMissingItems(db: Exec, r: MonthRange): Promise<MissingCountRow[]> {
  const res = await sql<{ item_code: string; label: string; reason: string; n: number; v: number }>`
    SELECT vr.item_code, max(vr.label) AS label, vr.reason, count(*) AS n, count(DISTINCT vr.visit_id) AS v
    FROM visits v JOIN visit_returns vr ON vr.visit_id = v.id
    WHERE v.day >= ${r.firstDay} AND v.day < ${r.nextFirstDay}
    GROUP BY vr.item_code, vr.reason`.execute(db);
  return res.rows.map((x) => ({ itemCode: x.item_code, label: x.label, reason: x.reason, count: Number(x.n), visits: Number(x.v) }));
}

export interface StaffRow {
  id: string;
  name: string;
  roles: string[];
}

export async function staffDirectory(db: Exec): Promise<Map<string, StaffRow>> {
  const rows = await db.selectFrom('users').select(['id', 'display_name', 'roles']).execute();
  return new Map(rows.map((u) => [u.id, { id: u.id, name: u.display_name, roles: JSON.parse(u.roles) as string[] }]));
}

export interface PersonContact {
  nik: string | null;
  phone: string | null;
}

/** NIK and phone of the month's visitors, for the export's detail sheet (masked there unless asked). */
export async function personContacts(db: Exec, r: MonthRange): Promise<Map<string, PersonContact>> {
  const rows = await db
    .selectFrom('visits')
    .innerJoin('persons', 'persons.id', 'visits.person_id')
    .select(['persons.id as id', 'persons.nik as nik', 'persons.phone as phone'])
    .where('visits.day', '>=', r.firstDay)
    .where('visits.day', '<', r.nextFirstDay)
    .distinct()
    .execute();
  return new Map(rows.map((p) => [p.id, { nik: p.nik, phone: p.phone }]));
}

/** NPWP of the month's vendors. */
export async function vendorNpwps(db: Exec, r: MonthRange): Promise<Map<string, string | null>> {
  const rows = await db
    .selectFrom('visits')
    .innerJoin('vendors', 'vendors.id', 'visits.vendor_id')
    .select(['vendors.id as id', 'vendors.npwp as npwp'])
    .where('visits.day', '>=', r.firstDay)
    .where('visits.day', '<', r.nextFirstDay)
    .distinct()
    .execute();
  return new Map(rows.map((v) => [v.id, v.npwp]));
}
