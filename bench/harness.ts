/**
 * The bench harness's shared pieces: what a figure module is, the figure format (value beside its target and
 * the baseline measured in the same run), statistics, and logging to stderr.
 *
 * A module is `bench/<area>.ts` exporting a `BenchModule`; listing it in `MODULES` in `bench/main.ts` is all it
 * takes to add its figures to `npm run bench -- --json`.
 */
import type { Backend } from '../backend/app';
import type { InputOf, MethodName, OutputOf } from '../contract/api';
import type { Dataset, DatasetSpec, WorkCopy } from './datasets';

export type FigureValue = number | string | object;
export type Figures = Record<string, FigureValue>;

export interface BenchContext {
  /** Smaller datasets and fewer iterations (smoke runs); figures are then not comparable with targets. */
  quick: boolean;
  /** Progress for the operator, on stderr. */
  log(message: string): void;
  /** Where built datasets are kept (--cache-dir), for a module that builds a dataset of its own. */
  cacheDir: string;
  /** A cached dataset built by the demo-data generator, built on first use. */
  dataset(spec: DatasetSpec): Promise<Dataset>;
  /**
   * A throw-away copy of a dataset's data folder, for measurements that write. `shared`: one copy per
   * dataset for the whole run, handed to every module that asks for it (its `remove` is a no-op; the
   * run removes it at the end) — for modules that only read, or add a few rows of their own that no later
   * module's figure depends on. Copying a gigabyte and syncing it is one of the bench's long poles.
   */
  workCopy(ds: Dataset, opts?: { shared?: boolean }): Promise<WorkCopy>;
  /** The value of a figure an earlier module of this run produced (e.g. the quiet record_action_p99_ms). */
  figure(name: string): number | undefined;
  /** Adds facts to the `meta` section (dataset sizes, iteration counts…). */
  note(key: string, value: unknown): void;
}

export interface BenchModule {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<Figures>;
  /**
   * The datasets `run` asks for. Declared, they are built before any module runs, side by side on the
   * machine's cores (bench/main.ts), so that no build competes with a measurement and a fresh run does not
   * build them one after another.
   */
  datasets?(quick: boolean): DatasetSpec[];
  /** Data `run` derives from its datasets (e.g. join's server office), built in the same phase after them. */
  prepare?(ctx: BenchContext): Promise<void>;
}

/** A target as text, e.g. "<= 2" or ">= 100". */
export type Target = `<= ${number}` | `>= ${number}` | `< ${number}` | `> ${number}`;

export function meetsTarget(value: number, target: Target): boolean {
  const m = /^(<=|>=|<|>) (-?[\d.]+)$/.exec(target);
  if (!m) throw new Error(`bad target: ${target}`);
  const bound = Number(m[2]);
  switch (m[1]) {
    case '<=':
      return value <= bound;
    case '>=':
      return value >= bound;
    case '<':
      return value < bound;
    default:
      return value > bound;
  }
}

/** A figure: its value, its target and whether it is met, plus details (baseline, percentiles, sizes). */
export function figure(value: number, target: Target, details: Record<string, unknown> = {}): { value: number; target: Target; ok: boolean } & Record<string, unknown> {
  return { value: round(value), target, ok: meetsTarget(value, target), ...details };
}

export function round(x: number, digits = 3): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Percentile by linear interpolation between closest ranks (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export interface Summary {
  n: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  min: number;
}

export function summarize(samples: readonly number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / (s.length || 1);
  return {
    n: s.length,
    mean: round(mean),
    p50: round(percentile(s, 50)),
    p95: round(percentile(s, 95)),
    p99: round(percentile(s, 99)),
    max: round(s[s.length - 1] ?? NaN),
    min: round(s[0] ?? NaN),
  };
}

export function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

/** Calls a contract method through the backend's dispatch; throws on an error result. */
export async function call<M extends MethodName>(b: Backend, token: string | null, m: M, input: InputOf<M>): Promise<OutputOf<M>> {
  const r = await b.dispatch(m, input, token);
  if (!r.ok) throw new Error(`${m} failed: ${r.error.code} ${r.error.message}`);
  return r.value as OutputOf<M>;
}
