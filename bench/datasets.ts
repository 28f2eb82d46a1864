/**
 * Benchmark datasets: data folders filled by the demo-data generator (real events, real projections) and
 * cached in `.bench-cache/<name>-<seed>/`, reused while the schema version and the generator version match.
 * Measurements that write get a throw-away copy, so the cache stays as built.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_GENERATOR_VERSION, generateDemoData } from '../cli/demo-data';
import { SCHEMA_VERSION } from '../db/migrations';
import { DB_FILE_NAME, openDatabase } from '../db/open';
import { startApplyWorker, threadCpuMs } from './apply-worker';

export interface DatasetSpec {
  name: string;
  visits: number;
  /** Distinct companies (exact when not more than the visits that involve a company). */
  vendors?: number;
  days: number;
  seed: string;
}

export interface DatasetCounts {
  events: number;
  vendors: number;
  persons: number;
  visits: number;
  users: number;
  fileBytes: number;
}

/**
 * How this file builds a dataset; a change that alters the built files bumps it. 2: no ANALYZE (see
 * `ensureDataset`).
 */
export const DATASET_BUILD_VERSION = 2;

export interface Manifest {
  schemaVersion: number;
  generatorVersion: number;
  buildVersion?: number;
  spec: DatasetSpec;
  builtAt: string;
  buildMs: number;
  /**
   * CPU time of the build's threads (ms): the generator's (this thread) and the apply worker's (null on one
   * thread). The longer of the two bounds the build's wall time on an idle machine.
   */
  buildCpu?: { generatorThreadMs: number | null; applyThreadMs: number | null };
  counts: DatasetCounts;
}

export interface Dataset {
  dir: string;
  manifest: Manifest;
}

export interface WorkCopy {
  dir: string;
  remove(): void;
}

/**
 * About a year of counter activity at stress volume: 110,000 visits over 245 working days with 100,000
 * distinct companies, which comes to well over 1,000,000 events.
 */
export const COUNTER_DATASET: DatasetSpec = { name: 'counter', visits: 110_000, vendors: 100_000, days: 245, seed: 'bench-1' };
/** What `--quick` uses instead: same shape, small. */
export const QUICK_DATASET: DatasetSpec = { name: 'counter-quick', visits: 3_000, vendors: 2_000, days: 30, seed: 'bench-1' };
/** A small office's first month: the baseline for the cold start. */
export const SMALL_DATASET: DatasetSpec = { name: 'small', visits: 200, days: 10, seed: 'bench-1' };

export function datasetDir(cacheDir: string, spec: DatasetSpec): string {
  return path.join(cacheDir, `${spec.name}-${spec.seed}`);
}

function sameSpec(a: DatasetSpec, b: DatasetSpec): boolean {
  return a.name === b.name && a.visits === b.visits && a.vendors === b.vendors && a.days === b.days && a.seed === b.seed;
}

export function readManifest(dir: string): Manifest | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

function isFreshManifest(dir: string, spec: DatasetSpec, m: Manifest | null): boolean {
  return (
    m !== null &&
    m.schemaVersion === SCHEMA_VERSION &&
    m.generatorVersion === DEMO_GENERATOR_VERSION &&
    m.buildVersion === DATASET_BUILD_VERSION &&
    sameSpec(m.spec, spec) &&
    fs.existsSync(path.join(dir, DB_FILE_NAME))
  );
}

/** Whether the cache holds this dataset as the current schema and generator would build it. */
export function isCached(cacheDir: string, spec: DatasetSpec): boolean {
  const dir = datasetDir(cacheDir, spec);
  return isFreshManifest(dir, spec, readManifest(dir));
}

