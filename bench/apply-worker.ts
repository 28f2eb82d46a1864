/**
 * A dataset build on two threads: the demo-data generator plans and stamps the next batch of events on the
 * calling thread while a worker thread applies the previous one through the bulk apply path
 * (db/bulk-apply.ts) on its own connection to the same folder — the same calls, in the same order, with the
 * same options as the generator makes on one thread (cli/demo-data.ts `flush`), so the folder ends up the
 * same. The generator's own work (planning, payload parsing and limits, ids, clocks) was about a seventh of
 * a build on one thread; here it overlaps the apply.
 *
 * The worker is the bench bundle itself (dist/node/bench.mjs started as a worker thread: bench/main.ts
 * hands it to `runApplyWorker`), so it needs no bundle of its own; outside the bundle (tests running the
 * TypeScript sources) `startApplyWorker` returns null and the build stays on one thread.
 */
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker, parentPort, workerData } from 'node:worker_threads';
import type { Transaction } from 'kysely';
import { bulkApply } from '../db/bulk-apply';
import { openDatabase } from '../db/open';
import { setMeta } from '../db/queries';
import type { DB } from '../db/schema';
import type { StoredEvent } from '../domain/events/schema';

export const APPLY_WORKER_MODE = 'lpse-bench-apply-pages';

interface PageMessage {
  id: number;
  events: StoredEvent[];
  counters: [string, string][];
}

export interface ApplyWorker {
  apply(events: StoredEvent[], counters: readonly (readonly [string, string])[]): Promise<void>;
  settle(): Promise<void>;
  /** Resolves once the worker has closed its connection, with the CPU time its thread used (null if unknown). */
  close(): Promise<number | null>;
}

/**
 * CPU time (user + system, ms) of the calling thread, from Linux's /proc/thread-self/stat; null elsewhere.
 * `process.cpuUsage` sums every thread of the process, which hides which one bounds a two-thread build.
 */
export function threadCpuMs(): number | null {
  try {
    const stat = fs.readFileSync('/proc/thread-self/stat', 'utf8');
    // Fields after the command name (which may hold spaces, so split after its closing parenthesis):
    // utime and stime are fields 14 and 15, in clock ticks (100 per second on Linux).
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * Starts the worker on the data folder `dir` (already created and migrated by the caller). At most `ahead`
 * batches wait for the worker at a time: `apply` resolves once the batch is queued within that bound.
 */
export function startApplyWorker(dir: string, ahead = 2): ApplyWorker | null {
  const bundle = fileURLToPath(import.meta.url);
  if (!bundle.endsWith('.mjs')) return null;
  const worker = new Worker(bundle, { workerData: { mode: APPLY_WORKER_MODE, dir, cacheKib: Math.min(1 << 20, Math.round(os.totalmem() / 1024 / 8)) } });
  const pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  const inFlight: Promise<void>[] = [];
  let failure: Error | null = null;
  let nextId = 0;
  let closing: Promise<number | null> | null = null;
  let threadCpu: number | null = null;
  let ready!: () => void;
  const started = new Promise<void>((r) => (ready = r));
  worker.on('message', (m: { ready?: true; id?: number; error?: string; cpuMs?: number | null }) => {
    if (m.ready) return ready();
    if (m.cpuMs !== undefined) return void (threadCpu = m.cpuMs);
    const p = pending.get(m.id!);
    pending.delete(m.id!);
    if (m.error) {
      failure ??= new Error(m.error);
      p?.reject(failure);
    } else p?.resolve();
  });
  const fail = (err: Error) => {
    failure ??= err;
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
    ready();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (pending.size > 0) fail(new Error(`apply worker exited (${code})`));
  });
  return {
    async apply(events, counters) {
      await started;
      if (failure) throw failure;
      const id = nextId++;
      const done = new Promise<void>((resolve, reject) => pending.set(id, { resolve, reject }));
      done.catch(() => undefined); // surfaced by the next apply or settle
      const msg: PageMessage = { id, events, counters: counters.map(([k, v]) => [k, v]) };
      worker.postMessage(msg);
      inFlight.push(done);
      while (inFlight.length > ahead) await inFlight.shift()!;
    },
    async settle() {
      while (inFlight.length > 0) await inFlight.shift()!;
      if (failure) throw failure;
    },
    close() {
      // Its connection closed cleanly (WAL checkpointed) before the caller checkpoints and counts; once.
      closing ??= (async () => {
        const exited = new Promise<void>((r) => worker.once('exit', () => r()));
        if (failure) await worker.terminate();
        else worker.postMessage('close');
        await exited;
        return threadCpu;
      })();
      return closing;
    },
  };
}

/** The worker's side: applies each batch as `generateDemoData` would on one thread, in order. */
export async function runApplyWorker(): Promise<void> {
  const { dir, cacheKib } = workerData as { dir: string; cacheKib: number };
  const port = parentPort!;
  const opened = await openDatabase(dir);
  // The same bulk-load settings as bench/datasets.ts sets on the generator's connection.
  opened.sqlite.pragma('synchronous = OFF');
  opened.sqlite.pragma(`cache_size = -${cacheKib}`);
  let chain = Promise.resolve();
  port.on('message', (m: PageMessage | 'close') => {
    if (m === 'close') {
      chain = chain
        .then(() => opened.close())
        .then(() => {
          port.postMessage({ cpuMs: threadCpuMs() });
          port.close();
        });
      return;
    }
    chain = chain.then(async () => {
      try {
        const writeCounters = async (tx: Transaction<DB>) => {
          for (const [k, v] of m.counters) await setMeta(tx, k, v);
        };
        if (m.events.length > 0) {
          const last = m.events[m.events.length - 1]!;
          const r = await bulkApply({ db: opened.db, sqlite: opened.sqlite }, m.events, { isLocal: true, now: last.recordedAt, pageSize: m.events.length, withinPage: writeCounters });
          if (r.failed.length > 0) throw new Error(`Data contoh tidak dapat diterapkan: ${r.failed[0]!.error}`);
        } else if (m.counters.length > 0) {
          await opened.db.transaction().execute(writeCounters);
        }
        port.postMessage({ id: m.id });
      } catch (err) {
        port.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err) });
      }
    });
  });
  port.postMessage({ ready: true });
}
