/**
 * Figures of issue 5 (printing and the monthly report), on a database holding five years of counter work:
 * 500,000 visits over 1,300 working days (demo-data generator, cached by the harness).
 *
 * - report_month_ms: `report.monthly` through the real dispatch for the last complete month (every visit of
 *   the month with its service clock on the working-day calendar, stage percentiles, staff, per day).
 *   Baseline, same run: the month's counts by service and status as one bare SQL statement (no clocks).
 * - export_xlsx_ms: that month exported to XLSX by the export job (the same code the screen and CLI use:
 *   report, detail sheet of every visit, return items, per day, staff; the export event recorded).
 *   Baseline, same run: the same month exported as CSV (same rows, no spreadsheet).
 * - receipt_pdf_ms: `print.pdf` of one handover receipt (A4) through the dispatch, with the headless Chromium
 *   warm (it stays warm between prints in the app). Baseline, same run: the same HTML straight to the PDF
 *   renderer (no data assembly, no contract, no event). The first, cold render is reported beside it.
 */
import { performance } from 'node:perf_hooks';
import { createBackend } from '../backend/app';
import { DEMO_PASSWORD } from '../cli/demo-data';
import { closeSharedPdfRenderer, pdfRendererFor } from '../backend/pdf';
import { startExportJob } from '../backend/handlers/report';
import { layoutSpec } from '../print/layouts';
import { runExport } from '../backend/report/export';
import { monthRange } from '../backend/report/month';
import { addDaysIso } from '../domain/time/wita';
import type { DatasetSpec } from './datasets';
import { call, figure, summarize, type BenchModule } from './harness';

/** Five years of a busy counter. */
export const REPORT_DATASET: DatasetSpec = { name: 'report-5y', visits: 500_000, days: 1300, seed: '1' };
/** `--quick`: same shape, small. */
export const REPORT_QUICK_DATASET: DatasetSpec = { name: 'report-quick', visits: 6_000, days: 60, seed: '1' };

