/**
 * Runs the long jobs (backend/jobs/tasks.ts) off the counter's thread (issue 17 item 3,
 * docs/adr/0017-background-worker.md). Two lanes, each one `worker_threads` worker started on first use
 * with its own read-only connection: `reports` (report, export) and `maintenance` (backup, verify), so a
 * backup never holds up a report somebody waits for. Jobs in a lane run one after another.
 *
 * A worker that dies (a crash, out of memory, killed) fails the job it was running and those waiting in its
 * lane with `JobCrashedError`; the next job starts a fresh worker. Its jobs write nothing to the database
 * (the connection is read-only) and a backup only counts once renamed after its check, so nothing is ever
 * half-written. Errors a job throws come back as the same class of error with the same code and message
 * (an `AppError` stays an `AppError`), so callers answer in the same Indonesian as before.
 *
 * `inline` runs the same jobs on the main connection: where no worker bundle exists (the unit tests run the
 * TypeScript sources), and as the explicit choice of a caller.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { AppError, type ErrorCode } from '../../contract/result';
import { BackupCheckError } from '../../db/backup';
import type { ReadContext } from '../context';
import { log } from '../log';
import type { SerializedError, WorkerData, WorkerOpenOptions, WorkerReply, WorkerRequest } from './protocol';
import { JOB_LANE, runTask, type JobConnection, type JobInputs, type JobKind, type JobOutputs, type JobProgress } from './tasks';

export const WORKER_CRASHED_MESSAGE = 'Proses latar belakang berhenti tiba-tiba; pekerjaan ini tidak diselesaikan dan tidak ada data yang berubah. Coba lagi.';

export class JobCrashedError extends Error {
  readonly code = 'job_crashed';
  constructor(readonly detail: string) {
    super(WORKER_CRASHED_MESSAGE);
  }
}

/** An error thrown inside the worker, as the main thread sees it: same message, same code. */
export class JobFailedError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
    readonly originalName: string,
  ) {
    super(message);
  }
}

function revive(e: SerializedError): Error {
  if (e.name === 'AppError' && e.code) return new AppError(e.code as ErrorCode, e.message, e.issues ?? undefined);
  if (e.name === 'BackupCheckError') return new BackupCheckError(e.message);
  return new JobFailedError(e.message, e.code, e.name);
}

