/**
 * Assembles what a printed document shows from the visit's folded state, its projection row, the catalogue
 * version it was served under, the working-day calendar and the office settings. The templates in `print/`
 * only lay it out.
 */
import { AppError } from '../contract/result';
import type { VisitState } from '../domain/aggregates/visit';
import { deskOf } from '../domain/aggregates/visit-desk';
import type { Catalogue, RequirementItem, ServiceDefinition } from '../domain/catalogue/types';
import { receiptLabelOf, unitOf } from '../domain/catalogue/units';
import { applicableItems, MISSING_REASON_LABEL } from '../domain/checklist';
import type { DocumentPrintedPayload, PrintKind } from '../domain/events/print-report';
import { clockLimitOf } from '../domain/catalogue/clock-rules';
import { firstProvisionalYear, weekHoursOn } from '../domain/time/calendar';
import { witaIsoDate } from '../domain/time/wita';
import { formatNpwp } from '../domain/validation';
import { loadAggregateState } from '../db/event-store';
import { userNames } from '../db/queries';
import { whatToBring } from '../print/bring';
import { describeCounterHours } from '../print/hours';
import type { PartyInfo, PrintData, PrintMeta, ReceiptDocument, ServiceInfo } from '../print/types';
import { receiptQrText, receiptVerificationCode } from '../print/verification';
import type { AppContext } from './context';
import { handoverDeadline, loadWorkCalendar } from './views/service-clock';
import { findService, loadCatalogue } from './views/catalogue';
import { loadOfficeSettings, officeHeader } from './views/office';
import { receiptSurvey } from './survey/receipt';
import { ticketsOfVisit } from './queue/tickets';

export interface VisitForPrint {
  state: VisitState;
  service: ServiceDefinition | null;
  /** The visit's catalogue version: its handling units name the desk on the receipt (issue 14). Optional: additive. */
  catalogue?: Catalogue;
}

export async function loadVisitForPrint(app: AppContext, visitId: string): Promise<VisitForPrint> {
  const state = await loadAggregateState<'visit'>(app.db, visitId);
  if (!state) throw new AppError('not_found', 'Kunjungan tidak ditemukan.');
  const catalogue = await loadCatalogue(app, state.catalogueVersion);
  const service = state.serviceCode ? (findService(catalogue, state.serviceCode) ?? null) : null;
  return { state, service, catalogue };
}

/** Which documents a visit can print now. */
export function availableKinds(v: VisitForPrint): PrintKind[] {
  const out: PrintKind[] = [];
  if (v.state.receiptNo && v.service) out.push('receipt');
  if (v.state.returns.length > 0 && v.service) out.push('return_slip');
  if (deskOf(v.state).outcome?.kind === 'rejected' && v.service) out.push('rejection');
  return out;
}

export interface PrintRecord extends DocumentPrintedPayload {
  by: string | null;
}

/** Every `document.printed` of a visit, in fold order. */
export async function printRecords(app: AppContext, visitId: string): Promise<PrintRecord[]> {
  const rows = await app.db
    .selectFrom('events')
    .select(['payload', 'actor_id'])
    .where('aggregate_id', '=', visitId)
    .where('type', '=', 'document.printed')
    .orderBy('hlc')
    .orderBy('device_id')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...(JSON.parse(r.payload) as DocumentPrintedPayload), by: r.actor_id }));
}

/** Same document = same kind (and, for return slips, the same return). */
export function sameDocument(r: Pick<PrintRecord, 'kind' | 'returnNo'>, kind: PrintKind, returnNo: number | null): boolean {
  return r.kind === kind && (kind !== 'return_slip' || r.returnNo === returnNo);
}

function party(state: VisitState, npwp: string | null): PartyInfo {
  return { visitorName: state.visitorName, visitorRole: state.visitorRole, companyName: state.companyName, npwp: npwp ? formatNpwp(npwp) : null };
}

function serviceInfo(s: ServiceDefinition): ServiceInfo {
  return { number: s.number, name: s.name, timeLimitText: s.timeLimit.text, fee: s.fee };
}

