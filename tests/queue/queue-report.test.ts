/**
 * The waiting room's queue in the monthly report (issue 16 item 5): visitors per hour, the measured waiting
 * before service (median, 90th percentile), no-shows, per service — on screen (report.monthly), in the XLSX
 * sheet and visit detail, in the CSV detail and in the PDF (read back). Figures checked against a day built by
 * hand: numbers taken, called, served or marked not present at known minutes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeSharedPdfRenderer } from '../../backend/pdf';
import { at, handedOverFile } from '../desks/desk-helpers';
import { freshVisit } from '../sync/workload';
import { signInAsSupervisor, startTestApp, type TestApp } from '../helpers';
import { pdfText } from '../print/pdf-tools';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.backend.close();
  app = null;
});
afterAll(async () => {
  await closeSharedPdfRenderer();
});

const HELPDESK = { role: 'helpdesk' as const, number: 1 };

async function exportFile(a: TestApp, format: 'xlsx' | 'pdf' | 'csv') {
  const { jobId } = await a.ok('report.exportStart', { month: '2026-11', format, includePersonalData: false });
  for (;;) {
    const s = await a.ok('report.exportStatus', { jobId });
    if (s.state === 'failed') throw new Error(s.error ?? 'failed');
    if (s.state === 'done') return s.file!;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the monthly report: the waiting room queue', () => {
  it('counts numbers per hour, measures waiting before service, counts no-shows, per service, in every format', async () => {
    app = await startTestApp();
    const a = app;
    const arrive = async (date: string, time: string, serviceCode?: string) => {
      at(a, date, time);
      await signInAsSupervisor(a);
      const reg = await a.ok('visits.register', serviceCode ? { ...freshVisit(), serviceCode } : freshVisit());
      const q = await a.ok('queue.ofVisit', { visitId: reg.visit.visit.id });
      return { visitId: reg.visit.visit.id, ticketId: q.ticket!.ticketId, label: q.ticket!.label };
    };
    const deskAt = async (date: string, time: string) => {
      at(a, date, time);
      await signInAsSupervisor(a);
    };

    // Thursday 26 November: three numbers.
    const t1 = await arrive('2026-11-26', '08:00'); // aktivasi_user_id (freshVisit's service)
    const t2 = await arrive('2026-11-26', '08:20', 'perubahan_email');
    await deskAt('2026-11-26', '08:05');
    expect((await a.ok('queue.callNext', { desk: HELPDESK })).ticket.label).toBe(t1.label);
    await deskAt('2026-11-26', '08:06');
    await a.ok('queue.serve', { desk: HELPDESK, ticketId: t1.ticketId }); // waited 6 minutes
    await deskAt('2026-11-26', '08:30');
    expect((await a.ok('queue.callNext', { desk: HELPDESK })).ticket.label).toBe(t2.label);
    await deskAt('2026-11-26', '08:32');
    await a.ok('queue.notPresent', { desk: HELPDESK, ticketId: t2.ticketId }); // never served after: a no-show
    const t3 = await arrive('2026-11-26', '09:30');
    await deskAt('2026-11-26', '09:50');
    // A002 is deferred after "tidak hadir": the waiting A003 is called first.
    expect((await a.ok('queue.callNext', { desk: HELPDESK })).ticket.label).toBe(t3.label);
    await a.ok('queue.serve', { desk: HELPDESK, ticketId: t3.ticketId }); // waited 20 minutes
    // Friday 27 November: one number, served after 2 minutes.
    const t4 = await arrive('2026-11-27', '10:00');
    await deskAt('2026-11-27', '10:02');
    await a.ok('queue.callNext', { desk: HELPDESK });
    await a.ok('queue.serve', { desk: HELPDESK, ticketId: t4.ticketId });
    // December does not count in November.
    await arrive('2026-12-01', '08:00');

    at(a, '2026-12-01', '09:00');
    await signInAsSupervisor(a);
    const r = await a.ok('report.monthly', { month: '2026-11' });
    const q = r.queue!;
    expect(q).toMatchObject({ tickets: 4, served: 3, noShows: 1, notServed: 0, queueDays: 2 });
    // Waits 2, 6, 20 minutes: median 6; 90th percentile (Excel PERCENTILE.INC) 6 + 0.8 × 14 = 17.2.
    expect(q.waitMedianMin).toBe(6);
    expect(q.waitP90Min).toBe(17.2);
    const hour = (h: number) => q.byHour.find((x) => x.hour === h)!;
    expect(q.byHour.map((h) => h.hour)).toEqual([8, 9, 10, 11, 12, 13, 14, 15]);
    expect(hour(8)).toMatchObject({ tickets: 2, perDay: 1, waitMedianMin: 6, byService: { aktivasi_user_id: 1, perubahan_email: 1 } });
    expect(hour(9)).toMatchObject({ tickets: 1, waitMedianMin: 20 });
    expect(hour(10)).toMatchObject({ tickets: 1, waitMedianMin: 2 });
    expect(hour(11)).toMatchObject({ tickets: 0, waitMedianMin: null });
    const svc = (code: string) => q.byService.find((s) => s.code === code)!;
    expect(svc('aktivasi_user_id')).toMatchObject({ label: '1. Aktivasi User ID', tickets: 3, served: 3, noShows: 0, waitMedianMin: 6 });
    expect(svc('perubahan_email')).toMatchObject({ tickets: 1, served: 0, noShows: 1, waitMedianMin: null });

    // XLSX: the "Antrean" sheet and each visit's number and waiting in the detail sheet.
    const xlsx = await exportFile(a, 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Antrean')!;
    const cells = (ws: ExcelJS.Worksheet) => {
      const out: unknown[][] = [];
      ws.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
      return out;
    };
    const qs = cells(sheet);
    expect(qs).toContainEqual(['Nomor antrean diambil', 4]);
    expect(qs).toContainEqual(['Tidak hadir saat dipanggil', 1]);
    expect(qs).toContainEqual(['Persentil 90 waktu tunggu (menit)', 17.2]);
    expect(qs).toContainEqual(['08.00–09.00', 2, 1, 6, expect.any(Number)]);
    const detail = cells(wb.worksheets[1]!);
    const header = detail.find((row) => row.includes('No. antrean'))!;
    const labelCol = header.indexOf('No. antrean');
    const waitCol = header.indexOf('Tunggu sebelum dilayani (menit)');
    const byLabel = new Map(detail.filter((row) => typeof row[labelCol] === 'string' && row[labelCol] !== 'No. antrean').map((row) => [row[labelCol], row[waitCol]]));
    expect(byLabel.get(t3.label)).toBe(20);
    expect(byLabel.has(t2.label)).toBe(true);
    expect(byLabel.get(t2.label) ?? null).toBeNull();

    // CSV: the same two columns at the end of each visit row.
    const csv = Buffer.from((await exportFile(a, 'csv')).base64, 'base64').toString('utf8');
    expect(csv).toContain(';No antrean;Tunggu sebelum dilayani (menit)\r\n');
    expect(csv.split('\r\n').filter((l) => l.endsWith(`;${t3.label};20`))).toHaveLength(1);

    // PDF: part I, read back.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-report-'));
    const pdf = pdfText(Buffer.from((await exportFile(a, 'pdf')).base64, 'base64'), dir, 'laporan', false);
    const flat = pdf.replace(/\s+/g, ' ');
    expect(flat).toContain('I. Antrean ruang tunggu');
    expect(flat).toContain('Nomor antrean diambil 4');
    expect(flat).toContain('Waktu tunggu sebelum dilayani — persentil 90 (menit) 17,2');
    expect(flat).toContain('Jumlah pengunjung (nomor antrean) menurut jam pengambilan nomor');
  });

  it('prints the visitor’s queue number on the handover receipt', async () => {
    app = await startTestApp();
    await signInAsSupervisor(app);
    at(app, '2026-11-26', '08:00');
    await app.ok('visits.register', freshVisit()); // A001: someone else
    const visitId = await handedOverFile(app, 'perubahan_email');
    const ticket = (await app.ok('queue.ofVisit', { visitId })).ticket!;
    expect(ticket.label).toBe('A002');
    const receipt = await app.ok('print.render', { kind: 'receipt', visitId, layout: 'a4', returnNo: null });
    expect(receipt.html).toContain('<td class="k">Nomor antrean</td><td class="c">:</td><td>A002</td>');
    const thermal = await app.ok('print.render', { kind: 'receipt', visitId, layout: 'thermal80', returnNo: null });
    expect(thermal.html).toContain('A002');
    // An office that gives no numbers prints no queue line.
    await app.ok('queue.setSettings', { enabled: false });
    const other = await handedOverFile(app, 'perubahan_email');
    expect((await app.ok('queue.ofVisit', { visitId: other })).ticket).toBeNull();
    expect((await app.ok('print.render', { kind: 'receipt', visitId: other, layout: 'a4', returnNo: null })).html).not.toContain('Nomor antrean');
  });
});
