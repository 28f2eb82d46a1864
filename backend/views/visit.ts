/** Assembles the VisitDetail the screens show, from projection rows and the visit's folded state. */
import { unitOf, unitPhrase } from '../../domain/catalogue/units';
import type { OutputOf, PersonSummary, VendorSummary, VisitRow } from '../../contract/api';
import { AppError } from '../../contract/result';
import type { VisitState } from '../../domain/aggregates/visit';
import type { Catalogue, ServiceDefinition } from '../../domain/catalogue/types';
import { applicableItems, judgeItem } from '../../domain/checklist';
import type { Kysely } from 'kysely';
import { loadAggregate, type AggregateSnapshot } from '../../db/event-store';
import type { DB } from '../../db/schema';
import type { StoredEvent } from '../../domain/events/schema';
import { ownedConnection, prepared } from '../../db/prepared';
import { visitRow } from '../../db/projections';
import { userNames, type PersonRow, type VendorRow, type VisitDbRow } from '../../db/queries';
import { formatNpwp, formatPhoneNational } from '../../domain/validation';
import type { AppContext, CallContext } from '../context';
import { findService, loadCatalogue } from './catalogue';
import { DESK_EVENT_LABEL, deskTimelineSummary } from './desk-labels';
import { witaIsoDate } from '../../domain/time/wita';
import { deskOf } from '../../domain/aggregates/visit-desk';
import { calendarHistory, changesAffecting, type CalendarChange } from './calendar-history';
import { canSeePersonalData, maskNik, maskPhone } from '../../domain/personal-data';
import { PRINT_KIND_LABEL, type PrintKind } from '../../domain/events/print-report';
import { layoutSpec, type PrintLayout } from '../../print/layouts';

const personById = prepared((db, p: { id: string }) => db.selectFrom('persons').selectAll().where('id', '=', p.id));
const vendorById = prepared((db, p: { id: string }) => db.selectFrom('vendors').selectAll().where('id', '=', p.id));


export function toVendorSummary(v: VendorRow): VendorSummary {
  return {
    id: v.id,
    name: v.name,
    legalForm: v.legal_form as VendorSummary['legalForm'],
    npwp: v.npwp,
    npwpFormatted: v.npwp ? formatNpwp(v.npwp) : null,
    address: v.address,
    email: v.email,
    phone: v.phone ? formatPhoneNational(v.phone) : null,
    leaderName: v.leader_name,
    spseUserId: v.spse_user_id ?? null,
    spseUserState: (v.spse_user_state as VendorSummary['spseUserState']) ?? null,
  };
}

export function toPersonSummary(p: PersonRow, companyName: string | null, fullData: boolean): PersonSummary {
  return {
    id: p.id,
    name: p.name,
    nik: fullData ? p.nik : maskNik(p.nik),
    phone: p.phone ? (fullData ? formatPhoneNational(p.phone) : maskPhone(p.phone)) : null,
    email: p.email,
    vendorId: p.vendor_id,
    companyName,
  };
}

export function toVisitRow(v: VisitDbRow, catalogue: Catalogue | null): VisitRow {
  return {
    id: v.id,
    day: v.day,
    arrivedAt: v.arrived_at,
    visitorName: v.visitor_name,
    companyName: v.company_name,
    visitorRole: v.visitor_role as VisitRow['visitorRole'],
    serviceCode: v.service_code,
    serviceName: v.service_code && catalogue ? (findService(catalogue, v.service_code)?.shortName ?? v.service_code) : null,
    purposeNote: v.purpose_note,
    status: v.status as VisitRow['status'],
    returnedCount: v.returned_count,
    handedOverAt: v.handed_over_at,
    handedOverTo: v.handed_over_to,
    handedOverToName: v.handed_over_to ? unitOf(catalogue, v.handed_over_to).name : null,
    receiptNo: v.receipt_no,
    discretion: v.discretion === 1,
  };
}

const TIMELINE_LABEL: Record<string, string> = {
  'visit.registered': 'Dicatat di buku tamu',
  'visit.checklist_started': 'Pemeriksaan berkas dimulai',
  'visit.item_marked': 'Persyaratan diperiksa',
  'visit.returned': 'Berkas dikembalikan (tidak lengkap)',
  'visit.resumed': 'Pemeriksaan dilanjutkan',
  'visit.handed_over': 'Berkas diserahkan',
  'visit.closed': 'Kunjungan selesai',
  ...DESK_EVENT_LABEL,
};

/** The visit screen's wording of an event type (the person's copy of their data uses it too); undefined when none. */
export function timelineLabel(type: string): string | undefined {
  return TIMELINE_LABEL[type];
}

