/**
 * Printing through the contract on a real database: receipt, return slip and rejection letter as HTML and
 * PDF (read back with pdftotext), print events and reprint numbering, receipt verification, office settings.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeSharedPdfRenderer, setPrinterAccess, type PrinterAccess } from '../../backend/pdf';
import { PROXY_VISIT, signInAsSupervisor, startTestApp, type TestApp } from '../helpers';
import { handedOverVisit, signInAs } from './journey';
import { pdfInfo, pdfText } from './pdf-tools';

let app: TestApp | null = null;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lpse-print-api-'));
afterEach(async () => {
  await app?.backend.close();
  app = null;
});
afterAll(async () => {
  await closeSharedPdfRenderer();
});

const flat = (s: string) => s.replace(/\s+/g, ' ');

function eventCount(a: TestApp, type: string): number {
  return (a.backend.ctx.sqlite.prepare('SELECT count(*) AS n FROM events WHERE type = ?').get(type) as { n: number }).n;
}

describe('printing through the contract', () => {
  it('prints the handover receipt with exactly the documents received, and counts reprints', async () => {
    app = await startTestApp();
    await signInAs(app, 'siti', 'Siti Rahmah', ['helpdesk']);
    const { visitId, receiptNo, labels } = await handedOverVisit(app);

    const preview = await app.ok('print.render', { kind: 'receipt', visitId, layout: 'a4', returnNo: null });
    expect(preview.html).toContain(receiptNo);
    expect(preview.html).toContain("default-src 'none'");
    expect(preview.copyNo).toBe(1);
    expect(eventCount(app, 'document.printed')).toBe(0); // a preview is not a print

    const pdf = await app.ok('print.pdf', { kind: 'receipt', visitId, layout: 'a4', returnNo: null });
    const text = flat(pdfText(Buffer.from(pdf.base64, 'base64'), dir, 'receipt', false));
    expect(text).toContain(receiptNo);
    expect(text).toContain('Aktivasi User ID Penyedia Barang/Jasa');
    expect(text).toContain('Siti Rahmah');
    expect(text).toContain('CV Sumber Rejeki Banua');
    expect(text).toContain('Dokumen yang diterima (' + labels.length + ')');
    for (const l of labels) expect(text).toContain(l);
    // Promised completion: handed over at 10:00 WITA (09:00 + 60 min), 30 working minutes later.
    expect(text).toContain('10:30 WITA');
    expect(pdf.fileName).toBe(`tanda-terima-${receiptNo}-a4.pdf`);
    expect(eventCount(app, 'document.printed')).toBe(1);

    // The browser's print dialog, then a reprint on the thermal printer.
    expect((await app.ok('print.log', { kind: 'receipt', visitId, layout: 'thermal80', returnNo: null, printer: null })).copyNo).toBe(2);
    const again = await app.ok('print.render', { kind: 'receipt', visitId, layout: 'thermal80', returnNo: null });
    expect(again.copyNo).toBe(3);
    expect(again.html).toContain('CETAK ULANG');
    expect(again.pageSize.roll).toBe(true);
    // The roll's page height was measured to the content and written into the document.
    expect(again.pageSize.heightMm).toBeGreaterThan(100);
    expect(again.pageSize.heightMm).toBeLessThan(500);
    expect(again.html).toContain(`size: 80mm ${Math.ceil(again.pageSize.heightMm)}mm`);

    const history = await app.ok('print.history', { visitId });
    expect(history.entries.map((e) => [e.output, e.layout, e.copyNo, e.byName])).toEqual([
      ['pdf', 'a4', 1, 'Siti Rahmah'],
      ['printer', 'thermal80', 2, 'Siti Rahmah'],
    ]);
    expect(history.available).toEqual(['receipt', 'return_slip']);
    // The print is in the visit's audit trail.
    const detail = await app.ok('visits.get', { visitId });
    expect(detail.timeline.some((t) => t.type === 'document.printed')).toBe(true);
  });

  it('prints the return slip with the missing items and what to bring', async () => {
    app = await startTestApp();
    await signInAs(app, 'siti', 'Siti Rahmah', ['helpdesk']);
    const { visitId } = await handedOverVisit(app);
    const pdf = await app.ok('print.pdf', { kind: 'return_slip', visitId, layout: 'a5', returnNo: 1 });
    const buf = Buffer.from(pdf.base64, 'base64');
    const text = flat(pdfText(buf, dir, 'return', false));
    expect(text).toContain('DAFTAR KEKURANGAN BERKAS');
    expect(text).toContain('Surat Kuasa');
    expect(text).toContain('Tidak dibawa');
    expect(text).toContain('bermeterai Rp10.000');
    expect(text).toContain('Surat kuasa belum dibawa');
    expect(text).toMatch(/Senin–Kamis 07\.30–16\.00 WITA; Jumat 07\.30–16\.30 WITA/);
    expect(pdfInfo(buf, dir, 'return').pages).toBe(1);
    const bad = await app.call('print.pdf', { kind: 'return_slip', visitId, layout: 'a5', returnNo: 2 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toBe('Pengembalian ke-2 tidak ada.');
  });

  it('prints the rejection letter with the verifier’s reason, and only after a rejection', async () => {
    app = await startTestApp();
    await signInAs(app, 'siti', 'Siti Rahmah', ['helpdesk']);
    const { visitId, receiptNo } = await handedOverVisit(app);
    const early = await app.call('print.render', { kind: 'rejection', visitId, layout: 'a4', returnNo: null });
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.error.code).toBe('invalid_state');

    await signInAs(app, 'fauzi', 'Ahmad Fauzi', ['verifier']);
    await app.ok('desk.claim', { visitId });
    await app.ok('desk.reject', { visitId, reason: 'Nama direktur pada KTP berbeda dengan akta perubahan terakhir.' });
    const pdf = await app.ok('print.pdf', { kind: 'rejection', visitId, layout: 'thermal58', returnNo: null });
    const buf = Buffer.from(pdf.base64, 'base64');
    const text = flat(pdfText(buf, dir, 'rejection', false));
    expect(text).toContain('SURAT PENOLAKAN');
    expect(text).toContain(`TP-${receiptNo.slice(3)}`);
    expect(text).toContain('Nama direktur pada KTP berbeda dengan akta perubahan terakhir.');
    expect(text).toContain('Ahmad Fauzi');
    const info = pdfInfo(buf, dir, 'rejection');
    expect(info.pages).toBe(1);
    expect(Math.round((info.widthPt * 25.4) / 72)).toBe(58);
  });

  it('verifies a receipt by its QR text or its code, and refuses a forged one', async () => {
    app = await startTestApp();
    await signInAs(app, 'siti', 'Siti Rahmah', ['helpdesk']);
    const { visitId, receiptNo } = await handedOverVisit(app);
    const html = (await app.ok('print.render', { kind: 'receipt', visitId, layout: 'a4', returnNo: null })).html;
    const code = /<div class="code">([0-9A-Z]{4}-[0-9A-Z]{4})<\/div>/.exec(html)?.[1];
    expect(code).toBeDefined();
    const ok = await app.ok('print.verifyReceipt', { qrText: `LPSE-TT:${receiptNo}:${code}` });
    expect(ok.valid).toBe(true);
    expect(ok.receipt?.visitId).toBe(visitId);
    const typed = await app.ok('print.verifyReceipt', { receiptNo: receiptNo.toLowerCase(), code: code!.toLowerCase().replace('-', ' ') });
    expect(typed.valid).toBe(true);
    const forged = await app.ok('print.verifyReceipt', { receiptNo, code: code === 'AAAA-AAAA' ? 'BBBB-BBBB' : 'AAAA-AAAA' });
    expect(forged.valid).toBe(false);
    const unknown = await app.ok('print.verifyReceipt', { receiptNo: 'TT-20990101-000000-001', code: code! });
    expect(unknown.valid).toBe(false);
    expect(unknown.message).toContain('tidak terdaftar');
  });

  it('prints straight to a named printer (desktop only), refusing an unknown printer and a failed print without recording a print', async () => {
    app = await startTestApp();
    await signInAs(app, 'siti', 'Siti Rahmah', ['helpdesk']);
    const { visitId } = await handedOverVisit(app);
    const target = { kind: 'receipt' as const, visitId, layout: 'a4' as const, returnNo: null };
    // The browser shell has no printers: told plainly.
    const none = await app.call('print.silent', { ...target, printerName: 'Loket', copies: 1 });
    expect(!none.ok && none.error.code).toBe('invalid_state');
    const printed: { html: string; printerName: string; copies: number; pageSize: unknown }[] = [];
    let failing = false;
    const access: PrinterAccess = {
      list: async () => [{ name: 'Loket', displayName: 'Printer Loket', description: '', isDefault: true }],
      print: async (html, o) => {
        if (failing) throw new Error('paper jam');
        printed.push({ html, printerName: o.printerName, copies: o.copies, pageSize: o.pageSize });
      },
    };
    setPrinterAccess(app.backend.ctx, access);
    const unknown = await app.call('print.silent', { ...target, printerName: 'Lain', copies: 1 });
    expect(!unknown.ok && unknown.error.message).toBe('Printer "Lain" tidak ditemukan.');
    failing = true;
    const jam = await app.call('print.silent', { ...target, printerName: 'Loket', copies: 1 });
    expect(!jam.ok && jam.error.message).toContain('Pencetakan ke printer "Loket" gagal');
    expect(eventCount(app, 'document.printed')).toBe(0);
    failing = false;
    const ok = await app.ok('print.silent', { ...target, printerName: 'Loket', copies: 2 });
    expect(ok.copyNo).toBe(1);
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatchObject({ printerName: 'Loket', copies: 2 });
    expect(eventCount(app, 'document.printed')).toBe(1);
  });

  it('refuses documents that do not exist yet, bad layouts and unknown visits, writing nothing', async () => {
    app = await startTestApp();
    await signInAsSupervisor(app);
    const reg = await app.ok('visits.register', PROXY_VISIT);
    const visitId = reg.visit.visit.id;
    const before = eventCount(app, 'document.printed');
    const noReceipt = await app.call('print.pdf', { kind: 'receipt', visitId, layout: 'a4', returnNo: null });
    expect(noReceipt.ok).toBe(false);
    const badLayout = await app.call('print.render', { kind: 'receipt', visitId, layout: 'a3' as 'a4', returnNo: null });
    expect(badLayout.ok).toBe(false);
    if (!badLayout.ok) expect(badLayout.error.issues?.[0]?.message).toContain('ukuran kertas');
    const unknown = await app.call('print.log', { kind: 'receipt', visitId: '019ac0a2-3b4c-7d5e-8f60-123456789abc', layout: 'a4', returnNo: null, printer: null });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.code).toBe('not_found');
    const logged = await app.call('print.log', { kind: 'receipt', visitId, layout: 'a4', returnNo: null, printer: null });
    expect(logged.ok).toBe(false);
    expect(eventCount(app, 'document.printed')).toBe(before);
    // No printers in the browser shell: silent printing is refused with a clear message.
    const printers = await app.ok('print.printers', {});
    expect(printers.silentPrinting).toBe(false);
  });

  it('office settings: defaults, supervisor edits printed on documents, others refused', async () => {
    app = await startTestApp();
    await signInAsSupervisor(app);
    const defaults = await app.ok('settings.office', {});
    expect(defaults.officeName).toBe('Bagian Layanan Pengadaan Sekretariat Daerah Kota Banjarmasin');
    expect(defaults.officeAddress).toBe('Jl. R.E. Martadinata No. 1, Gedung Blok E Lt. Dasar, Banjarmasin');
    expect(defaults.logoDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(defaults.dpoName).toBeNull();

    const badNip = await app.call('settings.setOffice', { headNip: '1234' });
    expect(badNip.ok).toBe(false);
    const badLogo = await app.call('settings.setOffice', { logoDataUrl: 'javascript:alert(1)' });
    expect(badLogo.ok).toBe(false);

    const saved = await app.ok('settings.setOffice', { dpoName: 'Drs. H. Muhammad Yusuf, M.Si.', headName: 'Hj. Noor Aida, S.E.', headNip: '19750101 200003 2 001', officeContact: '' });
    expect(saved.dpoName).toBe('Drs. H. Muhammad Yusuf, M.Si.');
    expect(saved.headNip).toBe('197501012000032001');
    expect(saved.officeContact).toBeNull();
    const n = eventCount(app, 'settings.changed');
    await app.ok('settings.setOffice', { dpoName: 'Drs. H. Muhammad Yusuf, M.Si.' }); // unchanged: no event
    expect(eventCount(app, 'settings.changed')).toBe(n);

    await signInAs(app, 'siti', 'Siti Rahmah', ['helpdesk']);
    const refused = await app.call('settings.setOffice', { officeName: 'Kantor Lain' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('forbidden');
    const { visitId } = await handedOverVisit(app, { ...PROXY_VISIT, person: { ...PROXY_VISIT.person, id: null } });
    const html = (await app.ok('print.render', { kind: 'receipt', visitId, layout: 'a5', returnNo: null })).html;
    expect(html).toContain('Pejabat Pelindungan Data Pribadi: Drs. H. Muhammad Yusuf, M.Si.');
    expect(html).not.toContain('lpse.banjarmasinkota.go.id');
  });
});
