/**
 * The complaints section of the monthly report (issue 12): complaints received in the month (WITA) with
 * their state as of generation, counted on the same clocks as the complaint desk (`backend/complaint-view.ts`,
 * `domain/complaints/clock.ts`), and the month's suggestions. Screen, XLSX (its own sheet) and PDF (its own
 * part) show the same figures. No complainant's identity is listed: numbers, dates and stages only.
 */
import type ExcelJS from 'exceljs';
import type { MonthlyComplaints } from '../../contract/complaints';
import type { MonthlyReport } from '../../contract/report';
import type { Exec } from '../../db/event-store';
import type { Catalogue } from '../../domain/catalogue/types';
import { CHANNEL_SHORT, STAGE_LABEL } from '../../domain/complaints/labels';
import { COMPLAINT_CHANNELS, type ComplaintChannel } from '../../domain/events/complaint-events';
import type { ComplaintStage } from '../../domain/aggregates/complaint';
import type { WorkCalendar } from '../../domain/time/calendar';
import { witaDayStartMs, witaWallClockAsUtcDate } from '../../domain/time/wita';
import { toComplaintRow } from '../complaint-view';
import { dateTimeWita } from '../../print/format';
import { html, type SafeHtml } from '../../print/html';
import type { MonthRange } from './month';
import { pct } from './stats';

const STATE_LABEL: Record<string, string> = {
  done_in_time: 'Tepat waktu',
  done_late: 'Terlambat',
  running: 'Berjalan',
  paused: 'Dijeda (menunggu kelengkapan)',
  overdue: 'Lewat batas',
  not_started: '–',
  outside_limit: '–',
};

export async function monthComplaints(db: Exec, range: MonthRange, cal: WorkCalendar, catalogue: Catalogue | null, now: number): Promise<MonthlyComplaints> {
  const from = witaDayStartMs(range.firstDay);
  const to = witaDayStartMs(range.nextFirstDay);
  const [rows, suggestions] = await Promise.all([
    db.selectFrom('complaints').selectAll().where('received_at', '>=', from).where('received_at', '<', to).orderBy('received_at').execute(),
    db.selectFrom('suggestions').select(['channel']).where('received_at', '>=', from).where('received_at', '<', to).execute(),
  ]);
  const out: MonthlyComplaints = {
    received: rows.length,
    complete: 0,
    incomplete: 0,
    undecided: 0,
    completenessInTime: 0,
    completenessLate: 0,
    completenessPending: 0,
    responseInTime: 0,
    responseLate: 0,
    responsePending: 0,
    completenessInTimePct: null,
    responseInTimePct: null,
    responded: 0,
    closed: 0,
    overdue: 0,
    lateFiling: 0,
    byService: [],
    byChannel: [],
    suggestions: suggestions.length,
    suggestionsByChannel: [],
    list: [],
  };
  const byService = new Map<string | null, { name: string; count: number; order: number }>();
  const byChannel = new Map<ComplaintChannel, number>();
  for (const r of rows) {
    const row = toComplaintRow(r, cal, now, catalogue);
    if (r.ever_incomplete === 1) out.incomplete++;
    else if (r.first_decision_at !== null) out.complete++;
    else out.undecided++;
    const c = row.completeness.state;
    if (c === 'done_in_time') out.completenessInTime++;
    else if (c === 'done_late' || c === 'overdue') out.completenessLate++;
    else out.completenessPending++;
    const s = row.response.state;
    if (s === 'done_in_time') out.responseInTime++;
    else if (s === 'done_late' || s === 'overdue') out.responseLate++;
    else out.responsePending++;
    if (r.responded_at !== null) out.responded++;
    if (r.stage === 'closed') out.closed++;
    if (row.overdue) out.overdue++;
    if (row.lateFiling) out.lateFiling++;
    const service = r.service_code ? catalogue?.services.find((x) => x.code === r.service_code) : undefined;
    const key = r.service_code;
    const entry = byService.get(key) ?? { name: row.serviceName ?? 'Tidak menyebut layanan', count: 0, order: service?.number ?? 999 };
    entry.count++;
    byService.set(key, entry);
    byChannel.set(row.channel, (byChannel.get(row.channel) ?? 0) + 1);
    out.list.push({
      number: row.number,
      receivedAt: row.receivedAt,
      channelLabel: row.channelLabel,
      serviceName: row.serviceName,
      stageLabel: STAGE_LABEL[r.stage as ComplaintStage] ?? r.stage,
      completenessDue: row.completeness.deadlineMs,
      completenessAt: row.completeness.endedAt,
      completenessState: STATE_LABEL[c] ?? c,
      responseDue: row.response.deadlineMs,
      responseAt: row.response.endedAt,
      responseState: STATE_LABEL[s] ?? s,
      pausedWorkingMinutes: Math.round(row.response.pausedWorkingMinutes),
      lateFiling: row.lateFiling,
      provisional: row.completeness.deadlineProvisional || row.response.deadlineProvisional,
    });
  }
  out.completenessInTimePct = pct(out.completenessInTime, out.completenessInTime + out.completenessLate);
  out.responseInTimePct = pct(out.responseInTime, out.responseInTime + out.responseLate);
  out.byService = [...byService.entries()].sort((a, b) => a[1].order - b[1].order).map(([code, v]) => ({ code, name: v.name, count: v.count }));
  out.byChannel = COMPLAINT_CHANNELS.filter((ch) => byChannel.has(ch)).map((ch) => ({ channel: ch, label: CHANNEL_SHORT[ch], count: byChannel.get(ch)! }));
  const sByChannel = new Map<ComplaintChannel, number>();
  for (const x of suggestions) sByChannel.set(x.channel as ComplaintChannel, (sByChannel.get(x.channel as ComplaintChannel) ?? 0) + 1);
  out.suggestionsByChannel = COMPLAINT_CHANNELS.filter((ch) => sByChannel.has(ch)).map((ch) => ({ channel: ch, label: CHANNEL_SHORT[ch], count: sByChannel.get(ch)! }));
  return out;
}