/** Everything the visit screen shows, read on one connection or inside one transaction. */
export interface VisitDetailSources {
  state: VisitState;
  row: VisitDbRow;
  catalogue: Catalogue;
  person: PersonRow;
  vendor: VendorRow | undefined;
  events: readonly StoredEvent[];
  names: Map<string, string>;
  /** Calendar changes since the handover (for a handed-over visit; empty otherwise). */
  calendarChanges: readonly CalendarChange[];
  /** Stores the events read into the cache; call it once the reading transaction has committed. */
  keepEvents: () => void;
}

/**
 * Reads what `composeVisitDetail` needs. `db` is the caller's transaction or held connection, never app.db
 * from inside one (it would wait for the held connection forever). `snapshot` is the visit's state when
 * the caller has it (an action that just folded its event, in this same transaction).
 */
export async function readVisitDetail(app: AppContext, db: Kysely<DB>, visitId: string, snapshot?: AggregateSnapshot<'visit'> | null): Promise<VisitDetailSources> {
  const current = snapshot ?? (await loadAggregate<'visit'>(db, visitId, app.snapshotCache));
  // An id of another aggregate (a person, a company) is not a visit.
  const state = current?.type === 'visit' ? current.state : null;
  if (!state) throw new AppError('not_found', 'Kunjungan tidak ditemukan.');
  // The same function writes the `visits` row, so the row built here is the row stored.
  const row: VisitDbRow = { id: visitId, ...visitRow(state) };
  const catalogue = await loadCatalogue(app, row.catalogue_version, db);
  const person = await personById.first(db, { id: row.person_id });
  const vendor = row.vendor_id ? await vendorById.first(db, { id: row.vendor_id }) : undefined;
  if (!person) throw new AppError('not_found', 'Data pemohon tidak ditemukan.');
  const history = await app.eventCache.read(db, visitId);
  const names = await userNames(db, [...history.events.map((e) => e.actorId ?? ''), ...state.returns.map((r) => r.by ?? '')].filter(Boolean));
  // Only a handed-over file has a deadline a calendar change can move (the checklist ticks skip this read).
  const calendarChanges = state.handedOverAt !== null ? await calendarHistory(app, db) : [];
  return { state, row, catalogue, person, vendor, events: history.events, names, calendarChanges, keepEvents: history.keep };
}

/** The visit as the screens show it, read on one held connection. */
export async function buildVisitDetail(ctx: CallContext, visitId: string): Promise<OutputOf<'visits.get'>> {
  const { app } = ctx;
  const sources = await ownedConnection(app.db, app.sqlite, (c) => readVisitDetail(app, c, visitId));
  sources.keepEvents();
  return composeVisitDetail(ctx, sources);
}

/** Builds the answer from what was read (no I/O). */
export function composeVisitDetail(ctx: CallContext, sources: VisitDetailSources): OutputOf<'visits.get'> {
  const { app } = ctx;
  const { state, row, catalogue, person, vendor, events, names, calendarChanges } = sources;
  const service = row.service_code ? (findService(catalogue, row.service_code) ?? null) : null;
  const today = witaIsoDate(app.now());

  const items = service ? applicableItems(service, state.visitorRole) : [];
  const checklist = items.map((item) => {
    const mark = state.marks[item.code];
    const verdict = judgeItem(item, mark, today);
    return {
      code: item.code,
      label: item.label,
      description: item.description,
      original: item.original,
      copyRequired: item.copyRequired,
      mustBeValid: item.mustBeValid,
      needsMeterai: item.needsMeterai,
      proxyOnly: item.proxyOnly,
      signedByLeader: item.signedByLeader,
      mark: mark
        ? {
            originalSeen: mark.originalSeen,
            copyReceived: mark.copyReceived,
            validUntil: mark.validUntil,
            noExpiry: mark.noExpiry === true,
            meteraiOk: mark.meteraiOk,
            notBrought: mark.notBrought,
            note: mark.note,
            at: mark.at,
            by: mark.by,
          }
        : null,
      verdict: verdict.ok ? ('ok' as const) : verdict.reason,
    };
  });
  const satisfied = checklist.filter((c) => c.verdict === 'ok').length;

  const timeline = timelineOf(events, names, service, (code) => unitPhrase(code, unitOf(catalogue, code).name));
  // Calendar changes recorded after the handover that touch a day of this file's span: its deadline may
  // have moved, so its history says so (issue 9).
  if (state.handedOverAt !== null && calendarChanges.length > 0) {
    const end = Math.max(deskOf(state).outcome?.at ?? app.now(), state.promisedDueAt ?? 0);
    for (const c of changesAffecting(calendarChanges, state.handedOverAt, witaIsoDate(state.handedOverAt), witaIsoDate(end))) {
      timeline.push({ at: c.at, type: 'calendar.changed', actorName: c.byName, summary: `Kalender kerja diubah: ${c.summary}${c.reason ? ` — alasan: ${c.reason}` : ''}` });
    }
    timeline.sort((a, b) => a.at - b.at);
  }

  return {
    visit: toVisitRow(row, catalogue),
    person: toPersonSummary(person, row.company_name, canSeePersonalData(ctx.session?.roles)),
    vendor: vendor ? toVendorSummary(vendor) : null,
    service: service
      ? {
          code: service.code,
          number: service.number,
          name: service.name,
          timeLimitText: service.timeLimit.text,
          handlerRole: service.handlerRole,
          handlerName: unitOf(catalogue, service.handlerRole).name,
          catalogueVersion: row.catalogue_version,
          procedure: service.procedure,
          serviceGuarantee: service.serviceGuarantee,
          product: service.product,
          fee: service.fee,
        }
      : null,
    checklist,
    summary: { total: checklist.length, satisfied, complete: service !== null && satisfied === checklist.length },
    returns: state.returns.map((r) => ({ at: r.at, byName: r.by ? (names.get(r.by) ?? null) : null, note: r.note, missing: r.missing })),
    timeline,
    receiptConflicts: (state.extraHandovers ?? []).map((h) => ({ receiptNo: h.receiptNo, at: h.at, byName: h.by ? (names.get(h.by) ?? null) : null })),
    privacyNoticeAt: state.privacyNoticeAt ?? null,
  };
}

