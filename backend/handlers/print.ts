/** Handlers of printed documents and office settings (contract: `contract/print.ts`). */
import type { MethodName, OutputOf, ParsedInputOf } from '../../contract/api';
import { AppError } from '../../contract/result';
import type { PrintTarget } from '../../contract/print';
import { SETTINGS_AGGREGATE_ID } from '../../domain/aggregates/settings';
import type { NewEvent } from '../../db/event-store';
import { renderDocument, withPageSize } from '../../print';
import { layoutSpec, type LayoutSpec } from '../../print/layouts';
import { OFFICE_SETTING_KEYS, type OfficeSettings } from '../../print/office';
import { parseReceiptQr, verifyReceiptCode } from '../../print/verification';
import type { AuthedCallContext } from '../context';
import { log } from '../log';
import { pdfRendererFor, printerAccessFor, printSilently } from '../pdf';
import { recordEvents } from '../record';
import {
  availableKinds,
  buildPrintData,
  documentFileName,
  loadVisitForPrint,
  printRecords,
  resolveReturnNo,
  sameDocument,
} from '../print-data';
import { findService, loadCatalogue } from '../views/catalogue';
import { loadOfficeSettings } from '../views/office';
import { userNames } from '../../db/queries';
import { visitStatusLabel } from '../../domain/visit-status';

type PrintMethods =
  | 'print.render'
  | 'print.pdf'
  | 'print.log'
  | 'print.history'
  | 'print.printers'
  | 'print.silent'
  | 'print.verifyReceipt'
  | 'settings.office'
  | 'settings.setOffice';
type H<M extends MethodName> = (ctx: AuthedCallContext, input: ParsedInputOf<M>) => Promise<OutputOf<M>>;

interface Prepared {
  html: string;
  title: string;
  fileName: string;
  spec: LayoutSpec;
  /** For a roll: the measured height; for a sheet: the sheet height. */
  heightMm: number;
  copyNo: number;
  returnNo: number | null;
}

/** Renders the document for a target, with the copy number the next print will carry. */
async function prepare(ctx: AuthedCallContext, t: PrintTarget, fitRoll: boolean): Promise<Prepared> {
  const { app } = ctx;
  const v = await loadVisitForPrint(app, t.visitId);
  const returnNo = t.kind === 'return_slip' ? resolveReturnNo(v.state, t.returnNo) : null;
  const previous = (await printRecords(app, t.visitId)).filter((r) => sameDocument(r, t.kind, returnNo)).length;
  const copyNo = previous + 1;
  const data = await buildPrintData(app, v, t.kind, returnNo, { printedAt: app.now(), copyNo }, { actorId: ctx.session.userId });
  const spec = layoutSpec(t.layout);
  let html = renderDocument(data, t.layout);
  let heightMm = spec.pageSize.kind === 'sheet' ? spec.pageSize.heightMm : 400;
  if (spec.pageSize.kind === 'roll' && fitRoll) {
    // The browser's print dialog needs the page height of a roll in the document itself.
    try {
      heightMm = await pdfRendererFor(app).measureHeightMm(html, spec.pageSize.widthMm);
      html = withPageSize(html, spec, heightMm);
    } catch (err) {
      log.warn('print_roll_measure_failed', { error: err instanceof Error ? err.message : String(err) });
    }
  }
  const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? 'Dokumen';
  return { html, title, fileName: documentFileName(data, t.layout), spec, heightMm, copyNo, returnNo };
}

function printedEvent(ctx: AuthedCallContext, t: PrintTarget, returnNo: number | null, output: 'printer' | 'pdf', printer: string | null): NewEvent<'document.printed'> {
  return {
    type: 'document.printed',
    aggregateId: t.visitId,
    payload: { at: ctx.app.now(), kind: t.kind, visitId: t.visitId, layout: t.layout, output, returnNo, printer },
  };
}

async function renderPdf(ctx: AuthedCallContext, p: Prepared): Promise<Buffer> {
  try {
    return await pdfRendererFor(ctx.app).render(p.html, { pageSize: p.spec.pageSize, marginMm: p.spec.marginMm });
  } catch (err) {
    log.error('pdf_render_failed', { error: err instanceof Error ? err.message : String(err) });
    throw new AppError('internal', 'PDF tidak dapat dibuat: mesin cetak (Chromium) tidak tersedia atau gagal. Hubungi admin sistem.');
  }
}

