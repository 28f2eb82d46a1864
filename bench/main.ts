/**
 * `npm run bench -- [--json] [--only a,b] [--quick] [--cache-dir DIR]`: runs the figure modules and prints
 * one object — each figure beside its target and its same-run baseline, plus a `meta` section. Progress goes
 * to stderr, so `--json` output can be piped.
 *
 * To add figures: write `bench/<area>.ts` exporting a `BenchModule` and add it to `MODULES` (one line).
 */
import { execFileSync, spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { isMainThread, workerData } from 'node:worker_threads';
import { APPLY_WORKER_MODE, runApplyWorker } from './apply-worker';
import { openSqlite } from '../db/sqlite';
import { coldStartModule } from './cold-start';
import { desksModule } from './desks';
import { ensureDataset, isCached, makeWorkCopy, type Dataset, type DatasetSpec, type WorkCopy } from './datasets';
import { log, type BenchContext, type BenchModule, type Figures } from './harness';
import { lookupModule } from './lookup';
import { recordModule } from './record';
import { reportModule } from './report';
import { syncModule } from './sync';
import { joinModule } from './join';
import { surveyModule } from './survey';
import { queueModule } from './queue';
import { backupModule } from './backup';
import { encryptionModule } from './encryption';
import { longWorkModule } from './long-work';
import { printPreviewModule } from './print-preview';
import { erasureModule } from './erasure';

export const MODULES: BenchModule[] = [
  recordModule,
  lookupModule,
  coldStartModule,
  desksModule,
  syncModule,
  joinModule,
  reportModule,
  surveyModule,
  queueModule,
  backupModule,
  encryptionModule,
  longWorkModule,
  printPreviewModule,
  erasureModule,
];

const USAGE = `Usage: npm run bench -- [--json] [--only ${MODULES.map((m) => m.name).join(',')}] [--quick] [--cache-dir DIR]
  --json        print one JSON object on stdout (progress on stderr)
  --only LIST   run only these modules (comma-separated)
  --quick       small dataset and few iterations: a smoke run, not comparable with the targets
  --cache-dir   where built datasets are kept (default .bench-cache/ in the working directory)
Modules:
${MODULES.map((m) => `  ${m.name.padEnd(12)} ${m.description}`).join('\n')}
`;

interface Options {
  json: boolean;
  only: string[] | null;
  quick: boolean;
  cacheDir: string;
  /** Internal (a child of the prepare phase): build one dataset (its spec as JSON), or one module's data. */
  prepareDataset?: DatasetSpec;
  prepareModule?: string;
}

function parseOptions(argv: string[]): Options | string {
  const o: Options = { json: false, only: null, quick: false, cacheDir: path.resolve('.bench-cache') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [name, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i];
    if (name === '--json') o.json = true;
    else if (name === '--quick') o.quick = true;
    else if (name === '--only') {
      const v = value();
      if (!v) return '--only needs a comma-separated list of modules';
      o.only = v.split(',').map((s) => s.trim()).filter(Boolean);
      const unknown = o.only.filter((n) => !MODULES.some((m) => m.name === n));
      if (unknown.length > 0) return `unknown module(s): ${unknown.join(', ')}; known: ${MODULES.map((m) => m.name).join(', ')}`;
    } else if (name === '--cache-dir') {
      const v = value();
      if (!v) return '--cache-dir needs a folder';
      o.cacheDir = path.resolve(v);
    } else if (name === '--prepare-dataset') {
      const v = value();
      if (!v) return '--prepare-dataset needs a dataset spec';
      o.prepareDataset = JSON.parse(v) as DatasetSpec;
    } else if (name === '--prepare-module') {
      const v = value();
      if (!v || !MODULES.some((m) => m.name === v)) return '--prepare-module needs a module';
      o.prepareModule = v;
    } else if (name === '--help' || name === '-h') return '';
    else return `unknown option: ${a}`;
  }
  return o;
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

interface PrepareTask {
  name: string;
  /** The datasets that must be built first. */
  after: string[];
  /** Rough size, for longest-first order. */
  cost: number;
  args: string[];
}

/** The priority (nice value) of every build but the longest in the prepare phase. */
const PREPARE_NICE = 10;

interface PrepareResult {
  name: string;
  ms: number;
  cpu_ms: number | null;
  /** A dataset build's CPU time per thread (generator, apply worker): which one bounds it. */
  threads_cpu_ms?: { generatorThreadMs: number | null; applyThreadMs: number | null };
  error?: string;
}

/**
 * Builds what the selected modules need before any of them runs: the datasets not in the cache, and each
 * module's derived data. Each build is a child process (its own thread and SQLite connection), as many at once
 * as the machine has cores, longest first: a fresh run's builds take about as long as the longest chain of
 * them instead of their sum, and no build runs while a module measures.
 */
async function prepare(opts: Options, modules: BenchModule[], log: (m: string) => void): Promise<{ ms: number; lanes: number; tasks: PrepareResult[] }> {
  const specs = new Map<string, DatasetSpec>();
  for (const m of modules) for (const spec of m.datasets?.(opts.quick) ?? []) specs.set(spec.name, spec);
  const tasks: PrepareTask[] = [];
  for (const spec of specs.values()) {
    if (isCached(opts.cacheDir, spec)) continue;
    tasks.push({ name: `dataset ${spec.name}`, after: [], cost: spec.visits, args: ['--prepare-dataset', JSON.stringify(spec)] });
  }
  const building = new Set(tasks.map((t) => t.name));
  for (const m of modules) {
    if (!m.prepare) continue;
    const after = (m.datasets?.(opts.quick) ?? []).map((d) => `dataset ${d.name}`).filter((n) => building.has(n));
    // Derived data comes before any dataset not yet started: it waits for one that is, and is long (join).
    tasks.push({ name: `module ${m.name}`, after, cost: Number.MAX_SAFE_INTEGER, args: ['--prepare-module', m.name] });
  }
  const lanes = Math.max(1, Math.min(os.availableParallelism(), 4));
  const results: PrepareResult[] = [];
  if (tasks.length === 0) return { ms: 0, lanes, tasks: results };
  const t0 = performance.now();
  const bundle = fileURLToPath(import.meta.url);
  const done = new Set<string>();
  const queue = [...tasks].sort((a, b) => b.cost - a.cost);
  const running = new Set<Promise<void>>();
  log(`prepare: ${tasks.map((t) => t.name).join(', ')} (${lanes} at a time)`);
  // The longest build bounds the phase: it runs at normal priority, every other build at a lower one, so on a
  // machine with fewer free cores than busy build threads (each dataset build has two) the longest one is
  // never the one kept waiting; the others fill what it leaves idle.
  const longest = queue.find((t) => t.after.length === 0)?.name;
  const runTask = (t: PrepareTask) =>
    new Promise<void>((resolve) => {
      const s0 = performance.now();
      const child = spawn(process.execPath, [...process.execArgv, bundle, ...t.args, '--cache-dir', opts.cacheDir, ...(opts.quick ? ['--quick'] : [])], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      if (t.name !== longest && child.pid !== undefined) {
        try {
          os.setPriority(child.pid, PREPARE_NICE);
        } catch {
          // Not allowed here: the build runs at normal priority, only the order is lost.
        }
      }
      let out = '';
      child.stdout.on('data', (b: Buffer) => (out += b.toString()));
      child.on('close', (code) => {
        let reported: Pick<PrepareResult, 'cpu_ms' | 'threads_cpu_ms'> = { cpu_ms: null };
        try {
          reported = JSON.parse(out) as typeof reported;
        } catch {
          reported = { cpu_ms: null };
        }
        const r: PrepareResult = { name: t.name, ms: Math.round(performance.now() - s0), ...reported };
        if (code !== 0) r.error = `exit code ${code}`;
        results.push(r);
        done.add(t.name);
        log(`prepare: ${t.name} ${r.error ? `failed (${r.error})` : 'ready'} after ${Math.round(r.ms / 1000)} s`);
        resolve();
      });
    });
  while (queue.length > 0 || running.size > 0) {
    while (running.size < lanes) {
      const i = queue.findIndex((t) => t.after.every((a) => done.has(a)));
      if (i < 0) break;
      const [t] = queue.splice(i, 1);
      const p: Promise<void> = runTask(t!).then(() => void running.delete(p));
      running.add(p);
    }
    if (running.size === 0) break; // nothing runnable: cannot happen (dependencies are datasets only)
    await Promise.race(running);
  }
  return { ms: Math.round(performance.now() - t0), lanes, tasks: results };
}

async function main(): Promise<number> {
  const parsed = parseOptions(process.argv.slice(2));
  if (typeof parsed === 'string') {
    if (parsed) process.stderr.write(`bench: ${parsed}\n\n`);
    (parsed ? process.stderr : process.stdout).write(USAGE);
    return parsed ? 2 : 0;
  }
  const opts = parsed;
  const modules = opts.only ? MODULES.filter((m) => opts.only!.includes(m.name)) : MODULES;
  const notes: Record<string, unknown> = {};
  const datasetMs: Record<string, number> = {};
  const datasets = new Map<string, Promise<Dataset>>();
  const shared = new Map<string, Promise<WorkCopy>>();
  const figures: Figures = {};
  const ctx: BenchContext = {
    quick: opts.quick,
    log,
    cacheDir: opts.cacheDir,
    dataset: (spec: DatasetSpec) => {
      let p = datasets.get(spec.name);
      if (!p) {
        const t0 = performance.now();
        p = ensureDataset(opts.cacheDir, spec, log);
        // Time to have the dataset ready in this run (a build, or a check of the cache): the part of the
        // requesting module's `duration_ms` that a warm cache saves.
        void p.then(() => (datasetMs[spec.name] ??= Math.round(performance.now() - t0)), () => undefined);
        datasets.set(spec.name, p);
      }
      return p;
    },
    workCopy: async (ds, o) => {
      if (!o?.shared) return makeWorkCopy(ds);
      let p = shared.get(ds.dir);
      if (!p) {
        p = Promise.resolve().then(() => makeWorkCopy(ds));
        shared.set(ds.dir, p);
      }
      const copy = await p;
      return { dir: copy.dir, remove: () => undefined };
    },
    figure: (name) => {
      const f = figures[name];
      return typeof f === 'object' && f !== null && 'value' in f && typeof f.value === 'number' ? f.value : undefined;
    },
    note: (k, v) => {
      notes[k] = v;
    },
  };

  if (opts.prepareDataset || opts.prepareModule) {
    // A child of the prepare phase: build, report its CPU time on stdout, exit.
    const built = opts.prepareDataset ? await ensureDataset(opts.cacheDir, opts.prepareDataset, log) : null;
    if (!built) await MODULES.find((m) => m.name === opts.prepareModule)!.prepare!(ctx);
    const c = process.cpuUsage();
    const threads = built?.manifest.buildCpu;
    process.stdout.write(`${JSON.stringify({ cpu_ms: Math.round((c.user + c.system) / 1000), ...(threads ? { threads_cpu_ms: threads } : {}) })}\n`);
    return 0;
  }

  const started = new Date();
  const runStarted = performance.now();
  const prepared = await prepare(opts, modules, log);
  for (const t of prepared.tasks) if (t.name.startsWith('dataset ') && !t.error) datasetMs[t.name.slice(8)] = t.ms;
  const loadBefore = os.loadavg();
  const durations: Record<string, number> = {};
  const cpuMs: Record<string, number> = {};
  const runCpu = process.cpuUsage();
  const errors: Record<string, string> = {};
  for (const m of modules) {
    log(`module ${m.name}: ${m.description}`);
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    try {
      const got = await m.run(ctx);
      Object.assign(figures, got);
      // Each module's figures as it ends, so a run that dies later still leaves them in the log.
      log(`figures ${m.name}: ${JSON.stringify(Object.fromEntries(Object.entries(got).map(([k, f]) => [k, typeof f === 'object' && 'value' in f ? { value: f.value, target: 'target' in f ? f.target : null, ok: 'ok' in f ? f.ok : null } : f])))}`);
    } catch (err) {
      errors[m.name] = err instanceof Error ? err.message : String(err);
      log(`module ${m.name} failed: ${errors[m.name]}`);
    }
    durations[m.name] = Math.round(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpuMs[m.name] = Math.round((c.user + c.system) / 1000);
  }
  const totalCpu = process.cpuUsage(runCpu);

  for (const p of shared.values()) (await p.catch(() => null))?.remove();
  // The engine the workstation database runs on (db/sqlite.ts), not the server's better-sqlite3.
  const memory = openSqlite(':memory:');
  const sqliteVersion = (memory.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  memory.close();
  const builtDatasets = Object.fromEntries<unknown>(
    await Promise.all(
      [...datasets.entries()].map(async ([name, p]) => {
        try {
          const ds = await p;
          return [name, { ...ds.manifest.counts, spec: ds.manifest.spec, builtAt: ds.manifest.builtAt, buildMs: ds.manifest.buildMs }] as const;
        } catch (err) {
          return [name, { error: err instanceof Error ? err.message : String(err) }] as const;
        }
      }),
    ),
  );
  const meta = {
    timestamp: started.toISOString(),
    quick: opts.quick,
    modules: modules.map((m) => m.name),
    // Wall time of each module (a dataset it did not declare is built in it), of the whole run (the prepare
    // phase included), and of each dataset's build or cache check: a full run's length is read from one JSON
    // (issue 17: 15 minutes from a fresh clone).
    duration_ms: durations,
    total_ms: Math.round(performance.now() - runStarted),
    // CPU time of this process (its worker threads included, child processes such as the server or the
    // shell not): on a shared machine, less at the mercy of other load than the wall times above.
    cpu_ms: cpuMs,
    total_cpu_ms: Math.round((totalCpu.user + totalCpu.system) / 1000),
    dataset_ready_ms: datasetMs,
    // The prepare phase (datasets and derived data built side by side before the modules run): its wall time,
    // how many builds ran at once, and each build's wall and CPU time.
    prepare: prepared,
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      memory_gb: Math.round(os.totalmem() / 2 ** 30),
      platform: `${os.platform()} ${os.release()}`,
      load_average_before: loadBefore.map((x) => Math.round(x * 100) / 100),
      load_average_after: os.loadavg().map((x) => Math.round(x * 100) / 100),
    },
    node: process.version,
    sqlite: sqliteVersion,
    commit: gitCommit(),
    datasets: builtDatasets,
    notes,
    ...(Object.keys(errors).length > 0 ? { errors } : {}),
  };
  const result = { ...figures, meta };
  if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    for (const [name, f] of Object.entries(figures)) {
      if (typeof f === 'object' && f !== null && 'value' in f) {
        const x = f as { value: number; target?: string; ok?: boolean };
        process.stdout.write(`${name.padEnd(32)} ${String(x.value).padStart(10)}   target ${x.target ?? '-'}   ${x.ok === undefined ? '' : x.ok ? 'ok' : 'MISSED'}\n`);
      } else process.stdout.write(`${name.padEnd(32)} ${JSON.stringify(f)}\n`);
    }
    if (Object.keys(errors).length > 0) process.stdout.write(`errors: ${JSON.stringify(errors)}\n`);
  }
  return Object.keys(errors).length > 0 ? 1 : 0;
}

// Started as a worker thread by a dataset build (bench/apply-worker.ts): apply pages, nothing else.
if (!isMainThread && (workerData as { mode?: string } | null)?.mode === APPLY_WORKER_MODE) await runApplyWorker();
else process.exitCode = await main();
