/**
 * What the PDF engine's warm-up prints (issue 17 item 4): the handover receipt of the last visit handed over
 * on this PC, prepared through the same code as a real preview (the visit's fold read back, its print
 * records, the service clock's promise on the office calendar, the office's header and logo, the QR codes,
 * the template) and then laid out, measured and printed to PDF exactly as a preview and a PDF are — so both
 * the app's side (the first run of that code and the caches it fills) and Chromium's first layout of the
 * receipt's CSS are done before the first officer prints. Nothing is recorded: the survey code is read, not
 * issued (a visit without one gets a made-up code block, so its QR is laid out too). A PC that has handed
 * nothing over yet prints a made-up receipt with the office's header instead.
 */
import { performance } from 'node:perf_hooks';
import { startWal } from '../../db/checkpoint';
import { surveyDb } from '../../db/schema-survey';
import { rehearseVisitCode } from '../survey/codes';
import { kioskQrText } from '../../domain/survey/token';
import { renderDocument, withPageSize } from '../../print';
import { layoutSpec } from '../../print/layouts';
import type { ReceiptData } from '../../print/types';
import { receiptQrText, receiptVerificationCode } from '../../print/verification';
import type { AppContext } from '../context';
import { log } from '../log';
import { buildPrintData, loadVisitForPrint, printRecords } from '../print-data';
import { loadOfficeSettings, officeHeader } from '../views/office';
import type { PdfRenderer } from './renderer';

const WARM_UP_VISIT_ID = '00000000-0000-7000-8000-000000000000';

const MADE_UP_SURVEY: ReceiptData['survey'] = { kind: 'code', qrText: kioskQrText('K7QMXD9PA2FHV8C3'), code: 'K7QM-XD9P-A2FH-V8C3', validUntil: '2026-12-31', viaServer: false };

/**
 * The last handed-over visit's receipt, prepared as `print.render` prepares it (backend/handlers/print.ts),
 * read-only; null when there is none or it cannot be prepared (then the made-up receipt is used).
 */
async function lastReceipt(app: AppContext): Promise<ReceiptData | null> {
  const last = await app.db.selectFrom('visits').select('id').where('receipt_no', 'is not', null).orderBy('handed_over_at', 'desc').limit(1).executeTakeFirst();
  if (!last) return null;
  try {
    const v = await loadVisitForPrint(app, last.id);
    const copyNo = (await printRecords(app, last.id)).filter((r) => r.kind === 'receipt').length + 1;
    const data = await buildPrintData(app, v, 'receipt', null, { printedAt: app.now(), copyNo }, { issueSurveyCode: false });
    if (data.kind !== 'receipt') return null;
    return data.survey?.kind === 'code' ? data : { ...data, survey: MADE_UP_SURVEY };
  } catch (err) {
    log.warn('pdf_warm_up_receipt_unavailable', { error: err instanceof Error ? err.message : String(err) });
    return null;
  }
}

/** A made-up receipt with the office's own header (a PC that has handed nothing over yet). */
async function madeUpReceipt(app: AppContext): Promise<ReceiptData> {
  const now = app.now();
  const receiptNo = 'TT/0000/00/0000';
  const code = receiptVerificationCode(WARM_UP_VISIT_ID, receiptNo);
  return {
    kind: 'receipt',
    office: officeHeader(await loadOfficeSettings(app)),
    receiptNo,
    receivedAt: now,
    party: { visitorName: 'Pemohon', visitorRole: 'proxy', companyName: 'CV Contoh', npwp: '01.234.567.8-901.000' },
    service: { number: 1, name: 'Aktivasi User ID Penyedia Barang/Jasa', timeLimitText: '30 menit', fee: 'Tidak dipungut biaya' },
    handedTo: 'verifier',
    documents: [
      { label: 'KTP Direktur', original: 'seen', copy: 'kept', validUntil: null, meterai: false, discretion: false },
      { label: 'Surat Kuasa', original: 'submitted', copy: 'not_required', validUntil: null, meterai: true, discretion: false },
      { label: 'NIB', original: 'seen', copy: 'kept', validUntil: null, noExpiry: true, meterai: false, discretion: false },
    ],
    promisedAt: now + 30 * 60_000,
    discretionReason: null,
    qrText: receiptQrText(receiptNo, code),
    verificationCode: code,
    officerName: 'Petugas',
    meta: { printedAt: now, copyNo: 1 },
    survey: MADE_UP_SURVEY,
  };
}