function receivedDocuments(state: VisitState, items: RequirementItem[]): ReceiptDocument[] {
  const out: ReceiptDocument[] = [];
  for (const item of items) {
    const m = state.marks[item.code];
    if (!m || m.notBrought) continue;
    const original: ReceiptDocument['original'] =
      item.original === 'none' ? 'not_applicable' : m.originalSeen ? (item.original === 'submit' ? 'submitted' : 'seen') : 'missing';
    const copy: ReceiptDocument['copy'] = item.copyRequired ? (m.copyReceived ? 'kept' : 'missing') : 'not_required';
    // Listed only when something was actually seen or received (a presence-only item is ticked as "seen").
    const received = m.originalSeen || m.copyReceived;
    if (!received) continue;
    out.push({
      label: item.label,
      original,
      copy,
      validUntil: item.mustBeValid ? m.validUntil : null,
      noExpiry: item.mustBeValid && m.noExpiry === true,
      meterai: item.needsMeterai && m.meteraiOk,
      discretion: state.discretionItems.includes(item.code),
    });
  }
  return out;
}

/** The resolved return number (latest by default), or an error when the visit has no such return. */
export function resolveReturnNo(state: VisitState, returnNo: number | null): number {
  const n = returnNo ?? state.returns.length;
  if (n < 1 || n > state.returns.length) {
    throw new AppError('invalid_state', state.returns.length === 0 ? 'Berkas ini belum pernah dikembalikan.' : `Pengembalian ke-${n} tidak ada.`);
  }
  return n;
}

