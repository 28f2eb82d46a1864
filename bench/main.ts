/**
 * `npm run bench -- [--json] [--only a,b] [--quick] [--cache-dir DIR]`: runs the figure modules and prints
 * one object — each figure beside its target and its same-run baseline, plus a `meta` section. Progress goes
 * to stderr, so `--json` output can be piped.
 *
 * To add figures: write `bench/<area>.ts` exporting a `BenchModule` and add it to `MODULES` (one line).
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openSqlite } from '../db/sqlite';
import { coldStartModule } from './cold-start';
import { desksModule } from './desks';
import { ensureDataset, makeWorkCopy, type Dataset, type DatasetSpec, type WorkCopy } from './datasets';
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
        void p.then(() => (datasetMs[spec.name] = Math.round(performance.now() - t0)), () => undefined);
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

  const started = new Date();
  const runStarted = performance.now();
  const loadBefore = os.loadavg();
  const durations: Record<string, number> = {};
  const errors: Record<string, string> = {};
  for (const m of modules) {
    log(`module ${m.name}: ${m.description}`);
    const t0 = performance.now();
    try {
      Object.assign(figures, await m.run(ctx));
    } catch (err) {
      errors[m.name] = err instanceof Error ? err.message : String(err);
      log(`module ${m.name} failed: ${errors[m.name]}`);
    }
    durations[m.name] = Math.round(performance.now() - t0);
  }

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
    // Wall time of each module (its datasets' builds included), of the whole run, and of each dataset's
    // build or cache check: a full run's length is read from one JSON (issue 17: 15 minutes from a fresh clone).
    duration_ms: durations,
    total_ms: Math.round(performance.now() - runStarted),
    dataset_ready_ms: datasetMs,
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

process.exitCode = await main();
