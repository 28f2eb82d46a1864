/**
 * The monthly report as an Excel workbook (exceljs, streaming writer): a summary sheet with the office
 * header, the figures and a signature block for the head of unit; detail sheets listing every visit of the
 * month, every item on a return slip, the volume per day and the staff figures. Cells are typed (numbers,
 * dates in WITA wall-clock time, percentages), header rows frozen and filterable, columns sized to content.
 */
import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';
import { BOLD, BORDER, headerRow } from './xlsx-style';
import type { MonthlyReport } from '../../contract/report';
import { NAMA_HARI, witaWallClockAsUtcDate, type Weekday } from '../../domain/time/wita';
import { dateTimeWita, dateWita, isoDateId } from '../../print/format';
import type { OfficeSettings } from '../../print/office';
import { exportPersonalDataStatement } from '../../print/privacy';
import { detailCells, type DetailRow, type ReturnItemRow } from './detail';
import { writeComplaintsSheet } from './complaints';
import { writeQueueSheet } from './queue';
import { sentence } from '../../domain/sentence';

/** Excel has no time zones: a WITA wall-clock time is written as that same time in UTC. */
const witaDate = (ms: number | null) => (ms === null ? null : witaWallClockAsUtcDate(ms));
const isoToDate = (iso: string) => new Date(`${iso}T00:00:00Z`);


export interface XlsxInput {
  report: MonthlyReport;
  office: OfficeSettings;
  details: DetailRow[];
  returnItems: ReturnItemRow[];
  personalData: boolean;
  preparedBy: string;
  /** Called as rows are written: (rows written, total rows). */
  onProgress?: (done: number, total: number) => void;
}

export const SHEET_NAMES = { summary: 'Ringkasan', visits: 'Kunjungan', returns: 'Kekurangan Berkas', days: 'Per Hari', staff: 'Kinerja Petugas' } as const;

const NO_STYLE: Partial<ExcelJS.Style> = {};

function styleRow(row: ExcelJS.Row, styles: Partial<ExcelJS.Style>[]): void {
  for (let i = 0; i < styles.length; i++) row.getCell(i + 1).style = styles[i]!;
}

function yieldToLoop(): Promise<void> {
  return new Promise((r) => setImmediate(r));
}

type Sheet = ExcelJS.Worksheet;

function bordered(row: ExcelJS.Row, count: number): void {
  for (let i = 1; i <= count; i++) row.getCell(i).border = BORDER;
}

function statementRows(ws: Sheet, office: OfficeSettings, personalData: boolean, span: number): number {
  const lines = exportPersonalDataStatement({ personalData, officeName: office.officeName, dpoName: office.dpoName, dpoContact: office.dpoContact });
  for (const line of lines) {
    const row = ws.addRow([line]);
    row.font = { italic: true, size: 9 };
    ws.mergeCells(row.number, 1, row.number, span);
    row.commit();
  }
  return lines.length;
}

