/**
 * Long work off the counter's thread (issue 17 item 3, backend/jobs/): the real worker bundle is built
 * here with esbuild exactly as build/build.mjs builds it, and the backend started with it.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../backend/app';
import { startExportJob } from '../../backend/handlers/report';
import { JobCrashedError, JobRunner, WORKER_CRASHED_MESSAGE } from '../../backend/jobs/runner';
import { buildExport } from '../../backend/report/export';
import { DEMO_PASSWORD, generateDemoData } from '../../cli/demo-data';
import { listBackups } from '../../db/backup';
import type { InputOf, MethodName, OutputOf } from '../../contract/api';
import { tempDir } from '../helpers';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Inside the repository, so the bundle's external packages resolve from its node_modules.
const outDir = path.join(root, 'dist', `test-worker-${process.pid}`);
const entry = path.join(outDir, 'worker.mjs');

/** Tuesday 2026-12-01 09:00 WITA (November complete); the data ends 30 November 16:00 WITA. */
const DEC_1_0900 = Date.UTC(2026, 11, 1, 1, 0, 0);
const NOV_30_1600 = Date.UTC(2026, 10, 30, 8, 0, 0);

let backend: Backend;
let dataDir: string;
let token: string;
let userId: string;

async function ok<M extends MethodName>(m: M, input: InputOf<M>, tok: string | null = token): Promise<OutputOf<M>> {
  const r = await backend.dispatch(m, input, tok);
  if (!r.ok) throw new Error(`${m}: ${r.error.code} ${r.error.message}`);
  return r.value as OutputOf<M>;
}

const req = (format: 'csv' | 'xlsx' | 'pdf') => ({ month: '2026-11', format, personalData: false, via: 'app' as const, actorId: userId, actorName: 'Uji', operator: null });
const exportsRecorded = () => (backend.ctx.sqlite.prepare("SELECT count(*) AS n FROM events WHERE type = 'report.exported'").get() as { n: number }).n;

