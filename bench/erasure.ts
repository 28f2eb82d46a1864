/**
 * What an erasure costs the counter (issue 15 follow-up, docs/adr/0019-personal-data-erasure.md), measured
 * beside its baseline in the same run, on a work copy of the dataset:
 * - erasure_ms: one `privacy.erase` through dispatch, including its follow-up on the change notice (the WAL
 *   checkpoint on a file written with secure_delete), against `vacuum_ms`: the whole-file VACUUM the first
 *   version ran after every erasure (now run once per file written before secure_delete, at idle or closing;
 *   measured here as that one-time rebuild of the dataset).
 * - record_action_p99_during_erasure_ms: the counter action (visits.markItem, as bench/record.ts) issued at
 *   the same moment as an erasure, so it waits for whatever the erasure holds the thread for; its p99 as a
 *   multiple of the quiet p99 measured in the same run (#17's target: at most 3 ×).
 */
import { performance } from 'node:perf_hooks';
import { createBackend, type Backend } from '../backend/app';
import { DEMO_PASSWORD } from '../cli/demo-data';
import { scrubWholeFile } from '../db/erasure';
import { COUNTER_DATASET, QUICK_DATASET } from './datasets';
import { call, figure, round, summarize, type BenchModule } from './harness';

interface Prepared {
  visitId: string;
  personId: string;
  items: string[];
}

/** Visitors registered for the bench (each its own person, so each can be erased), their checklists started. */
async function prepare(b: Backend, token: string, n: number, tag: string): Promise<Prepared[]> {
  const vendors = b.ctx.sqlite.prepare('SELECT id, name, legal_form, npwp FROM vendors ORDER BY rowid LIMIT ?').all(n) as { id: string; name: string; legal_form: 'CV'; npwp: string | null }[];
  const out: Prepared[] = [];
  for (let i = 0; i < n; i++) {
    const v = vendors[i % vendors.length]!;
    const reg = await call(b, token, 'visits.register', {
      person: { id: null, name: `Pengunjung ${tag} ${i}`, nik: `63710116${tag === 'a' ? '03' : '04'}90${String(1000 + i).slice(-4)}`, phone: '', email: '' },
      company: { id: v.id, name: v.name, legalForm: v.legal_form, npwp: v.npwp ?? '', address: '', email: '', phone: '', leaderName: '' },
      visitorRole: 'proxy',
      serviceCode: 'aktivasi_user_id',
      purposeNote: '',
      privacyNoticeShown: true,
    });
    const detail = await call(b, token, 'visits.startChecklist', { visitId: reg.visit.visit.id });
    out.push({ visitId: reg.visit.visit.id, personId: reg.visit.person.id, items: detail.checklist.map((c) => c.code) });
  }
  return out;
}

export const erasureModule: BenchModule = {
  name: 'erasure',
  description: 'erasure: its cost on the counter (WAL checkpoint, secure_delete) against the whole-file VACUUM, and the action p99 beside it',
  datasets: (quick) => [quick ? QUICK_DATASET : COUNTER_DATASET],
  async run(ctx) {
    const ds = await ctx.dataset(ctx.quick ? QUICK_DATASET : COUNTER_DATASET);
    const copy = await ctx.workCopy(ds);
    let b: Backend | null = null;
    try {
      b = await createBackend({ startupQuickCheck: false, dataDir: copy.dir, transport: 'browser', sync: false, backup: false, key: null, idleScrub: { timer: false } });
      const backend = b;
      // The dataset was written before secure_delete: its one-time rebuild is the baseline (the first version's
      // VACUUM after every erasure), and leaves the file as every file this build creates.
      ctx.log('erasure: the one-time rebuild of the dataset (VACUUM), the baseline');
      const v0 = performance.now();
      scrubWholeFile(backend.ctx.sqlite, Date.now());
      const vacuumMs = performance.now() - v0;
      const bytes = (backend.ctx.sqlite.prepare('SELECT page_count * page_size AS n FROM pragma_page_count, pragma_page_size').get() as { n: number }).n;

      const head = (await call(backend, null, 'auth.signIn', { username: 'kasubbag', password: DEMO_PASSWORD })).token;
      const desk = (await call(backend, null, 'auth.signIn', { username: 'helpdesk1', password: DEMO_PASSWORD })).token;
      const erasures = ctx.quick ? 30 : 100;
      const perVisit = 9;
      const quietN = ctx.quick ? 270 : 900;
      ctx.log(`erasure: preparing ${erasures} visitors to erase and ${Math.ceil(quietN / perVisit)} visits to tick`);
      const toErase = await prepare(backend, desk, erasures, 'a');
      const ticks = await prepare(backend, desk, Math.ceil(quietN / perVisit) + erasures, 'b');
      let n = 0;
      const action = async (): Promise<number> => {
        const v = ticks[Math.floor(n / perVisit)]!;
        const item = v.items[n % v.items.length]!;
        n++;
        const t0 = performance.now();
        const r = await backend.dispatch('visits.markItem', { visitId: v.visitId, itemCode: item, originalSeen: true, copyReceived: true, validUntil: '2028-12-31', meteraiOk: true, notBrought: false, note: '' }, desk);
        if (!r.ok) throw new Error(`visits.markItem failed: ${r.error.code} ${r.error.message}`);
        return performance.now() - t0;
      };
      const quiet: number[] = [];
      for (let i = 0; i < quietN; i++) quiet.push(await action());
      ctx.log(`erasure: ${erasures} erasures, each with a counter action issued at the same moment`);
      const eraseMs: number[] = [];
      const during: number[] = [];
      for (const p of toErase) {
        const t0 = performance.now();
        const [er, actionMs] = await Promise.all([
          backend.dispatch('privacy.erase', { personId: p.personId, note: 'Permintaan tertulis pemohon (bench)' }, head).then((r) => {
            if (!r.ok) throw new Error(`privacy.erase failed: ${r.error.code} ${r.error.message}`);
            return performance.now() - t0;
          }),
          action(),
        ]);
        eraseMs.push(er);
        during.push(actionMs);
      }
      const q = summarize(quiet);
      const d = summarize(during);
      const e = summarize(eraseMs);
      return {
        erasure_ms: figure(e.p50, '<= 250', {
          erasure: e,
          vacuum_ms: round(vacuumMs, 1),
          erasure_vs_vacuum: round(e.p50 / vacuumMs, 4),
          database_bytes: bytes,
          follow_up: 'WAL checkpoint (TRUNCATE); the file is written with secure_delete (db/open.ts)',
          baseline: 'VACUUM of the whole file: what the first version ran after every erasure',
        }),
        record_action_p99_during_erasure_ms: figure(d.p99 / q.p99, '<= 3', {
          during_ms: d,
          quiet_ms: q,
          value_is: 'p99 of actions issued together with an erasure, divided by the quiet p99 of the same run',
        }),
      };
    } finally {
      await b?.close().catch(() => undefined);
      copy.remove();
    }
  },
};
