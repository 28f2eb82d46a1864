/**
 * The month's visits as CSV for Excel in Indonesian regional settings: UTF-8 with a byte-order mark (so
 * Excel reads the encoding correctly), semicolon separators (the list separator where the decimal mark is a
 * comma), decimal commas, CRLF line ends, dates as DD/MM/YYYY HH:MM (WITA). A short preamble states what the
 * file is and what personal data it holds (UU 27/2022); the table starts after the first empty line.
 */
import type { MonthlyReport } from '../../contract/report';
import type { OfficeSettings } from '../../print/office';
import { exportPersonalDataStatement } from '../../print/privacy';
import { dateTimeWita } from '../../print/format';
import { toWitaParts } from '../../domain/time/wita';
import { detailCells, type DetailRow } from './detail';

export const CSV_SEPARATOR = ';';
export const UTF8_BOM = '\uFEFF';

export function csvField(v: string | number | CsvText | null): string {
  if (v === null) return '';
  if (v instanceof CsvText) return '"=""' + v.value + '"""';
  const s = typeof v === 'number' ? String(v).replace('.', ',') : v;
  // Formula injection: a cell starting with = + - @ would run as a formula in Excel.
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A long digit string (full NIK, phone number) written so Excel keeps it as text: a bare 16-digit NIK would
 * become 6,37101E+15 and lose its last digit, a phone number its leading zero.
 */
export class CsvText {
  constructor(readonly value: string) {}
}

function asText(v: string | null): string | CsvText | null {
  return v !== null && /^\+?\d{6,}$/.test(v) ? new CsvText(v) : v;
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

export function csvDateTime(ms: number | null): string | null {
  if (ms === null) return null;
  const p = toWitaParts(ms);
  return `${two(p.day)}/${two(p.month)}/${p.year} ${two(p.hour)}:${two(p.minute)}`;
}

export const CSV_HEADER = [
  'No',
  'Datang',
  'Nama pemohon',
  'NIK',
  'Telepon',
  'Sebagai',
  'Perusahaan',
  'NPWP',
  'No layanan',
  'Layanan',
  'Status',
  'Dikembalikan (kali)',
  'No tanda terima',
  'Diserahkan',
  'Petugas buku tamu',
  'Petugas penyerahan',
  'Selesai/ditolak',
  'Verifikator/admin',
  'Jangka waktu',
  'Dalam jangka waktu',
  'Menunggu (menit kerja)',
  'Pemeriksaan (menit kerja)',
  'Proses (menit kerja)',
  'Diskresi',
  'Alasan diskresi',
  'Alasan penolakan',
  'Ke LKPP',
  'No antrean',
  'Tunggu sebelum dilayani (menit)',
] as const;

export function writeReportCsv(input: { report: MonthlyReport; office: OfficeSettings; details: DetailRow[]; personalData: boolean }): Buffer {
  const lines: string[] = [];
  const line = (cells: Array<string | number | CsvText | null>) => lines.push(cells.map(csvField).join(CSV_SEPARATOR));
  line([`Rincian kunjungan ${input.report.monthLabel} — ${input.office.officeName}`]);
  line([`Disusun ${dateTimeWita(input.report.generatedAt)}; ${input.details.length} kunjungan`]);
  for (const s of exportPersonalDataStatement({ personalData: input.personalData, officeName: input.office.officeName, dpoName: input.office.dpoName, dpoContact: input.office.dpoContact })) {
    line([s]);
  }
  lines.push('');
  line([...CSV_HEADER]);
  for (const d of input.details) {
    line([
      d.no,
      csvDateTime(d.arrivedAt),
      d.visitorName,
      asText(d.nik),
      asText(d.phone),
      ...detailCells(d, csvDateTime),
    ]);
  }
  return Buffer.from(UTF8_BOM + lines.join('\r\n') + '\r\n', 'utf8');
}
