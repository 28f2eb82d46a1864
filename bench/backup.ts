/**
 * Figures of issue 15 (data safety), on the five-year database of the report bench:
 * - backup_ms: one automatic backup as the app takes it (SQLite online backup, integrity_check of the copy,
 *   event count and last event id checked against the live log, hash, rename). Baseline in the same run:
 *   a raw copy of the same file (fs.copyFileSync), the floor of any copy.
 * - record_action_p99_during_backup_ms: the counter action (visits.markItem through dispatch) while that
 *   backup runs, beside the same action with no backup running, same run, same database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createBackend } from '../backend/app';
import { DEMO_PASSWORD } from '../cli/demo-data';
import { backupDatabase } from '../db/backup';
import type { InputOf } from '../contract/api';
import { Rng, mobilePhone, nik, personName } from '../cli/demo-identities';
import { formatPhoneNational } from '../domain/validation';
import { call, figure, summarize, type BenchModule } from './harness';
import { REPORT_DATASET, REPORT_QUICK_DATASET } from './report';

export const backupModule: BenchModule = {
  name: 'backup',
  description: 'automatic backup of a five-year database, and the counter action while it runs',
  async run(ctx) {
    const ds = await ctx.dataset(ctx.quick ? REPORT_QUICK_DATASET : REPORT_DATASET);
    const work = await ctx.workCopy(ds);
    const backend = await createBackend({ dataDir: work.dir, transport: 'browser', sync: false, backup: false });
    const out = fs.mkdtempSync(path.join(work.dir, 'bench-backups-'));
    try {
      const { sqlite } = backend.ctx;
      const file = path.join(work.dir, 'counter.sqlite');
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      const bytes = fs.statSync(file).size;
      const events = (sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
      ctx.note('backup.database_bytes', bytes);
      ctx.note('backup.events', events);

      // ---- backup_ms ----
      const rawCopy = path.join(os.tmpdir(), `lpse-bench-rawcopy-${process.pid}.sqlite`);
      const r0 = performance.now();
      fs.copyFileSync(file, rawCopy);
      const rawMs = performance.now() - r0;
      fs.rmSync(rawCopy, { force: true });
      ctx.log('backup: one checked online backup (not under load)');
      const quiet = await backupDatabase(sqlite, out, { kind: 'auto', now: Date.now() });

      // ---- the counter action, without and with a backup running ----
      const token = (await call(backend, null, 'auth.signIn', { username: 'helpdesk1', password: DEMO_PASSWORD })).token;
      // Visits being checked, registered as the counter would (not measured).
      const rng = new Rng('bench-backup');
      const targets: { id: string; items: string[] }[] = [];
      for (let i = 0; i < 40; i++) {
        const sex = rng.chance(0.6) ? 'L' : 'P';
        const reg = await call(backend, token, 'visits.register', {
          person: { id: null, name: personName(rng, sex), nik: nik(rng, sex, 1990), phone: formatPhoneNational(mobilePhone(rng)), email: '' },
          company: { id: null, name: `CV Cadangan ${i} ${rng.int(1, 1e9)}`, legalForm: 'CV', npwp: '', address: '', email: '', phone: '', leaderName: '' },
          visitorRole: 'proxy',
          serviceCode: 'aktivasi_user_id',
          purposeNote: '',
          privacyNoticeShown: true,
        });
        const d = await call(backend, token, 'visits.startChecklist', { visitId: reg.visit.visit.id });
        targets.push({ id: reg.visit.visit.id, items: d.checklist.map((c) => c.code) });
      }
      if (targets.length === 0) throw new Error('backup bench: no visit being checked in the dataset');
      let n = 0;
      const act = async () => {
        const t = targets[n % targets.length]!;
        const input: InputOf<'visits.markItem'> = {
          visitId: t.id,
          itemCode: t.items[Math.floor(n / targets.length) % t.items.length]!,
          originalSeen: n % 2 === 0,
          copyReceived: true,
          validUntil: '2028-12-31',
          meteraiOk: true,
          notBrought: false,
          note: '',
        };
        n++;
        const t0 = performance.now();
        const r = await backend.dispatch('visits.markItem', input, token);
        const dt = performance.now() - t0;
        if (!r.ok) throw new Error(`visits.markItem failed: ${r.error.code} ${r.error.message}`);
        return dt;
      };
      const count = ctx.quick ? 100 : 600;
      for (let i = 0; i < 30; i++) await act(); // warm-up
      const idle: number[] = [];
      for (let i = 0; i < count; i++) idle.push(await act());
      ctx.log('backup: actions while a backup runs');
      const during: number[] = [];
      let done = false;
      const running = backupDatabase(sqlite, out, { kind: 'auto', now: Date.now() + 1 }).finally(() => {
        done = true;
      });
      // A person clicks about once a second at the counter; here actions come back to back, a harder case.
      while (!done) {
        during.push(await act());
        await new Promise((r) => setImmediate(r));
      }
      const loaded = await running;
      const a = summarize(idle);
      const b = summarize(during);
      return {
        backup_ms: figure(quiet.ms, '<= 60000', {
          database_bytes: bytes,
          events,
          steps: 'online backup (256 pages per step) + integrity_check of the copy + event count/last id check + sha256 + fsync + rename',
          baseline_raw_file_copy_ms: Math.round(rawMs),
          backup_under_load_ms: loaded.ms,
        }),
        record_action_p99_during_backup_ms: figure(b.p99, '<= 50', {
          during_backup_ms: b,
          actions_during_backup: during.length,
          baseline_no_backup_ms: a,
        }),
      };
    } finally {
      await backend.close();
      fs.rmSync(out, { recursive: true, force: true });
      work.remove();
    }
  },
};
