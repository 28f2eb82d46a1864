/**
 * `report`: the monthly report exported to a file, through the same export code as the screen. The export is
 * recorded as a `report.exported` event (via "cli", with the operating-system account), like every export.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeSharedPdfRenderer } from '../backend/pdf';
import { EXPORT_FORMATS, monthInput, type ExportFormat } from '../contract/report';
import { runExport } from '../backend/report/export';
import { fmt } from './args';
import { openExistingBackend } from './backend';
import { CliError, EXIT_USAGE, defineVerb } from './verb';

function osUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'tidak diketahui';
  }
}

export const reportVerb = defineVerb({
  name: 'report',
  summary: 'Ekspor laporan bulanan ke berkas Excel (xlsx), PDF, atau CSV.',
  description:
    'Menyusun laporan bulanan (rekap per layanan, kepatuhan jangka waktu, durasi tahapan, berkas dikembalikan, ' +
    'diskresi, penolakan, kinerja petugas, kunjungan per hari) dari folder data dan menyimpannya ke --out. ' +
    'Excel dan CSV memuat rincian setiap kunjungan; NIK dan nomor telepon disamarkan kecuali diberi ' +
    '--full-personal-data. PDF tidak memuat data pemohon. Setiap ekspor dicatat (siapa, kapan, apa, data pribadi atau tidak).',
  flags: {
    month: { kind: 'string', placeholder: 'TTTT-BB', description: 'Bulan laporan, mis. 2026-11 (wajib).' },
    format: { kind: 'string', placeholder: 'xlsx|pdf|csv', description: 'Format berkas (wajib).' },
    out: { kind: 'string', placeholder: 'BERKAS', description: 'Berkas tujuan (wajib).' },
    'full-personal-data': { kind: 'boolean', description: 'Tulis NIK dan nomor telepon lengkap (tanpa penyamaran).' },
    force: { kind: 'boolean', description: 'Timpa berkas tujuan bila sudah ada.' },
  },
  examples: ['npm run cli -- report --month 2026-11 --format xlsx --out laporan-2026-11.xlsx', 'npm run cli -- report --month 2026-11 --format pdf --out laporan.pdf --data-dir ./.data/kasir1'],
  async run({ flags, dataDir, io }) {
    // Everything is checked before the data folder is opened.
    if (!flags.month) throw new CliError('Opsi --month wajib diisi, mis. --month 2026-11.', EXIT_USAGE);
    const month = monthInput.safeParse(flags.month);
    if (!month.success) throw new CliError(month.error.issues[0]?.message ?? 'Bulan tidak valid.', EXIT_USAGE);
    if (!flags.format || !(EXPORT_FORMATS as readonly string[]).includes(flags.format)) {
      throw new CliError(`Opsi --format harus salah satu dari: ${EXPORT_FORMATS.join(', ')}.`, EXIT_USAGE);
    }
    const format = flags.format as ExportFormat;
    if (!flags.out) throw new CliError('Opsi --out wajib diisi (berkas tujuan).', EXIT_USAGE);
    const out = path.resolve(flags.out);
    if (!fs.existsSync(path.dirname(out))) throw new CliError(`Folder ${path.dirname(out)} tidak ada.`);
    if (fs.existsSync(out) && !flags.force) throw new CliError(`Berkas ${out} sudah ada. Pakai --force untuk menimpanya.`);
    if (!out.toLowerCase().endsWith(`.${format}`)) io.stderr(`Peringatan: nama berkas tidak berakhiran .${format}.\n`);

    const backend = await openExistingBackend(dataDir, io.now);
    try {
      const operator = osUser();
      let last = -1;
      const result = await runExport(
        backend.ctx,
        { month: month.data, format, personalData: flags['full-personal-data'], via: 'cli', actorId: null, actorName: `Operator CLI (${operator})`, operator },
        (p, phase) => {
          const pctNow = Math.floor(p * 10);
          if (pctNow !== last) {
            last = pctNow;
            io.stderr(`report: ${Math.round(p * 100)}% ${phase}\n`);
          }
        },
      );
      const tmp = `${out}.tmp-${process.pid}`;
      fs.writeFileSync(tmp, result.data);
      fs.renameSync(tmp, out);
      io.stdout(
        [
          `Laporan bulanan ${month.data} (${format.toUpperCase()}) disimpan di ${out} (${fmt(result.data.length)} bita).`,
          format === 'pdf'
            ? '  PDF laporan: tidak memuat nama, NIK, atau telepon pemohon.'
            : `  Kunjungan tercantum: ${fmt(result.visitCount)} · Data pribadi lengkap: ${result.personalData ? 'YA — simpan dan bagikan dengan hati-hati' : 'tidak (NIK dan telepon disamarkan)'}`,
          `  SHA-256: ${result.sha256}`,
          '',
        ].join('\n'),
      );
      return 0;
    } finally {
      await backend.close();
      await closeSharedPdfRenderer();
    }
  },
});
