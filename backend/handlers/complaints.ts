/**
 * Handlers of complaints and suggestions (contract: `contract/complaints.ts`; issue 12). Every change is an
 * event through the normal path; stage changes check the folded state and append in one transaction
 * (`aggregateAction`), so a sync page landing meanwhile cannot slip between the check and the append.
 */
import { sql, type Transaction } from 'kysely';
import type { MethodName, OutputOf, ParsedInputOf } from '../../contract/api';
import type { ComplaintDetail } from '../../contract/complaints';
import { AppError } from '../../contract/result';
import type { NewEvent } from '../../db/event-store';
import { loadAggregateState } from '../../db/event-store';
import { activeCatalogueVersion, userNames } from '../../db/queries';
import type { DB } from '../../db/schema';
import type { ComplaintState } from '../../domain/aggregates/complaint';
import { acknowledgementDeadlines, isLateFiling } from '../../domain/complaints/clock';
import { CHANNEL_SHORT } from '../../domain/complaints/labels';
import type { ComplaintChannel } from '../../domain/events/complaint-events';
import { uuidv7 } from '../../domain/events/uuidv7';
import { DAY_MS, formatWita, witaDayStartMs, witaIsoDate } from '../../domain/time/wita';
import { monthRange } from '../report/month';
import { nextComplaintNo } from '../../db/numbering';
import { buildComplaintDetail, serviceNameOf, toComplaintRow } from '../complaint-view';
import type { AuthedCallContext } from '../context';
import { aggregateAction, recordEventsIn } from '../record';
import { loadWorkCalendar } from '../views/service-clock';
import { visitStatusLabel } from '../../domain/visit-status';
import { findService, loadCatalogue } from '../views/catalogue';
import { deviceTag } from '../../domain/numbering';

type ComplaintMethods = Extract<MethodName, `complaints.${string}` | `suggestions.${string}`>;
type LetterMethods = 'complaints.letterRender' | 'complaints.letterPdf' | 'complaints.letterLog' | 'complaints.letterSilent' | 'complaints.letterHistory';
type H<M extends MethodName> = (ctx: AuthedCallContext, input: ParsedInputOf<M>) => Promise<OutputOf<M>>;

/** A clock a little ahead of ours (another PC, a phone) must not make "now" look like the future. */
const CLOCK_SLACK_MS = 2 * 60_000;
/** A complaint older than this is not "received" today: probably a typing error in the date. */
const MAX_BACKDATE_MS = 366 * DAY_MS;

function invalid(path: string, message: string): AppError {
  return new AppError('invalid_input', message, [{ path, message }]);
}

function checkReceivedAt(receivedAt: number, now: number): void {
  if (receivedAt > now + CLOCK_SLACK_MS) throw invalid('receivedAt', 'Waktu diterima tidak boleh di masa depan.');
  if (receivedAt < now - MAX_BACKDATE_MS) throw invalid('receivedAt', 'Waktu diterima lebih dari setahun yang lalu. Periksa tanggalnya.');
}

async function activeCatalogue(ctx: AuthedCallContext) {
  return loadCatalogue(ctx.app, await activeCatalogueVersion(ctx.app.db, witaIsoDate(ctx.app.now())));
}

async function complaintRowById(ctx: AuthedCallContext, id: string) {
  const row = await ctx.app.db.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', 'Pengaduan tidak ditemukan.');
  return row;
}

export async function complaintDetailById(ctx: AuthedCallContext, id: string): Promise<ComplaintDetail> {
  const { app } = ctx;
  const [state, row, cal, catalogue] = await Promise.all([loadAggregateState<'complaint'>(app.db, id), complaintRowById(ctx, id), loadWorkCalendar(app), activeCatalogue(ctx)]);
  if (!state) throw new AppError('not_found', 'Pengaduan tidak ditemukan.');
  return buildComplaintDetail(app.db, state, row, { cal, now: app.now(), catalogue, roles: ctx.session.roles });
}

/** One action on a complaint: check its state and append in one transaction, then answer its detail. */
async function complaintAction(ctx: AuthedCallContext, id: string, decide: (c: ComplaintState, now: number, tx: Transaction<DB>) => NewEvent[]): Promise<ComplaintDetail> {
  const now = ctx.app.now();
  await aggregateAction(ctx.app, ctx.session.userId, id, {
    type: 'complaint',
    notFound: () => new AppError('not_found', 'Pengaduan tidak ditemukan.'),
    decide: (c, tx) => decide(c, now, tx),
    read: () => null,
  });
  return complaintDetailById(ctx, id);
}