export const reportModule: BenchModule = {
  name: 'report',
  description: 'monthly report, its XLSX export, and a receipt PDF (report.monthly, export job, print.pdf)',
  datasets: (quick) => [quick ? REPORT_QUICK_DATASET : REPORT_DATASET],
  async run(ctx) {
    const ds = await ctx.dataset(ctx.quick ? REPORT_QUICK_DATASET : REPORT_DATASET);
    const work = await ctx.workCopy(ds, { shared: true }); // records a few export events
    let now = Date.now();
    const backend = await createBackend({ startupQuickCheck: false, dataDir: work.dir, transport: 'browser', now: () => now, sync: false, backup: false });
    try {
      const { sqlite } = backend.ctx;
      const lastDay = (sqlite.prepare('SELECT max(day) AS d FROM visits').get() as { d: string }).d;
      // The last complete month before the dataset's last day, reported on the first day after it.
      const month = addDaysIso(`${lastDay.slice(0, 7)}-01`, -1).slice(0, 7);
      const range = monthRange(month);
      now = Date.parse(`${range.nextFirstDay}T01:00:00Z`); // 09:00 WITA on the 1st of the next month
      const count = (q: string, ...p: unknown[]) => (sqlite.prepare(q).get(...p) as { n: number }).n;
      const visitsTotal = count('SELECT count(*) AS n FROM visits');
      const monthVisits = count('SELECT count(*) AS n FROM visits WHERE day >= ? AND day < ?', range.firstDay, range.nextFirstDay);
      ctx.note('report.dataset_visits', visitsTotal);
      ctx.note('report.dataset_events', count('SELECT count(*) AS n FROM events'));
      ctx.note('report.dataset_days', `${(sqlite.prepare('SELECT min(day) AS d FROM visits').get() as { d: string }).d} .. ${lastDay}`);
      ctx.note('report.month', month);
      ctx.note('report.month_visits', monthVisits);

      const token = (await call(backend, null, 'auth.signIn', { username: 'kasubbag', password: DEMO_PASSWORD })).token;
      const userId = backend.ctx.sessions.touch(token, now)!.userId;

      // ---- report_month_ms ----
      const bare = sqlite.prepare('SELECT service_code, status, count(*) AS n FROM visits WHERE day >= ? AND day < ? GROUP BY service_code, status');
      const runs = ctx.quick ? 5 : 15;
      for (let i = 0; i < 2; i++) await call(backend, token, 'report.monthly', { month }); // warm-up
      const reportTimes: number[] = [];
      let report = await call(backend, token, 'report.monthly', { month });
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        report = await call(backend, token, 'report.monthly', { month });
        reportTimes.push(performance.now() - t0);
      }
      const bareTimes: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        bare.all(range.firstDay, range.nextFirstDay);
        bareTimes.push(performance.now() - t0);
      }
      if (report.totals.visits !== monthVisits) throw new Error(`report counted ${report.totals.visits} visits, SQL ${monthVisits}`);
      const r = summarize(reportTimes);
      const b = summarize(bareTimes);

      // ---- export_xlsx_ms ----
      const exportRuns = ctx.quick ? 2 : 5;
      const req = { month, personalData: false, via: 'app' as const, actorId: userId, actorName: 'Bench', operator: null };
      await startExportJob(backend.ctx, userId, { ...req, format: 'xlsx' }).done; // warm-up
      const xlsxTimes: number[] = [];
      let xlsxBytes = 0;
      for (let i = 0; i < exportRuns; i++) {
        const t0 = performance.now();
        const { job, done } = startExportJob(backend.ctx, userId, { ...req, format: 'xlsx' });
        await done;
        xlsxTimes.push(performance.now() - t0);
        if (job.state !== 'done') throw new Error(`xlsx export failed: ${job.error}`);
        xlsxBytes = job.result!.data.length;
      }
      const csvTimes: number[] = [];
      for (let i = 0; i < exportRuns; i++) {
        const t0 = performance.now();
        await runExport(backend.ctx, { ...req, format: 'csv' });
        csvTimes.push(performance.now() - t0);
      }
      const x = summarize(xlsxTimes);
      const c = summarize(csvTimes);

      // ---- receipt_pdf_ms ----
      const visit = sqlite.prepare("SELECT id FROM visits WHERE receipt_no IS NOT NULL AND day >= ? AND day < ? ORDER BY arrived_at DESC LIMIT 1").get(range.firstDay, range.nextFirstDay) as { id: string };
      const target = { kind: 'receipt' as const, visitId: visit.id, layout: 'a4' as const, returnNo: null };
      await closeSharedPdfRenderer(); // measure the first print from a cold browser once
      const tCold = performance.now();
      await call(backend, token, 'print.pdf', target);
      const coldMs = performance.now() - tCold;
      const pdfRuns = ctx.quick ? 10 : 30;
      const pdfTimes: number[] = [];
      let pdfBytes = 0;
      for (let i = 0; i < pdfRuns; i++) {
        const t0 = performance.now();
        pdfBytes = (await call(backend, token, 'print.pdf', target)).bytes;
        pdfTimes.push(performance.now() - t0);
      }
      const html = (await call(backend, token, 'print.render', target)).html;
      const spec = layoutSpec('a4');
      const renderer = pdfRendererFor(backend.ctx);
      const rawTimes: number[] = [];
      for (let i = 0; i < pdfRuns; i++) {
        const t0 = performance.now();
        await renderer.render(html, { pageSize: spec.pageSize, marginMm: spec.marginMm });
        rawTimes.push(performance.now() - t0);
      }
      const p = summarize(pdfTimes);
      const pr = summarize(rawTimes);

      return {
        report_month_ms: figure(r.p50, '<= 300', {
          unit: 'ms (median)',
          p95: r.p95,
          runs: r.n,
          month,
          month_visits: monthVisits,
          dataset_visits: visitsTotal,
          baseline: { what: 'bare SQL: the month counted by service and status (no clocks)', p50: b.p50, p95: b.p95 },
        }),
        export_xlsx_ms: figure(x.p50, '<= 2000', {
          unit: 'ms (median)',
          max: x.max,
          runs: x.n,
          rows: monthVisits,
          bytes: xlsxBytes,
          baseline: { what: 'the same month exported as CSV', p50: c.p50, max: c.max },
        }),
        receipt_pdf_ms: figure(p.p50, '<= 500', {
          unit: 'ms (median, warm Chromium)',
          p95: p.p95,
          cold_first_ms: Math.round(coldMs),
          runs: p.n,
          bytes: pdfBytes,
          baseline: { what: 'the same HTML straight to the PDF renderer (no assembly, contract or event)', p50: pr.p50, p95: pr.p95 },
        }),
      };
    } finally {
      await backend.close();
      await closeSharedPdfRenderer();
      work.remove();
    }
  },
};