/**
 * The first preview of a handed-over visit issues its survey code: the first write since the app started.
 * On a fresh connection that write paid for two things later ones do not: creating SQLite's WAL file
 * (db/checkpoint.ts `startWal`: 10–40 ms of syncs on a busy disk) and compiling and first running the
 * statements of the code's write path. Both are done here without recording anything: the WAL is started
 * with a commit that changes no data, and the code's write path is run for a recent visit that would get a
 * code and rolled back (backend/survey/codes.ts `rehearseVisitCode`). Skipped on a read-only or damaged
 * database (nothing writes there); a failure is only logged (the first write then pays, as before).
 */
export async function warmFirstWrite(app: AppContext): Promise<void> {
  if (app.storage.mode !== 'normal') return;
  try {
    await startWal(app.db);
    const visit = await visitAwaitingCode(app);
    if (visit) await rehearseVisitCode(app, visit);
  } catch (err) {
    log.warn('pdf_warm_up_write_failed', { error: err instanceof Error ? err.message : String(err) });
  }
}

/** The newest of the last 200 handed-over visits with no survey code yet (a receipt's first print issues one). */
async function visitAwaitingCode(app: AppContext): Promise<string | null> {
  const db = surveyDb(app.db);
  const recent = db
    .selectFrom('visits')
    .select(['id', 'handed_over_at'])
    .where('handed_over_at', 'is not', null)
    .where('service_code', 'is not', null)
    .orderBy('handed_over_at', 'desc')
    .limit(200)
    .as('v');
  const row = await db
    .selectFrom(recent)
    .select('v.id')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('survey_tokens').select('survey_tokens.visit_id').whereRef('survey_tokens.visit_id', '=', 'v.id'))))
    .orderBy('v.handed_over_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Lays out, measures and prints the last receipt (or a made-up one) with the office's header on `renderer`. */
export async function warmWithReceipt(app: AppContext, renderer: PdfRenderer): Promise<void> {
  const data = (await lastReceipt(app)) ?? (await madeUpReceipt(app));
  const spec = layoutSpec('thermal80');
  const html = renderDocument(data, 'thermal80');
  // The preview's path (layout + height, then the height written into the document), then the PDF's
  // (render + print to PDF).
  withPageSize(html, spec, await renderer.measureHeightMm(html, spec.pageSize.widthMm));
  await renderer.render(html, { pageSize: spec.pageSize, marginMm: spec.marginMm });
  // Then the preview's path again, at least MIN_SETTLE_PASSES times and until a pass is no longer quicker
  // than the one before: the first layouts after Chromium's launch, and the first after a print to PDF, run
  // beside the browser's own after-start-up work, and the officer's first preview would meet what is left of
  // it. On a busy machine one pass can look settled by chance (a slow one followed by a slower one), hence
  // the minimum. A warm pass costs tens of ms (at most SETTLE_PASSES of them, in the background).
  let previous: number | null = null;
  for (let i = 0; i < SETTLE_PASSES; i++) {
    const t0 = performance.now();
    await renderer.measureHeightMm(html, spec.pageSize.widthMm);
    const ms = performance.now() - t0;
    if (i + 1 >= MIN_SETTLE_PASSES && previous !== null && ms * SETTLED_RATIO >= previous) break;
    previous = ms;
  }
  // A browser launched seconds ago still has its own start-up work queued (measured: the first real
  // preview right after the passes above took 50–130 ms of layout against 25–40 ms later). A quiet pause
  // lets it finish — nothing is queued on the engine meanwhile, so a real preview is not held up — and one
  // last pass lays the receipt out on the settled engine.
  await new Promise<void>((r) => setTimeout(r, QUIET_AFTER_SETTLE_MS));
  await renderer.measureHeightMm(html, spec.pageSize.widthMm);
}

/** The pause after the settle passes before the last one (ms). */
const QUIET_AFTER_SETTLE_MS = 2000;

/** Preview passes after the warm-up's print: at least MIN_SETTLE_PASSES, at most SETTLE_PASSES; settled once a pass is not 1.25 × quicker than the one before. */
const MIN_SETTLE_PASSES = 3;
const SETTLE_PASSES = 8;
const SETTLED_RATIO = 1.25;
