/**
 * Every document in every layout through headless Chromium, read back with pdftotext/pdfinfo, and rendered
 * to PNG (kept in LPSE_RENDER_DIR when set, to look at).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ChromiumPdfRenderer } from '../../backend/pdf/chromium';
import { renderDocument } from '../../print';
import { LAYOUTS, PRINT_LAYOUTS } from '../../print/layouts';
import { RECEIPT, REJECTION, RETURN_SLIP } from './fixtures';
import { MM_PER_PT, pdfInfo, pdfPngs, pdfText } from './pdf-tools';

const dir = process.env.LPSE_RENDER_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lpse-print-'));
fs.mkdirSync(dir, { recursive: true });
const renderer = new ChromiumPdfRenderer();
afterAll(async () => {
  await renderer.close();
});

/** pdftotext output with runs of spaces (table layout) and line breaks collapsed. */
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe.each(PRINT_LAYOUTS)('layout %s', (layout) => {
  const spec = LAYOUTS[layout];

  it('receipt: number, service, every document, code, notice', async () => {
    const pdf = await renderer.render(renderDocument(RECEIPT, layout), { pageSize: spec.pageSize, marginMm: spec.marginMm });
    const text = flat(pdfText(pdf, dir, `receipt-${layout}`, false));
    expect(text).toContain('TANDA TERIMA BERKAS');
    expect(text).toContain(RECEIPT.receiptNo);
    expect(text).toContain('Aktivasi User ID Penyedia Barang/Jasa');
    for (const d of RECEIPT.documents) expect(text).toContain(d.label);
    expect(text).toContain('CV Sumber Rejeki "Banua" & Sons');
    expect(text).toContain(RECEIPT.verificationCode);
    // Received 09:14, promised by the service clock 30 minutes later (WITA).
    expect(text).toContain('09:14 WITA');
    expect(text).toContain('09:44 WITA');
    expect(text).toContain('UU Nomor 27 Tahun 2022');
    expect(text).toContain('Drs. H. Muhammad Yusuf');
    const info = pdfInfo(pdf, dir, `receipt-${layout}`);
    expect(info.widthPt * MM_PER_PT).toBeCloseTo(spec.pageSize.widthMm, 0);
    if (spec.pageSize.kind === 'roll') {
      // A roll is one page, cut where the content ends.
      expect(info.pages).toBe(1);
      expect(info.heightPt * MM_PER_PT).toBeGreaterThan(100);
      expect(info.heightPt * MM_PER_PT).toBeLessThan(600);
    } else {
      expect(info.heightPt * MM_PER_PT).toBeCloseTo(spec.pageSize.heightMm, 0);
    }
    pdfPngs(pdf, dir, `receipt-${layout}`);
  });

  it('return slip: the missing items and what to bring', async () => {
    const pdf = await renderer.render(renderDocument(RETURN_SLIP, layout), { pageSize: spec.pageSize, marginMm: spec.marginMm });
    const text = flat(pdfText(pdf, dir, `return-${layout}`, false));
    expect(text).toContain('DAFTAR KEKURANGAN BERKAS');
    for (const it of RETURN_SLIP.items) {
      expect(text).toContain(it.label);
      expect(text).toContain(it.reason);
    }
    expect(text).toContain('yang masih berlaku (asli dan fotokopi)');
    expect(text).toContain('CETAK ULANG');
    pdfPngs(pdf, dir, `return-${layout}`);
  });

  it('rejection letter: the reason', async () => {
    const pdf = await renderer.render(renderDocument(REJECTION, layout), { pageSize: spec.pageSize, marginMm: spec.marginMm });
    const text = flat(pdfText(pdf, dir, `rejection-${layout}`, false));
    expect(text).toContain('SURAT PENOLAKAN');
    expect(text).toContain(REJECTION.letterNo);
    expect(text).toContain('tidak sama dengan nama direktur');
    expect(text).toContain('Ahmad Fauzi');
    pdfPngs(pdf, dir, `rejection-${layout}`);
  });
});