export async function ensureDataset(cacheDir: string, spec: DatasetSpec, log: (m: string) => void): Promise<Dataset> {
  const dir = datasetDir(cacheDir, spec);
  const existing = readManifest(dir);
  if (existing && isFreshManifest(dir, spec, existing)) return { dir, manifest: existing };
  if (existing) {
    log(`dataset ${spec.name}: cache is stale (schema ${existing.schemaVersion} → ${SCHEMA_VERSION}, generator ${existing.generatorVersion} → ${DEMO_GENERATOR_VERSION}, build ${existing.buildVersion ?? 1} → ${DATASET_BUILD_VERSION}); rebuilding`);
  }
  const building = `${dir}.building-${process.pid}`;
  fs.rmSync(building, { recursive: true, force: true });
  fs.mkdirSync(building, { recursive: true });
  log(`dataset ${spec.name}: building ${spec.visits} visits over ${spec.days} working days (one-off; cached in ${dir})`);
  const started = Date.now();
  const cpu0 = threadCpuMs();
  let applyThreadMs: number | null = null;
  const opened = await openDatabase(building);
  // A bulk load, not a counter: the folder is thrown away if the build stops half-way, so commits need not
  // reach the disk (no fsync per batch), and the page cache holds the indexes of a multi-gigabyte file (the
  // app's 32 MB makes every insert into a random-keyed index a read of the file). Neither changes what is
  // written; the app's own settings are back when the dataset is opened again.
  opened.sqlite.pragma('synchronous = OFF');
  opened.sqlite.pragma(`cache_size = -${Math.min(1 << 20, Math.round(os.totalmem() / 1024 / 8))}`);
  let lastLog = 0;
  // The generator plans on this thread while a worker thread applies (bench/apply-worker.ts), when the bench
  // runs from its bundle.
  // LPSE_BENCH_ONE_THREAD=1 keeps the build on one thread, and LPSE_BENCH_NOW (ms) fixes its end instant: with
  // both, two builds can be compared row by row (the two-thread build gives the same folder).
  const applier = process.env.LPSE_BENCH_ONE_THREAD === '1' ? null : startApplyWorker(building);
  try {
    await generateDemoData({
      db: opened.db,
      sqlite: opened.sqlite,
      ...(applier ? { pages: applier } : {}),
      visits: spec.visits,
      days: spec.days,
      seed: spec.seed,
      vendors: spec.vendors,
      now: Number(process.env.LPSE_BENCH_NOW) || Date.now(),
      onProgress: (p) => {
        if (Date.now() - lastLog < 5000) return;
        lastLog = Date.now();
        const c = process.cpuUsage();
        // CPU time of this process so far (both threads) beside the wall time: on a busy machine, the rate to read.
        log(`dataset ${spec.name}: day ${p.dayIndex + 1}/${p.days}, ${p.visitsRegistered} visits, ${p.eventsWritten} events, ${Math.round((Date.now() - started) / 1000)} s (CPU ${Math.round((c.user + c.system) / 1e6)} s)`);
      },
    });
    applyThreadMs = (await applier?.close()) ?? null;
    // No ANALYZE: the app never runs it, so a counter's database has no sqlite_stat tables. With them,
    // better-sqlite3's SQLite (built with STAT4) re-plans a statement on every new binding of a parameter
    // compared with an indexed column, and the bench would measure a database no counter has.
    opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    await applier?.close().catch(() => undefined);
    await opened.close();
  }
  const counts = await countDataset(building);
  const manifest: Manifest = {
    schemaVersion: SCHEMA_VERSION,
    generatorVersion: DEMO_GENERATOR_VERSION,
    buildVersion: DATASET_BUILD_VERSION,
    spec,
    builtAt: new Date().toISOString(),
    buildMs: Date.now() - started,
    buildCpu: { generatorThreadMs: cpu0 === null ? null : threadCpuMs()! - cpu0, applyThreadMs },
    counts,
  };
  fs.writeFileSync(path.join(building, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(building, dir);
  log(`dataset ${spec.name}: built in ${Math.round(manifest.buildMs / 1000)} s (${counts.events} events, ${counts.vendors} vendors; CPU ${JSON.stringify(manifest.buildCpu)})`);
  return { dir, manifest };
}

async function countDataset(dir: string): Promise<DatasetCounts> {
  const opened = await openDatabase(dir, { readonly: true });
  try {
    const n = (table: string) => (opened.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      events: n('events'),
      vendors: n('vendors'),
      persons: n('persons'),
      visits: n('visits'),
      users: n('users'),
      fileBytes: fs.statSync(path.join(dir, DB_FILE_NAME)).size,
    };
  } finally {
    await opened.close();
  }
}

/** Copies a dataset's database into a fresh temporary folder (same disk as the OS temp folder). */
export function makeWorkCopy(ds: Dataset): WorkCopy {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `lpse-bench-${ds.manifest.spec.name}-`));
  const file = path.join(dir, DB_FILE_NAME);
  fs.copyFileSync(path.join(ds.dir, DB_FILE_NAME), file);
  // The copy is on disk before anything is timed: otherwise the kernel writes its gigabyte back while the
  // measurement runs, and every fsync in it waits behind that.
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