/** The worker bundle beside this bundle (dist/node/worker.mjs, dist/electron/worker.mjs), if it was built. */
export function builtWorkerEntry(): string | null {
  try {
    const file = fileURLToPath(new URL('./worker.mjs', import.meta.url));
    return fs.existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

export interface JobRunnerOptions {
  dataDir: string;
  /** How the worker opens the database (the main connection's options, as data). */
  open: WorkerOpenOptions;
  /** The worker script; null: run inline on `inline`'s connection. */
  entry: string | null;
  /** The main connection, for inline runs. */
  inline: { ctx: ReadContext; sqlite: Database.Database };
  /**
   * Heap limit of each worker (MB). In Electron every isolate of the process shares one 4 GB pointer cage,
   * and a worker that exhausts it aborts the whole app; with a limit only the worker stops
   * (ERR_WORKER_OUT_OF_MEMORY) and its job fails.
   */
  maxHeapMb?: number;
}

interface Pending {
  id: number;
  kind: JobKind;
  input: JobInputs[JobKind];
  progress: JobProgress;
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

class Lane {
  #worker: Worker | null = null;
  #queue: Pending[] = [];
  #current: Pending | null = null;
  /** Workers started in this lane (the first, then one after each crash). */
  started = 0;

  constructor(
    private readonly name: string,
    private readonly opts: JobRunnerOptions,
  ) {}

  push(p: Pending): void {
    this.#queue.push(p);
    this.#next();
  }

  #spawn(): Worker {
    const data: WorkerData = { dataDir: this.opts.dataDir, open: this.opts.open };
    const w = new Worker(this.opts.entry!, {
      workerData: data,
      resourceLimits: { maxOldGenerationSizeMb: this.opts.maxHeapMb ?? 1024 },
      // The worker's stdout/stderr go to the parent's (its log lines are the app's).
      stdout: false,
      stderr: false,
    });
    this.started++;
    w.on('message', (r: WorkerReply) => this.#onReply(w, r));
    w.on('error', (err) => this.#onDeath(w, `error: ${err.message}`));
    w.on('exit', (code) => this.#onDeath(w, `exit ${code}`));
    return w;
  }

  #next(): void {
    if (this.#current || this.#queue.length === 0) return;
    const p = this.#queue.shift()!;
    this.#current = p;
    if (!this.#worker) this.#worker = this.#spawn();
    this.#worker.ref();
    const req: WorkerRequest = { type: 'job', id: p.id, kind: p.kind, input: p.input };
    this.#worker.postMessage(req);
  }

  #onReply(w: Worker, r: WorkerReply): void {
    if (w !== this.#worker) return;
    const p = this.#current;
    if (r.type === 'ready' || !p || r.id !== p.id) return;
    if (r.type === 'progress') {
      p.progress(r.fraction, r.phase);
      return;
    }
    this.#current = null;
    if (r.type === 'done') p.resolve(r.value);
    else p.reject(revive(r.error));
    // An idle worker does not keep the process alive (the CLI exits when its work is done).
    if (this.#queue.length === 0 && this.#stopping !== w) w.unref();
    this.#next();
  }

  /** The worker `kill` is stopping. */
  #stopping: Worker | null = null;

  #onDeath(w: Worker, detail: string): void {
    if (w !== this.#worker) return;
    this.#worker = null;
    const failed = [...(this.#current ? [this.#current] : []), ...this.#queue];
    this.#current = null;
    this.#queue = [];
    // Stopped on purpose (the app closing, a caller's kill) is not a crash: said, not alarmed.
    const stopped = this.#stopping === w;
    if (failed.length > 0) (stopped ? log.info : log.error)(stopped ? 'job_worker_stopped' : 'job_worker_died', { lane: this.name, detail, jobs: failed.map((p) => p.kind).join(',') });
    for (const p of failed) p.reject(new JobCrashedError(detail));
  }

  /** Stops the worker at once; the job running and those waiting fail with `JobCrashedError`. */
  async kill(): Promise<void> {
    const w = this.#worker;
    if (!w) return;
    this.#stopping = w;
    // Kept alive until it has stopped: a job finishing meanwhile unrefs an idle worker (#onReply), and an
    // unref'd worker's exit would not keep the process up to resolve `terminate` (Node then exits with 13).
    w.ref();
    await w.terminate();
    this.#onDeath(w, 'terminated');
  }

  /** Closes the worker's connection once the running job is done (the queue is expected empty). */
  async close(): Promise<void> {
    const w = this.#worker;
    if (!w) return;
    if (this.#current || this.#queue.length > 0) {
      await this.kill();
      return;
    }
    const exited = new Promise<void>((r) => w.once('exit', () => r()));
    this.#worker = null;
    // An idle worker is unref'd: while it closes its connection, it must keep the process alive, or a
    // process with nothing else to do would end before the worker has closed the database.
    w.ref();
    w.postMessage({ type: 'close' } satisfies WorkerRequest);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise<void>((r) => (timer = setTimeout(r, 5000)))]);
    clearTimeout(timer);
    await w.terminate();
  }
}

export class JobRunner {
  readonly mode: 'worker' | 'inline';
  #lanes = new Map<string, Lane>();
  #ids = 0;
  #inline: JobConnection;
  #inlineNow = Date.now();
  #inlineChain: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: JobRunnerOptions) {
    this.mode = opts.entry ? 'worker' : 'inline';
    this.#inline = {
      ctx: { db: opts.inline.ctx.db, dataDir: opts.inline.ctx.dataDir, now: () => this.#inlineNow },
      sqlite: opts.inline.sqlite,
      ownThread: false,
      setNow: (t) => {
        this.#inlineNow = t;
      },
    };
  }

  /** Runs a job; resolves with its result, rejects with its error (or `JobCrashedError`). */
  run<K extends JobKind>(kind: K, input: JobInputs[K], progress: JobProgress = () => undefined): Promise<JobOutputs[K]> {
    if (this.mode === 'inline') {
      // One at a time, as in a worker's lane.
      const run = this.#inlineChain.then(() => runTask(this.#inline, kind, input, progress));
      this.#inlineChain = run.catch(() => undefined);
      return run;
    }
    const laneName = JOB_LANE[kind];
    let lane = this.#lanes.get(laneName);
    if (!lane) {
      lane = new Lane(laneName, this.opts);
      this.#lanes.set(laneName, lane);
    }
    return new Promise<JobOutputs[K]>((resolve, reject) => {
      lane.push({ id: ++this.#ids, kind, input, progress, resolve: resolve, reject });
    });
  }

  /** Workers started so far per lane (1 each, plus one per crash). */
  workersStarted(): Record<string, number> {
    return Object.fromEntries([...this.#lanes].map(([k, l]) => [k, l.started]));
  }

  /** Stops every worker now: running jobs fail (`JobCrashedError`). */
  async kill(): Promise<void> {
    await Promise.all([...this.#lanes.values()].map((l) => l.kill()));
  }

  /** Closes the workers' connections (the app is closing; wait for jobs first). */
  async close(): Promise<void> {
    await Promise.all([...this.#lanes.values()].map((l) => l.close()));
    await this.#inlineChain;
  }
}