const n = (v: number) => v.toLocaleString('id-ID');
const pctText = (v: number | null) => (v === null ? '–' : `${v.toLocaleString('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`);

/** The figures as label/value pairs, in the order the three outputs show them. */
export function complaintFigures(c: MonthlyComplaints): Array<[string, string]> {
  return [
    ['Pengaduan diterima', n(c.received)],
    ['Lengkap pada pemeriksaan pertama', n(c.complete)],
    ['Tidak lengkap (menunggu/pernah menunggu kelengkapan)', n(c.incomplete)],
    ['Belum diputuskan kelengkapannya', n(c.undecided)],
    ['Diberitahukan dalam 3 hari kerja', `${n(c.completenessInTime)} (${pctText(c.completenessInTimePct)})`],
    ['Pemberitahuan terlambat / lewat batas', n(c.completenessLate)],
    ['Ditanggapi dalam 6 hari kerja', `${n(c.responseInTime)} (${pctText(c.responseInTimePct)})`],
    ['Tanggapan terlambat / lewat batas', n(c.responseLate)],
    ['Belum ditanggapi, masih dalam batas', n(c.responsePending)],
    ['Lewat batas waktu, belum selesai', n(c.overdue)],
    ['Selesai', n(c.closed)],
    ['Melewati batas waktu pengaduan (30 hari)', n(c.lateFiling)],
    ['Saran dan masukan', n(c.suggestions)],
  ];
}

/** Part H of the printed report. */
export function complaintsHtml(r: MonthlyReport): SafeHtml {
  const c = r.complaints;
  if (!c) return html``;
  const figures = complaintFigures(c);
  const breakdown = (title: string, rows: { label?: string; name?: string; count: number }[]) =>
    rows.length === 0
      ? html``
      : html`<table class="grid"><thead><tr><th>${title}</th><th class="r">Jumlah</th></tr></thead><tbody>${rows.map((x) => html`<tr><td>${x.label ?? x.name ?? ''}</td><td class="r">${n(x.count)}</td></tr>`)}</tbody></table>`;
  const shown = c.list.slice(0, 40);
  return html`<h2>H. Pengaduan, saran dan masukan (Perwali 67/2018 Pasal 8)</h2>
<table class="grid"><tbody>${figures.map(([l, v]) => html`<tr><td>${l}</td><td class="r">${v}</td></tr>`)}</tbody></table>
<div style="display:flex;gap:4mm;margin-top:2mm"><div style="flex:1">${breakdown('Menurut layanan', c.byService)}</div><div style="flex:1">${breakdown('Menurut saluran pengaduan', c.byChannel)}${c.suggestionsByChannel.length ? breakdown('Saran menurut saluran', c.suggestionsByChannel) : ''}</div></div>
${
  shown.length
    ? html`<table class="grid"><thead><tr><th class="n">No</th><th>Nomor pengaduan</th><th>Diterima</th><th>Saluran</th><th>Layanan</th><th>Tahap</th><th>Kelengkapan (3 hari kerja)</th><th>Tanggapan (6 hari kerja)</th></tr></thead><tbody>${shown.map(
        (x, i) =>
          html`<tr><td class="n">${i + 1}</td><td class="nw">${x.number}${x.lateFiling ? ' *' : ''}</td><td class="nw">${dateTimeWita(x.receivedAt)}</td><td>${x.channelLabel}</td><td>${x.serviceName ?? '–'}</td><td>${x.stageLabel}</td><td>${x.completenessState}</td><td>${x.responseState}${x.pausedWorkingMinutes > 0 && !x.responseState.startsWith('Dijeda') ? ' (batas digeser masa tunggu kelengkapan)' : ''}</td></tr>`,
      )}</tbody></table>${c.list.length > shown.length ? html`<p class="note">Ditampilkan ${shown.length} dari ${c.list.length}; daftar lengkap ada pada ekspor Excel.</p>` : ''}`
    : html`<p>Tidak ada pengaduan yang diterima pada bulan ini.</p>`
}
<p class="note">Pengaduan yang diterima pada bulan ini, status per waktu penyusunan. Batas pemberitahuan kelengkapan 3 hari kerja (Pasal 8 ayat (5)) dan batas tanggapan 6 hari kerja (Lampiran) dihitung pada jam layanan hari kerja sejak diterima; selama pengaduan menunggu kelengkapan dari pengadu, batas tanggapan tidak berjalan. * diterima lebih dari 30 hari setelah layanan.</p>`;
}