/**
 * A visit's history as people read it: one line per step, in words. A run of checklist marks by one officer
 * with nothing else between (ticking a file through, changing one's mind on an item) is one line naming the
 * items as they were left; a print names the document, the paper and whether it was a reprint.
 */
function timelineOf(events: readonly StoredEvent[], names: Map<string, string>, service: ServiceDefinition | null, unitWords: (code: string) => string): OutputOf<'visits.get'>['timeline'] {
  const out: OutputOf<'visits.get'>['timeline'] = [];
  const printed = new Map<string, number>();
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const actorName = e.actorId ? (names.get(e.actorId) ?? null) : null;
    if (e.type === 'visit.item_marked') {
      // The run: this mark and the marks by the same officer right after it.
      const marks = new Map<string, boolean>();
      let j = i;
      for (; j < events.length && events[j]!.type === 'visit.item_marked' && events[j]!.actorId === e.actorId; j++) {
        const p = events[j]!.payload as Record<string, unknown>;
        if (typeof p.itemCode !== 'string') continue;
        marks.delete(p.itemCode); // listed where it was last touched
        marks.set(p.itemCode, p.notBrought === true);
      }
      const labels = [...marks].map(([code, notBrought]) => `${service?.requirements.find((r) => r.code === code)?.label ?? code}${notBrought ? ' (tidak dibawa)' : ''}`);
      out.push({ at: events[j - 1]!.recordedAt, type: e.type, actorName, summary: `${TIMELINE_LABEL[e.type]}: ${labels.join(', ')}` });
      i = j - 1;
      continue;
    }
    if (e.type === 'document.printed') {
      const p = e.payload as { kind?: PrintKind; layout?: PrintLayout; output?: string; returnNo?: number | null; printer?: string | null };
      const kind = p.kind ?? 'receipt';
      const key = `${kind}:${p.returnNo ?? ''}`;
      const copy = (printed.get(key) ?? 0) + 1;
      printed.set(key, copy);
      const what = `${PRINT_KIND_LABEL[kind] ?? kind}${kind === 'return_slip' && p.returnNo ? ` (pengembalian ke-${p.returnNo})` : ''}`;
      const how = p.output === 'pdf' ? 'disimpan sebagai PDF' : p.printer ? `dicetak ke ${p.printer}` : 'dicetak';
      out.push({ at: e.recordedAt, type: e.type, actorName, summary: `${what} ${how} (${p.layout ? layoutSpec(p.layout).label : '–'})${copy > 1 ? `, cetakan ke-${copy}` : ''}` });
      continue;
    }
    out.push({ at: e.recordedAt, type: e.type, actorName, summary: timelineSummary(e.type, e.payload, service, unitWords) });
  }
  return out;
}

function timelineSummary(type: string, payload: unknown, service: ServiceDefinition | null, unitWords: (code: string) => string): string {
  const base = TIMELINE_LABEL[type] ?? type;
  const p = payload as Record<string, unknown>;
  const desk = deskTimelineSummary(type, p, base, unitWords);
  if (desk) return desk;
  if (type === 'visit.item_marked' && typeof p.itemCode === 'string') {
    const label = service?.requirements.find((r) => r.code === p.itemCode)?.label ?? p.itemCode;
    return `${base}: ${label}${p.notBrought ? ' (tidak dibawa)' : ''}`;
  }
  if (type === 'visit.handed_over') return `${base} ke ${unitWords(String(p.to))} (tanda terima ${String(p.receiptNo)})`;
  if (type === 'visit.returned' && Array.isArray(p.missing)) return `${base}: ${p.missing.length} persyaratan kurang`;
  return base;
}

