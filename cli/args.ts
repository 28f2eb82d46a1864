/**
 * Parses a verb's arguments against its declared flags. Nothing is guessed: an unknown flag, a missing or
 * malformed value, a repeated flag or a stray argument is an error with an Indonesian message.
 */
import type { FlagSpec, FlagSpecs, ParsedFlags, PositionalSpec } from './verb';

export interface ParsedArgs<F extends FlagSpecs> {
  flags: ParsedFlags<F>;
  positionals: string[];
  help: boolean;
  /** Raw `--data-dir` value, when given. */
  dataDir: string | undefined;
}

export type ParseResult<F extends FlagSpecs> = { ok: true; value: ParsedArgs<F> } | { ok: false; message: string };

/** Flags every verb accepts. */
export const COMMON_FLAGS = {
  'data-dir': { kind: 'string', placeholder: 'FOLDER', description: 'Folder data aplikasi.' },
  help: { kind: 'boolean', description: 'Tampilkan bantuan ini.' },
} as const satisfies FlagSpecs;

/** "100000", "100.000" or "100_000" (dots group thousands, as Indonesians write them). */
const INT_RE = /^-?(\d+|\d{1,3}([._]\d{3})+)$/;

export function parseArgs<F extends FlagSpecs>(argv: readonly string[], spec: F, positionalSpec: readonly PositionalSpec[] = []): ParseResult<F> {
  const values = new Map<string, string | true>();
  const positionals: string[] = [];
  let help = false;
  let dataDir: string | undefined;
  let onlyPositionals = false;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (onlyPositionals || !arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }
    if (arg === '-h' || arg === '--help') {
      help = true;
      continue;
    }
    if (!arg.startsWith('--')) return { ok: false, message: `Opsi tidak dikenal: ${arg}.` };
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    const inline = eq >= 0 ? arg.slice(eq + 1) : undefined;

    if (name === 'data-dir') {
      if (dataDir !== undefined) return { ok: false, message: 'Opsi --data-dir diberikan lebih dari sekali.' };
      const v = inline ?? argv[++i];
      if (v === undefined || v.trim() === '' || (inline === undefined && v.startsWith('--'))) {
        return { ok: false, message: 'Opsi --data-dir memerlukan nama folder.' };
      }
      dataDir = v;
      continue;
    }
    const def: FlagSpec | undefined = Object.prototype.hasOwnProperty.call(spec, name) ? spec[name] : undefined;
    if (!def) return { ok: false, message: `Opsi tidak dikenal: --${name}.` };
    if (values.has(name)) return { ok: false, message: `Opsi --${name} diberikan lebih dari sekali.` };
    if (def.kind === 'boolean') {
      if (inline !== undefined) return { ok: false, message: `Opsi --${name} tidak menerima nilai.` };
      values.set(name, true);
      continue;
    }
    const v = inline ?? argv[++i];
    if (v === undefined || (inline === undefined && v.startsWith('--'))) {
      return { ok: false, message: `Opsi --${name} memerlukan nilai (${def.placeholder}).` };
    }
    values.set(name, v);
  }

  const flags: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(spec)) {
    const raw = values.get(name);
    if (def.kind === 'boolean') {
      flags[name] = raw === true;
    } else if (def.kind === 'int') {
      if (raw === undefined) {
        flags[name] = def.default;
        continue;
      }
      const text = String(raw).trim();
      const n = INT_RE.test(text) ? Number(text.replace(/[._]/g, '')) : NaN;
      if (!Number.isSafeInteger(n) || n < def.min || n > def.max) {
        return {
          ok: false,
          message: `Nilai --${name} harus bilangan bulat ${fmt(def.min)} sampai ${fmt(def.max)}, bukan "${String(raw)}".`,
        };
      }
      flags[name] = n;
    } else {
      if (raw === undefined) {
        flags[name] = def.default;
        continue;
      }
      if (String(raw).trim() === '') return { ok: false, message: `Nilai --${name} tidak boleh kosong.` };
      flags[name] = raw;
    }
  }

  if (!help) {
    const required = positionalSpec.filter((p) => p.required).length;
    if (positionals.length > positionalSpec.length) {
      return { ok: false, message: `Argumen tidak dikenal: ${positionals.slice(positionalSpec.length).join(' ')}.` };
    }
    if (positionals.length < required) {
      return { ok: false, message: `Argumen ${positionalSpec[positionals.length]!.name.toUpperCase()} wajib diberikan.` };
    }
  }
  return { ok: true, value: { flags: flags as ParsedFlags<F>, positionals, help, dataDir } };
}

/** Indonesian thousands grouping without depending on the ICU data of the runtime. */
export function fmt(n: number): string {
  const s = String(Math.trunc(Math.abs(n)));
  const grouped = s.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return n < 0 ? `-${grouped}` : grouped;
}
