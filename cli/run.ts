/**
 * The CLI runner: picks the verb, parses its flags (refusing anything unknown before touching any data),
 * resolves the data folder and runs it. Exit codes: 0 done, 1 the verb failed, 2 bad usage.
 */
import { DATA_DIR_ENV, defaultDataDir, resolveDataDir } from '../backend/data-dir';
import { DatabaseCorruptError, DatabaseTooNewError } from '../db/open';
import { COMMON_FLAGS, parseArgs } from './args';
import { CliError, EXIT_USAGE, type CliIO, type FlagSpec, type Verb } from './verb';
import { VERBS, findVerb } from './verbs';

const PROGRAM = 'npm run cli --';

export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    const target = first === 'help' && rest[0] ? findVerb(rest[0]) : undefined;
    if (target) {
      io.stdout(verbHelp(target, io.env));
      return 0;
    }
    if (first === 'help' && rest[0]) {
      io.stderr(`Kesalahan: perintah tidak dikenal: ${rest[0]}.\n\n${overview()}`);
      return EXIT_USAGE;
    }
    (first === undefined ? io.stderr : io.stdout)(overview());
    return first === undefined ? EXIT_USAGE : 0;
  }
  const verb = findVerb(first);
  if (!verb) {
    io.stderr(`Kesalahan: perintah tidak dikenal: ${first}.\n\n${overview()}`);
    return EXIT_USAGE;
  }
  const parsed = parseArgs(rest, verb.flags, verb.positionals);
  if (!parsed.ok) {
    io.stderr(`Kesalahan: ${parsed.message}\nLihat "${PROGRAM} ${verb.name} --help".\n`);
    return EXIT_USAGE;
  }
  if (parsed.value.help) {
    io.stdout(verbHelp(verb, io.env));
    return 0;
  }
  const dataDir = resolveDataDir(parsed.value.dataDir !== undefined ? ['--data-dir', parsed.value.dataDir] : [], io.env);
  try {
    const code = await verb.run({ flags: parsed.value.flags, positionals: parsed.value.positionals, dataDir, io });
    return code ?? 0;
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr(`Kesalahan: ${err.message}\n${err.exitCode === EXIT_USAGE ? `Lihat "${PROGRAM} ${verb.name} --help".\n` : ''}`);
      return err.exitCode;
    }
    if (err instanceof DatabaseTooNewError) {
      io.stderr(
        `Kesalahan: basis data di ${dataDir} dibuat oleh versi aplikasi yang lebih baru (skema ${err.found}; versi ini mendukung sampai ${err.supported}). Perbarui aplikasi terlebih dahulu; data tidak diubah.\n`,
      );
      return 1;
    }
    if (err instanceof DatabaseCorruptError) {
      io.stderr(`Kesalahan: berkas basis data di ${dataDir} rusak dan tidak dapat dibuka. Pulihkan dari cadangan.\n`);
      return 1;
    }
    io.stderr(`Kesalahan tak terduga: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

function overview(): string {
  const w = Math.max(...VERBS.map((v) => v.name.length));
  return [
    'Alat administrasi LPSE Counter.',
    '',
    `Penggunaan: ${PROGRAM} <perintah> [opsi]`,
    '',
    'Perintah:',
    ...VERBS.map((v) => `  ${v.name.padEnd(w)}  ${v.summary}`),
    '',
    `Setiap perintah menerima --data-dir FOLDER dan --help. Bantuan per perintah: ${PROGRAM} <perintah> --help`,
    '',
  ].join('\n');
}

function flagLine(name: string, f: FlagSpec): [string, string] {
  const left = f.kind === 'boolean' ? `--${name}` : `--${name} ${f.placeholder}`;
  return [left, f.description];
}

export function verbHelp(verb: Verb, env: NodeJS.ProcessEnv): string {
  const positionals = (verb.positionals ?? []).map((p) => (p.required ? ` ${p.name.toUpperCase()}` : ` [${p.name.toUpperCase()}]`)).join('');
  const rows: [string, string][] = [
    ...Object.entries(verb.flags).map(([n, f]) => flagLine(n, f)),
    [`--data-dir ${COMMON_FLAGS['data-dir'].placeholder}`, `Folder data aplikasi (bawaan: $${DATA_DIR_ENV}, atau ${env[DATA_DIR_ENV] ? env[DATA_DIR_ENV] : defaultDataDir()}).`],
    ['--help', COMMON_FLAGS.help.description],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  const lines = [`Penggunaan: ${PROGRAM} ${verb.name}${positionals} [opsi]`, '', verb.summary];
  if (verb.description) lines.push('', ...wrap(verb.description, 100));
  if (verb.positionals?.length) {
    lines.push('', 'Argumen:', ...verb.positionals.map((p) => `  ${p.name.toUpperCase()}  ${p.description}`));
  }
  lines.push('', 'Opsi:', ...rows.map(([l, r]) => `  ${l.padEnd(w)}  ${r}`));
  if (verb.examples?.length) lines.push('', 'Contoh:', ...verb.examples.map((e) => `  ${e}`));
  return `${lines.join('\n')}\n`;
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}
