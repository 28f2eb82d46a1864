/**
 * Issue 14, item 2: the printed Standar Pelayanan (the fourteen components of Pasal 5) and the vendor's
 * "what to bring" handout, on A4 from the catalogue version asked for, read back with pdftotext.
 * Set LPSE_STANDARD_PDF_DIR=<folder> to keep the PDFs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeSharedPdfRenderer } from '../../backend/pdf';
import { PERWALI_67_2018 } from '../../domain/catalogue/perwali-67-2018';
import { signInAsSupervisor, startTestApp, type TestApp } from '../helpers';
import { addStaff, signInAs } from '../desks/desk-helpers';
import { pdfInfo, pdfText } from '../print/pdf-tools';
import { resetPasswordService } from './fixtures';

let app: TestApp | null = null;
const dir = process.env.LPSE_STANDARD_PDF_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lpse-standard-print-'));
fs.mkdirSync(dir, { recursive: true });
afterEach(async () => {
  await app?.backend.close();
  app = null;
});
afterAll(async () => {
  await closeSharedPdfRenderer();
});

const flat = (s: string) => s.replace(/\s+/g, ' ');
const FOURTEEN = [
  'Persyaratan',
  'Sistem, Mekanisme dan Prosedur',
  'Jangka Waktu Pelayanan',
  'Biaya/Tarif',
  'Produk Pelayanan',
  'Penanganan Pengaduan, Saran dan Masukan',
  'Dasar Hukum',
  'Sarana, Prasarana dan/atau Fasilitas',
  'Kompetensi Pelaksana',
  'Pengawasan Internal',
  'Jumlah Pelaksana',
  'Jaminan Pelayanan',
  'Jaminan Keamanan dan Keselamatan Pelayanan',
  'Evaluasi Kinerja Pelaksana',
];

describe('the printed service standard (issue 14)', () => {
  it('prints the Standar Pelayanan of service 1 with all fourteen components of Pasal 5, in order, on A4', async () => {
    app = await startTestApp();
    await signInAsSupervisor(app);
    await addStaff(app, 'helpdesk1', ['helpdesk'], 'Helpdesk');
    await signInAs(app, 'helpdesk1'); // public information: the helpdesk prints it for a vendor
    const s1 = PERWALI_67_2018.services[0]!;
    const pdf = await app.ok('catalogue.printPdf', { document: 'standard', serviceCode: 'aktivasi_user_id', version: null });
    expect(pdf.fileName).toBe('standar-pelayanan-v1-layanan-1.pdf');
    const buf = Buffer.from(pdf.base64, 'base64');
    const info = pdfInfo(buf, dir, 'standar-pelayanan-layanan-1');
    expect(Math.round(info.widthPt)).toBe(595);
    expect(Math.round(info.heightPt)).toBe(842);
    const text = flat(pdfText(buf, dir, 'standar-pelayanan-layanan-1', false));
    expect(text).toContain('STANDAR PELAYANAN');
    expect(text).toContain('Layanan 1. Pelayanan Aktivasi User ID Penyedia Barang/Jasa');
    expect(text).toContain('Peraturan Walikota Banjarmasin Nomor 67 Tahun 2018');
    expect(text).toContain('katalog layanan versi 1, berlaku sejak 28 November 2018');
    // The fourteen components, numbered and in the order of Pasal 5.
    let at = 0;
    FOURTEEN.forEach((title, i) => {
      const found = text.indexOf(`${i + 1} ${title}`, at);
      expect(found, title).toBeGreaterThan(at - 1);
      at = found;
    });
    // Their content: every requirement, every step, the limit, fee, product, complaint channel, the four new ones.
    for (const r of s1.requirements) expect(text).toContain(flat(r.description).slice(0, 60));
    for (const p of s1.procedure) expect(text).toContain(flat(p).slice(0, 60));
    expect(text).toContain(s1.timeLimit.text);
    expect(text).toContain('Gratis');
    expect(text).toContain(flat(s1.product));
    expect(text).toContain(flat(s1.complaintHandling.channel).slice(0, 60));
    expect(text).toContain('ruang tunggu, bidding room/komputer');
    expect(text).toContain('3 orang');
    expect(text).toContain('Pengawasan dilakukan oleh atasan langsung secara berjenjang.');
    expect(text).toContain('Kepala Bagian');
  });

  it('prints the one-page "what to bring" handout, the proxy documents apart, and service 7\'s limit without its label repeated', async () => {
    app = await startTestApp();
    await signInAsSupervisor(app);
    const handout = await app.ok('catalogue.printPdf', { document: 'handout', serviceCode: 'aktivasi_user_id', version: null });
    expect(handout.fileName).toBe('yang-perlu-dibawa-v1-layanan-1.pdf');
    const buf = Buffer.from(handout.base64, 'base64');
    expect(pdfInfo(buf, dir, 'yang-perlu-dibawa-layanan-1').pages).toBe(1);
    const text = flat(pdfText(buf, dir, 'yang-perlu-dibawa-layanan-1', false));
    expect(text).toContain('PERSYARATAN YANG PERLU DIBAWA');
    expect(text).toContain('Bawa KTP Direktur');
    expect(text).toContain('Tambahan bila permohonan diwakilkan');
    const proxyAt = text.indexOf('Tambahan bila permohonan diwakilkan');
    expect(text.indexOf('Bawa Surat Kuasa')).toBeGreaterThan(proxyAt);
    expect(text).toContain('Jangka waktu 30 menit');
    expect(text).toContain('Biaya Gratis');
    expect(text).toMatch(/Jam layanan loket Senin/);

    const s7 = await app.ok('catalogue.printPdf', { document: 'handout', serviceCode: 'pendampingan_spse', version: null });
    const t7 = flat(pdfText(Buffer.from(s7.base64, 'base64'), dir, 'yang-perlu-dibawa-layanan-7', false));
    expect(t7).toContain('Jangka waktu penyelesaian kendala teknis pengguna');
    expect(t7).not.toMatch(/Jangka waktu Jangka waktu/);
  });

  it('prints from the version asked for (a scheduled one too), every service on its own pages, and refuses an unknown service', async () => {
    app = await startTestApp();
    await signInAsSupervisor(app);
    const draft = (await app.ok('catalogue.startDraft', {})).draft!.catalogue;
    await app.ok('catalogue.saveDraft', { catalogue: { ...draft, services: [...draft.services, resetPasswordService(draft)] }, note: '' });
    await app.ok('catalogue.publishDraft', { source: 'Peraturan Walikota Banjarmasin Nomor 12 Tahun 2026', effectiveFrom: '2027-01-04', note: '' });

    const inForce = await app.call('catalogue.printRender', { document: 'standard', serviceCode: 'reset_password_user_id', version: null });
    expect(!inForce.ok && inForce.error.issues?.[0]?.path).toBe('serviceCode');
    expect(!inForce.ok && inForce.error.message).toBe('Layanan dengan kode "reset_password_user_id" tidak ada dalam katalog versi 1.');

    const v2 = await app.ok('catalogue.printPdf', { document: 'standard', serviceCode: 'reset_password_user_id', version: 2 });
    const t = flat(pdfText(Buffer.from(v2.base64, 'base64'), dir, 'standar-pelayanan-v2-layanan-8', false));
    expect(t).toContain('Layanan 8. Reset Password User ID');
    expect(t).toContain('Peraturan Walikota Banjarmasin Nomor 12 Tahun 2026');
    expect(t).toContain('berlaku sejak 4 Januari 2027');
    expect(t).toContain('Admin sistem mereset password User ID.');

    const all = await app.ok('catalogue.printPdf', { document: 'handout', serviceCode: null, version: 2 });
    expect(all.fileName).toBe('yang-perlu-dibawa-v2-semua.pdf');
    const buf = Buffer.from(all.base64, 'base64');
    expect(pdfInfo(buf, dir, 'yang-perlu-dibawa-v2-semua').pages).toBe(8);

    const missing = await app.call('catalogue.printRender', { document: 'standard', serviceCode: null, version: 9 });
    expect(!missing.ok && missing.error.code).toBe('not_found');
  });
});
