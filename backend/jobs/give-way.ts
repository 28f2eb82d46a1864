/**
 * How a long job pauses between two chunks of its work (issue 17 item 3). On the main connection (inline
 * jobs: tests, the CLI) it is one turn of the event loop. In the background worker (./worker.ts) the job
 * gives way to the counter: when the counter committed something since the last chunk, the worker sleeps
 * about as long as that chunk took (at most `maxPauseMs`), so while officers are working the job takes at
 * most about half of a core's time, and at full speed otherwise.
 *
 * Why it is needed although the worker's thread runs at nice 10 (./worker.ts): the worker's garbage
 * collection and compilation run on V8's shared helper threads, which are not the worker's thread and keep
 * the process's priority. Measured during the long-work bench's XLSX export (per-thread CPU from
 * /proc/<pid>/task): the four helper threads took up to ~0.5 of a core at nice 0 beside the worker's own
 * ~0.3 at nice 10, against the counter's thread — on a two-core workstation, a second process competing at
 * the counter's priority.
 *
 * The counter's commits are seen through `PRAGMA data_version` on the worker's own connection (it changes
 * when another connection has committed, https://sqlite.org/pragma.html#pragma_data_version): no message
 * from the counter's thread, nothing added to its path.
 */
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';

export type GiveWay = () => Promise<void>;

const turn: GiveWay = () => new Promise<void>((r) => setImmediate(r));
let current: GiveWay = turn;

/** Installs this thread's way of pausing between chunks (the worker does, once). */
export function installGiveWay(fn: GiveWay): void {
  current = fn;
}

/** Between two chunks of a long job. */
export function giveWay(): Promise<void> {
  return current();
}

export interface CounterAwareOptions {
  /** Longest pause after one chunk (ms). */
  maxPauseMs?: number;
  /** Shortest pause when the counter was busy (ms). */
  minPauseMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Gives way when another connection (the counter) committed since the last chunk; see the file's comment. */
export function counterAwareGiveWay(sqlite: Database.Database, opts: CounterAwareOptions = {}): GiveWay & { pauses: () => { count: number; ms: number } } {
  const maxPauseMs = opts.maxPauseMs ?? 50;
  const minPauseMs = opts.minPauseMs ?? 2;
  const now = opts.now ?? (() => performance.now());
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const version = sqlite.prepare('PRAGMA data_version').pluck();
  let seen = version.get() as number;
  let chunkStart = now();
  let count = 0;
  let paused = 0;
  const fn = async () => {
    const v = version.get() as number;
    const busy = v !== seen;
    seen = v;
    if (busy) {
      const ms = Math.min(maxPauseMs, Math.max(minPauseMs, now() - chunkStart));
      count++;
      paused += ms;
      await sleep(ms);
    } else await turn();
    chunkStart = now();
  };
  return Object.assign(fn, { pauses: () => ({ count, ms: paused }) });
}
