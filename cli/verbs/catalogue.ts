import type { Catalogue, ServiceDefinition } from '../../domain/catalogue/types';
import { callApi, openExistingBackend, operatorSession } from '../backend';
import { defineVerb } from '../verb';

const HANDLER_LABEL: Record<ServiceDefinition['handlerRole'], string> = { verifier: 'Verifikator', sysadmin: 'Admin sistem' };

export function timeLimitShort(s: ServiceDefinition): string {
  return s.timeLimit.unit === 'minutes' ? `${s.timeLimit.amount} menit` : `${s.timeLimit.amount} hari kerja`;
}

/** A plain-text table of the services: number, name, time limit, requirement counts, handler. */
export function catalogueTable(c: Catalogue): string {
  const header = ['No', 'Layanan', 'Jangka waktu', 'Persyaratan', 'Ditangani oleh', 'Status'];
  const rows = c.services.map((s) => {
    const proxy = s.requirements.filter((r) => r.proxyOnly).length;
    return [
      String(s.number),
      s.name,
      timeLimitShort(s),
      proxy > 0 ? `${s.requirements.length} (${proxy} khusus kuasa)` : String(s.requirements.length),
      HANDLER_LABEL[s.handlerRole],
      s.active ? 'aktif' : 'nonaktif',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [
    `Katalog layanan versi ${c.version}: ${c.source} (berlaku sejak ${c.effectiveFrom})`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
  ].join('\n');
}

export const catalogueVerb = defineVerb({
  name: 'catalogue',
  summary: 'Tampilkan katalog layanan yang aktif (jangka waktu dan jumlah persyaratan).',
  description:
    'Membaca katalog layanan yang sedang berlaku dari basis data di folder data, melalui backend aplikasi. ' +
    'Tanpa --json dicetak sebagai tabel; dengan --json dicetak lengkap (persyaratan, prosedur, jangka waktu) sebagai JSON.',
  flags: {
    json: { kind: 'boolean', description: 'Cetak katalog lengkap sebagai JSON.' },
  },
  examples: ['npm run cli -- catalogue', 'npm run cli -- catalogue --json --data-dir ./.data/kasir1'],
  async run({ flags, dataDir, io }) {
    const backend = await openExistingBackend(dataDir, io.now);
    try {
      const token = operatorSession(backend, ['supervisor']);
      const catalogue = await callApi(backend, token, 'catalogue.active', {});
      io.stdout(flags.json ? `${JSON.stringify(catalogue, null, 2)}\n` : catalogueTable(catalogue));
    } finally {
      await backend.close();
    }
  },
});
