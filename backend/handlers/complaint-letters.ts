/**
 * The letters of a complaint (contract: `complaints.letter*`): rendered from `print/complaint-letters.ts`
 * with the office settings, previewed, printed through the dialog or silently, or saved as PDF. Every print
 * is a `complaint.letter_printed` event on the complaint, so reprints are numbered and audited like receipts
 * (ADR 0005 §4). A preview is not a print.
 */
import { witaIsoDate } from '../../domain/time/wita';
import type { MethodName, OutputOf, ParsedInputOf } from '../../contract/api';
import { AppError } from '../../contract/result';
import { loadAggregateState, type NewEvent } from '../../db/event-store';
import { activeCatalogueVersion, userNames } from '../../db/queries';
import type { ComplaintState } from '../../domain/aggregates/complaint';
import { acknowledgementDeadlines, responseClock, timesOfState } from '../../domain/complaints/clock';
import { CHANNEL_LABEL } from '../../domain/complaints/labels';
import type { ComplaintLetter } from '../../domain/events/complaint-events';
import { firstProvisionalYear } from '../../domain/time/calendar';
import { withPageSize } from '../../print';
import { complaintLetterFileName, renderComplaintLetter, type ComplaintLetterData } from '../../print/complaint-letters';
import { layoutSpec, type LayoutSpec, type PrintLayout } from '../../print/layouts';
import type { AuthedCallContext } from '../context';
import { availableLetters } from '../complaint-view';
import { log } from '../log';
import { pdfRendererFor, printSilently } from '../pdf';
import { recordEvents } from '../record';
import { loadWorkCalendar } from '../views/service-clock';
import { loadOfficeSettings, officeHeader } from '../views/office';
import { findService, loadCatalogue } from '../views/catalogue';

type LetterMethods = 'complaints.letterRender' | 'complaints.letterPdf' | 'complaints.letterLog' | 'complaints.letterSilent' | 'complaints.letterHistory';
type H<M extends MethodName> = (ctx: AuthedCallContext, input: ParsedInputOf<M>) => Promise<OutputOf<M>>;

interface Target {
  id: string;
  letter: ComplaintLetter;
  layout: PrintLayout;
}

interface PrintRecord {
  at: number;
  letter: ComplaintLetter;
  layout: PrintLayout;
  output: 'printer' | 'pdf';
  printer: string | null;
  by: string | null;
}

async function loadComplaint(ctx: AuthedCallContext, id: string): Promise<ComplaintState> {
  const c = await loadAggregateState<'complaint'>(ctx.app.db, id);
  if (!c) throw new AppError('not_found', 'Pengaduan tidak ditemukan.');
  return c;
}

async function printRecords(ctx: AuthedCallContext, id: string): Promise<PrintRecord[]> {
  const rows = await ctx.app.db
    .selectFrom('events')
    .select(['payload', 'actor_id'])
    .where('aggregate_id', '=', id)
    .where('type', '=', 'complaint.letter_printed')
    .orderBy('hlc')
    .orderBy('device_id')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...(JSON.parse(r.payload) as Omit<PrintRecord, 'by'>), by: r.actor_id }));
}

function checkTarget(c: ComplaintState, t: Target): void {
  if (!availableLetters(c).includes(t.letter)) {
    throw new AppError('invalid_state', t.letter === 'completeness' ? 'Kelengkapan pengaduan ini belum diputuskan.' : 'Pengaduan ini belum ditanggapi.');
  }
  if (t.letter !== 'acknowledgement' && layoutSpec(t.layout).thermal) {
    throw new AppError('invalid_input', 'Surat pemberitahuan dan surat tanggapan dicetak pada kertas A4 atau A5.', [{ path: 'layout', message: 'Pilih A4 atau A5.' }]);
  }
}

async function letterData(ctx: AuthedCallContext, c: ComplaintState, t: Target, copyNo: number): Promise<ComplaintLetterData> {
  const { app } = ctx;
  const now = app.now();
  const [settings, cal, catalogue, names] = await Promise.all([
    loadOfficeSettings(app),
    loadWorkCalendar(app),
    loadCatalogue(app, await activeCatalogueVersion(app.db, witaIsoDate(app.now()))),
    userNames(app.db, c.recordedBy ? [c.recordedBy] : []),
  ]);
  const due = c.promised ?? acknowledgementDeadlines(c.receivedAt, cal);
  const rk = responseClock(timesOfState(c), cal, now);
  const currentResponseDueAt = c.response || c.closed ? null : rk.deadlineMs;
  const service = c.serviceCode ? findService(catalogue, c.serviceCode) : undefined;
  return {
    kind: 'complaint_letter',
    letter: t.letter,
    office: officeHeader(settings),
    head: { title: settings.headTitle, name: settings.headName, nip: settings.headNip },
    number: c.number,
    receivedAt: c.receivedAt,
    channelLabel: CHANNEL_LABEL[c.channel],
    complainant: c.complainant,
    serviceName: service ? `${service.number}. ${service.name}` : c.serviceCode,
    receiptNo: c.receiptNo,
    laporNo: c.laporNo,
    place: c.place,
    signed: c.signed,
    text: c.text,
    loss: c.loss,
    request: c.request,
    completenessDueAt: due.completenessDueAt,
    responseDueAt: due.responseDueAt,
    provisionalYear: firstProvisionalYear(cal, c.receivedAt, Math.max(due.responseDueAt, currentResponseDueAt ?? 0)),
    completenessProvisional: firstProvisionalYear(cal, c.receivedAt, due.completenessDueAt) !== null,
    responseProvisional: firstProvisionalYear(cal, c.receivedAt, Math.max(due.responseDueAt, currentResponseDueAt ?? 0)) !== null,
    receivedByName: c.recordedBy ? (names.get(c.recordedBy) ?? null) : null,
    decision: c.completeness ? { at: c.completeness.at, complete: c.completeness.complete, missing: c.completeness.missing, note: c.completeness.note } : null,
    currentResponseDueAt,
    response: c.response ? { at: c.response.at, text: c.response.text } : null,
    meta: { printedAt: now, copyNo },
  };
}

