/**
 * The verifier's and the system admin's desks: the queue, claiming a file, pauses, LKPP and the outcome;
 * the service clock of any visit; the supervisor's discretion (Perwali Pasal 6).
 *
 * The handlers check what the local state allows and give a clear message; the reducer stays the authority
 * when events from other workstations arrive later (first claim / first outcome in fold order wins, the rest
 * is kept and shown, see domain/aggregates/visit-desk.ts).
 */
import type { OutputOf, ParsedInputOf } from '../../contract/api';
import type { DeskInfo, DeskKind, DeskQueueRow } from '../../contract/desks';
import { AppError } from '../../contract/result';
import type { Transaction } from 'kysely';
import { loadAggregate, type Exec, type NewEvent } from '../../db/event-store';
import type { DB } from '../../db/schema';
import { witaDay } from '../../db/projections';
import { userNames } from '../../db/queries';
import { nextReceiptNo } from '../../db/numbering';
import { countOpenDesk, finishedDeskRows, openDeskRows, type QueueDbRow } from '../../db/queries-desk';
import type { VisitState } from '../../domain/aggregates/visit';
import { deskOf, isAfterHandover } from '../../domain/aggregates/visit-desk';
import type { Catalogue, ServiceDefinition } from '../../domain/catalogue/types';
import { summarizeChecklist } from '../../domain/checklist';
import type { Role } from '../../domain/events/schema';
import type { WorkCalendar } from '../../domain/time/calendar';
import { DAY_MS, witaDayStartMs } from '../../domain/time/wita';
import type { AppContext, AuthedCallContext, CallContext } from '../context';
import { aggregateAction } from '../record';
import { DESK_EVENT_LABEL } from '../desk-labels';
import { clockSummary, clockView, loadWorkCalendar, milestonesOfRow, milestonesOfState, promisedOfState, withOutages } from '../service-clock';
import { clockLimitOf } from '../../domain/catalogue/clock-rules';
import { listOutages, outagePauses } from '../outages';
import { DISRUPTION_LABEL } from '../desk-labels';
import { findService, loadCatalogue } from './visit-view';
import { deviceTag, promisedDeadline } from './visits';
import { visitStatusLabel as statusLabel } from '../../domain/visit-status';
import { sentence } from '../../domain/sentence';
import { holdsRole } from '../../domain/roles';

export { DESK_EVENT_LABEL };

function canWorkOn(roles: readonly Role[], to: DeskKind | null): boolean {
  if (holdsRole(roles, 'supervisor')) return true;
  return to !== null && roles.includes(to);
}

async function requireState(app: AppContext, visitId: string): Promise<VisitState> {
  const s = await loadAggregate<'visit'>(app.db, visitId, app.snapshotCache);
  if (!s?.state || s.type !== 'visit') throw new AppError('not_found', 'Kunjungan tidak ditemukan.');
  return s.state;
}

async function serviceOf(app: AppContext, catalogueVersion: number, code: string | null, db: Exec = app.db): Promise<{ catalogue: Catalogue; service: ServiceDefinition | null }> {
  const catalogue = await loadCatalogue(app, catalogueVersion, db);
  return { catalogue, service: code ? (findService(catalogue, code) ?? null) : null };
}

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
  return {
    visitId: v.id,
    status: v.status,
    statusLabel: statusLabel(v.status, to),
    handedOverTo: to,
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
    pauses: d.pauses.map((p) => ({ from: p.from, to: p.to, kind: p.kind, byName: nameOf(p.by), note: p.note })),
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
    clock: service && cal && limit ? clockView(withOutages(milestonesOfState(v), await outagePauses(app.db)), limit, cal, now, promisedOfState(v)) : null,
  };
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
    out.push({
      visitId: r.id,
      arrivedAt: r.arrived_at,
      handedOverAt: r.handed_over_at,
      handedOverTo: r.handed_over_to as DeskKind | null,
      status: r.status,
      statusLabel: statusLabel(r.status, r.handed_over_to),
      visitorName: r.visitor_name,
      companyName: r.company_name,
      serviceCode: r.service_code,
      serviceName: service?.shortName ?? r.service_code,
      receiptNo: r.receipt_no,
      claimedBy: r.claimed_by ? { id: r.claimed_by, name: names.get(r.claimed_by) ?? 'Petugas tidak dikenal' } : null,
      claimConflict: r.claim_conflicts > 0,
      discretion: r.discretion === 1,
      outcomeAt: r.outcome_at,
      clock: service ? clockSummary(clockView(withOutages(milestonesOfRow(r), outages), clockLimitOf(service), cal, now, r.promised_due_at === null ? null : { dueAt: r.promised_due_at, provisional: false })) : null,
    });
  }
  return out;
}

