/**
 * Where the server runs the signature checks of a push batch (ADR 0039): on one worker thread started on
 * first use (the checks are pure: server/verify-job.ts), so that they overlap the SQLite or PostgreSQL work
 * of the same request and other requests' parsing. Without the worker bundle (tests run from source) or
 * after the worker failed, the same checks run inline. The worker does not keep the process alive.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SignatureVerdict } from '../trust/events';
import { runVerifyJob, type VerifyJob } from './verify-job';

type Reply = { id: number; verdicts: SignatureVerdict[] } | { id: number; error: string };

let entry: string | null | undefined;
let worker: Worker | null = null;
let nextId = 1;
/** Batches checked on the worker and inline (for tests and the bench's log). */
const counts = { onWorker: 0, inline: 0 };
export function verifyCounts(): Readonly<typeof counts> {
  return { ...counts };
}
const pending = new Map<number, { job: VerifyJob; resolve(v: SignatureVerdict[]): void; reject(e: unknown): void }>();

/** The worker bundle beside this bundle (dist/node/verify-worker.mjs), if it was built. */
function builtEntry(): string | null {
  try {
    const file = fileURLToPath(new URL('./verify-worker.mjs', import.meta.url));
    return fs.existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

/** Tests: the worker script to use (null: inline). */
export function setVerifyWorkerEntry(file: string | null): void {
  entry = file;
  void stopVerifyWorker();
}

export async function stopVerifyWorker(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await w.terminate();
}

function spawn(file: string): Worker {
  const w = new Worker(file);
  w.unref();
  w.on('message', (r: Reply) => {
    const p = pending.get(r.id);
    if (!p) return;
    pending.delete(r.id);
    if (pending.size === 0) w.unref();
    if ('error' in r) p.reject(new Error(r.error));
    else {
      counts.onWorker++;
      p.resolve(r.verdicts);
    }
  });
  const fail = () => {
    if (worker === w) worker = null;
    // The jobs it still held are checked here instead: a push never fails because the worker did.
    for (const [id, p] of pending) {
      pending.delete(id);
      try {
        p.resolve(runVerifyJob(p.job));
      } catch (err) {
        p.reject(err);
      }
    }
  };
  w.on('error', fail);
  w.on('exit', fail);
  return w;
}

/** The verdicts of a batch's signatures, in its rows' order. */
export function verifySignatures(job: VerifyJob): Promise<SignatureVerdict[]> {
  if (entry === undefined) entry = builtEntry();
  if (entry === null || job.rows.length === 0) {
    try {
      counts.inline++;
      return Promise.resolve(runVerifyJob(job));
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }
  worker ??= spawn(entry);
  const id = nextId++;
  const w = worker;
  return new Promise((resolve, reject) => {
    pending.set(id, { job, resolve, reject });
    w.ref();
    w.postMessage({ id, job });
  });
}
