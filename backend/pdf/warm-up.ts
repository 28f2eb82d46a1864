/**
 * What the PDF engine's warm-up prints (issue 17 item 4): a handover receipt on the 80 mm roll with the
 * office's own header (name, address, logo), laid out, measured and printed to PDF exactly as a preview and
 * a PDF of a real receipt are — so the templates, the QR code, the logo and Chromium's first layout of the
 * receipt's CSS are all ready before the first officer prints. The receipt's content is made up (no visit is
 * read, nothing is recorded: a real receipt's first print issues its survey code).
 */
import { performance } from 'node:perf_hooks';
import { kioskQrText } from '../../domain/survey/token';
import { renderDocument } from '../../print';
import { layoutSpec } from '../../print/layouts';
import type { ReceiptData } from '../../print/types';
import { receiptQrText, receiptVerificationCode } from '../../print/verification';
import type { AppContext } from '../context';
import { loadOfficeSettings, officeHeader } from '../views/office';
import type { PdfRenderer } from './renderer';

const WARM_UP_VISIT_ID = '00000000-0000-7000-8000-000000000000';

/** Lays out, measures and prints a made-up receipt with the office's header on `renderer`. */
export async function warmWithReceipt(app: AppContext, renderer: PdfRenderer): Promise<void> {
  const now = app.now();
  const receiptNo = 'TT/0000/00/0000';
  const code = receiptVerificationCode(WARM_UP_VISIT_ID, receiptNo);
  const data: ReceiptData = {
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
    survey: { kind: 'code', qrText: kioskQrText('K7QMXD9PA2FHV8C3'), code: 'K7QM-XD9P-A2FH-V8C3', validUntil: '2026-12-31', viaServer: false },
  };
  const spec = layoutSpec('thermal80');
  const html = renderDocument(data, 'thermal80');
  // The preview's path (layout + height), then the PDF's (render + print to PDF).
  await renderer.measureHeightMm(html, spec.pageSize.widthMm);
  await renderer.render(html, { pageSize: spec.pageSize, marginMm: spec.marginMm });
  // Then the preview's path again until a pass is no longer quicker than the one before: the first layouts
  // after Chromium's launch, and the first after a print to PDF, run beside the browser's own after-start-up
  // work, and the officer's first preview would meet what is left of it. A warm pass costs tens of ms (at
  // most SETTLE_PASSES of them, in the background).
  let previous: number | null = null;
  for (let i = 0; i < SETTLE_PASSES; i++) {
    const t0 = performance.now();
    await renderer.measureHeightMm(html, spec.pageSize.widthMm);
    const ms = performance.now() - t0;
    if (previous !== null && ms * SETTLED_RATIO >= previous) break;
    previous = ms;
  }
}

/** Preview passes after the warm-up's print, at most; settled once a pass is not 1.25 × quicker than the one before. */
const SETTLE_PASSES = 6;
const SETTLED_RATIO = 1.25;