export const printHandlers: { [M in PrintMethods]: H<M> } = {
  async 'print.render'(ctx, input) {
    const p = await prepare(ctx, input, true);
    return {
      html: p.html,
      title: p.title,
      fileName: p.fileName,
      pageSize: { widthMm: p.spec.pageSize.widthMm, heightMm: p.heightMm, roll: p.spec.pageSize.kind === 'roll' },
      copyNo: p.copyNo,
    };
  },

  async 'print.pdf'(ctx, input) {
    const p = await prepare(ctx, input, false);
    const pdf = await renderPdf(ctx, p);
    await recordEvents(ctx.app, ctx.session.userId, [printedEvent(ctx, input, p.returnNo, 'pdf', null)]);
    return { base64: pdf.toString('base64'), fileName: p.fileName, bytes: pdf.length, copyNo: p.copyNo };
  },

  async 'print.log'(ctx, input) {
    const v = await loadVisitForPrint(ctx.app, input.visitId);
    if (!availableKinds(v).includes(input.kind)) throw new AppError('invalid_state', 'Dokumen ini belum tersedia untuk kunjungan tersebut.');
    const returnNo = input.kind === 'return_slip' ? resolveReturnNo(v.state, input.returnNo) : null;
    const previous = (await printRecords(ctx.app, input.visitId)).filter((r) => sameDocument(r, input.kind, returnNo)).length;
    await recordEvents(ctx.app, ctx.session.userId, [printedEvent(ctx, input, returnNo, 'printer', input.printer)]);
    return { copyNo: previous + 1 };
  },

  async 'print.history'(ctx, input) {
    const v = await loadVisitForPrint(ctx.app, input.visitId);
    const records = await printRecords(ctx.app, input.visitId);
    const names = await userNames(ctx.app.db, records.map((r) => r.by ?? '').filter(Boolean));
    const counts = new Map<string, number>();
    return {
      entries: records.map((r) => {
        const key = `${r.kind}#${r.kind === 'return_slip' ? r.returnNo : ''}`;
        const copyNo = (counts.get(key) ?? 0) + 1;
        counts.set(key, copyNo);
        return {
          at: r.at,
          kind: r.kind,
          layout: r.layout,
          output: r.output,
          returnNo: r.returnNo,
          printer: r.printer,
          byName: r.by ? (names.get(r.by) ?? null) : null,
          copyNo,
        };
      }),
      available: availableKinds(v),
      returnCount: v.state.returns.length,
    };
  },

  async 'print.printers'(ctx) {
    const access = printerAccessFor(ctx.app);
    if (!access) return { silentPrinting: false, printers: [] };
    try {
      return { silentPrinting: true, printers: await access.list() };
    } catch (err) {
      log.warn('printer_list_failed', { error: err instanceof Error ? err.message : String(err) });
      return { silentPrinting: true, printers: [] };
    }
  },

  async 'print.silent'(ctx, input) {
    const p = await printSilently(ctx.app, input, () => prepare(ctx, input, false));
    await recordEvents(ctx.app, ctx.session.userId, [printedEvent(ctx, input, p.returnNo, 'printer', input.printerName)]);
    return { copyNo: p.copyNo };
  },

  async 'print.verifyReceipt'(ctx, input) {
    let receiptNo: string;
    let code: string;
    if ('qrText' in input) {
      const parsed = parseReceiptQr(input.qrText);
      if (!parsed) return { valid: false, message: 'Kode QR ini bukan kode tanda terima berkas LPSE.', receipt: null };
      ({ receiptNo, code } = parsed);
    } else {
      ({ receiptNo, code } = input);
    }
    // Every receipt number found in the log, also the one of a second handover made offline (ADR 0011).
    const issued = await ctx.app.db.selectFrom('issued_numbers').select('aggregate_id').where('series', '=', 'receipt').where('label', '=', receiptNo).executeTakeFirst();
    const row = await ctx.app.db
      .selectFrom('visits')
      .select(['id', 'receipt_no', 'handed_over_at', 'company_name', 'visitor_name', 'service_code', 'catalogue_version', 'status', 'handed_over_to'])
      .where((eb) => (issued ? eb('id', '=', issued.aggregate_id) : eb('receipt_no', '=', receiptNo)))
      .executeTakeFirst();
    if (!row || row.handed_over_at === null) {
      return { valid: false, message: `Tanda terima nomor ${receiptNo} tidak terdaftar.`, receipt: null };
    }
    if (!verifyReceiptCode(row.id, receiptNo, code)) {
      return { valid: false, message: 'Kode verifikasi tidak cocok: tanda terima ini tidak sah atau telah diubah.', receipt: null };
    }
    const catalogue = await loadCatalogue(ctx.app, row.catalogue_version);
    return {
      valid: true,
      message: 'Tanda terima sah. Bandingkan data di bawah dengan kertas yang diserahkan.',
      receipt: {
        receiptNo,
        visitId: row.id,
        receivedAt: row.handed_over_at,
        companyName: row.company_name,
        visitorName: row.visitor_name,
        serviceName: row.service_code ? (findService(catalogue, row.service_code)?.name ?? row.service_code) : null,
        status: row.status,
        statusLabel: visitStatusLabel(row.status, row.handed_over_to),
      },
    };
  },

  async 'settings.office'(ctx) {
    return loadOfficeSettings(ctx.app);
  },

  async 'settings.setOffice'(ctx, input) {
    const current = await loadOfficeSettings(ctx.app);
    const events: NewEvent<'settings.changed'>[] = [];
    for (const field of Object.keys(OFFICE_SETTING_KEYS) as (keyof OfficeSettings)[]) {
      const value = input[field];
      if (value === undefined || value === current[field]) continue;
      events.push({
        type: 'settings.changed',
        aggregateId: SETTINGS_AGGREGATE_ID,
        payload: { key: OFFICE_SETTING_KEYS[field], value } as NewEvent<'settings.changed'>['payload'],
      });
    }
    if (events.length > 0) await recordEvents(ctx.app, ctx.session.userId, events);
    return loadOfficeSettings(ctx.app);
  },
};

