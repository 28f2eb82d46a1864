/**
 * first_print_preview_ms (issue 17 item 4): the first print preview after the app has started, beside a
 * later preview's time from the same run. A preview is `print.render` through the dispatch of a handover
 * receipt on the 80 mm roll: the document is laid out and its height measured by the PDF engine (headless
 * Chromium here, as in the browser shell). The app warms the engine in the background after start-up
 * (`warmPdfRendererLater`, the call the shell and the desktop app make), so the figure is taken as an
 * officer meets it: the warm-up has run before the first preview is opened. Beside it, the same first
 * preview without a warm-up (the engine launched on demand), which is what the warm-up removes.
 */
import { performance } from 'node:perf_hooks';
import { createBackend } from '../backend/app';
import { closeSharedPdfRenderer, PDF_WARM_UP_DELAY_MS, warmPdfRendererLater } from '../backend/pdf';
import { DEMO_PASSWORD } from '../cli/demo-data';
import { COUNTER_DATASET, QUICK_DATASET } from './datasets';
import { call, figure, round, summarize, type BenchModule } from './harness';

/** Starts of the app measured (each: a fresh backend, the warm-up, then the first preview). */
const STARTS = 5;

export const printPreviewModule: BenchModule = {
  name: 'print',
  description: 'first print preview after start-up (PDF engine warmed in the background) vs later previews',
  datasets: (quick) => [quick ? QUICK_DATASET : COUNTER_DATASET],
  async run(ctx) {
    const ds = await ctx.dataset(ctx.quick ? QUICK_DATASET : COUNTER_DATASET);
    const work = await ctx.workCopy(ds);
    // No engine left from an earlier module: this one measures its start.
    await closeSharedPdfRenderer();
    const open = async () => {
      const backend = await createBackend({ startupQuickCheck: false, dataDir: work.dir, transport: 'browser', sync: false, backup: false });
      const token = (await call(backend, null, 'auth.signIn', { username: 'helpdesk1', password: DEMO_PASSWORD })).token;
      return { backend, token };
    };
    let app = await open();
    try {
      const visits = (app.backend.ctx.sqlite.prepare('SELECT id FROM visits WHERE receipt_no IS NOT NULL ORDER BY handed_over_at DESC LIMIT 40').all() as { id: string }[]).map((r) => r.id);
      if (visits.length < 8 + STARTS) throw new Error('print: the dataset has too few handed-over visits');
      // Each preview is of a receipt not previewed before: its first render issues the visit's survey code
      // (a write), as an officer's first preview of a handed-over visit does.
      let nextVisit = 1;
      const preview = async () => {
        const visitId = visits[nextVisit++]!;
        const t0 = performance.now();
        const r = await call(app.backend, app.token, 'print.render', { kind: 'receipt', visitId, layout: 'thermal80', returnNo: null });
        if (!r.pageSize.roll || !(r.pageSize.heightMm > 0)) throw new Error('print: the roll was not measured');
        return performance.now() - t0;
      };
      // As the app starts: the backend opens, the warm-up runs in the background after its delay, and the
      // officer's first preview comes once it has finished (signing in and opening a visit take longer than
      // that). Each start opens a fresh backend on the same folder (the app's own caches — office settings,
      // calendar, catalogue — start empty) and closes the engine before; the first start is also the first
      // time this process runs the print code at all, as after a real start. Later starts run in a process
      // whose JavaScript is already compiled; the first start's time is printed on its own.
      const firsts: number[] = [];
      const ready: number[] = [];
      let coldFirst = NaN;
      for (let start = 0; start < STARTS; start++) {
        if (start > 0) {
          await app.backend.close();
          app = await open();
        }
        await closeSharedPdfRenderer();
        const started = performance.now();
        // The warm-up's timer does not keep a process alive (the app's server does); the bench holds it here.
        const keepAlive = setInterval(() => undefined, 1000);
        try {
          await warmPdfRendererLater(app.backend.ctx, PDF_WARM_UP_DELAY_MS).done;
        } finally {
          clearInterval(keepAlive);
        }
        ready.push(performance.now() - started);
        firsts.push(await preview());
        if (start === 0) {
          // Without a warm-up: the first preview launches the engine (what the warm-up removes).
          await closeSharedPdfRenderer();
          coldFirst = await preview();
        }
      }
      const f = summarize(firsts);
      const first = f.p50;
      const later: number[] = [];
      for (let i = 0; i < (ctx.quick ? 8 : 20); i++) later.push(await preview());
      const l = summarize(later);
      ctx.log(`print: first preview ${round(first)} ms after the warm-up (${round(coldFirst)} ms without), later ${l.p50} ms`);
      return {
        first_print_preview_ms: figure(first, `<= ${round(1.5 * l.p50)}`, {
          what: `print.render of a handover receipt on an 80 mm roll (layout + height measured by headless Chromium), first after start-up (median of ${STARTS} starts, each a fresh backend and engine)`,
          target_rule: '1.5 x the median of later previews in the same run',
          later_preview_ms: l,
          first_preview_ms_each_start: firsts.map((x) => round(x)),
          first_preview_ms_first_start: round(firsts[0]!),
          ratio_to_later: round(first / l.p50),
          first_without_warm_up_ms: round(coldFirst),
          engine_ready_after_start_ms: summarize(ready),
          warm_up_delay_ms: PDF_WARM_UP_DELAY_MS,
        }),
      };
    } finally {
      await app.backend.close();
      await closeSharedPdfRenderer();
      work.remove();
    }
  },
};
