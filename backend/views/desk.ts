/**
 * The desk part of a visit and the desk queue's rows as the screens show them: names, the service clock as
 * of now (office-wide outages included), conflicts and the supervisor's discretion.
 */
import type { DeskInfo, DeskQueueRow } from '../../contract/desks';
import { userNames } from '../../db/queries';
import type { QueueDbRow } from '../../db/queries-desk';
import type { VisitState } from '../../domain/aggregates/visit';
import { deskOf } from '../../domain/aggregates/visit-desk';
import { clockLimitOf } from '../../domain/catalogue/clock-rules';
import type { Catalogue, ServiceDefinition } from '../../domain/catalogue/types';
import { pauseKindsOf, pauseLabel } from '../../domain/catalogue/pauses';
import { sentence } from '../../domain/sentence';
import type { WorkCalendar } from '../../domain/time/calendar';
import { visitStatusLabel as statusLabel } from '../../domain/visit-status';
import type { AppContext, CallContext } from '../context';
import { findService, loadCatalogue, serviceOf } from './catalogue';
import { DESK_EVENT_LABEL, DISRUPTION_LABEL } from './desk-labels';
import { listOutages, outagePauses } from './outages';
import { vendorRecordOf } from './vendor-record';
import { unitOfVisit } from './units';
import { canServeUnit } from '../../domain/catalogue/units';
import { clockSummary, clockView, loadWorkCalendar, milestonesOfRow, milestonesOfState, promisedOfState, withOutages } from './service-clock';

/** The desk part of a visit as the screens show it. */
export async function buildDeskInfo(ctx: CallContext, v: VisitState): Promise<DeskInfo> {
  const { app } = ctx;
  const d = deskOf(v);
  const { service } = await serviceOf(app, v.catalogueVersion, v.serviceCode);
  const ids = [
    d.claimedBy,
    d.discretionBy,
    d.outcome?.by,
    d.lkpp?.forwardedBy,
    ...d.claimConflicts.flatMap((c) => [c.by, c.ownerId]),
    ...d.pauses.map((p) => p.by),
    ...d.notes.map((n) => n.by),
    ...d.ignored.map((i) => i.by),
  ].filter((x): x is string => !!x);
  const outages = v.handedOverAt !== null ? (await listOutages(app.db)).filter((o) => o.to === null || o.to > v.handedOverAt!) : [];
  const names = await userNames(app.db, [...ids, ...(d.disruptions ?? []).map((x) => x.by ?? ''), ...outages.map((o) => o.declaredBy ?? '')].filter(Boolean));
  const nameOf = (id: string | null | undefined) => (id ? (names.get(id) ?? 'Petugas tidak dikenal') : null);
  const losers = d.claimConflicts.filter((c) => c.by !== d.claimedBy);
  const now = app.now();
  const cal = service ? await loadWorkCalendar(app) : null;
  const limit = service ? clockLimitOf(service) : null;
  const finishedAt = d.outcome?.at ?? null;
  const excused = new Set(limit?.excusedDisruptions ?? []);
  const to = v.handedOverTo;
  const unit = await unitOfVisit(app, v);
  return {
    visitId: v.id,
    status: v.status,
    statusLabel: v.status === 'waiting_vendor' ? openPauseLabel(service, d.pauses) ?? statusLabel(v.status, to) : statusLabel(v.status, to),
    handedOverTo: to,
    handedOverToName: unit?.name ?? null,
    canWork: unit !== null && canServeUnit(ctx.session?.roles ?? [], unit),
    serviceCode: v.serviceCode,
    serviceName: service?.shortName ?? null,
    lkppAllowed: service?.timeLimit.externalWaitExcluded ?? false,
    claimedBy: d.claimedBy ? { id: d.claimedBy, name: nameOf(d.claimedBy)! } : null,
    claimedAt: d.claimedAt,
    mine: !!ctx.session && d.claimedBy === ctx.session.userId,
    conflictMessage:
      losers.length > 0 && (d.claimedBy || losers[0]!.ownerId)
        ? `${sentence(`Berkas ini sudah diambil oleh ${nameOf(d.claimedBy ?? losers[0]!.ownerId)}`)} Pengambilan oleh ${[...new Set(losers.map((l) => nameOf(l.by)))].join(', ')} tidak berlaku.`
        : null,
    claimConflicts: losers.map((c) => ({ byName: nameOf(c.by), at: c.at, ownerName: nameOf(c.ownerId) })),
    pauses: d.pauses.map((p) => ({ from: p.from, to: p.to, kind: p.kind, kindLabel: pauseLabel(service, p.kind), byName: nameOf(p.by), note: p.note })),
    pauseKinds: pauseKindsOf(service).map((k) => ({ code: k.code, label: k.label })),
    notes: d.notes.map((n) => ({ at: n.at, byName: nameOf(n.by), text: n.text })),
    outcome: d.outcome ? { kind: d.outcome.kind, at: d.outcome.at, byName: nameOf(d.outcome.by), note: d.outcome.note, viaLkpp: d.outcome.viaLkpp } : null,
    lkpp: d.lkpp
      ? {
          forwardedAt: d.lkpp.forwardedAt,
          forwardedByName: nameOf(d.lkpp.forwardedBy),
          note: d.lkpp.note,
          ticketNo: d.lkpp.ticketNo,
          closedAt: d.lkpp.closedAt,
          result: d.lkpp.result,
          resultNote: d.lkpp.resultNote,
        }
      : null,
    discretion:
      v.discretionItems.length > 0
        ? {
            items: v.discretionItems.map((code) => ({ code, label: service?.requirements.find((r) => r.code === code)?.label ?? code })),
            reason: d.discretionReason,
            byName: nameOf(d.discretionBy),
          }
        : null,
    ignored: d.ignored.map((i) => ({ type: i.type, label: DESK_EVENT_LABEL[i.type] ?? i.type, byName: nameOf(i.by), at: i.at })),
    excusable: excused.size > 0,
    disruptions: [
      ...(d.disruptions ?? []).map((x) => ({ from: x.from, to: x.to, kind: x.kind, kindLabel: DISRUPTION_LABEL[x.kind]!, reason: x.reason, byName: nameOf(x.by), at: x.at, scope: 'file' as const, excused: excused.has(x.kind) })),
      ...outages
        .filter((o) => finishedAt === null || o.from < finishedAt)
        .map((o) => ({ from: o.from, to: o.to, kind: o.kind, kindLabel: DISRUPTION_LABEL[o.kind]!, reason: o.reason, byName: nameOf(o.declaredBy), at: o.declaredAt, scope: 'office' as const, excused: excused.has(o.kind) })),
    ].sort((a, b) => a.from - b.from),
    clock: service && cal && limit ? withPauseLabel(clockView(withOutages(milestonesOfState(v), await outagePauses(app.db)), limit, cal, now, promisedOfState(v)), service, d.pauses) : null,
    vendorRecord: await vendorRecordOf(app, v),
  };
}