async function nameOfUser(db: Exec, id: string | null): Promise<string> {
  if (!id) return 'petugas lain';
  return (await userNames(db, [id])).get(id) ?? 'petugas lain';
}

export interface ActionCheck {
  /** Statuses in which the action makes sense, with the message otherwise. */
  statuses: VisitState['status'][];
  statusMessage: string;
  /** The caller must own the file (default true). */
  owner?: boolean;
  /** Refuse when someone else holds the file (claiming). */
  notClaimedByOther?: boolean;
}

/**
 * Runs a desk action: the visit must be at a desk the caller works at, in an allowed status, and (for most
 * actions) claimed by the caller. Records the events and returns the new desk info.
 */
export async function deskAction(
  ctx: AuthedCallContext,
  visitId: string,
  check: ActionCheck,
  events: (v: VisitState, now: number, tx: Transaction<DB>) => NewEvent[] | Promise<NewEvent[]>,
): Promise<DeskInfo> {
  const { app, session } = ctx;
  const { snapshot } = await aggregateAction(app, session.userId, visitId, {
    type: 'visit',
    notFound: () => new AppError('not_found', 'Kunjungan tidak ditemukan.'),
    decide: async (v, tx) => {
      if (!isAfterHandover(v.status)) throw new AppError('invalid_state', 'Berkas ini belum diserahkan oleh helpdesk.');
      if (!canWorkOn(session.roles, v.handedOverTo)) {
        throw new AppError('forbidden', v.handedOverTo === 'sysadmin' ? 'Berkas ini ditangani oleh admin sistem.' : 'Berkas ini ditangani oleh verifikator.');
      }
      const d = deskOf(v);
      if (check.notClaimedByOther && d.claimedBy && d.claimedBy !== session.userId) {
        throw new AppError('conflict', sentence(`Berkas ini sudah diambil oleh ${await nameOfUser(tx, d.claimedBy)}`));
      }
      if (check.owner !== false && d.claimedBy !== session.userId) {
        if (d.claimedBy) throw new AppError('conflict', sentence(`Berkas ini sudah diambil oleh ${await nameOfUser(tx, d.claimedBy)}`));
        if (v.status === 'handed_over') throw new AppError('invalid_state', 'Ambil berkas ini terlebih dahulu.');
      }
      if (!check.statuses.includes(v.status)) throw new AppError('invalid_state', check.statusMessage);
      return events(v, app.now(), tx);
    },
    read: () => null,
  });
  return buildDeskInfo(ctx, snapshot.state!);
}

const FINISHED = 'Layanan untuk berkas ini sudah selesai.';

