/**
 * What the slow samples of a latency series are (issue 17's tail targets): for each timed action, whether a
 * WAL checkpoint ran inside it, whether a garbage collection overlapped it, and how slow the disk was right
 * after it — so a p99 is explained by measurement, not guessed.
 *
 * Checkpoints are read from the WAL index (the `-shm` file, https://sqlite.org/walformat.html#the_wal_index_file_format):
 * `nBackfill` (offset 96 of the checkpoint info that follows the two 48-byte header copies) is the number of
 * WAL frames copied into the database so far; it grows when a checkpoint runs and drops to 0 when the WAL is
 * restarted, and `mxFrame` (offset 16) is the last valid frame. The file is shared memory that every
 * connection maps, so a plain read sees what SQLite wrote (two little reads per sample, a few microseconds).
 * Garbage collections come from `perf_hooks` 'gc' entries, with their start and duration.
 */
import fs from 'node:fs';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { round, summarize, type Summary } from './harness';

export interface WalMarks {
  mxFrame: number;
  nBackfill: number;
}

export interface SampleTrace {
  startMs: number;
  ms: number;
  before: WalMarks | null;
  after: WalMarks | null;
  /** A concurrent measure of the disk (e.g. a 4 KiB write + fdatasync right after the action), when taken. */
  diskMs?: number;
  /** The process's CPU time during the sample (user + system, ms), and its context switches: voluntary
   *  (it blocked: an fsync, a read from disk) and involuntary (another process took the CPU). */
  cpuMs?: number;
  voluntary?: number;
  involuntary?: number;
}

export interface Usage {
  cpuMs: number;
  voluntary: number;
  involuntary: number;
}

export function usage(): Usage {
  const u = process.resourceUsage();
  return { cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, voluntary: u.voluntaryContextSwitches, involuntary: u.involuntaryContextSwitches };
}

export function usageBetween(a: Usage, b: Usage): Pick<SampleTrace, 'cpuMs' | 'voluntary' | 'involuntary'> {
  return { cpuMs: b.cpuMs - a.cpuMs, voluntary: b.voluntary - a.voluntary, involuntary: b.involuntary - a.involuntary };
}

interface Gc {
  start: number;
  ms: number;
  kind: number;
}

export class TailTracer {
  readonly samples: SampleTrace[] = [];
  #fd: number | null;
  #buf = Buffer.alloc(136);
  #gcs: Gc[] = [];
  #obs: PerformanceObserver;