/** The label of the open pause when its kind is the service's own, else null (the status label stands). */
function openPauseLabel(service: ServiceDefinition | null, pauses: readonly { to: number | null; kind: string }[]): string | null {
  const open = pauses.find((p) => p.to === null);
  return open && open.kind !== 'waiting_vendor' && open.kind !== 'external_lkpp' ? pauseLabel(service, open.kind) : null;
}

/** Names the open pause by its own kind when the service defines it (the clock counts it as a wait for the vendor). */
function withPauseLabel<C extends { activePause: string | null; activePauseLabel?: string | null | undefined }>(clock: C, service: ServiceDefinition | null, pauses: readonly { to: number | null; kind: string }[]): C {
  const open = pauses.find((p) => p.to === null);
  if (!open || clock.activePause !== 'waiting_vendor' || open.kind === 'waiting_vendor') return clock;
  return { ...clock, activePauseLabel: pauseLabel(service, open.kind) };
}

/** Queue rows from projection rows: one calendar, catalogues cached, clocks as of now. */
export async function toQueueRows(app: AppContext, rows: QueueDbRow[], cal: WorkCalendar, now: number): Promise<DeskQueueRow[]> {
  const names = await userNames(app.db, rows.map((r) => r.claimed_by).filter((x): x is string => !!x));
  const outages = await outagePauses(app.db);
  const catalogues = new Map<number, Catalogue>();
  for (const v of new Set(rows.map((r) => r.catalogue_version))) catalogues.set(v, await loadCatalogue(app, v));
  const out: DeskQueueRow[] = [];
  for (const r of rows) {
    const catalogue = catalogues.get(r.catalogue_version)!;
    const service = r.service_code ? (findService(catalogue, r.service_code) ?? null) : null;
    const pauses = r.pauses === '[]' ? [] : (JSON.parse(r.pauses) as { to: number | null; kind: string }[]);
    out.push({
      visitId: r.id,
      arrivedAt: r.arrived_at,
      handedOverAt: r.handed_over_at,
      handedOverTo: r.handed_over_to,
      status: r.status,
      statusLabel: r.status === 'waiting_vendor' ? openPauseLabel(service, pauses) ?? statusLabel(r.status, r.handed_over_to) : statusLabel(r.status, r.handed_over_to),
      visitorName: r.visitor_name,
      companyName: r.company_name,
      serviceCode: r.service_code,
      serviceName: service?.shortName ?? r.service_code,
      receiptNo: r.receipt_no,
      claimedBy: r.claimed_by ? { id: r.claimed_by, name: names.get(r.claimed_by) ?? 'Petugas tidak dikenal' } : null,
      claimConflict: r.claim_conflicts > 0,
      discretion: r.discretion === 1,
      outcomeAt: r.outcome_at,
      clock: service
        ? clockSummary(
            withPauseLabel(
              clockView(withOutages(milestonesOfRow(r), outages), clockLimitOf(service), cal, now, r.promised_due_at === null ? null : { dueAt: r.promised_due_at, provisional: false }),
              service,
              pauses,
            ),
          )
        : null,
    });
  }
  return out;
}
