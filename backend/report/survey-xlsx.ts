/**
 * The SKM report as an Excel workbook: a summary (figures and the element table, NRR at full precision),
 * the respondent profile, the per-service breakdown, the improvement plan, and the data of every response
 * (tabulasi: day, service, profile, U1–U9 — no identifier, ordered by day then service, never by arrival).
 */
import type ExcelJS from 'exceljs';
import type { SurveyReport } from '../../contract/survey';
import { dateTimeWita, isoDateId } from '../../print/format';
import type { OfficeSettings } from '../../print/office';
import { AGE_GROUP_LABEL, CHANNEL_LABEL, EDUCATION_LABEL, OCCUPATION_LABEL, SEX_LABEL } from '../../domain/survey/questionnaire';
import { sampleWarning } from './survey-html';
import { BOLD, BORDER, headerRow } from './xlsx-style';

export const SURVEY_SHEETS = { summary: 'Ringkasan', profile: 'Profil Responden', services: 'Per Layanan', plan: 'Rencana Tindak Lanjut', data: 'Data Responden' } as const;

export interface ResponseRow {
  day: string;
  serviceName: string;
  channel: string;
  sex: string | null;
  ageGroup: string | null;
  education: string | null;
  occupation: string | null;
  answers: (number | null)[];
}


function boxed(row: ExcelJS.Row): void {
  row.eachCell((c) => (c.border = BORDER));
}

const label = <K extends string>(map: Record<K, string>, v: string | null) => (v === null ? '' : (map[v as K] ?? v));

