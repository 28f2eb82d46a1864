/**
 * `calendar`: the working-day calendar from the command line, through the same contract and code as the app
 * (issue 9):
 *   calendar due --from ISO_INSTANT (--minutes N | --working-days N) [--json]
 *   calendar status [--json]
 *   calendar import FILE --mode merge|replace --as USER [--apply] [--reason TEKS] [--json]
 * An import is a dry run unless --apply is given: it lists what would be added, changed and removed first.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CalendarImportResult } from '../../contract/calendar';
import { formatWita, parseIsoInstant, witaIsoDateTime } from '../../domain/time/wita';
import { callApi, openExistingBackend, operatorSession } from '../backend';
import { CliError, EXIT_USAGE, defineVerb } from '../verb';
import { PASSWORD_ENV, signInSupervisor } from '../verbs-staff';

const KIND_LABEL: Record<string, string> = { libur_nasional: 'libur nasional', cuti_bersama: 'cuti bersama', lainnya: 'lainnya' };

function importLines(r: CalendarImportResult, applied: boolean): string[] {
  const mode = r.mode === 'merge' ? 'digabung (hanya tanggal dalam berkas)' : `mengganti seluruh daftar tahun ${r.years.join(', ')} (SKB: tahun tersebut ditetapkan)`;
  const lines = [
    `${r.count} hari libur tahun ${r.years.join(', ')}, ${mode}.`,
    `Ditambah ${r.added.length}, diubah ${r.changed.length}, dihapus ${r.removed.length}, tetap ${r.unchanged}.`,
    ...r.added.map((h) => `  + ${h.date} ${h.name} (${KIND_LABEL[h.kind]})`),
    ...r.changed.map((c) => `  ~ ${c.date} ${c.before.name}${c.before.provisional ? ' [perkiraan]' : ''} -> ${c.after.name} (${KIND_LABEL[c.after.kind]})`),
    ...r.removed.map((h) => `  - ${h.date} ${h.name}${h.provisional ? ' [perkiraan]' : ''} (menjadi hari kerja)`),
  ];
  if (r.pastDates.length > 0) lines.push(`Mengenai tanggal yang sudah lewat: ${r.pastDates.join(', ')} (perlu --reason).`);
  lines.push(applied ? (r.recorded ? 'Kalender diperbarui.' : 'Tidak ada perubahan.') : 'Uji coba: tidak ada yang dicatat. Tambahkan --apply untuk mencatat.');
  return [...lines, ''];
}

export const calendarVerb = defineVerb({
  name: 'calendar',
  summary: 'Kalender kerja: hitung batas waktu (due), status tahun (status), impor hari libur (import).',
  description:
    'due: batas waktu dari --from (waktu ISO; tanpa zona dibaca sebagai WITA) setelah --minutes N menit kerja atau ' +
    '--working-days N hari kerja, dihitung dengan kode yang sama seperti aplikasi; "provisional": true bila melewati tahun ' +
    'yang hari liburnya belum ditetapkan (perkiraan). status: setiap tahun dari tahun lalu sampai tahun depan, ditetapkan (set) ' +
    'atau perkiraan (provisional), beserta hari liburnya. import FILE: berkas .json (bentuk { "years": … } atau daftar ' +
    '{ date, name, kind }) atau .csv (tanggal,nama,jenis); --mode merge hanya menambah/mengubah tanggal dalam berkas, --mode ' +
    'replace mengganti seluruh daftar tahun dalam berkas (SKB). Tanpa --apply hanya uji coba: daftar yang ditambah, diubah, dan ' +
    `dihapus ditampilkan dan tidak ada yang dicatat. Dicatat atas nama supervisor --as (kata sandi di ${PASSWORD_ENV}).`,
  flags: {
    from: { kind: 'string', placeholder: 'WAKTU_ISO', description: 'due: waktu mulai, mis. 2026-12-23T10:00:00+08:00.' },
    minutes: { kind: 'int', placeholder: 'N', min: 1, max: 1_000_000, description: 'due: jumlah menit kerja.' },
    'working-days': { kind: 'int', placeholder: 'N', min: 0, max: 1000, description: 'due: jumlah hari kerja.' },
    mode: { kind: 'string', placeholder: 'merge|replace', description: 'import: cara impor (wajib).' },
    format: { kind: 'string', placeholder: 'json|csv', description: 'import: format berkas (bawaan: dari ekstensi).' },
    apply: { kind: 'boolean', description: 'import: catat perubahan (tanpa ini hanya uji coba).' },
    reason: { kind: 'string', placeholder: 'TEKS', description: 'import: alasan, wajib bila mengubah tanggal yang sudah lewat.' },
    as: { kind: 'string', placeholder: 'SUPERVISOR', description: `import: supervisor yang mencatat (kata sandi di ${PASSWORD_ENV}).` },
    json: { kind: 'boolean', description: 'Cetak hasil sebagai JSON.' },
  },
  positionals: [
    { name: 'aksi', description: 'due | status | import', required: true },
    { name: 'berkas', description: 'import: berkas JSON atau CSV.', required: false },
  ],
  examples: [
    'npm run cli -- calendar due --from 2026-12-23T10:00:00+08:00 --working-days 5 --json',
    'npm run cli -- calendar status --json',
    `${PASSWORD_ENV}=... npm run cli -- calendar import skb-2027.csv --mode replace --as kasubbag`,
    `${PASSWORD_ENV}=... npm run cli -- calendar import skb-2027.csv --mode replace --as kasubbag --apply`,
  ],
  async run({ flags, positionals, dataDir, io }) {
    const [action, file] = positionals;
    const print = (value: unknown, text: string) => io.stdout(flags.json ? `${JSON.stringify(value, null, 2)}\n` : text);

    if (action === 'due') {
      if (file) throw new CliError('Perintah due tidak menerima berkas.', EXIT_USAGE);
      if (!flags.from) throw new CliError('Opsi --from wajib diisi, mis. --from 2026-12-23T10:00:00+08:00.', EXIT_USAGE);
      const from = parseIsoInstant(flags.from);
      if (from === null) throw new CliError(`Nilai --from bukan waktu ISO yang valid: "${flags.from}" (mis. 2026-12-23T10:00:00+08:00).`, EXIT_USAGE);
      if ((flags.minutes === undefined) === (flags['working-days'] === undefined)) {
        throw new CliError('Isi tepat salah satu: --minutes N atau --working-days N.', EXIT_USAGE);
      }
      const backend = await openExistingBackend(dataDir, io.now);
      try {
        const r = await callApi(backend, operatorSession(backend, ['supervisor']), 'calendar.due', {
          from,
          ...(flags.minutes !== undefined ? { minutes: flags.minutes } : { workingDays: flags['working-days']! }),
        });
        print(
          { due: witaIsoDateTime(r.due), provisional: r.provisional },
          `Batas waktu: ${formatWita(r.due)}${r.provisional ? ' (perkiraan: melewati tahun yang hari liburnya belum ditetapkan)' : ''}\n`,
        );
      } finally {
        await backend.close();
      }
      return 0;
    }

    if (action === 'status') {
      if (file) throw new CliError('Perintah status tidak menerima berkas.', EXIT_USAGE);
      const backend = await openExistingBackend(dataDir, io.now);
      try {
        const r = await callApi(backend, operatorSession(backend, ['supervisor']), 'calendar.status', {});
        const years = r.years.map((y) => ({
          year: y.year,
          status: y.status,
          source: y.source,
          holidays: y.holidays.map((h) => ({ date: h.date, name: h.name, kind: h.kind, provisional: h.provisional })),
          missing: y.missing,
        }));
        const text = [
          ...r.years.flatMap((y) => [
            `${y.year}: ${y.status === 'set' ? `ditetapkan${y.source ? ` (${y.source})` : ''}` : 'perkiraan (SKB belum dimasukkan)'} — ${y.holidays.length} hari libur`,
            ...y.holidays.map((h) => `  ${h.date} ${h.name}${h.provisional ? ' [perkiraan]' : ''}`),
            ...(y.missing.length ? [`  Belum dapat diperkirakan: ${y.missing.join(', ')}`] : []),
          ]),
          ...(r.notice ? ['', `${r.notice.title}. ${r.notice.message}`] : []),
          '',
        ].join('\n');
        print({ today: r.today, years, notice: r.notice }, text);
      } finally {
        await backend.close();
      }
      return 0;
    }

    if (action === 'import') {
      if (!file) throw new CliError('Sebutkan berkas: npm run cli -- calendar import BERKAS --mode merge|replace --as SUPERVISOR.', EXIT_USAGE);
      if (flags.mode !== 'merge' && flags.mode !== 'replace') {
        throw new CliError('Opsi --mode wajib diisi: merge (hanya tanggal dalam berkas) atau replace (ganti seluruh daftar tahun dalam berkas).', EXIT_USAGE);
      }
      const ext = path.extname(file).toLowerCase();
      const format = flags.format ?? (ext === '.csv' ? 'csv' : ext === '.json' ? 'json' : undefined);
      if (format !== 'csv' && format !== 'json') throw new CliError('Format berkas tidak diketahui: gunakan berkas .json atau .csv, atau --format json|csv.', EXIT_USAGE);
      let text: string;
      try {
        text = fs.readFileSync(path.resolve(file), 'utf8');
      } catch {
        throw new CliError(`Berkas ${file} tidak dapat dibaca.`);
      }
      const mode = flags.mode === 'merge' ? 'merge' : 'replace_years';
      const backend = await openExistingBackend(dataDir, io.now);
      try {
        const token = await signInSupervisor(backend, flags.as, io);
        const base = { format, text, mode, source: `Impor ${path.basename(file)}` } as const;
        const preview = await callApi(backend, token, 'calendar.import', { ...base, dryRun: true });
        const result = flags.apply ? await callApi(backend, token, 'calendar.import', { ...base, dryRun: false, revision: preview.revision, ...(flags.reason ? { reason: flags.reason } : {}) }) : preview;
        const { calendar: _calendar, revision: _revision, ...json } = result;
        print({ ...json, mode: flags.mode, applied: flags.apply && result.recorded }, importLines(result, flags.apply).join('\n'));
      } finally {
        await backend.close();
      }
      return 0;
    }

    throw new CliError(`Aksi tidak dikenal: ${action}. Pilihan: due, status, import.`, EXIT_USAGE);
  },
});
