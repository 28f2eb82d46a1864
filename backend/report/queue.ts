/**
 * The waiting room's queue in the monthly report (issue 16 item 5, ADR 0013): how many numbers were handed
 * out, when in the day (visitors per hour), how long visitors waited before a desk started serving them, and
 * how many did not come when called — per service. Screen, PDF (part I, with a chart), XLSX (its own sheet)
 * and the visit detail of the XLSX and CSV (each visit's number and its waiting) show the same figures.
 *
 * Definitions:
 * - The month's tickets are those of its days (WITA), by the ticket's day.
 * - Waiting before service is measured, not guessed: from the moment the number was taken to the first
 *   moment a desk served the visitor (a desk's "Layani", or the helpdesk starting the checklist), as the day's
 *   board reads it (`firstServedAt`, domain/queue/board.ts). Wall-clock minutes: the queue lives within one
 *   day's office hours.
 * - A no-show was marked not present and never served after that (`isNoShow`).
 * - Per service by the service the ticket was taken for; "Lainnya" without one.
 */
import type ExcelJS from 'exceljs';
import type { MonthlyQueue } from '../../contract/queue';
import type { MonthlyReport } from '../../contract/report';
import type { Exec } from '../../db/exec';
import { queueExec } from '../../db/schema-queue';
import type { Catalogue } from '../../domain/catalogue/types';
import { firstServedAt, isNoShow, type VisitFacts } from '../../domain/queue/board';
import { toWitaParts } from '../../domain/time/wita';
import { stackedBarChart } from '../../print/charts';
import { html, raw, type SafeHtml } from '../../print/html';
import { parseTicket, visitFacts } from '../queue/tickets';
import { BORDER, headerRow } from './xlsx-style';
import type { MonthRange } from './month';
import { OTHER_PURPOSE } from './monthly';
import { median, percentile, roundMin } from './stats';
import { hourLabel, QUEUE_NOTE, queueFigures } from '../../domain/queue/month-figures';

/** One visit's place in the queue, for the detail rows of the exports. */
export interface VisitQueueFacts {
  label: string;
  waitMin: number | null;
}

export interface QueueMonth {
  summary: MonthlyQueue;
  byVisit: Map<string, VisitQueueFacts>;
}

/** Office hours of a counter day: the hour axis always shows these, plus any other hour with a ticket. */
const OFFICE_HOURS = [8, 9, 10, 11, 12, 13, 14, 15];

export async function monthQueue(db: Exec, range: MonthRange, catalogue: Catalogue | null): Promise<QueueMonth> {
  const rows = await queueExec(db)
    .selectFrom('queue_tickets')
    .select(['state', 'service_code'])
    .where('day', '>=', range.firstDay)
    .where('day', '<', range.nextFirstDay)
    .orderBy('issued_at')
    .orderBy('id')
    .execute();
  const tickets = rows.map((r) => ({ ticket: parseTicket(r.state), code: r.service_code ?? OTHER_PURPOSE }));
  const facts = await visitFacts(
    db,
    tickets.flatMap((t) => t.ticket.visitIds),
  );

  interface Acc {
    tickets: number;
    served: number;
    noShows: number;
    waits: number[];
  }
  const blank = (): Acc => ({ tickets: 0, served: 0, noShows: 0, waits: [] });
  const all = blank();
  const perService = new Map<string, Acc>();
  const perHour = new Map<number, Acc & { byService: Record<string, number> }>();
  const days = new Set<string>();
  const byVisit = new Map<string, VisitQueueFacts>();

  for (const { ticket: t, code } of tickets) {
    const visits = t.visitIds.map((id) => facts.get(id)).filter((f): f is VisitFacts => !!f);
    const served = firstServedAt(t, visits);
    const waitMin = served === null ? null : Math.max(0, served - t.issuedAt) / 60_000;
    const noShow = isNoShow(t, visits);
    const hour = toWitaParts(t.issuedAt).hour;
    days.add(t.day);
    const svc = perService.get(code) ?? blank();
    perService.set(code, svc);
    const h = perHour.get(hour) ?? { ...blank(), byService: {} };
    perHour.set(hour, h);
    h.byService[code] = (h.byService[code] ?? 0) + 1;
    for (const a of [all, svc, h]) {
      a.tickets++;
      if (waitMin !== null) {
        a.served++;
        a.waits.push(waitMin);
      }
      if (noShow) a.noShows++;
    }
    for (const id of t.visitIds) byVisit.set(id, { label: t.label, waitMin: roundMin(waitMin) });
  }

  const wait = (a: Acc) => ({ waitMedianMin: roundMin(median(a.waits)), waitP90Min: roundMin(percentile(a.waits, 0.9)) });
  const names = new Map((catalogue?.services ?? []).map((s) => [s.code, `${s.number}. ${s.shortName}`]));
  const order = new Map((catalogue?.services ?? []).map((s, i) => [s.code, i]));
  const rank = (code: string) => (code === OTHER_PURPOSE ? Number.MAX_SAFE_INTEGER : (order.get(code) ?? Number.MAX_SAFE_INTEGER - 1));
  const hours = [...new Set([...(tickets.length > 0 ? OFFICE_HOURS : []), ...perHour.keys()])].sort((a, b) => a - b);

  return {
    byVisit,
    summary: {
      tickets: all.tickets,
      served: all.served,
      noShows: all.noShows,
      notServed: all.tickets - all.served - all.noShows,
      queueDays: days.size,
      ...wait(all),
      byHour: hours.map((hour) => {
        const a = perHour.get(hour) ?? { ...blank(), byService: {} };
        return { hour, tickets: a.tickets, perDay: days.size ? Math.round((a.tickets / days.size) * 10) / 10 : null, ...wait(a), byService: a.byService };
      }),
      byService: [...perService.entries()]
        .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
        .map(([code, a]) => ({ code, label: code === OTHER_PURPOSE ? 'Lainnya' : (names.get(code) ?? code), tickets: a.tickets, served: a.served, noShows: a.noShows, ...wait(a) })),
    },
  };
}

