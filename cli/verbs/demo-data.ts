import { DEMO_LIMITS, DEMO_PASSWORD, DemoDataError, generateDemoData, type DemoProgress } from '../demo-data';
import { openDatabase } from '../../db/open';
import { isValidIsoDate, witaDateTimeToMs, witaDayStartMs, DAY_MS } from '../../domain/time/wita';
import { visitStatusLabel } from '../../domain/visit-status';
import { fmt } from '../args';
import { CliError, EXIT_USAGE, defineVerb } from '../verb';

const ROLE_LABEL: Record<string, string> = { supervisor: 'Supervisor', helpdesk: 'Helpdesk', verifier: 'Verifikator', sysadmin: 'Admin sistem' };

/** `YYYY-MM-DD` (the end of that day) or `YYYY-MM-DDTHH:MM`, in WITA. */
export function parseNowFlag(text: string): number | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?$/.exec(text.trim());
  if (!m || !isValidIsoDate(m[1]!)) return null;
  try {
    return m[2] ? witaDateTimeToMs(m[1]!, m[2]) : witaDayStartMs(m[1]!) + DAY_MS - 1;
  } catch {
    return null;
  }
}

export const demoDataVerb = defineVerb({
  name: 'demo-data',
  summary: 'Isi folder data dengan data contoh yang realistis dan dapat diulang (untuk pelatihan dan uji).',
  description:
    'Membuat perusahaan (CV/PT di Banjarmasin), pemohon, akun staf (bila belum ada) dan kunjungan beserta seluruh ' +
    'langkah pemeriksaan berkasnya selama D hari kerja terakhir sampai hari ini: semua layanan, pemimpin dan kuasa, ' +
    'berkas yang dikembalikan lalu dilanjutkan beberapa hari kemudian, dan keperluan "lainnya". Semua data dicatat ' +
    'sebagai peristiwa sungguhan. Seed, jumlah, dan --now yang sama menghasilkan data yang sama (kecuali hash kata sandi, yang selalu diberi salt acak). ' +
    'Folder data tidak boleh sudah berisi kunjungan.',
  flags: {
    visits: { kind: 'int', placeholder: 'N', min: 1, max: DEMO_LIMITS.maxVisits, default: 500, description: 'Jumlah kunjungan (bawaan 500).' },
    days: { kind: 'int', placeholder: 'D', min: 1, max: DEMO_LIMITS.maxDays, default: 20, description: 'Jumlah hari kerja terakhir, sampai hari ini (bawaan 20).' },
    seed: { kind: 'string', placeholder: 'S', default: 'lpse', description: 'Seed pembangkit acak (bawaan "lpse").' },
    vendors: { kind: 'int', placeholder: 'M', min: 1, max: DEMO_LIMITS.maxVisits, description: 'Jumlah perusahaan berbeda (bawaan sekitar 45% kunjungan yang membawa perusahaan).' },
    now: { kind: 'string', placeholder: 'TANGGAL[THH:MM]', description: 'Akhir rentang waktu dalam WITA, mis. 2026-11-26T14:00 (bawaan: saat ini).' },
  },
  examples: ['npm run cli -- demo-data --visits 2000 --days 60 --seed 7 --data-dir ./.data/latihan'],
  async run({ flags, dataDir, io }) {
    // Everything is checked before the data folder is touched.
    const realNow = io.now();
    let now = realNow;
    if (flags.now !== undefined) {
      const parsed = parseNowFlag(flags.now);
      if (parsed === null) throw new CliError(`Nilai --now harus berformat TTTT-BB-HH atau TTTT-BB-HHTJJ:MM (WITA), bukan "${flags.now}".`, EXIT_USAGE);
      if (parsed > realNow + 60_000) throw new CliError('Nilai --now tidak boleh berada di masa depan.', EXIT_USAGE);
      now = parsed;
    }
    if (flags.vendors !== undefined && flags.vendors > flags.visits) {
      throw new CliError(`Jumlah perusahaan (--vendors ${fmt(flags.vendors)}) tidak boleh melebihi jumlah kunjungan (--visits ${fmt(flags.visits)}).`, EXIT_USAGE);
    }

    const opened = await openDatabase(dataDir);
    let lastReport = 0;
    const started = io.now();
    const progress = (p: DemoProgress) => {
      const t = io.now();
      if (t - lastReport < 1000 && p.dayIndex < p.days - 1) return;
      lastReport = t;
      io.stderr(
        `demo-data: hari ${p.dayIndex + 1}/${p.days} (${p.day}), ${fmt(p.visitsRegistered)} kunjungan, ${fmt(p.eventsWritten)} peristiwa, ${((t - started) / 1000).toFixed(0)} dtk\n`,
      );
    };
    try {
      const r = await generateDemoData({ db: opened.db, sqlite: opened.sqlite, visits: flags.visits, days: flags.days, seed: flags.seed, now, vendors: flags.vendors, onProgress: progress });
      const statuses = Object.entries(r.statusCounts)
        .sort((a, b) => b[1] - a[1])
        .map(([s, n]) => `${visitStatusLabel(s).toLowerCase()} ${fmt(n)}`)
        .join(' · ');
      const lines = [
        `Data contoh selesai dibuat di ${dataDir} dalam ${(r.durationMs / 1000).toFixed(1)} detik.`,
        `  Kunjungan : ${fmt(r.visits)} (${r.firstDay} s.d. ${r.lastDay}, ${flags.days} hari kerja)`,
        `  Status    : ${statuses}`,
        `  Perusahaan: ${fmt(r.vendors)} · Pemohon: ${fmt(r.persons)} · Peristiwa: ${fmt(r.events)}`,
      ];
      if (r.usersCreated.length > 0) {
        lines.push('', `Akun staf contoh (kata sandi semua akun: ${DEMO_PASSWORD}):`);
        const w = Math.max(...r.usersCreated.map((u) => u.username.length));
        for (const u of r.usersCreated) lines.push(`  ${u.username.padEnd(w)}  ${u.roles.map((x) => ROLE_LABEL[x] ?? x).join(', ').padEnd(13)}  ${u.displayName}`);
        lines.push('Ganti kata sandi ini sebelum folder data dipakai di luar latihan.');
      } else {
        lines.push('', 'Folder data sudah memiliki akun staf: akun tersebut dipakai sebagai petugas, tidak ada akun baru yang dibuat.');
      }
      io.stdout(`${lines.join('\n')}\n`);
    } catch (err) {
      if (err instanceof DemoDataError) throw new CliError(err.message);
      throw err;
    } finally {
      opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      await opened.close();
    }
  },
});
