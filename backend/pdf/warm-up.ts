/**
 * What the PDF engine's warm-up prints (issue 17 item 4): a handover receipt on the 80 mm roll with the
 * office's own header (name, address, logo), laid out, measured and printed to PDF exactly as a preview and
 * a PDF of a real receipt are — so the templates, the QR code, the logo and Chromium's first layout of the
 * receipt's CSS are all ready before the first officer prints. The receipt's content is made up (no visit is
 * read, nothing is recorded: a real receipt's first print issues its survey code).
 */
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
}
