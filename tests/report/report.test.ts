/**
 * The monthly report and its exports on a month of generated visits, checked against independent SQL counts
 * on the same database, and read back: XLSX with exceljs, CSV parsed, PDF with pdftotext.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSharedPdfRenderer } from '../../backend/pdf';
import type { TestApp } from '../helpers';
import { pdfInfo, pdfPngs, pdfText } from '../print/pdf-tools';
import { DEMO_PASSWORD } from '../../cli/demo-data';
import { novemberApp, parseCsv, sqlCount } from './fixture';

let app: TestApp;
const dir = process.env.LPSE_RENDER_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lpse-report-'));
fs.mkdirSync(dir, { recursive: true });
const NOV = "day >= '2026-11-01' AND day < '2026-12-01'";

beforeAll(async () => {
  app = await novemberApp();
}, 120_000);
afterAll(async () => {
  await app.backend.close();
  await closeSharedPdfRenderer();
});

async function exportFile(format: 'xlsx' | 'pdf' | 'csv', includePersonalData = false) {
  const { jobId } = await app.ok('report.exportStart', { month: '2026-11', format, includePersonalData });
  const phases: number[] = [];
  for (;;) {
    const s = await app.ok('report.exportStatus', { jobId });
    phases.push(s.progress);
    if (s.state === 'failed') throw new Error(s.error ?? 'failed');
    if (s.state === 'done') return { file: s.file!, phases };
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('monthly report', () => {
  it('agrees with independent SQL counts', async () => {
    const r = await app.ok('report.monthly', { month: '2026-11' });
    expect(r.monthLabel).toBe('November 2026');
    expect(r.workingDays).toBe(21); // 30 days, 9 weekend days, no holiday
    const visits = sqlCount(app, `SELECT count(*) AS n FROM visits WHERE ${NOV}`);
    expect(visits).toBeGreaterThan(500);
    expect(r.totals.visits).toBe(visits);
    expect(r.totals.withService).toBe(sqlCount(app, `SELECT count(*) AS n FROM visits WHERE ${NOV} AND service_code IS NOT NULL`));
    expect(r.totals.completed).toBe(sqlCount(app, `SELECT count(*) AS n FROM visits WHERE ${NOV} AND status = 'completed'`));
    expect(r.totals.rejected).toBe(sqlCount(app, `SELECT count(*) AS n FROM visits WHERE ${NOV} AND status = 'rejected'`));
    expect(r.totals.rejected).toBeGreaterThan(0);
    expect(r.totals.returnedVisits).toBe(sqlCount(app, `SELECT count(*) AS n FROM visits WHERE ${NOV} AND returned_count > 0`));
    expect(r.totals.returns).toBe(sqlCount(app, `SELECT coalesce(sum(returned_count), 0) AS n FROM visits WHERE ${NOV}`));
    expect(r.totals.discretion).toBe(sqlCount(app, `SELECT count(*) AS n FROM visits WHERE ${NOV} AND discretion = 1`));
    expect(r.totals.handedOver).toBe(sqlCount(app, `SELECT count(*) AS n FROM visits WHERE ${NOV} AND handed_over_at IS NOT NULL`));
    for (const s of r.services) {
      expect(s.visits, s.code).toBe(sqlCount(app, `SELECT count(*) AS n FROM visits WHERE ${NOV} AND service_code = ?`, s.code));
    }
    // Every finished file is judged in time or late, or out of the limit (service 7 forwarded to the LKPP helpdesk).
    expect(r.totals.finishedInTime + r.totals.finishedLate + r.totals.outsideLimit).toBe(r.totals.completed + r.totals.rejected);
    expect(r.totals.finishedInTimeWithoutExcuse + r.totals.finishedLateWithoutExcuse).toBe(r.totals.finishedInTime + r.totals.finishedLate);
    expect(r.totals.inTimePct).toBeCloseTo((100 * r.totals.finishedInTime) / (r.totals.finishedInTime + r.totals.finishedLate), 1);
    // Volume by day adds up, weekends are not working days.
    expect(r.days).toHaveLength(30);
    expect(r.days.reduce((a, d) => a + d.visits, 0)).toBe(visits);
    expect(r.days.find((d) => d.day === '2026-11-28')?.workingDay).toBe(false);
    const day = r.days.find((d) => d.visits > 0)!;
    expect(Object.values(day.byService).reduce((a, b) => a + b, 0)).toBe(day.visits);
    expect(day.visits).toBe(sqlCount(app, 'SELECT count(*) AS n FROM visits WHERE day = ?', day.day));
    // Most-missing documents come from the return slips.
    const topItem = app.backend.ctx.sqlite
      .prepare(
        `SELECT vr.item_code AS code, count(*) AS n FROM visit_returns vr JOIN visits v ON v.id = vr.visit_id
         WHERE v.day >= '2026-11-01' AND v.day < '2026-12-01' GROUP BY vr.item_code ORDER BY n DESC LIMIT 1`,
      )
      .get() as { code: string; n: number } | undefined;
    expect(topItem).toBeDefined();
    expect(r.missingDocuments[0]?.count).toBe(topItem!.n);
    // Stages: medians within percentiles, counts sensible.
    for (const s of r.stages) if (s.medianMin !== null) expect(s.p90Min!).toBeGreaterThanOrEqual(s.medianMin);
    // Staff: the handlers' finished files add up to all finished files with a recorded handler.
    const byHandler = r.staff.reduce((a, s) => a + s.finished, 0);
    expect(byHandler).toBe(sqlCount(app, `SELECT count(*) AS n FROM visits WHERE ${NOV} AND status IN ('completed','rejected') AND outcome_by IS NOT NULL`));
    expect(r.staff.map((s) => s.name)).toContain('Rusdiansyah, S.E.');
  });

  it('refuses a malformed month and non-supervisors', async () => {
    const bad = await app.call('report.monthly', { month: '2026-13' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.issues?.[0]?.message).toContain('TTTT-BB');
    app.token = (await app.ok('auth.signIn', { username: 'helpdesk1', password: DEMO_PASSWORD })).token;
    const refused = await app.call('report.monthly', { month: '2026-11' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('forbidden');
    const exp = await app.call('report.exportStart', { month: '2026-11', format: 'xlsx', includePersonalData: true });
    expect(exp.ok).toBe(false);
    app.token = (await app.ok('auth.signIn', { username: 'kasubbag', password: DEMO_PASSWORD })).token;
  });
});

describe('exports read back', () => {
  it('XLSX: sheets, typed cells, totals equal to SQL, masked personal data, export recorded', async () => {
    const before = sqlCount(app, "SELECT count(*) AS n FROM events WHERE type = 'report.exported'");
    const { file, phases } = await exportFile('xlsx');
    expect(phases[phases.length - 1]).toBe(1);
    expect(file.fileName).toBe('laporan-bulanan-2026-11.xlsx');
    expect(file.personalData).toBe(false);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Ringkasan', 'Kunjungan', 'Kekurangan Berkas', 'Per Hari', 'Kinerja Petugas', 'Pengaduan', 'Antrean']);

    const visits = sqlCount(app, `SELECT count(*) AS n FROM visits WHERE ${NOV}`);
    const detail = wb.getWorksheet('Kunjungan')!;
    // Title, the three-line personal-data statement, then the frozen header row.
    expect(detail.getRow(2).getCell(1).text).toContain('NIK dan nomor telepon disamarkan');
    expect(detail.getRow(5).getCell(1).value).toBe('No');
    expect(detail.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
    const dataRows = detail.actualRowCount - 5;
    expect(dataRows).toBe(visits);
    const first = detail.getRow(6);
    expect(typeof first.getCell(1).value).toBe('number');
    expect(first.getCell(2).value).toBeInstanceOf(Date);
    expect(first.getCell(2).numFmt).toBe('dd/mm/yyyy');
    expect(first.getCell(3).numFmt).toBe('hh:mm');
    // A time of day is a fraction of a day in Excel; exceljs reads a time-formatted number back as a Date.
    expect(first.getCell(3).value).toBeInstanceOf(Date);
    expect(first.getCell(5).text).toMatch(/^\d{4}•{8}\d{4}$|^$/);
    const nikCol = detail.getColumn(5).values.slice(6).filter((v): v is string => typeof v === 'string');
    expect(nikCol.length).toBeGreaterThan(0);
    expect(nikCol.every((v) => v.includes('•'))).toBe(true);

    // Per-service visits on the summary sheet equal an independent count.
    const summary = wb.getWorksheet('Ringkasan')!;
    expect(summary.getRow(1).getCell(1).text).toBe('BAGIAN LAYANAN PENGADAAN SEKRETARIAT DAERAH KOTA BANJARMASIN');
    const perService = app.backend.ctx.sqlite
      .prepare(`SELECT service_code AS code, count(*) AS n FROM visits WHERE ${NOV} AND service_code IS NOT NULL GROUP BY service_code`)
      .all() as { code: string; n: number }[];
    const catalogue = await app.ok('catalogue.active', {});
    let matched = 0;
    summary.eachRow((row) => {
      const name = row.getCell(2).value;
      const svc = catalogue.services.find((s) => s.name === name);
      if (svc && typeof row.getCell(1).value === 'number') {
        expect(row.getCell(4).value, svc.code).toBe(perService.find((p) => p.code === svc.code)?.n ?? 0);
        matched++;
      }
      if (name === 'Jumlah kunjungan (buku tamu)') expect(row.getCell(3).value).toBe(visits);
    });
    expect(matched).toBe(catalogue.services.length);
    const texts: string[] = [];
    summary.eachRow((row) => row.eachCell((c) => texts.push(c.text)));
    expect(texts.join('\n')).toContain('Kepala Bagian Layanan Pengadaan');
    expect(texts.join('\n')).toContain('NIK dan nomor telepon disamarkan');
    expect(texts.join('\n')).toContain('Pejabat Pelindungan Data Pribadi');
    // The supervisor's name ends with a title's full stop: the sentence is not closed with a second one.
    expect(texts.join('\n')).toContain('oleh H. Muhammad Rizali, S.T. Status berkas');
    expect(texts.join('\n')).not.toMatch(/S\.T\.\./);

    const perDay = wb.getWorksheet('Per Hari')!;
    expect(perDay.getRow(1).getCell(1).value).toBe('Tanggal');
    expect(perDay.getRow(32).getCell(4).value).toBe(visits);

    expect(sqlCount(app, "SELECT count(*) AS n FROM events WHERE type = 'report.exported'")).toBe(before + 1);
    const log = await app.ok('report.exports', {});
    expect(log.entries[0]).toMatchObject({ month: '2026-11', format: 'xlsx', personalData: false, visitCount: visits, byName: 'H. Muhammad Rizali, S.T.', via: 'app' });
    fs.writeFileSync(path.join(dir, 'laporan.xlsx'), Buffer.from(file.base64, 'base64'));
  });

  it('CSV: UTF-8 with BOM, semicolons, one row per visit; full NIK only when asked', async () => {
    const masked = await exportFile('csv');
    const buf = Buffer.from(masked.file.base64, 'base64');
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buf.toString('utf8').slice(1);
    const rows = parseCsv(text);
    const headerAt = rows.findIndex((r) => r[0] === 'No');
    expect(headerAt).toBeGreaterThan(2);
    expect(rows.slice(0, headerAt).flat().join(' ')).toContain('NIK dan nomor telepon disamarkan');
    const data = rows.slice(headerAt + 1);
    const visits = sqlCount(app, `SELECT count(*) AS n FROM visits WHERE ${NOV}`);
    expect(data).toHaveLength(visits);
    expect(data.every((r) => r.length === rows[headerAt]!.length)).toBe(true);
    const nikIdx = rows[headerAt]!.indexOf('NIK');
    expect(data.filter((r) => r[nikIdx]).every((r) => r[nikIdx]!.includes('•'))).toBe(true);

    const full = await exportFile('csv', true);
    expect(full.file.personalData).toBe(true);
    expect(full.file.fileName).toBe('laporan-bulanan-2026-11-data-lengkap.csv');
    const frows = parseCsv(Buffer.from(full.file.base64, 'base64').toString('utf8').slice(1));
    const fh = frows.findIndex((r) => r[0] === 'No');
    expect(frows.slice(0, fh).flat().join(' ')).toContain('DATA PRIBADI LENGKAP');
    const niks = frows.slice(fh + 1).map((r) => r[nikIdx]!).filter(Boolean);
    expect(niks.length).toBeGreaterThan(0);
    // Kept as text for Excel: ="6371…".
    for (const v of niks) expect(v).toMatch(/^="\d{16}"$/);
    const known = new Set((app.backend.ctx.sqlite.prepare('SELECT nik FROM persons WHERE nik IS NOT NULL').all() as { nik: string }[]).map((p) => p.nik));
    expect(niks.every((v) => known.has(v.slice(2, -1)))).toBe(true);
    const log = await app.ok('report.exports', {});
    expect(log.entries[0]).toMatchObject({ format: 'csv', personalData: true });
  });

  it('PDF: the report on A4 with charts, read back with pdftotext', async () => {
    const { file } = await exportFile('pdf', true);
    expect(file.personalData).toBe(false); // the PDF never lists visitors
    const pdf = Buffer.from(file.base64, 'base64');
    const info = pdfInfo(pdf, dir, 'laporan');
    expect(Math.round((info.widthPt * 25.4) / 72)).toBe(210);
    expect(info.pages).toBeGreaterThanOrEqual(2);
    const text = pdfText(pdf, dir, 'laporan', false).replace(/\s+/g, ' ');
    expect(text).toContain('LAPORAN BULANAN PELAYANAN');
    expect(text).toContain('November 2026');
    const r = await app.ok('report.monthly', { month: '2026-11' });
    for (const s of r.services.filter((x) => x.visits > 0)) expect(text).toContain(s.shortName);
    expect(text).toContain(r.totals.visits.toLocaleString('id-ID'));
    expect(text).toContain('Kepatuhan jangka waktu');
    expect(text).toContain('Kepala Bagian Layanan Pengadaan');
    expect(text).toContain('tidak memuat NIK');
    expect(text).toContain('oleh H. Muhammad Rizali, S.T. Status berkas');
    expect(text).not.toMatch(/S\.T\.\./);
    pdfPngs(pdf, dir, 'laporan');
  });

  it('a job belongs to the supervisor who started it', async () => {
    const { jobId } = await app.ok('report.exportStart', { month: '2026-11', format: 'csv', includePersonalData: false });
    await app.ok('users.create', { username: 'kabag', displayName: 'Kepala Bagian', roles: ['kepala_bagian'], password: 'rahasia-12345' });
    app.token = (await app.ok('auth.signIn', { username: 'kabag', password: 'rahasia-12345' })).token;
    const other = await app.call('report.exportStatus', { jobId });
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.error.code).toBe('not_found');
    app.token = (await app.ok('auth.signIn', { username: 'kasubbag', password: DEMO_PASSWORD })).token;
    for (;;) {
      const s = await app.ok('report.exportStatus', { jobId });
      if (s.state !== 'running') break;
      await new Promise((r) => setTimeout(r, 20));
    }
  });
});
