/**
 * Figure of issue 16 (the waiting room), on the counter dataset (demo-data generator, cached by the harness)
 * with a busy day's queue: 150 visitors registered through `visits.register` (each gets a number), the
 * television open.
 *
 * - queue_call_to_tv_ms: from `queue.callNext` at a desk (through the real dispatch) until the television's
 *   read — started, as the TV page does, on the change notice the call announces (backend/changes.ts) — has
 *   returned a board showing that call. This is the backend's whole share of the path; the browser shell's
 *   event stream and React's render add a few ms on the same PC (the E2E journey, tests/e2e/queue.spec.ts,
 *   sees each call on a real TV page within a second). Baseline, same run: one `queue.display` read alone.
 */
import { performance } from 'node:perf_hooks';
import { createBackend } from '../backend/app';
import { DEMO_PASSWORD } from '../cli/demo-data';
import type { ChangeNotice } from '../contract/changes';
import { witaDateTimeToMs, witaIsoDate } from '../domain/time/wita';
import { COUNTER_DATASET, QUICK_DATASET } from './datasets';
import { call, figure, summarize, type BenchModule } from './harness';

const VISITORS = 150;

export const queueModule: BenchModule = {
  name: 'queue',
  description: 'waiting room: a desk call until the television shows it (queue.callNext → notice → queue.display)',
  datasets: (quick) => [quick ? QUICK_DATASET : COUNTER_DATASET],
  async run(ctx) {
    const ds = await ctx.dataset(ctx.quick ? QUICK_DATASET : COUNTER_DATASET);
    const work = await ctx.workCopy(ds, { shared: true }); // adds a few visits of its own
    let now = 0;
    const backend = await createBackend({ startupQuickCheck: false, dataDir: work.dir, transport: 'browser', now: () => now, sync: false, backup: false });
    try {
      const lastDay = (backend.ctx.sqlite.prepare('SELECT max(day) AS d FROM visits').get() as { d: string }).d;
      // The next morning after the dataset's last day: a fresh queue.
      now = witaDateTimeToMs(lastDay, '07:30') + 24 * 3_600_000;
      const token = (await call(backend, null, 'auth.signIn', { username: 'kasubbag', password: DEMO_PASSWORD })).token;
      const n = ctx.quick ? 40 : VISITORS;
      for (let i = 0; i < n; i++) {
        now += 60_000;
        const no = String(i).padStart(4, '0');
        await call(backend, token, 'visits.register', {
          person: { id: null, name: `Pengunjung Antrean ${no}`, nik: `637101150390${no}`, phone: '0812 5123 4567', email: '' },
          company: { id: null, name: `CV Antrean ${no}`, legalForm: 'CV', npwp: '', address: '', email: '', phone: '', leaderName: `Pengunjung ${no}` },
          visitorRole: 'leader',
          serviceCode: 'perubahan_email',
          purposeNote: '',
          privacyNoticeShown: true,
        });
      }
      const { displayToken } = await call(backend, token, 'queue.displayOpen', {});
      const tv = () => call(backend, null, 'queue.display', { displayToken });
      for (let i = 0; i < 3; i++) await tv(); // warm-up

      const runs = ctx.quick ? 20 : Math.min(100, n - 10);
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        now += 30_000;
        const desk = { role: 'helpdesk' as const, number: (i % 3) + 1 };
        const t0 = performance.now();
        // The TV's side: on the notice, read the board again (renderer/src/live.ts), until it shows the call.
        const shown = new Promise<string>((resolve, reject) => {
          const off = backend.ctx.changes.subscribe((notice: ChangeNotice) => {
            if (!notice.types.includes('queue_ticket')) return;
            off();
            tv().then((b) => resolve(b.calls[0]?.id ?? ''), reject);
          });
        });
        const called = await call(backend, token, 'queue.callNext', { desk });
        const seen = await shown;
        times.push(performance.now() - t0);
        if (seen !== called.call?.id) throw new Error(`the television showed ${seen}, not the call ${called.call?.id}`);
      }
      const base: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await tv();
        base.push(performance.now() - t0);
      }
      const day = witaIsoDate(now);
      const issued = (await call(backend, token, 'queue.board', {})).counts.issued;
      if (issued !== n) throw new Error(`${issued} numbers on ${day}, expected ${n}`);
      const r = summarize(times);
      const b = summarize(base);
      ctx.note('queue.visitors', n);
      return {
        queue_call_to_tv_ms: figure(r.p95, '<= 250', { unit: 'ms (p95)', p50: r.p50, runs: r.n, tickets_of_the_day: n, baseline_display_read_ms: { p50: b.p50, p95: b.p95 } }),
      };
    } finally {
      await backend.close();
    }
  },
};