export const deskHandlers = {
  async 'desk.queue'(ctx: AuthedCallContext, input: ParsedInputOf<'desk.queue'>): Promise<OutputOf<'desk.queue'>> {
    const { app, session } = ctx;
    if (!canWorkOn(session.roles, input.desk)) throw new AppError('forbidden', input.desk === 'sysadmin' ? 'Antrean ini untuk admin sistem.' : 'Antrean ini untuk verifikator.');
    const now = app.now();
    const cal = await loadWorkCalendar(app);
    let rows: QueueDbRow[];
    if (input.view === 'done_today') {
      const start = witaDayStartMs(witaDay(now));
      rows = await finishedDeskRows(app.db, input.desk, start, start + DAY_MS, input.limit);
    } else {
      rows = await openDeskRows(app.db, input.desk, { limit: input.limit, ...(input.view === 'mine' ? { claimedBy: session.userId } : {}) });
    }
    const out = await toQueueRows(app, rows, cal, now);
    // A page shorter than the limit already holds every open file: no need to count them again.
    const openCount = input.view === 'open' && rows.length < input.limit ? rows.length : await countOpenDesk(app.db, input.desk);
    // Overdue among the open files shown; when the queue is longer than the page, the oldest are shown first,
    // and they are the ones that run late first.
    const overdueCount = input.view === 'done_today' ? 0 : out.filter((r) => r.clock?.state === 'overdue').length;
    return { rows: out, openCount, overdueCount, asOf: now };
  },

  async 'desk.get'(ctx: AuthedCallContext, input: ParsedInputOf<'desk.get'>) {
    const v = await requireState(ctx.app, input.visitId);
    if (isAfterHandover(v.status) && !canWorkOn(ctx.session.roles, v.handedOverTo)) throw new AppError('forbidden', 'Berkas ini ditangani oleh meja lain.');
    return buildDeskInfo(ctx, v);
  },

  async 'visits.deskInfo'(ctx: AuthedCallContext, input: ParsedInputOf<'visits.deskInfo'>) {
    return buildDeskInfo(ctx, await requireState(ctx.app, input.visitId));
  },

  async 'visits.clocks'(ctx: AuthedCallContext, input: ParsedInputOf<'visits.clocks'>) {
    const { app } = ctx;
    const now = app.now();
    const ids = [...new Set(input.visitIds)];
    const rows = ids.length ? await app.db.selectFrom('visits').selectAll().where('id', 'in', ids).execute() : [];
    const cal = await loadWorkCalendar(app);
    const outages = await outagePauses(app.db);
    const clocks: Record<string, OutputOf<'visits.clocks'>['clocks'][string]> = {};
    for (const id of ids) clocks[id] = null;
    for (const r of rows) {
      const { service } = await serviceOf(app, r.catalogue_version, r.service_code);
      const promised = r.promised_due_at === null ? null : { dueAt: r.promised_due_at, provisional: false };
      clocks[r.id] = service ? clockSummary(clockView(withOutages(milestonesOfRow(r), outages), clockLimitOf(service), cal, now, promised)) : null;
    }
    return { asOf: now, clocks };
  },

  async 'desk.claim'(ctx: AuthedCallContext, input: ParsedInputOf<'desk.claim'>) {
    return deskAction(ctx, input.visitId, { statuses: ['handed_over', 'in_process', 'waiting_vendor', 'at_lkpp'], statusMessage: FINISHED, owner: false, notClaimedByOther: true }, (v, now) =>
      deskOf(v).claimedBy === ctx.session.userId ? [] : [{ type: 'visit.claimed', aggregateId: v.id, payload: { at: now } }],
    );
  },

  async 'desk.release'(ctx: AuthedCallContext, input: ParsedInputOf<'desk.release'>) {
    // The supervisor may release someone else's claim (a verifier went home with a file claimed).
    const owner = !holdsRole(ctx.session.roles, 'supervisor');
    return deskAction(ctx, input.visitId, { statuses: ['in_process'], statusMessage: 'Hanya berkas yang sedang diproses yang dapat dikembalikan ke antrean.', owner }, (v, now) => [
      { type: 'visit.claim_released', aggregateId: v.id, payload: { at: now, note: input.note } },
    ]);
  },

  async 'desk.pause'(ctx: AuthedCallContext, input: ParsedInputOf<'desk.pause'>) {
    return deskAction(ctx, input.visitId, { statuses: ['in_process'], statusMessage: 'Waktu layanan hanya dapat dihentikan saat berkas sedang diproses.' }, (v, now) => [
      { type: 'visit.pause_started', aggregateId: v.id, payload: { at: now, kind: 'waiting_vendor', note: input.note } },
    ]);
  },

  async 'desk.resume'(ctx: AuthedCallContext, input: ParsedInputOf<'desk.resume'>) {
    return deskAction(ctx, input.visitId, { statuses: ['waiting_vendor'], statusMessage: 'Berkas ini tidak sedang menunggu penyedia.' }, (v, now) => [
      { type: 'visit.pause_ended', aggregateId: v.id, payload: { at: now } },
    ]);
  },

  async 'desk.forwardLkpp'(ctx: AuthedCallContext, input: ParsedInputOf<'desk.forwardLkpp'>) {
    return deskAction(ctx, input.visitId, { statuses: ['in_process', 'waiting_vendor'], statusMessage: 'Berkas ini tidak dapat diteruskan ke LKPP pada status saat ini.' }, async (v, now, tx) => {
      const { service } = await serviceOf(ctx.app, v.catalogueVersion, v.serviceCode, tx);
      if (!service?.timeLimit.externalWaitExcluded) throw new AppError('invalid_state', 'Layanan ini tidak diteruskan ke LKPP.');
      return [{ type: 'visit.forwarded_lkpp', aggregateId: v.id, payload: { at: now, note: input.note, ticketNo: input.ticketNo } }];
    });
  },

  async 'desk.lkppResult'(ctx: AuthedCallContext, input: ParsedInputOf<'desk.lkppResult'>) {
    return deskAction(ctx, input.visitId, { statuses: ['at_lkpp'], statusMessage: 'Berkas ini tidak sedang diteruskan ke LKPP.' }, (v, now) => [
      { type: 'visit.lkpp_closed', aggregateId: v.id, payload: { at: now, result: input.result, note: input.note } },
    ]);
  },

  async 'desk.complete'(ctx: AuthedCallContext, input: ParsedInputOf<'desk.complete'>) {
    return deskAction(
      ctx,
      input.visitId,
      { statuses: ['in_process', 'waiting_vendor'], statusMessage: 'Berkas ini tidak dapat diselesaikan pada status saat ini (berkas di LKPP: catat dahulu hasil dari LKPP).' },
      (v, now) => [{ type: 'visit.completed', aggregateId: v.id, payload: { at: now, note: input.note } }],
    );
  },

  async 'desk.reject'(ctx: AuthedCallContext, input: ParsedInputOf<'desk.reject'>) {
    return deskAction(ctx, input.visitId, { statuses: ['in_process', 'waiting_vendor'], statusMessage: 'Berkas ini tidak dapat ditolak pada status saat ini.' }, (v, now) => [
      { type: 'visit.rejected', aggregateId: v.id, payload: { at: now, reason: input.reason } },
    ]);
  },

  async 'desk.addNote'(ctx: AuthedCallContext, input: ParsedInputOf<'desk.addNote'>) {
    return deskAction(
      ctx,
      input.visitId,
      { statuses: ['handed_over', 'in_process', 'waiting_vendor', 'at_lkpp', 'completed', 'rejected'], statusMessage: FINISHED, owner: false },
      (v, now) => [{ type: 'visit.note_added', aggregateId: v.id, payload: { at: now, text: input.text } }],
    );
  },

  async 'visits.acceptWithDiscretion'(ctx: AuthedCallContext, input: ParsedInputOf<'visits.acceptWithDiscretion'>) {
    const { app } = ctx;
    const calendar = await loadWorkCalendar(app);
    const { snapshot } = await aggregateAction(app, ctx.session.userId, input.visitId, {
      type: 'visit',
      notFound: () => new AppError('not_found', 'Kunjungan tidak ditemukan.'),
      decide: async (v, tx) => {
        if (v.status !== 'checking') {
          throw new AppError(
            'invalid_state',
            v.status === 'returned' ? 'Berkas sudah dikembalikan. Lanjutkan pemeriksaan terlebih dahulu.' : 'Diskresi hanya dapat diberikan pada berkas yang sedang diperiksa.',
          );
        }
        const { service } = await serviceOf(app, v.catalogueVersion, v.serviceCode, tx);
        if (!service) throw new AppError('invalid_state', 'Kunjungan ini tidak memiliki layanan dengan daftar persyaratan.');
        const now = app.now();
        const summary = summarizeChecklist(service, v.visitorRole, v.marks, witaDay(now));
        if (summary.complete) throw new AppError('invalid_state', 'Berkas sudah lengkap: serahkan berkas seperti biasa, tanpa diskresi.');
        const receiptNo = await nextReceiptNo(tx, witaDay(now).replace(/-/g, ''), deviceTag(app.deviceId));
        return [
          {
            type: 'visit.handed_over',
            aggregateId: v.id,
            payload: {
              at: now,
              to: service.handlerRole,
              receiptNo,
              discretionItems: summary.missing.map((m) => m.itemCode),
              discretionReason: input.reason,
              ...promisedDeadline(v, now, service, calendar),
            },
          },
        ];
      },
      read: () => null,
    });
    return buildDeskInfo(ctx, snapshot.state!);
  },
};
