/**
 * Figures of issue 15 (data safety), on the five-year database of the report bench:
 * - backup_ms: one automatic backup as the app takes it (SQLite online backup, integrity_check of the copy,
 *   event count and last event id checked against the live log, hash, rename). Baseline in the same run:
 *   a raw copy of the same file (fs.copyFileSync), the floor of any copy.
 * The counter's action while a backup runs (record_action_p99_during_backup_ms) is measured by
 * bench/long-work.ts, with the backup in the background worker as the app takes it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createBackend } from '../backend/app';
import { backupDatabase } from '../db/backup';
import { figure, type BenchModule } from './harness';
import { REPORT_DATASET, REPORT_QUICK_DATASET } from './report';

export const backupModule: BenchModule = {
  name: 'backup',
  description: 'automatic backup of a five-year database (checked online backup beside a raw file copy)',
  datasets: (quick) => [quick ? REPORT_QUICK_DATASET : REPORT_DATASET],
  async run(ctx) {
    const ds = await ctx.dataset(ctx.quick ? REPORT_QUICK_DATASET : REPORT_DATASET);
    // The report module's copy of the same database (it only added a few export events): copying five years
    // again and syncing it to disk was one of the bench's long poles.
    const work = await ctx.workCopy(ds, { shared: true });
    const backend = await createBackend({ startupQuickCheck: false, dataDir: work.dir, transport: 'browser', sync: false, backup: false });
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
      // As the app takes it: in the background worker when one is built (backend/jobs/, one-step copy).
      const jobs = backend.ctx.jobs;
      const quiet = jobs ? await jobs.run('backup', { dir: out, kind: 'auto', now: Date.now() }) : await backupDatabase(sqlite, out, { kind: 'auto', now: Date.now() });

      return {
        backup_ms: figure(quiet.ms, '<= 60000', {
          database_bytes: bytes,
          events,
          steps: 'online backup + integrity_check of the copy + event count/last id check + sha256 + fsync + rename',
          ran_in: jobs?.mode === 'worker' ? 'background worker (one-step copy)' : 'main connection (256 pages per step)',
          baseline_raw_file_copy_ms: Math.round(rawMs),
          // The counter's action while a backup runs: record_action_p99_during_backup_ms (bench/long-work.ts).
        }),
      };
    } finally {
      await backend.close();
      fs.rmSync(out, { recursive: true, force: true });
      work.remove();
    }
  },
};