export async function buildPrintData(
  app: AppContext,
  v: VisitForPrint,
  kind: PrintKind,
  returnNo: number | null,
  meta: PrintMeta,
  /**
   * Who prints: the actor of the survey code issued for a first receipt (docs/adr/0010). `issueSurveyCode:
   * false` reads the code without issuing one (the PDF engine's warm-up, which records nothing).
   */
  opts: { actorId?: string | null; issueSurveyCode?: boolean } = {},
): Promise<PrintData> {
  const { state, service } = v;
  if (!service) throw new AppError('invalid_state', 'Kunjungan ini tidak memiliki layanan; tidak ada dokumen untuk dicetak.');
  const office = officeHeader(await loadOfficeSettings(app));
  const vendor = state.vendorId ? await app.db.selectFrom('vendors').select('npwp').where('id', '=', state.vendorId).executeTakeFirst() : undefined;
  const who = party(state, vendor?.npwp ?? null);
  const desk = deskOf(state);

  switch (kind) {
    case 'receipt': {
      if (!state.receiptNo || state.handedOverAt === null) {
        throw new AppError('invalid_state', 'Tanda terima hanya tersedia untuk berkas yang sudah lengkap dan diserahkan.');
      }
      const names = await userNames(app.db, state.handedOverBy ? [state.handedOverBy] : []);
      const calendar = await loadWorkCalendar(app);
      // The promise made at the handover, as recorded with it (issue 9); the same count on today's calendar
      // is printed beside it when a calendar change moved it, and marks it perkiraan while it depends on a
      // year whose holidays are not decreed yet. Handovers recorded before the promise was kept: today's count.
      const today = handoverDeadline(
        { arrivedAt: state.arrivedAt, ...(state.checklistStartedAt !== null ? { checklistStartedAt: state.checklistStartedAt } : {}), handedOverAt: state.handedOverAt, pauses: [] },
        clockLimitOf(service),
        calendar,
      );
      const promisedAt = state.promisedDueAt ?? today?.dueAt ?? null;
      const recomputedAt = today && promisedAt !== null && today.dueAt !== promisedAt ? today.dueAt : null;
      const provisionalYear = today ? firstProvisionalYear(calendar, state.handedOverAt, Math.max(today.dueAt, promisedAt ?? 0)) : null;
      const code = receiptVerificationCode(state.id, state.receiptNo);
      const items = applicableItems(service, state.visitorRole);
      const documents = receivedDocuments(state, items);
      const notReceived = state.discretionItems
        .map((c) => items.find((i) => i.code === c)?.label ?? c)
        .filter((label) => !documents.some((d) => d.label === label));
      const reason = desk.discretionReason;
      return {
        kind: 'receipt',
        office,
        receiptNo: state.receiptNo,
        receivedAt: state.handedOverAt,
        party: who,
        service: serviceInfo(service),
        handedTo: state.handedOverTo ?? service.handlerRole,
        handedToLabel: receiptLabelOf(unitOf(v.catalogue, state.handedOverTo ?? service.handlerRole)),
        documents,
        promisedAt,
        provisionalYear,
        recomputedAt,
        discretionReason:
          state.discretionItems.length > 0
            ? `${notReceived.length ? `Diterima tanpa: ${notReceived.join(', ')}. ` : ''}${reason ?? 'Atas persetujuan pimpinan.'}`
            : null,
        qrText: receiptQrText(state.receiptNo, code),
        verificationCode: code,
        officerName: (state.handedOverBy && names.get(state.handedOverBy)) || '(petugas)',
        meta,
        survey: await receiptSurvey(app, state.id, opts.actorId ?? null, { issue: opts.issueSurveyCode !== false }),
        queueLabel: await queueLabelAt(app, state.id, state.handedOverAt),
      };
    }
    case 'return_slip': {
      const n = resolveReturnNo(state, returnNo);
      const ret = state.returns[n - 1]!;
      const names = await userNames(app.db, ret.by ? [ret.by] : []);
      const calendar = await loadWorkCalendar(app);
      return {
        kind: 'return_slip',
        office,
        returnNo: n,
        returnedAt: ret.at,
        arrivedAt: state.arrivedAt,
        party: who,
        service: serviceInfo(service),
        items: ret.missing.map((m) => {
          const item = service.requirements.find((r) => r.code === m.itemCode) ?? null;
          return { label: item?.label ?? m.label, reason: MISSING_REASON_LABEL[m.reason], bring: whatToBring(item, m) };
        }),
        note: ret.note,
        officerName: (ret.by && names.get(ret.by)) || '(petugas)',
        counterHours: describeCounterHours(weekHoursOn(calendar, witaIsoDate(ret.at))),
        meta,
      };
    }
    case 'rejection': {
      const outcome = desk.outcome;
      if (!outcome || outcome.kind !== 'rejected') throw new AppError('invalid_state', 'Surat penolakan hanya tersedia untuk permohonan yang ditolak.');
      const names = await userNames(app.db, outcome.by ? [outcome.by] : []);
      const letterNo = state.receiptNo?.startsWith('TT-') ? `TP-${state.receiptNo.slice(3)}` : `TP-${state.id.slice(-12).toUpperCase()}`;
      return {
        kind: 'rejection',
        office,
        letterNo,
        receiptNo: state.receiptNo,
        receivedAt: state.handedOverAt,
        rejectedAt: outcome.at,
        party: who,
        service: serviceInfo(service),
        reason: outcome.note ?? '(alasan tidak dicatat)',
        officerName: (outcome.by && names.get(outcome.by)) || '(petugas)',
        officerRole: state.handedOverTo ?? service.handlerRole,
        officerRoleLabel: unitOf(v.catalogue, state.handedOverTo ?? service.handlerRole).name,
        meta,
      };
    }
    default: {
      const never: never = kind;
      throw new AppError('invalid_input', `Jenis dokumen tidak dikenal: ${String(never)}`);
    }
  }
}

/** File name for a saved document: "tanda-terima-TT-20261126-4F2A9C-007-a4.pdf". */
export function documentFileName(data: PrintData, layout: string): string {
  const base =
    data.kind === 'receipt'
      ? `tanda-terima-${data.receiptNo}`
      : data.kind === 'return_slip'
        ? `kekurangan-berkas-${witaIsoDate(data.returnedAt)}-${data.returnNo}`
        : `surat-penolakan-${data.letterNo}`;
  return `${base.replace(/[^A-Za-z0-9._-]+/g, '-')}-${layout}.pdf`;
}

/**
 * The queue number the visitor held when the file was handed over (issue 16): the newest ticket taken before
 * the handover (a visit resumed on a later day has one ticket per day); null when the office gives no numbers.
 */
async function queueLabelAt(app: AppContext, visitId: string, at: number): Promise<string | null> {
  const tickets = await ticketsOfVisit(app.db, visitId);
  return (tickets.find((t) => t.issuedAt <= at) ?? tickets[0])?.label ?? null;
}
