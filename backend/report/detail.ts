/**
 * The detail of a month for exports: one row per visit (the detail sheet and the CSV) and one row per item
 * on a return slip. NIK and phone numbers are masked unless the supervisor asked for full personal data.
 */
import { formatNpwp } from '../../domain/validation';
import { MISSING_REASON_LABEL } from '../../domain/checklist';
import { visitStatusLabel } from '../../domain/visit-status';
import { maskNik, maskPhone, phoneDigits } from '../../domain/personal-data';
import type { MissingItem } from '../../domain/events/schema';
import type { Exec } from '../../db/event-store';
import type { MonthRange } from './month';
import { FINISHED, shortLimit, type ClockedVisit } from './monthly';
import { personContacts, vendorNpwps, type DetailVisitRow, type StaffRow } from './source';
import { roundMin } from './stats';
import type { VisitQueueFacts } from './queue';
import { sql } from 'kysely';

export interface DetailRow {
  no: number;
  day: string;
  arrivedAt: number;
  visitorName: string;
  nik: string | null;
  phone: string | null;
  visitorRole: string;
  companyName: string | null;
  npwp: string | null;
  serviceNumber: number | null;
  serviceName: string;
  statusLabel: string;
  returnedCount: number;
  receiptNo: string | null;
  handedOverAt: number | null;
  registeredBy: string | null;
  handedOverBy: string | null;
  outcomeAt: number | null;
  outcomeBy: string | null;
  limitText: string | null;
  /** "Ya" / "Tidak" for finished visits; "Terlambat" for open ones past the limit; null otherwise. */
  inTime: string | null;
  waitingMin: number | null;
  checkingMin: number | null;
  processingMin: number | null;
  discretion: boolean;
  discretionReason: string | null;
  rejectionReason: string | null;
  lkpp: boolean;
  /** The visit's queue number of the day and its measured waiting before service (issue 16). */
  queueLabel: string | null;
  queueWaitMin: number | null;
}

/**
 * A visit's cells from the visitor's role on, in the order of both exports' headers (XLSX and CSV); only the
 * way a date and time is written differs between them.
 */
export function detailCells<D>(d: DetailRow, dateTime: (ms: number | null) => D): Array<string | number | D | null> {
  return [
    d.visitorRole,
    d.companyName,
    d.npwp,
    d.serviceNumber,
    d.serviceName,
    d.statusLabel,
    d.returnedCount,
    d.receiptNo,
    dateTime(d.handedOverAt),
    d.registeredBy,
    d.handedOverBy,
    dateTime(d.outcomeAt),
    d.outcomeBy,
    d.limitText,
    d.inTime,
    d.waitingMin,
    d.checkingMin,
    d.processingMin,
    d.discretion ? 'Ya' : 'Tidak',
    d.discretionReason,
    d.rejectionReason,
    d.lkpp ? 'Ya' : 'Tidak',
    d.queueLabel,
    d.queueWaitMin,
  ];
}

export interface DetailContext {
  personalData: boolean;
  staff: Map<string, StaffRow>;
  /** Each visit's queue number and waiting (report/queue.ts); visits without a number are absent. */
  queue: ReadonlyMap<string, VisitQueueFacts>;
}

export async function detailRows(db: Exec, range: MonthRange, visits: ClockedVisit<DetailVisitRow>[], ctx: DetailContext): Promise<DetailRow[]> {
  const [contacts, npwps] = await Promise.all([personContacts(db, range), vendorNpwps(db, range)]);
  const name = (id: string | null) => (id ? (ctx.staff.get(id)?.name ?? null) : null);
  return visits.map((v, i) => {
    const r = v.row;
    const c = contacts.get(r.personId);
    const nik = c?.nik ?? null;
    const phone = c?.phone ? phoneDigits(c.phone) : null;
    const npwp = r.vendorId ? (npwps.get(r.vendorId) ?? null) : null;
    const stage = (s: 'waiting' | 'checking' | 'processing') => {
      const st = v.clock?.stages[s];
      return st && !st.ongoing ? roundMin(st.workingMinutes) : null;
    };
    return {
      no: i + 1,
      day: r.day,
      arrivedAt: r.arrivedAt,
      visitorName: r.visitorName,
      nik: ctx.personalData ? nik : maskNik(nik),
      phone: ctx.personalData ? phone : c?.phone ? maskPhone(c.phone) : null,
      visitorRole: r.visitorRole === 'proxy' ? 'Kuasa' : 'Pimpinan',
      companyName: r.companyName,
      npwp: npwp ? formatNpwp(npwp) : null,
      serviceNumber: v.service?.number ?? null,
      serviceName: v.service?.name ?? (r.serviceCode ? r.serviceCode : `Lainnya${r.purposeNote ? `: ${r.purposeNote}` : ''}`),
      statusLabel: visitStatusLabel(r.status, r.handedOverTo),
      returnedCount: r.returnedCount,
      receiptNo: r.receiptNo,
      handedOverAt: r.handedOverAt,
      registeredBy: name(r.registeredBy),
      handedOverBy: name(r.handedOverBy),
      outcomeAt: FINISHED.has(r.status) ? r.outcomeAt : null,
      outcomeBy: FINISHED.has(r.status) ? name(r.outcomeBy) : null,
      limitText: v.service ? shortLimit(v.service) : null,
      inTime: v.outsideLimit ? 'Di luar jangka waktu (helpdesk LKPP)' : v.inTime === true ? (v.inTimeWithoutExcuse === false ? 'Ya (gangguan tidak dihitung)' : 'Ya') : v.inTime === false ? 'Tidak' : v.overdue ? 'Terlambat (belum selesai)' : null,
      waitingMin: stage('waiting'),
      checkingMin: stage('checking'),
      processingMin: stage('processing'),
      discretion: r.discretion,
      discretionReason: r.discretion ? r.discretionReason : null,
      rejectionReason: r.status === 'rejected' ? r.outcomeNote : null,
      lkpp: v.forwardedLkpp,
      queueLabel: ctx.queue.get(r.id)?.label ?? null,
      queueWaitMin: ctx.queue.get(r.id)?.waitMin ?? null,
    };
  });
}

export interface ReturnItemRow {
  day: string;
  returnedAt: number;
  returnNo: number;
  companyName: string | null;
  visitorName: string;
  serviceName: string;
  label: string;
  reason: string;
}

/** Every item on the month's return slips, in time order. */
export async function returnItemRows(db: Exec, range: MonthRange, serviceName: (code: string | null, version: number) => string): Promise<ReturnItemRow[]> {
  const res = await sql<{
    day: string;
    returned_at: number;
    return_no: number;
    company_name: string | null;
    visitor_name: string;
    service_code: string | null;
    catalogue_version: number;
    label: string;
    reason: string;
  }>`SELECT v.day, vr.returned_at, vr.return_no, v.company_name, v.visitor_name, v.service_code, v.catalogue_version, vr.label, vr.reason
     FROM visits v JOIN visit_returns vr ON vr.visit_id = v.id
     WHERE v.day >= ${range.firstDay} AND v.day < ${range.nextFirstDay}
     ORDER BY vr.returned_at, vr.visit_id, vr.item_code`.execute(db);
  return res.rows.map((x) => ({
    day: x.day,
    returnedAt: x.returned_at,
    returnNo: x.return_no,
    companyName: x.company_name,
    visitorName: x.visitor_name,
    serviceName: serviceName(x.service_code, x.catalogue_version),
    label: x.label,
    reason: MISSING_REASON_LABEL[x.reason as MissingItem['reason']] ?? x.reason,
  }));
}
