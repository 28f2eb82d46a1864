/**
 * CLI verbs of the satisfaction survey (SKM, PermenPANRB 14/2017):
 *   survey import FILE.csv --as USER   paper questionnaires from a spreadsheet, recorded as that staff member
 *   ikm --from YYYY-MM-DD --to YYYY-MM-DD [--service CODE] [--json]
 * Both go through the same contract as the screens (`survey.importCsv`, `survey.ikm`).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { IkmFigures } from '../../contract/survey';
import { CSV_HEADER } from '../../domain/survey/csv';
import { GRADE_LABEL } from '../../domain/survey/ikm';
import { ELEMENTS } from '../../domain/survey/questionnaire';
import { isValidIsoDate } from '../../domain/time/wita';
import { fmt } from '../args';
import { callApi, openExistingBackend, operatorSession } from '../backend';
import { CliError, EXIT_USAGE, defineVerb } from '../verb';

const PASSWORD_ENV = 'LPSE_PASSWORD';
/** A CSV file larger than this is not a year of questionnaires: refused before it is read. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;

export const surveyVerb = defineVerb({
  name: 'survey',
  summary: 'Survei kepuasan masyarakat: impor kuesioner kertas dari berkas CSV.',
  description:
    `survey import FILE.csv: mencatat kuesioner kertas dari berkas CSV dengan judul kolom persis "${CSV_HEADER.join(',')}". ` +
    'date TTTT-BB-HH (tidak sesudah hari ini); service kode layanan seperti dicetak "catalogue --json"; sex L/P; age usia dalam tahun; ' +
    'education SD|SMP|SMA|D1-D3|D4-S1|S2|S3; occupation PNS|TNI|POLRI|SWASTA|WIRAUSAHA|PELAJAR|LAINNYA; setiap data profil boleh kosong; ' +
    'u1–u9 nilai 1–4 atau kosong bila tidak dijawab. Pemisah "," atau ";" (Excel berbahasa Indonesia). Berkas dengan satu baris salah ' +
    `ditolak seluruhnya dan nomor barisnya disebutkan. Dicatat atas nama petugas --as (kata sandi di ${PASSWORD_ENV}).`,
  flags: {
    as: { kind: 'string', placeholder: 'USER', description: `Petugas yang mencatat kuesioner (kata sandi di ${PASSWORD_ENV}).` },
    json: { kind: 'boolean', description: 'Cetak hasil sebagai JSON.' },
  },
  positionals: [
    { name: 'aksi', description: 'import', required: true },
    { name: 'berkas', description: 'Berkas CSV kuesioner (import).', required: false },
  ],
  examples: [`${PASSWORD_ENV}=... npm run cli -- survey import kuesioner-november.csv --as siti`],
  async run({ flags, positionals, dataDir, io }) {
    const [action, file] = positionals;
    if (action !== 'import') throw new CliError(`Aksi tidak dikenal: ${action}. Pilihan: import.`, EXIT_USAGE);
    if (!file) throw new CliError('Sebutkan berkas CSV: npm run cli -- survey import FILE.csv --as USER.', EXIT_USAGE);
    if (!flags.as) throw new CliError(`Opsi --as wajib diisi: nama pengguna petugas yang mencatat kuesioner (kata sandinya di ${PASSWORD_ENV}).`, EXIT_USAGE);
    const password = io.env[PASSWORD_ENV];
    if (!password) throw new CliError(`Isi kata sandi "${flags.as}" di variabel lingkungan ${PASSWORD_ENV}.`, EXIT_USAGE);
    const full = path.resolve(file);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch {
      throw new CliError(`Berkas ${full} tidak ditemukan.`);
    }
    if (!stat.isFile()) throw new CliError(`${full} bukan berkas.`);
    if (stat.size > MAX_FILE_BYTES) throw new CliError(`Berkas ${full} terlalu besar (${fmt(stat.size)} bita; paling besar ${fmt(MAX_FILE_BYTES)}).`);
    const bytes = fs.readFileSync(full);
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    if (text.includes('\uFFFD')) throw new CliError(`Berkas ${full} bukan teks UTF-8. Simpan ulang dari Excel sebagai "CSV UTF-8".`);

    const backend = await openExistingBackend(dataDir, io.now);
    try {
      const s = await callApi(backend, null, 'auth.signIn', { username: flags.as, password });
      const r = await backend.dispatch('survey.importCsv', { csv: text }, s.token);
      if (!r.ok) {
        const issues = (r.error.issues ?? []).map((i) => i.message);
        if (flags.json) io.stdout(`${JSON.stringify({ recorded: 0, error: r.error.message, issues }, null, 2)}\n`);
        throw new CliError([r.error.message, ...issues.map((m) => `  - ${m}`)].join('\n'));
      }
      const { recorded } = r.value as { recorded: number };
      if (flags.json) io.stdout(`${JSON.stringify({ recorded, file: full }, null, 2)}\n`);
      else io.stdout(`${fmt(recorded)} kuesioner dari ${path.basename(full)} dicatat atas nama ${s.user.displayName}.\n`);
      return 0;
    } finally {
      await backend.close();
    }
  },
});

function checkDate(flag: string, value: string | undefined): string {
  if (!value) throw new CliError(`Opsi --${flag} wajib diisi (TTTT-BB-HH).`, EXIT_USAGE);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !isValidIsoDate(value)) throw new CliError(`Nilai --${flag} harus tanggal TTTT-BB-HH yang valid, bukan "${value}".`, EXIT_USAGE);
  return value;
}

const dec = (v: number | null, d: number) => (v === null ? '–' : v.toLocaleString('id-ID', { minimumFractionDigits: d, maximumFractionDigits: d }));

export function ikmTable(f: IkmFigures, label: string): string {
  const lines = [
    `Indeks Kepuasan Masyarakat ${label}`,
    `Responden: ${fmt(f.respondents)} · populasi (kunjungan layanan): ${fmt(f.population)} · sampel minimal: ${fmt(f.minimumSample)}${f.respondents < f.minimumSample ? '  (PERINGATAN: sampel belum mencukupi)' : ''}`,
    '',
    `${'Unsur'.padEnd(46)}  ${'Menjawab'.padStart(8)}  ${'Jumlah'.padStart(8)}  ${'NRR'.padStart(7)}`,
    ...ELEMENTS.map((e) => {
      const x = f.elements[e.code];
      return `${`${e.code} ${e.name}`.padEnd(46)}  ${fmt(x.answered).padStart(8)}  ${fmt(x.sum).padStart(8)}  ${dec(x.nrr, 3).padStart(7)}`;
    }),
    '',
    f.ikmConverted === null ? 'IKM belum dapat dihitung.' : `IKM ${dec(f.ikm, 4)} · nilai konversi ${dec(f.ikmConverted, 2)} · mutu ${f.grade} (${GRADE_LABEL[f.grade!]})`,
    '',
  ];
  return lines.join('\n');
}

export const ikmVerb = defineVerb({
  name: 'ikm',
  summary: 'Hitung Indeks Kepuasan Masyarakat (IKM) untuk rentang tanggal.',
  description:
    'Menghitung NRR per unsur (jumlah nilai ÷ responden yang menjawab), IKM = Σ NRR × 1/9, nilai konversi IKM × 25 dibulatkan dua desimal ' +
    'pada akhir perhitungan, dan mutu pelayanan (A ≥ 88,31; B ≥ 76,61; C ≥ 65,00; D di bawahnya) dari jawaban survei pada rentang tanggal, ' +
    'serta populasi (kunjungan layanan) dan sampel minimal Krejcie–Morgan. Dengan --json: { respondents, population, minimumSample, ' +
    'elements: { U1: { answered, sum, nrr }, … }, ikm, ikmConverted, grade }; nrr dan ikm tanpa pembulatan.',
  flags: {
    from: { kind: 'string', placeholder: 'TTTT-BB-HH', description: 'Tanggal awal (wajib).' },
    to: { kind: 'string', placeholder: 'TTTT-BB-HH', description: 'Tanggal akhir, termasuk (wajib).' },
    service: { kind: 'string', placeholder: 'KODE', description: 'Hanya satu layanan (kode seperti dicetak "catalogue --json").' },
    json: { kind: 'boolean', description: 'Cetak hasil sebagai JSON.' },
  },
  examples: ['npm run cli -- ikm --from 2026-01-01 --to 2026-12-31', 'npm run cli -- ikm --from 2026-10-01 --to 2026-12-31 --service aktivasi_user_id --json'],
  async run({ flags, dataDir, io }) {
    const from = checkDate('from', flags.from);
    const to = checkDate('to', flags.to);
    if (from > to) throw new CliError(`Tanggal --from (${from}) harus sebelum atau sama dengan --to (${to}).`, EXIT_USAGE);
    const backend = await openExistingBackend(dataDir, io.now);
    try {
      const token = operatorSession(backend, ['supervisor']);
      if (flags.service) {
        const catalogue = await callApi(backend, token, 'catalogue.active', {});
        if (!catalogue.services.some((s) => s.code === flags.service)) {
          throw new CliError(`Kode layanan tidak dikenal: ${flags.service}. Pilihan: ${catalogue.services.map((s) => s.code).join(', ')}.`, EXIT_USAGE);
        }
      }
      const f = await callApi(backend, token, 'survey.ikm', { from, to, serviceCode: flags.service ?? null });
      if (f.respondents === 0) io.stderr('Belum ada responden pada rentang ini: IKM belum dapat dihitung.\n');
      else if (f.ikm === null) io.stderr('Ada unsur yang belum dijawab satu responden pun: IKM belum dapat dihitung.\n');
      if (flags.json) io.stdout(`${JSON.stringify(f, null, 2)}\n`);
      else io.stdout(ikmTable(f, `${from} s.d. ${to}${flags.service ? ` (${flags.service})` : ''}`));
      return 0;
    } finally {
      await backend.close();
    }
  },
});