  constructor(shmFile: string) {
    this.#fd = fs.existsSync(shmFile) ? fs.openSync(shmFile, 'r') : null;
    this.#obs = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) this.#gcs.push({ start: e.startTime, ms: e.duration, kind: (e as unknown as { detail?: { kind?: number } }).detail?.kind ?? 0 });
    });
    this.#obs.observe({ entryTypes: ['gc'] });
  }

  marks(): WalMarks | null {
    if (this.#fd === null) return null;
    const n = fs.readSync(this.#fd, this.#buf, 0, 136, 0);
    if (n < 136) return null;
    return { mxFrame: this.#buf.readUInt32LE(16), nBackfill: this.#buf.readUInt32LE(96) };
  }

  /** Times `fn` and records its trace. */
  async time(fn: () => Promise<unknown>): Promise<number> {
    const before = this.marks();
    const u0 = usage();
    const t0 = performance.now();
    await fn();
    const ms = performance.now() - t0;
    const u1 = usage();
    this.samples.push({ startMs: t0, ms, before, after: this.marks(), ...usageBetween(u0, u1) });
    return ms;
  }

  /** Records a sample timed elsewhere. */
  push(s: SampleTrace): void {
    this.samples.push(s);
  }

  /** Stops tracing; GC entries are delivered on a later turn of the event loop, so this waits for one. */
  async stop(): Promise<void> {
    await new Promise((r) => setTimeout(r, 20));
    this.#obs.disconnect();
    if (this.#fd !== null) fs.closeSync(this.#fd);
    this.#fd = null;
  }

  /** Frames a sample's action checkpointed (copied into the database file), 0 when no checkpoint ran in it. */
  static checkpointed(s: SampleTrace): number {
    if (!s.before || !s.after) return 0;
    if (s.after.nBackfill > s.before.nBackfill) return s.after.nBackfill - s.before.nBackfill;
    // Restarted and checkpointed again inside one sample: count what the new WAL backfilled.
    if (s.after.mxFrame < s.before.mxFrame && s.after.nBackfill > 0) return s.after.nBackfill;
    return 0;
  }

  gcIn(s: SampleTrace): { ms: number; major: boolean } {
    let ms = 0;
    let major = false;
    const end = s.startMs + s.ms;
    for (const g of this.#gcs) {
      const overlap = Math.min(end, g.start + g.ms) - Math.max(s.startMs, g.start);
      if (overlap > 0) {
        ms += overlap;
        // perf_hooks NODE_PERFORMANCE_GC_MAJOR = 4 (mark-sweep-compact).
        if (g.kind === 4) major = true;
      }
    }
    return { ms, major };
  }

  /**
   * The samples at or above the series' p99, each attributed: a checkpoint inside it, a GC over it (more than
   * a quarter of its time), a slow disk next to it (its disk probe above the probes' p95), or none of these.
   */
  attribute(threshold: number, diskP95?: number): Record<string, unknown> {
    const slow = this.samples.filter((s) => s.ms >= threshold);
    const withCheckpoint = slow.filter((s) => TailTracer.checkpointed(s) > 0);
    const withGc = slow.filter((s) => this.gcIn(s).ms > s.ms / 4);
    const withDisk = diskP95 !== undefined ? slow.filter((s) => s.diskMs !== undefined && s.diskMs > diskP95) : [];
    const none = slow.filter((s) => TailTracer.checkpointed(s) === 0 && this.gcIn(s).ms <= s.ms / 4 && !(diskP95 !== undefined && s.diskMs !== undefined && s.diskMs > diskP95));
    const ckptSamples = this.samples.filter((s) => TailTracer.checkpointed(s) > 0);
    const gcTotal = this.#gcs.reduce((a, g) => a + g.ms, 0);
    const sumOf = (xs: SampleTrace[]): Summary | null => (xs.length ? summarize(xs.map((s) => s.ms)) : null);
    return {
      threshold_ms: round(threshold),
      slow_samples: slow.length,
      with_checkpoint_inside: withCheckpoint.length,
      with_gc_over_quarter: withGc.length,
      with_major_gc: slow.filter((s) => this.gcIn(s).major).length,
      ...(diskP95 !== undefined ? { with_slow_disk_next_to_it: withDisk.length, disk_probe_p95_ms: round(diskP95) } : {}),
      unexplained: none.length,
      // Time the slow samples spent not running (wall − CPU: blocked on the disk, or waiting for a CPU taken
      // by other processes), and their context switches: voluntary = blocked, involuntary = preempted.
      ...(slow.some((s) => s.cpuMs !== undefined)
        ? {
            wait_ms: summarize(slow.map((s) => s.ms - (s.cpuMs ?? 0))),
            cpu_ms: summarize(slow.map((s) => s.cpuMs ?? 0)),
            voluntary_switches: summarize(slow.map((s) => s.voluntary ?? 0)),
            involuntary_switches: summarize(slow.map((s) => s.involuntary ?? 0)),
            all_samples_voluntary_switches_p50: summarize(this.samples.map((s) => s.voluntary ?? 0)).p50,
          }
        : {}),
      // Pages each sample appended to the WAL (one 4 KiB frame per page written; every frame is synced at
      // the commit): what a commit costs the disk. Samples in which the WAL restarted are left out.
      wal_frames_per_sample: summarize(this.samples.filter((s) => s.before && s.after && s.after.mxFrame >= s.before.mxFrame).map((s) => s.after!.mxFrame - s.before!.mxFrame)),
      // The WAL's length over the series (frames): a reader's snapshot holds a checkpoint back and lets it grow.
      wal_frames_max: Math.max(0, ...this.samples.map((s) => s.after?.mxFrame ?? 0)),
      checkpoints_inside_samples: { count: ckptSamples.length, frames: ckptSamples.map((s) => TailTracer.checkpointed(s)), sample_ms: sumOf(ckptSamples) },
      gc: { count: this.#gcs.length, total_ms: round(gcTotal, 1), major: this.#gcs.filter((g) => g.kind === 4).length, max_ms: round(Math.max(0, ...this.#gcs.map((g) => g.ms)), 1) },
    };
  }
}