interface Prepared {
  html: string;
  title: string;
  fileName: string;
  spec: LayoutSpec;
  heightMm: number;
  copyNo: number;
}

async function prepare(ctx: AuthedCallContext, t: Target, fitRoll: boolean): Promise<Prepared> {
  const c = await loadComplaint(ctx, t.id);
  checkTarget(c, t);
  const copyNo = (await printRecords(ctx, t.id)).filter((r) => r.letter === t.letter).length + 1;
  const spec = layoutSpec(t.layout);
  let html = renderComplaintLetter(await letterData(ctx, c, t, copyNo), t.layout);
  let heightMm = spec.pageSize.kind === 'sheet' ? spec.pageSize.heightMm : 400;
  if (spec.pageSize.kind === 'roll' && fitRoll) {
    try {
      heightMm = await pdfRendererFor(ctx.app).measureHeightMm(html, spec.pageSize.widthMm);
      html = withPageSize(html, spec, heightMm);
    } catch (err) {
      log.warn('print_roll_measure_failed', { error: err instanceof Error ? err.message : String(err) });
    }
  }
  const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? 'Surat pengaduan';
  return { html, title, fileName: complaintLetterFileName(c.number, t.letter, t.layout), spec, heightMm, copyNo };
}

function printedEvent(ctx: AuthedCallContext, t: Target, output: 'printer' | 'pdf', printer: string | null): NewEvent<'complaint.letter_printed'> {
  return { type: 'complaint.letter_printed', aggregateId: t.id, payload: { at: ctx.app.now(), letter: t.letter, layout: t.layout, output, printer } };
}

export const complaintLetterHandlers: { [M in LetterMethods]: H<M> } = {
  async 'complaints.letterRender'(ctx, input) {
    const p = await prepare(ctx, input, true);
    return { html: p.html, title: p.title, fileName: p.fileName, pageSize: { widthMm: p.spec.pageSize.widthMm, heightMm: p.heightMm, roll: p.spec.pageSize.kind === 'roll' }, copyNo: p.copyNo };
  },

  async 'complaints.letterPdf'(ctx, input) {
    const p = await prepare(ctx, input, false);
    let pdf: Buffer;
    try {
      pdf = await pdfRendererFor(ctx.app).render(p.html, { pageSize: p.spec.pageSize, marginMm: p.spec.marginMm });
    } catch (err) {
      log.error('pdf_render_failed', { error: err instanceof Error ? err.message : String(err) });
      throw new AppError('internal', 'PDF tidak dapat dibuat: mesin cetak (Chromium) tidak tersedia atau gagal. Hubungi admin sistem.');
    }
    await recordEvents(ctx.app, ctx.session.userId, [printedEvent(ctx, input, 'pdf', null)]);
    return { base64: pdf.toString('base64'), fileName: p.fileName, bytes: pdf.length, copyNo: p.copyNo };
  },

  async 'complaints.letterLog'(ctx, input) {
    const c = await loadComplaint(ctx, input.id);
    checkTarget(c, input);
    const copyNo = (await printRecords(ctx, input.id)).filter((r) => r.letter === input.letter).length + 1;
    await recordEvents(ctx.app, ctx.session.userId, [printedEvent(ctx, input, 'printer', input.printer)]);
    return { copyNo };
  },

  async 'complaints.letterSilent'(ctx, input) {
    const p = await printSilently(ctx.app, input, () => prepare(ctx, input, false));
    await recordEvents(ctx.app, ctx.session.userId, [printedEvent(ctx, input, 'printer', input.printerName)]);
    return { copyNo: p.copyNo };
  },

  async 'complaints.letterHistory'(ctx, input) {
    const c = await loadComplaint(ctx, input.id);
    const records = await printRecords(ctx, input.id);
    const names = await userNames(ctx.app.db, records.map((r) => r.by ?? '').filter(Boolean));
    const counts = new Map<string, number>();
    return {
      available: availableLetters(c),
      entries: records.map((r) => {
        const copyNo = (counts.get(r.letter) ?? 0) + 1;
        counts.set(r.letter, copyNo);
        return { at: r.at, letter: r.letter, layout: r.layout, output: r.output, printer: r.printer, byName: r.by ? (names.get(r.by) ?? null) : null, copyNo };
      }),
    };
  },
};
