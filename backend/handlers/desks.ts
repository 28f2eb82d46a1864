/**
 * The verifier's and the system admin's desks: the queue, claiming a file, pauses, LKPP and the outcome;
 * the service clock of any visit; the supervisor's discretion (Perwali Pasal 6).
 *
 * The handlers check what the local state allows and give a clear message; the reducer stays the authority
 * when events from other workstations arrive later (first claim / first outcome in fold order wins, the rest
 * is kept and shown, see domain/aggregates/visit-desk.ts).
 */
import type { OutputOf, ParsedInputOf } from '../../contract/api';
import { AppError } from '../../contract/result';
import { loadAggregate, loadAggregateState } from '../../db/event-store';
import { pauseKindsOf } from '../../domain/catalogue/pauses';
import { witaDay } from '../../db/projections';
import { nextReceiptNo } from '../../db/numbering';
import { countOpenDesk, finishedDeskRows, openDeskRows, type QueueDbRow } from '../../db/queries-desk';
import type { VisitState } from '../../domain/aggregates/visit';
import { deskOf, isAfterHandover } from '../../domain/aggregates/visit-desk';
import { clockLimitOf } from '../../domain/catalogue/clock-rules';
import { summarizeChecklist } from '../../domain/checklist';
import { deviceTag } from '../../domain/numbering';
import { DAY_MS, witaDayStartMs } from '../../domain/time/wita';
import type { AppContext, AuthedCallContext } from '../context';
import { canWorkOn, deskAction } from '../desk-action';
import { aggregateAction } from '../record';
import { serviceOf } from '../views/catalogue';
import { buildDeskInfo, toQueueRows } from '../views/desk';
import { outagePauses } from '../views/outages';
import { clockSummaryOf, loadWorkCalendar, milestonesOfRow, promisedDeadline, withOutages } from '../views/service-clock';
import { holdsRole } from '../../domain/roles';
import type { NewEvent } from '../../db/event-store';
import { vendorChangesFor, vendorRecordKind } from '../../domain/vendor/service-record';
import { loadVendorState } from '../views/vendor-record';
import { knownUnit, knownUnits, unitOfVisit } from '../views/units';
import { deskTitleOf, SEEDED_UNITS } from '../../domain/catalogue/units';

async function requireState(app: AppContext, visitId: string): Promise<VisitState> {
  const s = await loadAggregate<'visit'>(app.db, visitId, app.snapshotCache);
  if (!s?.state || s.type !== 'visit') throw new AppError('not_found', 'Kunjungan tidak ditemukan.');
  return s.state;
}

const FINISHED = 'Layanan untuk berkas ini sudah selesai.';

export const deskHandlers = {
  async 'desk.units'(ctx: AuthedCallContext): Promise<OutputOf<'desk.units'>> {
    const units = await knownUnits(ctx.app);
    return {
      units: units.map((u) => ({
        code: u.code,
        name: u.name,
        title: deskTitleOf(u),
        roles: u.roles,
        canServe: canWorkOn(ctx.session.roles, u),
        seeded: SEEDED_UNITS.some((s) => s.code === u.code),
      })),
    };
  },

  async 'desk.queue'(ctx: AuthedCallContext, input: ParsedInputOf<'desk.queue'>): Promise<OutputOf<'desk.queue'>> {
    const { app, session } = ctx;
    const unit = await knownUnit(app, input.desk);
    if (!canWorkOn(session.roles, unit)) throw new AppError('forbidden', `Antrean ini untuk ${unit.name}.`);
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
    if (isAfterHandover(v.status) && !canWorkOn(ctx.session.roles, await unitOfVisit(ctx.app, v))) throw new AppError('forbidden', 'Berkas ini ditangani oleh meja lain.');
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
      clocks[r.id] = service ? clockSummaryOf(withOutages(milestonesOfRow(r), outages), clockLimitOf(service), cal, now, promised) : null;
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
    // The kinds of wait are the service's own (issue 14), from the catalogue version the visit started with;
    // the service and version of a visit never change, so reading them before the action is safe.
    const kind = input.kind ?? 'waiting_vendor';
    if (kind !== 'waiting_vendor') {
      const visit = await loadAggregateState<'visit'>(ctx.app.db, input.visitId);
      const { service } = visit ? await serviceOf(ctx.app, visit.catalogueVersion, visit.serviceCode) : { service: null };
      if (!pauseKindsOf(service).some((k) => k.code === kind)) {
        const m = `Jenis penundaan "${kind}" tidak tersedia untuk layanan ini.`;
        throw new AppError('invalid_input', m, [{ path: 'kind', message: m }]);
      }
    }
    return deskAction(ctx, input.visitId, { statuses: ['in_process'], statusMessage: 'Waktu layanan hanya dapat dihentikan saat berkas sedang diproses.' }, (v, now) => [
      { type: 'visit.pause_started', aggregateId: v.id, payload: { at: now, kind, note: input.note } },
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
      async (v, now, tx) => {
        const events: NewEvent[] = [{ type: 'visit.completed', aggregateId: v.id, payload: { at: now, note: input.note } }];
        // Issue 14: services 1–5 change the vendor's record (new e-mail, CV→PT, NPWP, SPSE User ID), recorded
        // on the vendor in the same transaction; the reducer keeps the old values in its history.
        const kind = vendorRecordKind(v.serviceCode);
        // The new value is the product of the service, so it is required: completing without it would leave
        // the vendor's record silently on the old data. Only a visit without a vendor record has nothing to update.
        if (kind && v.vendorId && (await loadVendorState(tx, v.vendorId))) {
          const r = vendorChangesFor(kind, input.vendorRecord ?? {});
          if (!r.ok) throw new AppError('invalid_input', r.message, [{ path: r.path, message: r.message }]);
          events.push({ type: 'vendor.service_applied', aggregateId: v.vendorId, payload: { visitId: v.id, serviceCode: v.serviceCode!, receiptNo: v.receiptNo, changes: r.changes } });
        }
        return events;
      },
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