function writeSummary(wb: ExcelJS.stream.xlsx.WorkbookWriter, input: XlsxInput): void {
  const { report: r, office } = input;
  const ws = wb.addWorksheet(SHEET_NAMES.summary, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const SPAN = 15;
  ws.columns = [
    { width: 5 },
    { width: 46 },
    { width: 16 },
    { width: 12 },
    { width: 13 },
    { width: 12 },
    { width: 11 },
    { width: 11 },
    { width: 12 },
    { width: 14 },
    { width: 12 },
    { width: 11 },
    { width: 12 },
    { width: 14 },
    { width: 14 },
  ];
  const merged = (text: string, font: Partial<ExcelJS.Font>, align: 'left' | 'center' = 'center') => {
    const row = ws.addRow([text]);
    row.font = font;
    row.alignment = { horizontal: align, vertical: 'middle', wrapText: align === 'left' };
    ws.mergeCells(row.number, 1, row.number, SPAN);
    row.commit();
  };
  merged(office.officeName.toUpperCase(), { bold: true, size: 14 });
  merged(office.officeAddress, { size: 10 });
  if (office.officeContact) merged(office.officeContact, { size: 10 });
  const rule = ws.addRow([]);
  for (let i = 1; i <= SPAN; i++) rule.getCell(i).border = { bottom: { style: 'double', color: { argb: 'FF000000' } } };
  rule.commit();
  ws.addRow([]).commit();
  merged('LAPORAN BULANAN PELAYANAN', { bold: true, size: 13 });
  merged(`Bulan ${r.monthLabel} (${isoDateId(r.firstDay)} – ${isoDateId(r.lastDay)}; ${r.workingDays} hari kerja)`, { size: 10 });
  merged(`${sentence(`Disusun ${dateTimeWita(r.generatedAt)} oleh ${input.preparedBy}`)} Status berkas per waktu penyusunan.`, { size: 9, italic: true });
  ws.addRow([]).commit();

  const section = (title: string) => {
    const row = ws.addRow([title]);
    row.font = { bold: true, size: 11 };
    ws.mergeCells(row.number, 1, row.number, SPAN);
    row.commit();
  };
  const kv = (label: string, value: number | null, fmt?: string) => {
    const row = ws.addRow([null, label, value]);
    if (fmt) row.getCell(3).numFmt = fmt;
    row.getCell(3).font = BOLD;
    row.commit();
  };

  const t = r.totals;
  section('A. Ringkasan');
  kv('Jumlah kunjungan (buku tamu)', t.visits);
  kv('Kunjungan dengan permohonan layanan', t.withService);
  kv('Kunjungan keperluan lain', t.otherPurpose);
  kv('Berkas dikembalikan (tidak lengkap), kunjungan', t.returnedVisits);
  kv('Jumlah pengembalian berkas', t.returns);
  kv('Berkas diserahkan ke verifikator/admin sistem', t.handedOver);
  kv('Berkas selesai diproses', t.completed);
  kv('Permohonan ditolak', t.rejected);
  kv('Belum selesai', t.open);
  kv('Belum selesai dan melewati jangka waktu', t.openOverdue);
  kv('Selesai/ditolak dalam jangka waktu', t.finishedInTime);
  kv('Selesai/ditolak melewati jangka waktu', t.finishedLate);
  kv('Persentase selesai dalam jangka waktu', t.inTimePct === null ? null : t.inTimePct / 100, '0.0%');
  // Both figures, never one alone (issue 9): disruption time excused where the regulation allows, and counted.
  kv('Dalam jangka waktu tanpa pengecualian gangguan internet/SPSE', t.finishedInTimeWithoutExcuse);
  kv('Melewati jangka waktu tanpa pengecualian gangguan', t.finishedLateWithoutExcuse);
  kv('Persentase tanpa pengecualian gangguan', t.inTimePctWithoutExcuse === null ? null : t.inTimePctWithoutExcuse / 100, '0.0%');
  kv('Berkas dengan waktu gangguan tidak dihitung', t.excusedVisits);
  kv('Waktu gangguan tidak dihitung (menit kerja)', t.excusedMinutes, '0.0');
  kv('Di luar jangka waktu layanan (diteruskan ke helpdesk LKPP)', t.outsideLimit);
  for (const s of r.services) {
    if (s.guarantee && s.guarantee.timed > 0) {
      kv(`Layanan ${s.number}: jaminan ${s.guarantee.minutes} menit terpenuhi (dari ${s.guarantee.timed} berkas selesai)`, s.guarantee.met);
    }
  }
  for (const o of r.outages) kv(`${o.kindLabel} seluruh kantor ${dateTimeWita(o.from)} – ${o.to === null ? 'berlangsung' : dateTimeWita(o.to)}: ${o.reason}`, null);
  kv('Penggunaan diskresi (Pasal 6)', t.discretion);
  kv('Diteruskan ke LKPP', t.forwardedLkpp);
  ws.addRow([]).commit();

  section('B. Rekapitulasi per layanan');
  headerRow(ws, [
    'No',
    'Layanan',
    'Jangka waktu',
    'Kunjungan',
    'Dikembalikan',
    'Diserahkan',
    'Selesai',
    'Ditolak',
    'Belum selesai',
    'Terlambat (belum selesai)',
    'Tepat waktu',
    'Terlambat',
    '% tepat waktu',
    'Median proses (menit kerja)',
    'P90 proses (menit kerja)',
  ]);
  for (const s of r.services) {
    const row = ws.addRow([
      s.number,
      s.name,
      s.limitText,
      s.visits,
      s.returnedVisits,
      s.handedOver,
      s.completed,
      s.rejected,
      s.open,
      s.openOverdue,
      s.finishedInTime,
      s.finishedLate,
      s.inTimePct === null ? null : s.inTimePct / 100,
      s.processingMedianMin,
      s.processingP90Min,
    ]);
    row.getCell(13).numFmt = '0.0%';
    row.getCell(14).numFmt = '0.0';
    row.getCell(15).numFmt = '0.0';
    row.getCell(2).alignment = { wrapText: true };
    bordered(row, SPAN);
    row.commit();
  }
  const sum = (k: 'visits' | 'returnedVisits' | 'handedOver' | 'completed' | 'rejected' | 'open' | 'openOverdue' | 'finishedInTime' | 'finishedLate') =>
    r.services.reduce((a, s) => a + s[k], 0);
  const totalRow = ws.addRow([
    null,
    'Jumlah',
    null,
    sum('visits'),
    sum('returnedVisits'),
    sum('handedOver'),
    sum('completed'),
    sum('rejected'),
    sum('open'),
    sum('openOverdue'),
    sum('finishedInTime'),
    sum('finishedLate'),
    t.inTimePct === null ? null : t.inTimePct / 100,
    null,
    null,
  ]);
  totalRow.font = BOLD;
  totalRow.getCell(13).numFmt = '0.0%';
  bordered(totalRow, SPAN);
  totalRow.commit();
  ws.addRow([]).commit();

  section('C. Durasi tahapan layanan (menit kerja: jam layanan pada hari kerja)');
  headerRow(ws, ['No', 'Tahap', 'Jumlah berkas', 'Median', 'Persentil 90']);
  r.stages.forEach((s, i) => {
    const row = ws.addRow([i + 1, s.label, s.count, s.medianMin, s.p90Min]);
    row.getCell(4).numFmt = '0.0';
    row.getCell(5).numFmt = '0.0';
    bordered(row, 5);
    row.commit();
  });
  ws.addRow([]).commit();

  section('D. Dokumen yang paling sering kurang atau tidak sesuai');
  headerRow(ws, ['No', 'Dokumen', 'Kali tercatat', 'Kunjungan']);
  r.missingDocuments.forEach((m, i) => {
    const row = ws.addRow([i + 1, m.label, m.count, m.visits]);
    bordered(row, 4);
    row.commit();
  });
  if (r.missingDocuments.length === 0) ws.addRow([null, 'Tidak ada berkas yang dikembalikan.']).commit();
  ws.addRow([]).commit();
  headerRow(ws, ['No', 'Alasan pengembalian', 'Kali tercatat']);
  r.returnReasons.forEach((m, i) => {
    const row = ws.addRow([i + 1, m.label, m.count]);
    bordered(row, 3);
    row.commit();
  });
  ws.addRow([]).commit();

  const listSection = (title: string, rows: MonthlyReport['discretion'], reasonHeader: string, none: string) => {
    section(title);
    headerRow(ws, ['No', 'Perusahaan', 'Tanggal', 'No. tanda terima', 'Layanan', reasonHeader, 'Petugas']);
    rows.forEach((d, i) => {
      const row = ws.addRow([i + 1, d.companyName ?? '–', isoToDate(d.day), d.receiptNo, d.serviceName, d.reason, d.byName]);
      row.getCell(3).numFmt = 'dd/mm/yyyy';
      row.getCell(6).alignment = { wrapText: true };
      bordered(row, 7);
      row.commit();
    });
    if (rows.length === 0) ws.addRow([null, none]).commit();
    ws.addRow([]).commit();
  };
  listSection('E. Penggunaan diskresi (Perwali 67/2018 Pasal 6)', r.discretion, 'Alasan diskresi', 'Tidak ada penggunaan diskresi.');
  listSection('F. Permohonan yang ditolak', r.rejections, 'Alasan penolakan', 'Tidak ada permohonan yang ditolak.');

  section('G. Pernyataan data pribadi (UU Nomor 27 Tahun 2022)');
  statementRows(ws, office, input.personalData, SPAN);
  ws.addRow([]).commit();

  // Signature block of the head of unit, on the right.
  const sig = (text: string, font?: Partial<ExcelJS.Font>) => {
    const row = ws.addRow([]);
    row.getCell(11).value = text;
    if (font) row.getCell(11).font = font;
    row.getCell(11).alignment = { horizontal: 'center' };
    ws.mergeCells(row.number, 11, row.number, 15);
    row.commit();
  };
  sig(`Banjarmasin, ${dateWita(r.generatedAt)}`);
  sig('Mengetahui,');
  sig(office.headTitle, BOLD);
  for (let i = 0; i < 4; i++) ws.addRow([]).commit();
  sig(office.headName ?? '(..........................................)', { bold: true, underline: true });
  sig(office.headNip ? `NIP. ${office.headNip}` : 'NIP. ....................................');
  ws.commit();
}

export async function writeReportXlsx(input: XlsxInput): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    stream.on('end', () => resolve());
    stream.on('error', reject);
  });
  // exceljs takes ~180 ms to load: it is loaded on the first export, not when the app starts.
  const { default: excel } = await import('exceljs');
  const wb = new excel.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } } });
  wb.creator = input.preparedBy;
  wb.title = `Laporan Bulanan ${input.report.monthLabel}`;
  wb.subject = input.office.officeName;
  wb.description = exportPersonalDataStatement({
    personalData: input.personalData,
    officeName: input.office.officeName,
    dpoName: input.office.dpoName,
    dpoContact: input.office.dpoContact,
  }).join(' ');
  wb.created = witaDate(input.report.generatedAt)!;

  const total = input.details.length + input.returnItems.length;
  let done = 0;
  const progress = () => input.onProgress?.(done, total);

  writeSummary(wb, input);

  // Detail sheets: a title row, the personal-data statement, then the header row (frozen, filterable).
  const statementCount = exportPersonalDataStatement({ personalData: input.personalData, officeName: input.office.officeName, dpoName: null, dpoContact: null }).length;
  const headerAt = statementCount + 2;

  // ---- every visit ----
  const vs = wb.addWorksheet(SHEET_NAMES.visits, { views: [{ state: 'frozen', ySplit: headerAt, xSplit: 2 }] });
  const visitCols: Array<{ header: string; width: number; numFmt?: string }> = [
    { header: 'No', width: 7 },
    { header: 'Tanggal', width: 11, numFmt: 'dd/mm/yyyy' },
    { header: 'Jam datang', width: 8, numFmt: 'hh:mm' },
    { header: 'Nama pemohon', width: 26 },
    { header: 'NIK', width: 19 },
    { header: 'Telepon', width: 15 },
    { header: 'Sebagai', width: 9 },
    { header: 'Perusahaan', width: 30 },
    { header: 'NPWP', width: 21 },
    { header: 'No. layanan', width: 8 },
    { header: 'Layanan', width: 36 },
    { header: 'Status', width: 18 },
    { header: 'Dikembalikan (kali)', width: 12 },
    { header: 'No. tanda terima', width: 24 },
    { header: 'Diserahkan', width: 16, numFmt: 'dd/mm/yyyy hh:mm' },
    { header: 'Petugas buku tamu', width: 22 },
    { header: 'Petugas penyerahan', width: 22 },
    { header: 'Selesai/ditolak', width: 16, numFmt: 'dd/mm/yyyy hh:mm' },
    { header: 'Verifikator/admin', width: 22 },
    { header: 'Jangka waktu', width: 14 },
    { header: 'Dalam jangka waktu', width: 14 },
    { header: 'Menunggu (menit kerja)', width: 12, numFmt: '0.0' },
    { header: 'Pemeriksaan (menit kerja)', width: 12, numFmt: '0.0' },
    { header: 'Proses (menit kerja)', width: 12, numFmt: '0.0' },
    { header: 'Diskresi', width: 9 },
    { header: 'Alasan diskresi', width: 30 },
    { header: 'Alasan penolakan', width: 36 },
    { header: 'Ke LKPP', width: 8 },
    { header: 'No. antrean', width: 9 },
    { header: 'Tunggu sebelum dilayani (menit)', width: 12, numFmt: '0.0' },
  ];
  vs.columns = visitCols.map((c) => ({ width: c.width }));
  // One style object per column, shared by all its cells: exceljs caches a style's id by object identity,
  // while a style object per cell (what column styles produce) is serialised and looked up cell by cell.
  const visitStyles: Partial<ExcelJS.Style>[] = visitCols.map((c) => (c.numFmt ? { numFmt: c.numFmt } : NO_STYLE));
  const title = vs.addRow([`Rincian kunjungan ${input.report.monthLabel} — ${input.office.officeName}`]);
  title.font = { bold: true, size: 12 };
  title.commit();
  statementRows(vs, input.office, input.personalData, 12);
  headerRow(vs, visitCols.map((c) => c.header));
  vs.autoFilter = { from: { row: headerAt, column: 1 }, to: { row: headerAt, column: visitCols.length } };
  for (const d of input.details) {
    const arrived = witaDate(d.arrivedAt)!;
    const row = vs.addRow([
      d.no,
      isoToDate(d.day),
      // Time of day as a fraction of a day, so the column can be summed or filtered as time.
      (arrived.getUTCHours() * 60 + arrived.getUTCMinutes()) / 1440,
      d.visitorName,
      d.nik,
      d.phone,
      ...detailCells(d, witaDate),
    ]);
    styleRow(row, visitStyles);
    row.commit();
    done++;
    if (done % 1000 === 0) {
      progress();
      await yieldToLoop();
    }
  }
  vs.commit();

  // ---- items on return slips ----
  const rs = wb.addWorksheet(SHEET_NAMES.returns, { views: [{ state: 'frozen', ySplit: headerAt }] });
  rs.columns = [{ width: 7 }, { width: 16 }, { width: 10 }, { width: 30 }, { width: 26 }, { width: 36 }, { width: 32 }, { width: 34 }];
  const returnStyles: Partial<ExcelJS.Style>[] = [NO_STYLE, { numFmt: 'dd/mm/yyyy hh:mm' }, NO_STYLE, NO_STYLE, NO_STYLE, NO_STYLE, NO_STYLE, NO_STYLE];
  const rsTitle = rs.addRow([`Kekurangan berkas yang dicatat pada daftar pengembalian, ${input.report.monthLabel}`]);
  rsTitle.font = { bold: true, size: 12 };
  rsTitle.commit();
  statementRows(rs, input.office, false, 8);
  headerRow(rs, ['No', 'Dikembalikan', 'Pengembalian ke-', 'Perusahaan', 'Nama pemohon', 'Layanan', 'Dokumen', 'Keterangan']);
  rs.autoFilter = { from: { row: headerAt, column: 1 }, to: { row: headerAt, column: 8 } };
  input.returnItems.forEach((x, i) => {
    const row = rs.addRow([i + 1, witaDate(x.returnedAt), x.returnNo, x.companyName, x.visitorName, x.serviceName, x.label, x.reason]);
    styleRow(row, returnStyles);
    row.commit();
  });
  done += input.returnItems.length;
  progress();
  rs.commit();

  // ---- per day ----
  const series = input.report.seriesCodes;
  const ds = wb.addWorksheet(SHEET_NAMES.days, { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
  ds.columns = [{ width: 11, style: { numFmt: 'dd/mm/yyyy' } }, { width: 9 }, { width: 11 }, { width: 10 }, ...series.map(() => ({ width: 14 }))];
  headerRow(ds, ['Tanggal', 'Hari', 'Hari kerja', 'Kunjungan', ...series.map((s) => s.label)]);
  for (const d of input.report.days) {
    ds.addRow([isoToDate(d.day), NAMA_HARI[d.weekday as Weekday], d.workingDay ? 'Ya' : 'Tidak', d.visits, ...series.map((s) => d.byService[s.code] ?? 0)]).commit();
  }
  const dsTotal = ds.addRow(['Jumlah', null, null, input.report.days.reduce((a, d) => a + d.visits, 0), ...series.map((s) => input.report.days.reduce((a, d) => a + (d.byService[s.code] ?? 0), 0))]);
  dsTotal.font = BOLD;
  dsTotal.commit();
  ds.commit();

  // ---- staff ----
  const ss = wb.addWorksheet(SHEET_NAMES.staff, { views: [{ state: 'frozen', ySplit: 1 }] });
  ss.columns = [{ width: 28 }, { width: 22 }, { width: 12 }, { width: 12 }, { width: 16 }, { width: 12 }, { width: 10 }, { width: 10 }, { width: 12 }, { width: 12 }, { width: 16 }];
  headerRow(ss, [
    'Petugas',
    'Peran',
    'Buku tamu',
    'Penyerahan',
    'Median pemeriksaan (menit kerja)',
    'Selesai/ ditolak',
    'Selesai',
    'Ditolak',
    'Tepat waktu',
    '% tepat waktu',
    'Median proses (menit kerja)',
  ]);
  const ROLE: Record<string, string> = { helpdesk: 'Helpdesk', verifier: 'Verifikator', sysadmin: 'Admin sistem', supervisor: 'Supervisor' };
  for (const s of input.report.staff) {
    const row = ss.addRow([
      s.name,
      s.roles.map((x) => ROLE[x] ?? x).join(', '),
      s.registered,
      s.handedOver,
      s.checkingMedianMin,
      s.finished,
      s.completed,
      s.rejected,
      s.finishedInTime,
      s.inTimePct === null ? null : s.inTimePct / 100,
      s.processingMedianMin,
    ]);
    row.getCell(5).numFmt = '0.0';
    row.getCell(10).numFmt = '0.0%';
    row.getCell(11).numFmt = '0.0';
    row.commit();
  }
  ss.commit();

  // Issue 12: complaints and suggestions, after the existing sheets.
  writeComplaintsSheet(wb, input.report);
  // Issue 16: the waiting room's queue.
  writeQueueSheet(wb, input.report);
  await wb.commit();
  await finished;
  return Buffer.concat(chunks);
}