function stateError(message: string): AppError {
  return new AppError('invalid_state', message);
}

const CLOSED = 'Pengaduan ini sudah selesai.';

function attachmentEvents(id: string, now: number, list: ParsedInputOf<'complaints.add'>['attachments']): NewEvent[] {
  return list.map((a) => ({ type: 'complaint.attachment_added', aggregateId: id, payload: { at: now, id: uuidv7(now), fileName: a.fileName, dataUrl: a.dataUrl, note: a.note } }));
}

/** When the complainant received the service of a visit: its outcome, else handover or close, else arrival. */
function visitServiceAt(v: { arrived_at: number; handed_over_at: number | null; closed_at: number | null; outcome_at: number | null }, receivedAt: number): number {
  for (const t of [v.outcome_at, v.closed_at, v.handed_over_at]) if (t !== null && t <= receivedAt) return t;
  return v.arrived_at;
}

/** For LIKE … ESCAPE '!': a typed %, _ or ! is matched as itself. */
function escapeLike(s: string): string {
  return s.replace(/[!%_]/g, (c) => `!${c}`);
}

export const complaintHandlers: { [M in Exclude<ComplaintMethods, LetterMethods>]: H<M> } = {
  async 'complaints.add'(ctx, input) {
    const { app } = ctx;
    const now = app.now();
    checkReceivedAt(input.receivedAt, now);
    const [cal, catalogue] = await Promise.all([loadWorkCalendar(app), activeCatalogue(ctx)]);
    let serviceCode = input.serviceCode;
    let receiptNo = input.receiptNo;
    let serviceAt: number | null = null;
    let visitId: string | null = null;
    if (input.visitId) {
      const v = await app.db
        .selectFrom('visits')
        .select(['id', 'arrived_at', 'handed_over_at', 'closed_at', 'outcome_at', 'service_code', 'receipt_no'])
        .where('id', '=', input.visitId)
        .executeTakeFirst();
      if (!v) throw invalid('visitId', 'Kunjungan yang dipilih tidak ditemukan.');
      if (v.arrived_at > input.receivedAt) throw invalid('receivedAt', `Pengaduan tidak dapat diterima sebelum kunjungan tersebut (${formatWita(v.arrived_at)}).`);
      visitId = v.id;
      serviceCode = v.service_code ?? serviceCode;
      receiptNo = v.receipt_no ?? receiptNo;
      serviceAt = visitServiceAt(v, input.receivedAt);
    } else if (input.serviceDate) {
      if (input.serviceDate > witaIsoDate(input.receivedAt)) throw invalid('serviceDate', 'Tanggal menerima layanan tidak boleh setelah pengaduan diterima.');
      serviceAt = witaDayStartMs(input.serviceDate);
    }
    // A visit keeps the service it was served under (maybe of an older catalogue); a named one must exist now.
    if (!visitId && serviceCode !== null && !findService(catalogue, serviceCode)) throw invalid('serviceCode', 'Layanan yang dipilih tidak dikenal.');
    const due = acknowledgementDeadlines(input.receivedAt, cal);
    const id = uuidv7(now);
    await app.db.transaction().execute(async (tx) => {
      // From the log (db/numbering.ts): a PC restored or rebuilt never issues one of its numbers again.
      const number = await nextComplaintNo(tx, witaIsoDate(now).replace(/-/g, ''), deviceTag(app.deviceId));
      const events: NewEvent[] = [
        {
          type: 'complaint.received',
          aggregateId: id,
          payload: {
            receivedAt: input.receivedAt,
            number,
            channel: input.channel,
            complainant: input.complainant,
            serviceCode,
            visitId,
            receiptNo,
            serviceAt,
            text: input.text,
            loss: input.loss,
            request: input.request,
            place: input.place,
            signed: input.signed,
            laporNo: input.laporNo,
            completenessDueAt: due.completenessDueAt,
            responseDueAt: due.responseDueAt,
            dueProvisional: due.provisional,
            at: now,
          },
        },
        ...attachmentEvents(id, now, input.attachments),
      ];
      await recordEventsIn(tx, app, ctx.session.userId, events);
    });
    return complaintDetailById(ctx, id);
  },

  async 'complaints.findVisits'(ctx, input) {
    const { app } = ctx;
    const q = input.query.trim();
    const like = `%${escapeLike(q)}%`;
    const rows = await app.db
      .selectFrom('visits')
      .select(['id', 'receipt_no', 'arrived_at', 'visitor_name', 'company_name', 'service_code', 'catalogue_version', 'status', 'handed_over_to', 'handed_over_at', 'closed_at', 'outcome_at'])
      .where((eb) =>
        eb.or([
          eb('receipt_no', '=', q.toUpperCase()),
          // LIKE has no escape character unless named: a typed % or _ is then matched as itself.
          sql<boolean>`upper(receipt_no) LIKE ${`${escapeLike(q.toUpperCase())}%`} ESCAPE '!'`,
          sql<boolean>`visitor_name LIKE ${like} ESCAPE '!'`,
          sql<boolean>`company_name LIKE ${like} ESCAPE '!'`,
        ]),
      )
      .orderBy('arrived_at', 'desc')
      .limit(20)
      .execute();
    const catalogue = await activeCatalogue(ctx);
    const now = app.now();
    return {
      visits: rows.map((r) => ({
        visitId: r.id,
        receiptNo: r.receipt_no,
        arrivedAt: r.arrived_at,
        visitorName: r.visitor_name,
        companyName: r.company_name,
        serviceCode: r.service_code,
        serviceName: serviceNameOf(catalogue, r.service_code),
        statusLabel: visitStatusLabel(r.status, r.handed_over_to),
        serviceAt: visitServiceAt(r, now),
      })),
    };
  },

  async 'complaints.list'(ctx, input) {
    const { app } = ctx;
    const now = app.now();
    let q = app.db.selectFrom('complaints').selectAll();
    if (input.view === 'open') q = q.where('stage', '<>', 'closed');
    if (input.view === 'closed') q = q.where('stage', '=', 'closed');
    if (input.from) q = q.where('received_at', '>=', witaDayStartMs(input.from));
    if (input.to) q = q.where('received_at', '<', witaDayStartMs(input.to) + DAY_MS);
    const rows = await q.orderBy('received_at', 'desc').limit(input.limit).execute();
    const [cal, catalogue] = await Promise.all([loadWorkCalendar(app), activeCatalogue(ctx)]);
    const out = rows.map((r) => toComplaintRow(r, cal, now, catalogue));
    // The desk: nearest deadline first (overdue ones lead); finished ones by receipt, newest first.
    if (input.view === 'open') out.sort((a, b) => (a.nextDeadlineMs ?? Number.MAX_SAFE_INTEGER) - (b.nextDeadlineMs ?? Number.MAX_SAFE_INTEGER) || a.receivedAt - b.receivedAt);
    return { rows: out, asOf: now };
  },

  async 'complaints.get'(ctx, input) {
    return complaintDetailById(ctx, input.id);
  },

  async 'complaints.forVisit'(ctx, input) {
    const { app } = ctx;
    const rows = await app.db.selectFrom('complaints').selectAll().where('visit_id', '=', input.visitId).orderBy('received_at').execute();
    if (rows.length === 0) return { rows: [] };
    const [cal, catalogue] = await Promise.all([loadWorkCalendar(app), activeCatalogue(ctx)]);
    return { rows: rows.map((r) => toComplaintRow(r, cal, app.now(), catalogue)) };
  },

  async 'complaints.startCheck'(ctx, input) {
    return complaintAction(ctx, input.id, (c, now) => {
      if (c.stage !== 'received') throw stateError(c.stage === 'closed' ? CLOSED : 'Cek administrasi sudah dimulai.');
      return [{ type: 'complaint.check_started', aggregateId: c.id, payload: { at: now } }];
    });
  },

  async 'complaints.decideCompleteness'(ctx, input) {
    return complaintAction(ctx, input.id, (c, now) => {
      if (c.stage !== 'received' && c.stage !== 'admin_check') {
        throw stateError(c.stage === 'closed' ? CLOSED : c.stage === 'waiting_completeness' ? 'Pengaduan menunggu kelengkapan dari pengadu. Catat kelengkapannya terlebih dahulu.' : 'Kelengkapan pengaduan ini sudah diputuskan.');
      }
      return [{ type: 'complaint.completeness_decided', aggregateId: c.id, payload: { at: now, complete: input.complete, missing: input.complete ? null : input.missing, note: input.note } }];
    });
  },

  async 'complaints.addSupplement'(ctx, input) {
    return complaintAction(ctx, input.id, (c, now) => {
      if (c.stage === 'closed') throw stateError(CLOSED);
      return [{ type: 'complaint.supplement_received', aggregateId: c.id, payload: { at: now, channel: input.channel, text: input.text } }, ...attachmentEvents(c.id, now, input.attachments)];
    });
  },

  async 'complaints.startCoordination'(ctx, input) {
    return complaintAction(ctx, input.id, (c, now) => {
      if (c.stage !== 'complete' && c.stage !== 'coordination') throw stateError(c.stage === 'closed' ? CLOSED : 'Koordinasi dimulai setelah pengaduan dinyatakan lengkap.');
      return [{ type: 'complaint.coordination_started', aggregateId: c.id, payload: { at: now, scope: input.scope, note: input.note } }];
    });
  },

  async 'complaints.respond'(ctx, input) {
    return complaintAction(ctx, input.id, (c, now) => {
      if (c.response) throw stateError('Pengaduan ini sudah ditanggapi.');
      if (c.stage !== 'complete' && c.stage !== 'coordination') throw stateError(c.stage === 'closed' ? CLOSED : 'Tanggapan diberikan setelah pengaduan dinyatakan lengkap.');
      return [{ type: 'complaint.responded', aggregateId: c.id, payload: { at: now, text: input.text } }];
    });
  },

  async 'complaints.close'(ctx, input) {
    return complaintAction(ctx, input.id, (c, now) => {
      if (c.stage === 'closed') throw stateError(CLOSED);
      if (!c.response && (!input.note || input.note.length < 5)) throw invalid('note', 'Pengaduan yang belum ditanggapi hanya dapat ditutup dengan alasan (minimal 5 karakter).');
      return [{ type: 'complaint.closed', aggregateId: c.id, payload: { at: now, note: input.note } }];
    });
  },

  async 'complaints.decideLateFiling'(ctx, input) {
    return complaintAction(ctx, input.id, (c, now) => {
      if (!isLateFiling(c.serviceAt, c.receivedAt)) throw stateError('Pengaduan ini diterima dalam batas waktu 30 hari; tidak perlu keputusan.');
      if (c.lateFilingDecision) throw stateError('Keputusan atas pengaduan yang melewati batas waktu sudah dicatat.');
      return [{ type: 'complaint.late_filing_decided', aggregateId: c.id, payload: { at: now, accept: input.accept, reason: input.reason } }];
    });
  },

  async 'complaints.addNote'(ctx, input) {
    return complaintAction(ctx, input.id, (c, now) => [{ type: 'complaint.note_added', aggregateId: c.id, payload: { at: now, kind: input.kind, field: input.field, text: input.text } }]);
  },

  async 'complaints.addAttachment'(ctx, input) {
    const { id, ...a } = input;
    return complaintAction(ctx, id, (c, now) => attachmentEvents(c.id, now, [a]));
  },

  async 'complaints.attachment'(ctx, input) {
    const rows = await ctx.app.db.selectFrom('events').select('payload').where('aggregate_id', '=', input.id).where('type', '=', 'complaint.attachment_added').execute();
    for (const r of rows) {
      const p = JSON.parse(r.payload) as { id: string; fileName: string; dataUrl: string };
      if (p.id === input.attachmentId) return { fileName: p.fileName, dataUrl: p.dataUrl };
    }
    throw new AppError('not_found', 'Lampiran tidak ditemukan.');
  },

  async 'complaints.counters'(ctx) {
    const { app } = ctx;
    const now = app.now();
    const range = monthRange(witaIsoDate(now).slice(0, 7));
    const month = { startMs: witaDayStartMs(range.firstDay), endMs: witaDayStartMs(range.nextFirstDay) };
    const [open, cal, catalogue, received, suggestions] = await Promise.all([
      app.db.selectFrom('complaints').selectAll().where('stage', '<>', 'closed').execute(),
      loadWorkCalendar(app),
      activeCatalogue(ctx),
      app.db
        .selectFrom('complaints')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('received_at', '>=', month.startMs)
        .where('received_at', '<', month.endMs)
        .executeTakeFirst(),
      app.db
        .selectFrom('suggestions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('received_at', '>=', month.startMs)
        .where('received_at', '<', month.endMs)
        .executeTakeFirst(),
    ]);
    const rows = open.map((r) => toComplaintRow(r, cal, now, catalogue));
    rows.sort((a, b) => (a.nextDeadlineMs ?? Number.MAX_SAFE_INTEGER) - (b.nextDeadlineMs ?? Number.MAX_SAFE_INTEGER));
    return {
      open: rows.length,
      waitingCompleteness: rows.filter((r) => r.stage === 'waiting_completeness').length,
      completenessOverdue: rows.filter((r) => r.completeness.state === 'overdue').length,
      responseOverdue: rows.filter((r) => r.response.state === 'overdue').length,
      dueSoon: rows.filter((r) => !r.overdue && (r.completeness.dueSoon || r.response.dueSoon)).length,
      lateFilingUndecided: rows.filter((r) => r.lateFiling && r.lateDecision === null).length,
      receivedThisMonth: Number(received?.n ?? 0),
      suggestionsThisMonth: Number(suggestions?.n ?? 0),
      nearest: rows.slice(0, 5),
      asOf: now,
    };
  },

  async 'suggestions.add'(ctx, input) {
    const { app } = ctx;
    const now = app.now();
    checkReceivedAt(input.receivedAt, now);
    const catalogue = await activeCatalogue(ctx);
    if (input.serviceCode !== null && !findService(catalogue, input.serviceCode)) throw invalid('serviceCode', 'Layanan yang dipilih tidak dikenal.');
    const id = uuidv7(now);
    await app.db.transaction().execute((tx) =>
      recordEventsIn(tx, app, ctx.session.userId, [
        {
          type: 'suggestion.received',
          aggregateId: id,
          payload: { receivedAt: input.receivedAt, channel: input.channel, name: input.name, contact: input.contact, serviceCode: input.serviceCode, text: input.text, at: now },
        },
      ]),
    );
    const { rows } = await complaintHandlers['suggestions.list'](ctx, { limit: 1000 });
    const row = rows.find((r) => r.id === id);
    if (!row) throw new AppError('internal', 'Saran tersimpan tetapi tidak dapat dibaca kembali.');
    return row;
  },

  async 'suggestions.list'(ctx, input) {
    const { app } = ctx;
    let q = app.db.selectFrom('suggestions').selectAll();
    if (input.from) q = q.where('received_at', '>=', witaDayStartMs(input.from));
    if (input.to) q = q.where('received_at', '<', witaDayStartMs(input.to) + DAY_MS);
    const rows = await q.orderBy('received_at', 'desc').limit(input.limit).execute();
    let totalQ = app.db.selectFrom('suggestions').select((eb) => eb.fn.countAll<number>().as('n'));
    if (input.from) totalQ = totalQ.where('received_at', '>=', witaDayStartMs(input.from));
    if (input.to) totalQ = totalQ.where('received_at', '<', witaDayStartMs(input.to) + DAY_MS);
    const total = Number((await totalQ.executeTakeFirst())?.n ?? 0);
    const [catalogue, names] = await Promise.all([activeCatalogue(ctx), userNames(app.db, rows.map((r) => r.recorded_by ?? '').filter(Boolean))]);
    // The contact is not projected (personal data stays in the folded state): read for the listed rows only.
    const states = await Promise.all(rows.map((r) => loadAggregateState<'suggestion'>(app.db, r.id)));
    return {
      total,
      rows: rows.map((r, i) => ({
        id: r.id,
        receivedAt: r.received_at,
        channel: r.channel as ComplaintChannel,
        channelLabel: CHANNEL_SHORT[r.channel as ComplaintChannel] ?? r.channel,
        name: r.name,
        contact: states[i]?.contact ?? null,
        serviceName: serviceNameOf(catalogue, r.service_code),
        text: r.text,
        recordedByName: r.recorded_by ? (names.get(r.recorded_by) ?? null) : null,
      })),
    };
  },
};