const n = (v: number | null, digits = 0) => (v === null ? '–' : v.toLocaleString('id-ID', { maximumFractionDigits: digits, minimumFractionDigits: 0 }));

/** Part I of the printed report: figures, a chart of visitors per hour by service, and the per-service table. */
export function queueHtml(r: MonthlyReport, contentWidthPx: number): SafeHtml {
  const q = r.queue;
  if (!q) return html``;
  if (q.tickets === 0) return html`<h2>I. Antrean ruang tunggu</h2><p>Tidak ada nomor antrean yang diambil pada bulan ini.</p>`;
  const chart = stackedBarChart({
    title: 'Jumlah pengunjung (nomor antrean) menurut jam pengambilan nomor',
    yLabel: 'nomor antrean',
    width: contentWidthPx,
    height: 230 + Math.ceil(q.byService.length / 3) * 14,
    series: q.byService.map((s) => ({ key: s.code, label: s.label })),
    categories: q.byHour.map((h) => ({ label: `${String(h.hour).padStart(2, '0')}`, values: h.byService })),
  });
  return html`<h2>I. Antrean ruang tunggu</h2>
<table class="grid"><tbody>${queueFigures(q).map(([l, v]) => html`<tr><td>${l}</td><td class="r">${v}</td></tr>`)}</tbody></table>
${raw(chart)}
<table class="grid"><thead><tr><th>Jam</th><th class="r">Nomor antrean</th><th class="r">Rata-rata per hari</th><th class="r">Median tunggu (menit)</th><th class="r">Persentil 90 (menit)</th></tr></thead><tbody>${q.byHour.map(
    (h) => html`<tr><td>${hourLabel(h.hour)}</td><td class="r">${n(h.tickets)}</td><td class="r">${n(h.perDay, 1)}</td><td class="r">${n(h.waitMedianMin, 1)}</td><td class="r">${n(h.waitP90Min, 1)}</td></tr>`,
  )}</tbody></table>
<table class="grid"><thead><tr><th>Layanan</th><th class="r">Nomor antrean</th><th class="r">Dilayani</th><th class="r">Tidak hadir</th><th class="r">Median tunggu (menit)</th><th class="r">Persentil 90 (menit)</th></tr></thead><tbody>${q.byService.map(
    (s) => html`<tr><td>${s.label}</td><td class="r">${n(s.tickets)}</td><td class="r">${n(s.served)}</td><td class="r">${n(s.noShows)}</td><td class="r">${n(s.waitMedianMin, 1)}</td><td class="r">${n(s.waitP90Min, 1)}</td></tr>`,
  )}</tbody></table>
<p class="note">${QUEUE_NOTE}</p>`;
}

export const QUEUE_SHEET = 'Antrean';

/** The "Antrean" sheet of the XLSX export: the figures, then the per-hour and per-service tables. */
export function writeQueueSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, r: MonthlyReport): void {
  const q = r.queue;
  if (!q) return;
  const ws = wb.addWorksheet(QUEUE_SHEET, { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [{ width: 34 }, { width: 16 }, { width: 16 }, { width: 16 }, { width: 20 }, { width: 20 }];
  const title = ws.addRow([`Antrean ruang tunggu — ${r.monthLabel}`]);
  title.font = { bold: true, size: 13 };
  title.commit();
  const note = ws.addRow([QUEUE_NOTE]);
  note.font = { italic: true, size: 9 };
  note.commit();
  ws.addRow([]).commit();
  const figures: Array<[string, number | null]> = [
    ['Nomor antrean diambil', q.tickets],
    ['Hari dengan antrean', q.queueDays],
    ['Dilayani', q.served],
    ['Tidak hadir saat dipanggil', q.noShows],
    ['Tidak dilayani karena sebab lain', q.notServed],
    ['Median waktu tunggu (menit)', q.waitMedianMin],
    ['Persentil 90 waktu tunggu (menit)', q.waitP90Min],
  ];
  for (const [label, value] of figures) {
    const row = ws.addRow([label, value]);
    row.getCell(1).border = BORDER;
    row.getCell(2).border = BORDER;
    row.commit();
  }
  const head = (labels: string[]) => {
    ws.addRow([]).commit();
    headerRow(ws, labels);
  };
  head(['Jam', 'Nomor antrean', 'Rata-rata per hari', 'Median tunggu (menit)', 'Persentil 90 (menit)']);
  for (const h of q.byHour) ws.addRow([hourLabel(h.hour), h.tickets, h.perDay, h.waitMedianMin, h.waitP90Min]).commit();
  head(['Layanan', 'Nomor antrean', 'Dilayani', 'Tidak hadir', 'Median tunggu (menit)', 'Persentil 90 (menit)']);
  for (const s of q.byService) ws.addRow([s.label, s.tickets, s.served, s.noShows, s.waitMedianMin, s.waitP90Min]).commit();
  ws.commit();
}