export async function writeSurveyXlsx(r: SurveyReport, office: OfficeSettings, rows: ResponseRow[], preparedBy: string): Promise<Buffer> {
  // exceljs takes ~180 ms to load: loaded on the first export only (as backend/report/xlsx.ts does).
  const { default: excel } = await import('exceljs');
  const wb = new excel.Workbook();
  wb.creator = 'LPSE Counter';
  wb.created = new Date(r.generatedAt);

  // ---- summary ----
  const s = wb.addWorksheet(SURVEY_SHEETS.summary, { views: [{ showGridLines: false }] });
  s.columns = [{ width: 6 }, { width: 42 }, { width: 12 }, { width: 13 }, { width: 12 }, { width: 12 }, { width: 14 }, { width: 18 }];
  s.addRow([office.officeName]).font = { bold: true, size: 12 };
  s.addRow([office.officeAddress]);
  s.addRow([]);
  s.addRow(['LAPORAN SURVEI KEPUASAN MASYARAKAT (PermenPANRB 14/2017)']).font = { bold: true, size: 13 };
  s.addRow([`${r.period.label} (${isoDateId(r.period.from)} – ${isoDateId(r.period.to)})${r.serviceName ? ` · Layanan: ${r.serviceName}` : ''}`]);
  s.addRow([`Disusun ${dateTimeWita(r.generatedAt)} oleh ${preparedBy}`]);
  s.addRow([]);
  const figure = (name: string, value: string | number | null, fmt?: string) => {
    const row = s.addRow(['', name, value ?? '–']);
    row.getCell(2).font = BOLD;
    if (fmt) row.getCell(3).numFmt = fmt;
  };
  figure('Responden', r.respondents, '#,##0');
  figure('Populasi (kunjungan layanan)', r.population, '#,##0');
  figure('Sampel minimal (Krejcie–Morgan)', r.minimumSample, '#,##0');
  figure('IKM (Σ NRR × 1/9)', r.ikm, '0.0000');
  figure('IKM nilai konversi', r.ikmConverted, '0.00');
  figure('Mutu pelayanan', r.grade ? `${r.grade} (${r.gradeLabel})` : null);
  const warn = sampleWarning(r);
  if (r.problem) s.addRow(['', r.problem]).font = BOLD;
  if (warn) s.addRow(['', warn]).font = BOLD;
  s.addRow([]);
  headerRow(s, ['No', 'Unsur pelayanan', 'Kode', 'Menjawab', 'Jumlah nilai', 'NRR', 'Nilai konversi', 'Mutu']);
  r.elements.forEach((e, i) => {
    const row = s.addRow([i + 1, e.name, e.code, e.answered, e.sum, e.nrr, e.nrrConverted, e.category ? `${e.category} (${e.categoryLabel})` : '–']);
    row.getCell(6).numFmt = '0.000';
    row.getCell(7).numFmt = '0.00';
    boxed(row);
  });
  const ikmRow = s.addRow(['', 'IKM', '', '', '', r.ikm, r.ikmConverted, r.grade ? `${r.grade} (${r.gradeLabel})` : '–']);
  ikmRow.font = BOLD;
  ikmRow.getCell(6).numFmt = '0.0000';
  ikmRow.getCell(7).numFmt = '0.00';
  boxed(ikmRow);
  s.addRow([]);
  s.addRow(['', 'Unsur dengan nilai terendah']).font = BOLD;
  for (const l of r.lowest) s.addRow(['', `${l.code} ${l.name}`, '', '', '', '', l.nrrConverted]).getCell(7).numFmt = '0.00';
  s.addRow([]);
  s.addRow(['', 'Nilai konversi dibulatkan dua desimal (setengah ke atas) hanya pada akhir perhitungan; mutu dibaca dari nilai yang dibulatkan.']);
  s.addRow(['', 'Responden mengisi tanpa nama, NIK, atau nomor telepon; data ini tidak memuat data pribadi.']);

  // ---- profile ----
  const p = wb.addWorksheet(SURVEY_SHEETS.profile);
  p.columns = [{ width: 28 }, { width: 12 }, { width: 12 }];
  const profileBlock = (title: string, list: SurveyReport['profile']['sex']) => {
    headerRow(p, [title, 'Jumlah', 'Persen']);
    for (const x of list) {
      const row = p.addRow([x.label, x.count, r.respondents ? x.count / r.respondents : null]);
      row.getCell(3).numFmt = '0.0%';
      boxed(row);
    }
    p.addRow([]);
  };
  profileBlock('Jenis kelamin', r.profile.sex);
  profileBlock('Usia', r.profile.ageGroup);
  profileBlock('Pendidikan', r.profile.education);
  profileBlock('Pekerjaan', r.profile.occupation);
  profileBlock('Cara pengisian', r.channels);

  // ---- per service ----
  const v = wb.addWorksheet(SURVEY_SHEETS.services, { views: [{ state: 'frozen', ySplit: 1 }] });
  v.columns = [{ width: 6 }, { width: 50 }, { width: 12 }, { width: 12 }, { width: 14 }, { width: 12 }, { width: 22 }];
  headerRow(v, ['No', 'Layanan', 'Responden', 'Populasi', 'Sampel minimal', 'IKM', 'Mutu']);
  for (const x of r.services) {
    const row = v.addRow([x.number, x.name, x.respondents, x.population, x.minimumSample, x.sufficient ? x.ikmConverted : null, x.sufficient ? x.grade : 'sampel belum memadai']);
    row.getCell(6).numFmt = '0.00';
    boxed(row);
  }

  // ---- plan ----
  const pl = wb.addWorksheet(SURVEY_SHEETS.plan);
  pl.columns = [{ width: 6 }, { width: 8 }, { width: 36 }, { width: 40 }, { width: 16 }, { width: 22 }, { width: 40 }, { width: 12 }];
  headerRow(pl, ['No', 'Unsur', 'Permasalahan', 'Program/kegiatan perbaikan', 'Waktu', 'Penanggung jawab', 'Tindak lanjut', 'Status']);
  for (const [i, x] of (r.plan?.items ?? []).entries()) {
    const row = pl.addRow([i + 1, x.element, x.problem, x.action, x.timeframe, x.responsible, x.followUp, x.status]);
    row.alignment = { wrapText: true, vertical: 'top' };
    boxed(row);
  }
  if (!r.plan || r.plan.items.length === 0) pl.addRow(['', '', 'Belum diisi.']);

  // ---- data ----
  const d = wb.addWorksheet(SURVEY_SHEETS.data, { views: [{ state: 'frozen', ySplit: 1 }] });
  d.columns = [{ width: 7 }, { width: 12 }, { width: 40 }, { width: 18 }, { width: 12 }, { width: 18 }, { width: 18 }, { width: 18 }, ...Array.from({ length: 9 }, () => ({ width: 5 }))];
  headerRow(d, ['No', 'Tanggal', 'Layanan', 'Cara pengisian', 'Jenis kelamin', 'Usia', 'Pendidikan', 'Pekerjaan', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9']);
  rows.forEach((x, i) => {
    const row = d.addRow([
      i + 1,
      new Date(`${x.day}T00:00:00Z`),
      x.serviceName,
      label(CHANNEL_LABEL, x.channel),
      label(SEX_LABEL, x.sex),
      label(AGE_GROUP_LABEL, x.ageGroup),
      label(EDUCATION_LABEL, x.education),
      label(OCCUPATION_LABEL, x.occupation),
      ...x.answers,
    ]);
    row.getCell(2).numFmt = 'dd/mm/yyyy';
  });
  d.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 17 } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
