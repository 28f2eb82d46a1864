/**
 * What a CLI verb is: a name, Indonesian help, declared flags and a run function. Flags are declared once;
 * parsing, validation and the help text all come from the declaration. `--data-dir` and `--help` are added
 * to every verb by the runner.
 */

export type FlagSpec =
  | { kind: 'boolean'; description: string }
  | { kind: 'string'; description: string; placeholder: string; default?: string }
  | { kind: 'int'; description: string; placeholder: string; min: number; max: number; default?: number };

type ValueOf<S extends FlagSpec> = S extends { kind: 'boolean' }
  ? boolean
  : S extends { kind: 'int'; default: number }
    ? number
    : S extends { kind: 'int' }
      ? number | undefined
      : S extends { kind: 'string'; default: string }
        ? string
        : string | undefined;

export type FlagSpecs = Record<string, FlagSpec>;
export type ParsedFlags<F extends FlagSpecs> = { -readonly [K in keyof F]: ValueOf<F[K]> };

export interface PositionalSpec {
  name: string;
  description: string;
  required: boolean;
}

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Wall clock; injectable for tests. */
  now: () => number;
}

export interface VerbContext<F extends FlagSpecs> {
  flags: ParsedFlags<F>;
  positionals: string[];
  /** Resolved data folder: --data-dir, else $LPSE_COUNTER_DATA_DIR, else the per-user default. */
  dataDir: string;
  io: CliIO;
}

export interface Verb<F extends FlagSpecs = FlagSpecs> {
  name: string;
  /** One line for the verb list. */
  summary: string;
  /** Paragraphs for `--help`. */
  description?: string;
  flags: F;
  positionals?: PositionalSpec[];
  examples?: string[];
  /** Returns the exit code (0 when omitted). Throw `CliError` for an error the operator can fix. */
  run(ctx: VerbContext<F>): Promise<number | void>;
}

/** Keeps the flag declaration's literal types so `ctx.flags` is typed per verb. */
export function defineVerb<const F extends FlagSpecs>(verb: Verb<F>): Verb<F> {
  return verb;
}

/** An error for the operator: printed as "Kesalahan: …" on stderr, exit code 1 unless given. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Exit code for bad usage (unknown verb or flag, bad value). */
export const EXIT_USAGE = 2;
