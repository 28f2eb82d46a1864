/**
 * The complaint letters as PDFs read back (issue 12): the acknowledgement with the number and both
 * deadlines, the completeness notice (incomplete: what to add, the response clock waiting), the response
 * letter; the letterhead and the Kepala Bagian's signature block from the office settings; every print
 * recorded and reprints numbered; a deadline in an undecreed year printed as perkiraan. The pages are also
 * rendered to PNG (COMPLAINT_LETTER_PNG_DIR) to be looked at.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeSharedPdfRenderer } from '../../backend/pdf';
import { addStaff, at, signInAs } from '../desks/desk-helpers';
import { signInAsSupervisor, startTestApp, type TestApp } from '../helpers';
import { pdfInfo, pdfPngs, pdfText } from '../print/pdf-tools';

let app: TestApp | null = null;
const dir = process.env.COMPLAINT_LETTER_PNG_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lpse-complaint-letters-'));
fs.mkdirSync(dir, { recursive: true });
afterEach(async () => {
  await app?.backend.close();
  app = null;
});
afterAll(async () => {
  await closeSharedPdfRenderer();
});

const flat = (s: string) => s.replace(/\s+/g, ' ');
const printed = (a: TestApp) => (a.backend.ctx.sqlite.prepare("SELECT count(*) AS n FROM events WHERE type = 'complaint.letter_printed'").get() as { n: number }).n;

describe('complaint letters', () => {
  it('prints the acknowledgement, the completeness notice and the response with the letterhead and the Kepala Bagian', async () => {
    app = await startTestApp();
    await signInAsSupervisor(app);
    await app.ok('settings.setOffice', { headName: 'Drs. H. Muhammad Ridwan, M.Si.', headNip: '196805121994031007', dpoName: 'Nurul Huda', dpoContact: 'ppid@banjarmasinkota.go.id' });
    await addStaff(app, 'helpdesk1', ['helpdesk'], 'Siti Helpdesk');
    at(app, '2026-11-24', '10:00');
    await signInAs(app, 'helpdesk1');
    const d = await app.ok('complaints.add', {
      receivedAt: app.clock.ms,
      channel: 'loket',
      complainant: { name: 'Rahmat Hidayat', address: 'Jl. A. Yani Km. 5 No. 12, Banjarmasin', contact: '0812 5123 4567' },
      serviceCode: 'aktivasi_user_id',
      text: 'Aktivasi user ID kami belum selesai padahal berkas sudah lengkap sejak kemarin pagi.',
      loss: 'Tidak dapat mengikuti tender.',
      request: 'Mohon aktivasi diselesaikan hari ini.',
      place: 'Banjarmasin',
      signed: true,
    });
    const id = d.row.id;
    const number = d.row.number;

    const preview = await app.ok('complaints.letterRender', { id, letter: 'acknowledgement', layout: 'a4' });
    expect(preview.html).toContain("default-src 'none'");
    expect(printed(app)).toBe(0); // a preview is not a print
    const ack = await app.ok('complaints.letterPdf', { id, letter: 'acknowledgement', layout: 'a4' });
    expect(ack.fileName).toBe(`pengaduan-${number}-tanda-terima-a4.pdf`);
    const ackPdf = Buffer.from(ack.base64, 'base64');
    const ackText = flat(pdfText(ackPdf, dir, 'tanda-terima-pengaduan', false));
    expect(ackText).toContain('TANDA TERIMA PENGADUAN');
    expect(ackText).toContain(`Nomor: ${number}`);
    expect(ackText).toContain('Bagian Layanan Pengadaan Sekretariat Daerah Kota Banjarmasin'.toUpperCase());
    expect(ackText).toContain('Rahmat Hidayat');
    expect(ackText).toContain('Jl. A. Yani Km. 5 No. 12, Banjarmasin');
    expect(ackText).toContain('1. Pelayanan Aktivasi User ID Penyedia Barang/Jasa');
    expect(ackText).toContain('Jumat, 27 November 2026 10:00 WITA'); // completeness, 3 working days
    expect(ackText).toContain('Rabu, 2 Desember 2026 10:00 WITA'); // response, 6 working days
    expect(ackText).toContain('Pasal 8 ayat (5)');
    expect(ackText).toContain('a.n. Kepala Bagian Layanan Pengadaan');
    expect(ackText).toContain('Siti Helpdesk');
    expect(ackText).toContain('Pejabat Pelindungan Data Pribadi: Nurul Huda');
    expect(ackText).not.toContain('perkiraan');
    expect(pdfInfo(ackPdf, dir, 'tanda-terima-pengaduan').pages).toBe(1);
    pdfPngs(ackPdf, dir, 'tanda-terima-pengaduan', 70);
    expect(printed(app)).toBe(1);

    // Not yet decided: no completeness notice.
    const early = await app.call('complaints.letterPdf', { id, letter: 'completeness', layout: 'a4' });
    expect(early.ok ? null : early.error).toMatchObject({ code: 'invalid_state', message: 'Kelengkapan pengaduan ini belum diputuskan.' });

    at(app, '2026-11-25', '09:00');
    await signInAsSupervisor(app);
    await app.ok('complaints.decideCompleteness', { id, complete: false, missing: 'Salinan tanda terima berkas (TT) dan tanda tangan pengadu pada surat pengaduan.', note: '' });
    const thermal = await app.call('complaints.letterPdf', { id, letter: 'completeness', layout: 'thermal80' });
    expect(thermal.ok ? null : thermal.error.code).toBe('invalid_input');
    const notice = await app.ok('complaints.letterPdf', { id, letter: 'completeness', layout: 'a4' });
    const noticePdf = Buffer.from(notice.base64, 'base64');
    const noticeText = flat(pdfText(noticePdf, dir, 'pemberitahuan-kelengkapan', false));
    expect(noticeText).toContain('PEMBERITAHUAN KELENGKAPAN PENGADUAN');
    expect(noticeText).toContain(`Nomor: ${number}/KLP`);
    expect(noticeText).toContain('Kepada Yth. Sdr. Rahmat Hidayat');
    expect(noticeText).toContain('BELUM LENGKAP');
    expect(noticeText).toContain('Salinan tanda terima berkas (TT) dan tanda tangan pengadu');
    expect(noticeText).toContain('jangka waktu tanggapan 6 (enam) hari kerja tidak berjalan');
    expect(noticeText).toContain('Drs. H. Muhammad Ridwan, M.Si.');
    expect(noticeText).toContain('NIP. 196805121994031007');
    expect(noticeText).toContain('25 November 2026');
    pdfPngs(noticePdf, dir, 'pemberitahuan-kelengkapan', 70);

    at(app, '2026-11-26', '09:00');
    await signInAs(app, 'helpdesk1');
    await app.ok('complaints.addSupplement', { id, channel: 'loket', text: 'Salinan TT dan surat bertanda tangan saya serahkan.' });
    await signInAsSupervisor(app);
    await app.ok('complaints.decideCompleteness', { id, complete: true, missing: '', note: '' });
    at(app, '2026-11-27', '14:00');
    await signInAsSupervisor(app);
    await app.ok('complaints.respond', {
      id,
      text: 'Aktivasi user ID perusahaan Saudara telah diselesaikan pada 24 November 2026 pukul 15.10 WITA. Keterlambatan disebabkan gangguan SPSE yang telah dicatat.',
    });
    const response = await app.ok('complaints.letterPdf', { id, letter: 'response', layout: 'a4' });
    const responsePdf = Buffer.from(response.base64, 'base64');
    const responseText = flat(pdfText(responsePdf, dir, 'surat-tanggapan', false));
    expect(responseText).toContain('SURAT TANGGAPAN PENGADUAN');
    expect(responseText).toContain(`Nomor: ${number}/TGP`);
    expect(responseText).toContain('telah diselesaikan pada 24 November 2026 pukul 15.10 WITA');
    expect(responseText).toContain('Mohon aktivasi diselesaikan hari ini.');
    expect(responseText).toContain('Kepala Bagian Layanan Pengadaan,');
    expect(responseText).toContain('Drs. H. Muhammad Ridwan, M.Si.');
    pdfPngs(responsePdf, dir, 'surat-tanggapan', 70);

    // The completeness notice again, now "lengkap", is a reprint of that letter.
    const again = await app.ok('complaints.letterRender', { id, letter: 'completeness', layout: 'a5' });
    expect(again.copyNo).toBe(2);
    expect(again.html).toContain('CETAK ULANG');
    expect(again.html).toContain('LENGKAP');
    expect((await app.ok('complaints.letterLog', { id, letter: 'completeness', layout: 'a5', printer: null })).copyNo).toBe(2);
    const history = await app.ok('complaints.letterHistory', { id });
    expect(history.available).toEqual(['acknowledgement', 'completeness', 'response']);
    expect(history.entries.map((e) => [e.letter, e.output, e.copyNo, e.byName])).toEqual([
      ['acknowledgement', 'pdf', 1, 'Siti Helpdesk'],
      ['completeness', 'pdf', 1, 'Kepala Sub Bagian'],
      ['response', 'pdf', 1, 'Kepala Sub Bagian'],
      ['completeness', 'printer', 2, 'Kepala Sub Bagian'],
    ]);
  });

  it('prints deadlines that reach into an undecreed year as perkiraan, on a thermal roll too', async () => {
    app = await startTestApp();
    await signInAsSupervisor(app);
    at(app, '2026-12-23', '10:00');
    await signInAsSupervisor(app);
    const d = await app.ok('complaints.add', {
      receivedAt: app.clock.ms,
      channel: 'kotak',
      complainant: { name: 'Anonim Kotak', address: 'Kelurahan Kertak Baru Ilir, Banjarmasin', contact: '' },
      text: 'Petugas loket tidak menjelaskan persyaratan perubahan NPWP dengan jelas.',
      request: 'Mohon petugas diberi pembinaan.',
      signed: false,
    });
    const pdf = await app.ok('complaints.letterPdf', { id: d.row.id, letter: 'acknowledgement', layout: 'thermal80' });
    const text = flat(pdfText(Buffer.from(pdf.base64, 'base64'), dir, 'tanda-terima-thermal', false));
    // Completeness is due within 2026 (30 December); the response runs into 2027, whose decree is not entered.
    expect(text).toMatch(/30\/12\/2026 10:00 WITA Tanggapan/);
    expect(text).toContain('06/01/2027 10:00 WITA (perkiraan*)');
    expect(text).toContain('tahun 2027 belum ditetapkan');
    expect(text).toContain('Ditandatangani pengadu Tidak');
    expect(pdfInfo(Buffer.from(pdf.base64, 'base64'), dir, 'tanda-terima-thermal').pages).toBe(1);
    pdfPngs(Buffer.from(pdf.base64, 'base64'), dir, 'tanda-terima-thermal', 90);
  });
});
