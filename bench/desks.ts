/**
 * verifier_queue_p95_ms: the verifier's queue (`desk.queue`, open files oldest first, each with its service
 * clock on the working-day calendar) through the real dispatch, on the counter dataset (> 1,000,000 events).
 * dashboard_p95_ms: the supervisor's whole dashboard (`dashboard.summary`: the day by status and service,
 * open files by age, overdue and nearly-due lists with clocks, per-staff counts) through the real dispatch.
 * Baselines, same run: the same SQL as bare prepared SQLite statements (no contract, no Kysely, no clocks),
 * each bare read timed right after the dispatched one (interleaved, so both meet the same load).
 * The clock is set to the last working day of the dataset at 11:00 WITA, the busy part of a counter day.
 */
import { performance } from 'node:perf_hooks';
import { createBackend } from '../backend/app';
import { DEMO_PASSWORD } from '../cli/demo-data';
import { witaDay } from '../db/projections';
import { DAY_MS, witaDateTimeToMs, witaDayStartMs } from '../domain/time/wita';
import { COUNTER_DATASET, QUICK_DATASET } from './datasets';
import { call, figure, round, summarize, type BenchModule } from './harness';
import { startCpuProfile } from './profile';

const OPEN = `('handed_over', 'in_process', 'waiting_vendor', 'at_lkpp')`;

export const desksModule: BenchModule = {
  name: 'desks',
  description: "verifier's queue and supervisor's dashboard (desk.queue, dashboard.summary through dispatch)",
  datasets: (quick) => [quick ? QUICK_DATASET : COUNTER_DATASET],
  async run(ctx) {
    const ds = await ctx.dataset(ctx.quick ? QUICK_DATASET : COUNTER_DATASET);
    const work = await ctx.workCopy(ds, { shared: true }); // reads only
    // The dataset's last visit day, 11:00 WITA: files are still open at the desks then.
    let now = Date.now();
    const backend = await createBackend({ startupQuickCheck: false, dataDir: work.dir, transport: 'browser', now: () => now, sync: false, backup: false });
    try {
      const { sqlite } = backend.ctx;
      const lastDay = (sqlite.prepare('SELECT max(day) AS d FROM visits').get() as { d: string }).d;
      now = witaDateTimeToMs(lastDay, '11:00');
      const events = (sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
      const openVerifier = (sqlite.prepare(`SELECT count(*) AS n FROM visits WHERE handed_over_to = 'verifier' AND status IN ${OPEN}`).get() as { n: number }).n;
      const openAll = (sqlite.prepare(`SELECT count(*) AS n FROM visits WHERE handed_over_to IN ('verifier', 'sysadmin') AND status IN ${OPEN}`).get() as { n: number }).n;
      ctx.note('desks.events', events);
      ctx.note('desks.open_verifier_files', openVerifier);
      ctx.note('desks.open_files_all_desks', openAll);
      ctx.note('desks.as_of', `${lastDay} 11:00 WITA`);

      const verifier = (await call(backend, null, 'auth.signIn', { username: 'verifikator1', password: DEMO_PASSWORD })).token;
      const supervisor = (await call(backend, null, 'auth.signIn', { username: 'kasubbag', password: DEMO_PASSWORD })).token;

      // Bare SQL of the same reads.
      const queue = sqlite.prepare(`SELECT * FROM visits WHERE handed_over_to = 'verifier' AND status IN ${OPEN} ORDER BY handed_over_at LIMIT 200`);
      const queueCount = sqlite.prepare(`SELECT count(*) FROM visits WHERE handed_over_to = 'verifier' AND status IN ${OPEN}`);
      const day = witaDay(now);
      const start = witaDayStartMs(day);
      const dash = [
        sqlite.prepare('SELECT service_code, status, count(*) FROM visits WHERE day = ? GROUP BY service_code, status').bind(day),
        sqlite.prepare('SELECT registered_by, count(*) FROM visits WHERE day = ? GROUP BY registered_by').bind(day),
        sqlite.prepare('SELECT handed_over_by, count(*) FROM visits WHERE handed_over_at >= ? AND handed_over_at < ? GROUP BY handed_over_by').bind(start, start + DAY_MS),
        sqlite.prepare(`SELECT * FROM visits WHERE handed_over_to IN ('verifier', 'sysadmin') AND status IN ${OPEN} ORDER BY handed_over_at LIMIT 5000`),
        sqlite.prepare('SELECT * FROM visits WHERE outcome_at >= ? AND outcome_at < ? ORDER BY outcome_at DESC LIMIT 5000').bind(start, start + DAY_MS),
        sqlite.prepare("SELECT count(*) FROM visits WHERE status = 'returned'"),
      ];

      const n = ctx.quick ? 60 : 400;
      // The read through the dispatch and its bare SQL, one after the other in turn, so both see the same
      // machine at the same moments (a busy neighbour slows both, not one of them).
      const timed = async (fn: () => unknown, bare: () => unknown, count: number, profileName?: string) => {
        for (let i = 0; i < 100; i++) {
          await fn(); // warm-up: the JIT, SQLite's page cache
          bare();
        }
        const profile = profileName ? await startCpuProfile(profileName) : null;
        const t: number[] = [];
        const b: number[] = [];
        for (let i = 0; i < count; i++) {
          const t0 = performance.now();
          await fn();
          const t1 = performance.now();
          bare();
          b.push(performance.now() - t1);
          t.push(t1 - t0);
        }
        await profile?.stop();
        return [summarize(t), summarize(b)] as const;
      };

      ctx.log(`desks: ${n} verifier queue reads (${openVerifier} open verifier files, ${events} events)`);
      let rows = 0;
      let overdue = 0;
      const [q, qBare] = await timed(
        async () => {
          const r = await backend.dispatch('desk.queue', { desk: 'verifier' }, verifier);
          if (!r.ok) throw new Error(`desk.queue failed: ${r.error.message}`);
          const v = r.value as { rows: unknown[]; overdueCount: number };
          rows = v.rows.length;
          overdue = v.overdueCount;
        },
        () => {
          queue.all();
          queueCount.get();
        },
        n,
        'desks-queue',
      );

      const m = ctx.quick ? 30 : 150;
      ctx.log(`desks: ${m} dashboard reads (${openAll} open files at all desks)`);
      let overdueAll = 0;
      const [d, dBare] = await timed(
        async () => {
          const r = await backend.dispatch('dashboard.summary', {}, supervisor);
          if (!r.ok) throw new Error(`dashboard.summary failed: ${r.error.message}`);
          overdueAll = (r.value as { overdue: unknown[] }).overdue.length;
        },
        () => {
          for (const s of dash) s.all();
        },
        m,
      );

      return {
        // Issue 17: at most 1.3 × the bare SQL's p95 of the same run.
        verifier_queue_p95_ms: figure(q.p95, `<= ${round(1.3 * qBare.p95)}`, {
          target_rule: '1.3 x the bare SQL p95 (same reads as prepared statements, no contract or clocks), interleaved one to one in the same run',
          ratio_to_bare_sql_p95: round(q.p95 / qBare.p95, 2),
          ratio_to_bare_sql_p50: round(q.p50 / qBare.p50, 2),
          events,
          open_files: openVerifier,
          rows_returned: rows,
          overdue_flagged: overdue,
          ms: q,
          baseline_bare_sql_ms: qBare,
        }),
        dashboard_p95_ms: figure(d.p95, '<= 50', { events, open_files_all_desks: openAll, overdue_listed: overdueAll, ms: d, baseline_bare_sql_ms: dBare }),
      };
    } finally {
      await backend.close();
      work.remove();
    }
  },
};
