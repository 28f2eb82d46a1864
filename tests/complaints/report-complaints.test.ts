/**
 * The monthly report's complaints section (issue 12) on screen, in XLSX and in PDF: received; complete or
 * incomplete; answered within 3 and within 6 working days; overdue; by service and by channel; the number of
 * suggestions. Figures checked against what was recorded; files read back (exceljs, pdftotext).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeSharedPdfRenderer } from '../../backend/pdf';
import type { AddComplaintInput } from '../../contract/complaints';
import { addStaff, at, signInAs } from '../desks/desk-helpers';
import { signInAsSupervisor, startTestApp, type TestApp } from '../helpers';
import { pdfPngs, pdfText } from '../print/pdf-tools';

let app: TestApp | null = null;
const dir = process.env.COMPLAINT_LETTER_PNG_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lpse-complaint-report-'));
fs.mkdirSync(dir, { recursive: true });
afterEach(async () => {
  await app?.backend.close();
  app = null;
});
afterAll(async () => {
  await closeSharedPdfRenderer();
});

function complaint(receivedAt: number, overrides: Partial<AddComplaintInput> = {}): AddComplaintInput {
  return {
    receivedAt,
    channel: 'loket',
    complainant: { name: 'Pengadu Uji', address: 'Jl. Lambung Mangkurat No. 1, Banjarmasin', contact: '' },
    serviceCode: 'aktivasi_user_id',
    text: 'Layanan tidak selesai dalam jangka waktu yang dijanjikan.',
    request: 'Mohon segera diselesaikan.',
    signed: true,
    ...overrides,
  };
}

async function exportFile(a: TestApp, format: 'xlsx' | 'pdf') {
  const { jobId } = await a.ok('report.exportStart', { month: '2026-11', format, includePersonalData: false });
  for (;;) {
    const s = await a.ok('report.exportStatus', { jobId });
    if (s.state === 'failed') throw new Error(s.error ?? 'failed');
    if (s.state === 'done') return s.file!;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the monthly report: complaints and suggestions', () => {
  it('counts the month’s complaints on both clocks, by service and channel, with the suggestions', async () => {
    app = await startTestApp();
    const a = app;
    await signInAsSupervisor(a);
    await addStaff(a, 'helpdesk1', ['helpdesk'], 'Siti Helpdesk');
    const as = async (date: string, time: string, who: 'helpdesk1' | 'kasubbag') => {
      const t = at(a, date, time);
      if (who === 'kasubbag') await signInAsSupervisor(a);
      else await signInAs(a, who);
      return t;
    };

    // 1. Complete at once, answered within 6 working days (Mon 2 → due Tue 10 Nov).
    const c1 = await a.ok('complaints.add', complaint(await as('2026-11-02', '09:00', 'helpdesk1')));
    await as('2026-11-03', '09:00', 'kasubbag');
    await a.ok('complaints.decideCompleteness', { id: c1.row.id, complete: true, missing: '', note: '' });
    await as('2026-11-06', '10:00', 'kasubbag');
    await a.ok('complaints.respond', { id: c1.row.id, text: 'Aktivasi telah diselesaikan dan petugas telah dibina.' });
    await a.ok('complaints.close', { id: c1.row.id, note: '' });
    // 2. By e-mail, incomplete on day 2, still waiting: response paused, pending.
    const c2 = await a.ok('complaints.add', complaint(await as('2026-11-09', '13:00', 'helpdesk1'), { channel: 'email', serviceCode: 'perubahan_email' }));
    await as('2026-11-10', '13:00', 'kasubbag');
    await a.ok('complaints.decideCompleteness', { id: c2.row.id, complete: false, missing: 'Alamat lengkap pengadu.', note: '' });
    // 3. From the complaint box, never decided: completeness notice overdue, response overdue by 30 November.
    await a.ok('complaints.add', complaint(await as('2026-11-16', '08:00', 'helpdesk1'), { channel: 'kotak', serviceCode: null }));
    // 4. Received in time, told late (day 5), answered late; a late filing (service on 1 October).
    const c4 = await a.ok('complaints.add', complaint(await as('2026-11-17', '10:00', 'helpdesk1'), { channel: 'telepon', serviceDate: '2026-10-01' }));
    await as('2026-11-24', '10:00', 'kasubbag');
    await a.ok('complaints.decideCompleteness', { id: c4.row.id, complete: true, missing: '', note: '' });
    await as('2026-11-27', '10:00', 'kasubbag');
    await a.ok('complaints.respond', { id: c4.row.id, text: 'Penjelasan persyaratan telah disampaikan kembali kepada pengadu.' });
    // A complaint of December does not belong to November.
    await as('2026-12-01', '08:00', 'helpdesk1');
    await a.ok('complaints.add', complaint(a.clock.ms));
    await a.ok('suggestions.add', { receivedAt: a.clock.ms, channel: 'kotak', name: '', contact: '', serviceCode: null, text: 'Saran bulan Desember.' });
    // Suggestions of November.
    for (const [ch, t] of [['kotak', 'Mohon ruang tunggu diberi pendingin udara.'], ['email', 'Jam layanan Jumat sebaiknya diumumkan.'], ['kotak', 'Terima kasih atas pelayanannya.']] as const) {
      await a.ok('suggestions.add', { receivedAt: at(a, '2026-11-20', '10:00'), channel: ch, name: '', contact: '', serviceCode: null, text: t });
    }

    await as('2026-12-01', '09:00', 'kasubbag');
    const r = await a.ok('report.monthly', { month: '2026-11' });
    const c = r.complaints!;
    expect(c).toMatchObject({
      received: 4,
      complete: 2,
      incomplete: 1,
      undecided: 1,
      completenessInTime: 2,
      completenessLate: 2,
      completenessPending: 0,
      completenessInTimePct: 50,
      responseInTime: 1,
      responseLate: 2,
      responsePending: 1,
      responded: 2,
      closed: 1,
      overdue: 1,
      lateFiling: 1,
      suggestions: 3,
    });
    expect(c.byService).toEqual([
      { code: 'aktivasi_user_id', name: '1. Aktivasi User ID', count: 2 },
      { code: 'perubahan_email', name: '2. Perubahan E-mail', count: 1 },
      { code: null, name: 'Tidak menyebut layanan', count: 1 },
    ]);
    expect(c.byChannel.map((x) => [x.label, x.count])).toEqual([
      ['Loket', 1],
      ['Kotak', 1],
      ['E-mail', 1],
      ['Telepon/WA', 1],
    ]);
    expect(c.suggestionsByChannel.map((x) => [x.label, x.count])).toEqual([
      ['Kotak', 2],
      ['E-mail', 1],
    ]);
    expect(c.list.find((x) => x.number === c2.row.number)).toMatchObject({ responseState: 'Dijeda (menunggu kelengkapan)', completenessState: 'Tepat waktu' });
    expect(JSON.stringify(c)).not.toContain('Pengadu Uji');

    const xlsx = await exportFile(a, 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Pengaduan')!;
    const values: unknown[][] = [];
    ws.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    const figure = (label: string) => values.find((v) => v[1] === label)?.[2];
    expect(figure('Pengaduan diterima')).toBe('4');
    expect(figure('Diberitahukan dalam 3 hari kerja')).toBe('2 (50,0%)');
    expect(figure('Ditanggapi dalam 6 hari kerja')).toBe('1 (33,3%)');
    expect(figure('Lewat batas waktu, belum selesai')).toBe('1');
    expect(figure('Saran dan masukan')).toBe('3');
    const listed = values.filter((v) => typeof v[1] === 'string' && /^PGD-/.test(v[1]));
    expect(listed).toHaveLength(4);
    expect(listed[0]![2]).toBeInstanceOf(Date);
    expect(JSON.stringify(values)).not.toContain('Pengadu Uji');

    const pdf = await exportFile(a, 'pdf');
    const buf = Buffer.from(pdf.base64, 'base64');
    const text = pdfText(buf, dir, 'laporan-pengaduan', false).replace(/\s+/g, ' ');
    expect(text).toContain('H. Pengaduan, saran dan masukan (Perwali 67/2018 Pasal 8)');
    expect(text).toContain('Pengaduan diterima 4');
    expect(text).toContain('Diberitahukan dalam 3 hari kerja 2 (50,0%)');
    expect(text).toContain('Saran dan masukan 3');
    expect(text).toContain(c1.row.number);
    expect(text).not.toContain('Pengadu Uji');
    pdfPngs(buf, dir, 'laporan-pengaduan', 60);
  });
});
