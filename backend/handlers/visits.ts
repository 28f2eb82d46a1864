import type { Transaction } from 'kysely';
import type { OutputOf, ParsedInputOf } from '../../contract/api';
import { AppError } from '../../contract/result';
import { loadAggregateState, type NewEvent } from '../../db/event-store';
import type { DB } from '../../db/schema';
import type { VisitState } from '../../domain/aggregates/visit';
import { activeCatalogueVersion, countVisitsByStatus, listVisits } from '../../db/queries';
import { nextReceiptNo } from '../../db/numbering';
import { witaDay } from '../../db/projections';
import { summarizeChecklist } from '../../domain/checklist';
import { uuidv7 } from '../../domain/events/uuidv7';
import { validateNpwp } from '../../domain/validation';
import type { AuthedCallContext } from '../context';
import { aggregateAction, recordEventsIn } from '../record';
import { findService, loadCatalogue, serviceOf } from '../views/catalogue';
import { buildVisitDetail, composeVisitDetail, readVisitDetail, toVisitRow } from '../views/visit';
import { loadWorkCalendar, promisedDeadline } from '../views/service-clock';
import { deviceTag } from '../../domain/numbering';
import { statusesOf } from '../../domain/visit-status';
import { ticketEventsForRegistration, ticketEventsForResume } from '../queue/tickets';

function stateError(message: string): AppError {
  return new AppError('invalid_state', message);
}

/** One action on a visit (see `aggregateAction`); the answer is the visit as this action left it. */
async function visitAction(
  ctx: AuthedCallContext,
  visitId: string,
  decide: (v: VisitState, tx: Transaction<DB>) => NewEvent[] | Promise<NewEvent[]>,
): Promise<OutputOf<'visits.get'>> {
  const { app } = ctx;
  const { answer: sources } = await aggregateAction(app, ctx.session.userId, visitId, {
    type: 'visit',
    notFound: () => new AppError('not_found', 'Kunjungan tidak ditemukan.'),
    decide,
    read: (snapshot, tx) => readVisitDetail(app, tx, visitId, snapshot),
  });
  sources.keepEvents(); // committed: the events read may now be cached
  return composeVisitDetail(ctx, sources);
}