const BOLD = { bold: true } as const;
const THIN = { style: 'thin', color: { argb: 'FF000000' } } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN } as const;
const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6E6E6' } } as const;
const DATE_FMT = 'dd/mm/yyyy hh:mm';

export const COMPLAINTS_SHEET = 'Pengaduan';

/** The "Pengaduan" sheet of the XLSX export: the figures, the breakdowns, then every complaint of the month. */
export function writeComplaintsSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, r: MonthlyReport): void {
  const c = r.complaints;
  if (!c) return;
  const ws = wb.addWorksheet(COMPLAINTS_SHEET, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [{ width: 6 }, { width: 28 }, { width: 19 }, { width: 14 }, { width: 34 }, { width: 30 }, { width: 19 }, { width: 19 }, { width: 24 }, { width: 19 }, { width: 19 }, { width: 24 }, { width: 12 }, { width: 12 }];
  const title = ws.addRow([`Pengaduan, saran dan masukan — ${r.monthLabel}`]);
  title.font = { bold: true, size: 13 };
  title.commit();
  const note = ws.addRow(['Pengaduan yang diterima pada bulan ini, status per waktu penyusunan; jangka waktu dihitung pada jam layanan hari kerja (Perwali Banjarmasin 67/2018 Pasal 8 dan Lampiran). Tidak memuat identitas pengadu.']);
  note.font = { italic: true, size: 9 };
  note.commit();
  ws.addRow([]).commit();
  for (const [label, value] of complaintFigures(c)) {
    const row = ws.addRow(['', label, value]);
    row.getCell(2).border = BORDER;
    row.getCell(3).border = BORDER;
    row.commit();
  }
  ws.addRow([]).commit();
  const head = (labels: string[]) => {
    const row = ws.addRow(labels);
    row.font = BOLD;
    row.alignment = { vertical: 'middle', wrapText: true };
    row.eachCell((cell) => {
      cell.border = BORDER;
      cell.fill = HEADER_FILL;
    });
    row.commit();
  };
  head(['', 'Menurut layanan', 'Jumlah']);
  for (const s of c.byService) ws.addRow(['', s.name, s.count]).commit();
  ws.addRow([]).commit();
  head(['', 'Menurut saluran', 'Pengaduan', 'Saran']);
  for (const ch of COMPLAINT_CHANNELS) {
    const a = c.byChannel.find((x) => x.channel === ch)?.count ?? 0;
    const b = c.suggestionsByChannel.find((x) => x.channel === ch)?.count ?? 0;
    if (a || b) ws.addRow(['', CHANNEL_SHORT[ch], a, b]).commit();
  }
  ws.addRow([]).commit();
  head([
    'No',
    'Nomor pengaduan',
    'Diterima',
    'Saluran',
    'Layanan',
    'Tahap',
    'Batas kelengkapan',
    'Diberitahukan',
    'Kelengkapan',
    'Batas tanggapan',
    'Ditanggapi',
    'Tanggapan',
    'Dijeda (menit kerja)',
    'Lewat 30 hari',
  ]);
  const d = (ms: number | null) => (ms === null ? null : witaWallClockAsUtcDate(ms));
  c.list.forEach((x, i) => {
    const row = ws.addRow([
      i + 1,
      x.number,
      d(x.receivedAt),
      x.channelLabel,
      x.serviceName ?? '',
      x.stageLabel,
      d(x.completenessDue),
      d(x.completenessAt),
      x.completenessState + (x.provisional ? ' (perkiraan)' : ''),
      d(x.responseDue),
      d(x.responseAt),
      x.responseState,
      x.pausedWorkingMinutes,
      x.lateFiling ? 'Ya' : 'Tidak',
    ]);
    for (const col of [3, 7, 8, 10, 11]) row.getCell(col).numFmt = DATE_FMT;
    row.commit();
  });
  ws.commit();
}