beforeAll(async () => {
  await build({
    entryPoints: { worker: path.join(root, 'backend/jobs/worker.ts') },
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  dataDir = tempDir();
  backend = await createBackend({ dataDir, transport: 'browser', now: () => DEC_1_0900, sync: false, backup: { timer: false }, jobs: 'worker', workerEntry: entry });
  await generateDemoData({ db: backend.ctx.db, visits: 300, days: 15, seed: 'worker', now: NOV_30_1600 });
  token = (await ok('auth.signIn', { username: 'kasubbag', password: DEMO_PASSWORD }, null)).token;
  userId = backend.ctx.sessions.touch(token, DEC_1_0900)!.userId;
}, 120_000);

afterAll(async () => {
  await backend?.close();
  fs.rmSync(outDir, { recursive: true, force: true });
});

describe('background worker', () => {
  it('exports in the worker: the same file as on the main connection, and the export recorded once by the main thread', async () => {
    expect(backend.ctx.jobs?.mode).toBe('worker');
    const before = exportsRecorded();
    const progress: number[] = [];
    const { job, done } = startExportJob(backend.ctx, userId, req('csv'));
    await done;
    expect(job.state).toBe('done');
    const inline = await buildExport(backend.ctx, req('csv'));
    expect(Buffer.from(inline.data!).equals(job.result!.data)).toBe(true);
    expect(job.result!.visitCount).toBeGreaterThan(0);
    // The hash is taken in the worker, of the very bytes handed over (transferred, not copied).
    expect(job.result!.sha256).toBe(createHash('sha256').update(job.result!.data).digest('hex'));
    const recorded = backend.ctx.sqlite.prepare("SELECT json_extract(payload, '$.sha256') AS h FROM events WHERE type = 'report.exported' ORDER BY seq DESC LIMIT 1").get() as { h: string };
    expect(recorded.h).toBe(job.result!.sha256);
    expect(exportsRecorded()).toBe(before + 1);
    // XLSX through the contract, as the screen asks for it.
    const started = await ok('report.exportStart', { month: '2026-11', format: 'xlsx', includePersonalData: false });
    for (;;) {
      const st = await ok('report.exportStatus', { jobId: started.jobId });
      progress.push(st.progress);
      if (st.state !== 'running') {
        expect(st.state).toBe('done');
        expect(Buffer.from(st.file!.base64, 'base64').subarray(0, 2).toString()).toBe('PK');
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(exportsRecorded()).toBe(before + 2);
    expect(backend.ctx.jobs!.workersStarted().reports).toBe(1);
  }, 60_000);

  it.runIf(process.platform === 'linux')('runs its thread at a lower priority than the counter\'s (Linux: per-thread nice)', () => {
    // The process's threads and their nice values (/proc/self/task/*/stat, field 19): the main thread keeps
    // 0, the worker threads started above have given way.
    const niceOf = (tid: string) => Number(fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);
    const nice = fs.readdirSync('/proc/self/task').map(niceOf);
    expect(niceOf(String(process.pid))).toBe(0);
    expect(nice.filter((n) => n === 10).length).toBeGreaterThanOrEqual(backend.ctx.jobs!.workersStarted().reports!);
  });

  it('answers report.monthly from the worker with the same figures as the main connection', async () => {
    const r = await ok('report.monthly', { month: '2026-11' });
    const visits = (backend.ctx.sqlite.prepare("SELECT count(*) AS n FROM visits WHERE day >= '2026-11-01' AND day < '2026-12-01'").get() as { n: number }).n;
    expect(r.totals.visits).toBe(visits);
  });

  it('backs up and verifies in the worker while the main connection keeps writing', async () => {
    const service = backend.ctx.backups!;
    const running = service.run('manual');
    // The counter writes meanwhile (a new sign-in records nothing; a settings-free write: hlc meta).
    backend.ctx.sqlite.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('worker_test', 'x')").run();
    const m = (await running)!;
    expect(m.events).toBeGreaterThan(1000);
    expect(listBackups(service.dir).map((b) => b.file)).toContain(m.file);
    const v = await ok('dataSafety.verify', {});
    expect(v.ok).toBe(true);
    expect(backend.ctx.jobs!.workersStarted().maintenance).toBe(1);
  }, 60_000);

  it('a worker killed mid-backup fails the job in Indonesian, leaves no partial backup, and the next job gets a fresh worker', async () => {
    const service = backend.ctx.backups!;
    const jobs = backend.ctx.jobs!;
    const before = listBackups(service.dir).length;
    const started = jobs.workersStarted().maintenance!;
    backend.ctx.sqlite.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('worker_test', 'y')").run();
    // Its outcome is taken at once: the job fails while `jobs.kill()` is still being awaited, and a rejection
    // with no handler by then is an unhandled rejection (the run would fail on it, whatever it asserts).
    const outcome = service.run('manual').then(
      () => null,
      (e: unknown) => e,
    );
    // Let the job reach the worker, then kill it (as a crash would).
    await new Promise((r) => setTimeout(r, 30));
    await jobs.kill();
    const err = await outcome;
    expect(err).toBeInstanceOf(JobCrashedError);
    expect((err as Error).message).toBe(WORKER_CRASHED_MESSAGE);
    expect(listBackups(service.dir).length).toBe(before);
    expect(fs.readdirSync(service.dir).filter((f) => f.endsWith('.part'))).toEqual([]);
    expect(service.state().lastError).toBe(WORKER_CRASHED_MESSAGE);
    // Through the contract: the supervisor's "back up now" answers in Indonesian.
    const again = await backend.dispatch('dataSafety.backupNow', {}, token);
    expect(again.ok).toBe(true);
    expect(jobs.workersStarted().maintenance).toBe(started + 1);
    expect(listBackups(service.dir).length).toBe(before + 1);
  }, 60_000);

  it('a worker out of memory stops alone: the export fails with its Indonesian message and nothing is recorded', async () => {
    const runner = new JobRunner({ dataDir, open: {}, entry, inline: { ctx: backend.ctx, sqlite: backend.ctx.sqlite }, maxHeapMb: 4 });
    try {
      const before = exportsRecorded();
      const err = await runner.run('export', { req: req('xlsx'), now: DEC_1_0900 }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(JobCrashedError);
      expect(exportsRecorded()).toBe(before);
    } finally {
      await runner.close();
    }
    // The app's own runner is untouched.
    const r = await backend.dispatch('report.monthly', { month: '2026-11' }, token);
    expect(r.ok).toBe(true);
  }, 60_000);

  it('an error thrown by a job comes back as the same error class, code and message', async () => {
    const err = await backend.ctx.jobs!.run('backup', { dir: path.join(dataDir, 'counter.sqlite', 'not-a-folder'), kind: 'manual', now: DEC_1_0900 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect((err as { code?: string }).code).toBe('ENOTDIR');
  });
});