export const visitHandlers = {
  async 'visits.register'(ctx: AuthedCallContext, input: ParsedInputOf<'visits.register'>) {
    const { app } = ctx;
    const version = await activeCatalogueVersion(app.db, witaDay(app.now()));
    const catalogue = await loadCatalogue(app, version);
    if (input.serviceCode !== null) {
      const service = findService(catalogue, input.serviceCode);
      if (!service || !service.active) {
        throw new AppError('invalid_input', 'Layanan yang dipilih tidak tersedia.', [{ path: 'serviceCode', message: 'Pilih layanan dari daftar.' }]);
      }
    }
    const warnings: { path: string; message: string }[] = [];
    if (input.company?.npwp) {
      const r = validateNpwp(input.company.npwp);
      for (const w of r.warnings) warnings.push({ path: 'company.npwp', message: w.message });
    }

    const now = app.now();
    const visitId = uuidv7(now);
    await app.db.transaction().execute(async (tx) => {
      const events: NewEvent[] = [];
      let vendorId: string | null = null;
      if (input.company) {
        const c = input.company;
        const fields = { name: c.name, legalForm: c.legalForm, npwp: c.npwp, address: c.address, email: c.email, phone: c.phone, leaderName: c.leaderName };
        if (c.id) {
          const existing = await tx.selectFrom('vendors').select('id').where('id', '=', c.id).executeTakeFirst();
          if (!existing) throw new AppError('not_found', 'Data perusahaan yang dipilih tidak ditemukan.');
          vendorId = c.id;
          const prev = await loadAggregateState<'vendor'>(tx, c.id);
          const changed = prev ? diff(prev, fields) : fields;
          if (Object.keys(changed).length > 0) events.push({ type: 'vendor.updated', aggregateId: c.id, payload: changed });
        } else {
          if (c.npwp) {
            const dup = await tx.selectFrom('vendors').select('name').where('npwp', '=', c.npwp).executeTakeFirst();
            if (dup) {
              throw new AppError('conflict', `NPWP ini sudah terdaftar atas nama ${dup.name}. Pilih perusahaan tersebut dari hasil pencarian.`, [
                { path: 'company.npwp', message: 'NPWP sudah terdaftar. Gunakan pencarian untuk memilih perusahaan.' },
              ]);
            }
          }
          vendorId = uuidv7(now);
          events.push({ type: 'vendor.registered', aggregateId: vendorId, payload: fields });
        }
      }
      const p = input.person;
      const personFields = { name: p.name, nik: p.nik, phone: p.phone, email: p.email, vendorId };
      let personId: string;
      if (p.id) {
        const prev = await loadAggregateState<'person'>(tx, p.id);
        if (!prev) throw new AppError('not_found', 'Data pemohon yang dipilih tidak ditemukan.');
        personId = p.id;
        const changed = diff(prev, personFields);
        if (Object.keys(changed).length > 0) events.push({ type: 'person.updated', aggregateId: personId, payload: changed });
      } else {
        personId = uuidv7(now);
        events.push({ type: 'person.registered', aggregateId: personId, payload: personFields });
      }
      events.push({
        type: 'visit.registered',
        aggregateId: visitId,
        payload: {
          arrivedAt: now,
          personId,
          vendorId,
          visitorRole: input.visitorRole,
          serviceCode: input.serviceCode,
          purposeNote: input.purposeNote,
          catalogueVersion: version,
          visitorName: p.name,
          companyName: input.company?.name ?? null,
          // The contract accepts a registration only with the notice confirmed (privacyNoticeShown: true).
          privacyNoticeAt: now,
        },
      });
      // The visitor's queue number for the day, recorded with the visit (issue 16; backend/queue/tickets.ts).
      const queue = await ticketEventsForRegistration(tx, app, { visitId, personId, serviceCode: input.serviceCode, at: now });
      events.push(...queue.events);
      if (queue.note) warnings.push({ path: 'queue', message: queue.note.message });
      await recordEventsIn(tx, app, ctx.session.userId, events);
    });
    return { visit: await buildVisitDetail(ctx, visitId), warnings };
  },

  async 'visits.list'(ctx: AuthedCallContext, input: ParsedInputOf<'visits.list'>) {
    const day = input.day ?? witaDay(ctx.app.now());
    const rows = await listVisits(ctx.app.db, {
      day,
      anyDay: input.anyDay,
      status: input.status,
      ...(input.stage ? { statuses: statusesOf(input.stage) } : {}),
      query: input.query,
      limit: input.limit,
    });
    const versions = [...new Set(rows.map((r) => r.catalogue_version))];
    const catalogues = new Map(await Promise.all(versions.map(async (v) => [v, await loadCatalogue(ctx.app, v)] as const)));
    return {
      day,
      rows: rows.map((r) => toVisitRow(r, catalogues.get(r.catalogue_version) ?? null)),
      countsByStatus: await countVisitsByStatus(ctx.app.db, day),
    };
  },

  async 'visits.get'(ctx: AuthedCallContext, input: ParsedInputOf<'visits.get'>) {
    return buildVisitDetail(ctx, input.visitId);
  },

  async 'visits.startChecklist'(ctx: AuthedCallContext, input: ParsedInputOf<'visits.startChecklist'>) {
    return visitAction(ctx, input.visitId, (v) => {
      if (!v.serviceCode) throw stateError('Kunjungan ini tidak memiliki layanan dengan daftar persyaratan.');
      return v.status === 'registered' ? [{ type: 'visit.checklist_started', aggregateId: v.id, payload: { at: ctx.app.now() } }] : [];
    });
  },

  async 'visits.markItem'(ctx: AuthedCallContext, input: ParsedInputOf<'visits.markItem'>) {
    // `noExpiry` is written only when true, so a tick's payload stays as before for every other document.
    const { visitId, noExpiry, ...rest } = input;
    const mark = noExpiry ? { ...rest, noExpiry: true } : rest;
    return visitAction(ctx, visitId, async (v, tx) => {
      if (v.status !== 'registered' && v.status !== 'checking') {
        throw stateError(v.status === 'returned' ? 'Berkas sudah dikembalikan. Lanjutkan pemeriksaan terlebih dahulu.' : 'Pemeriksaan berkas ini sudah selesai.');
      }
      const service = (await serviceOf(ctx.app, v.catalogueVersion, v.serviceCode, tx)).service;
      const item = service?.requirements.find((r) => r.code === input.itemCode);
      if (!service || !item || (item.proxyOnly && v.visitorRole !== 'proxy')) {
        throw new AppError('invalid_input', 'Persyaratan ini tidak berlaku untuk layanan tersebut.', [{ path: 'itemCode', message: 'Persyaratan tidak dikenal.' }]);
      }
      if (noExpiry && !item.mustBeValid) {
        throw new AppError('invalid_input', 'Persyaratan ini tidak memerlukan masa berlaku.', [{ path: 'noExpiry', message: 'Hanya untuk dokumen yang harus masih berlaku.' }]);
      }
      if (input.notBrought && (input.originalSeen || input.copyReceived || input.meteraiOk)) {
        throw new AppError('invalid_input', 'Dokumen yang ditandai "tidak dibawa" tidak dapat sekaligus ditandai diterima.', [
          { path: 'notBrought', message: 'Pilih salah satu: tidak dibawa, atau tandai dokumen yang diterima.' },
        ]);
      }
      return [{ type: 'visit.item_marked', aggregateId: visitId, payload: { ...mark, at: ctx.app.now() } }];
    });
  },

  async 'visits.returnIncomplete'(ctx: AuthedCallContext, input: ParsedInputOf<'visits.returnIncomplete'>) {
    return visitAction(ctx, input.visitId, async (v, tx) => {
      if (v.status !== 'checking' && v.status !== 'registered') throw stateError('Hanya berkas yang sedang diperiksa yang dapat dikembalikan.');
      const service = (await serviceOf(ctx.app, v.catalogueVersion, v.serviceCode, tx)).service;
      if (!service) throw stateError('Kunjungan ini tidak memiliki daftar persyaratan.');
      const summary = summarizeChecklist(service, v.visitorRole, v.marks, witaDay(ctx.app.now()));
      if (summary.complete) throw stateError('Berkas sudah lengkap. Serahkan berkas, bukan dikembalikan.');
      return [{ type: 'visit.returned', aggregateId: v.id, payload: { at: ctx.app.now(), missing: summary.missing, note: input.note } }];
    });
  },

  async 'visits.resume'(ctx: AuthedCallContext, input: ParsedInputOf<'visits.resume'>) {
    return visitAction(ctx, input.visitId, async (v, tx) => {
      if (v.status !== 'returned') throw stateError('Hanya berkas yang dikembalikan yang dapat dilanjutkan.');
      const at = ctx.app.now();
      // Back in the waiting room's queue: at the original place the same day, with a new number another day.
      const queue = await ticketEventsForResume(tx, ctx.app, { visitId: v.id, personId: v.personId, serviceCode: v.serviceCode, at });
      return [{ type: 'visit.resumed', aggregateId: v.id, payload: { at } }, ...queue];
    });
  },

  async 'visits.handOver'(ctx: AuthedCallContext, input: ParsedInputOf<'visits.handOver'>) {
    const { app } = ctx;
    // Read before the action's transaction (its callback may use only `tx`); the promise is made on it.
    const calendar = await loadWorkCalendar(app);
    return visitAction(ctx, input.visitId, async (v, tx) => {
      if (v.status !== 'checking') throw stateError('Berkas hanya dapat diserahkan setelah diperiksa dan dinyatakan lengkap.');
      const service = (await serviceOf(ctx.app, v.catalogueVersion, v.serviceCode, tx)).service;
      if (!service) throw stateError('Kunjungan ini tidak memiliki layanan yang dapat diserahkan.');
      const now = app.now();
      const summary = summarizeChecklist(service, v.visitorRole, v.marks, witaDay(now));
      if (!summary.complete) {
        throw stateError(`Berkas belum lengkap: ${summary.missing.map((m) => m.label).join(', ')}.`);
      }
      // From the log, not from a counter beside it: a restore or a rebuild can never issue one twice.
      const receiptNo = await nextReceiptNo(tx, witaDay(now).replace(/-/g, ''), deviceTag(app.deviceId));
      const promise = promisedDeadline(v, now, service, calendar);
      return [{ type: 'visit.handed_over', aggregateId: v.id, payload: { at: now, to: service.handlerRole, receiptNo, discretionItems: [], ...promise } }];
    });
  },

  async 'visits.close'(ctx: AuthedCallContext, input: ParsedInputOf<'visits.close'>) {
    return visitAction(ctx, input.visitId, (v) => {
      if (v.serviceCode !== null) throw stateError('Kunjungan dengan layanan diselesaikan melalui penyerahan berkas.');
      if (v.status === 'closed') throw stateError('Kunjungan ini sudah selesai.');
      return [{ type: 'visit.closed', aggregateId: v.id, payload: { at: ctx.app.now(), note: input.note } }];
    });
  },
};

function diff<T extends object>(prev: Partial<T>, next: T): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(next) as (keyof T)[]) if (prev[k] !== next[k]) out[k] = next[k];
  return out;
}
