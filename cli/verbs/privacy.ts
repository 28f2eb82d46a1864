/**
 * `privacy`: personal-data duties from the command line (UU 27/2022, issue 15 item 6, ADR 0019), through
 * the same contract as the Data Pribadi screen:
 *   privacy due [--json]                          visitors whose retention period has run out
 *   privacy find --query NIK|NAMA [--json]        visitors matching a NIK prefix or a name
 *   privacy export --person ID [--out FILE]       everything held on one visitor, as JSON
 *   privacy retention --months N --as USER        sets the retention period (months after the last visit)
 *   privacy erase --person ID --note TEXT --as USER   erases one visitor at their request
 *   privacy erase-expired --as USER               erases every visitor due under the retention period
 * What changes data is recorded as a real head of the unit (`--as`, password in $LPSE_PASSWORD): erasure is
 * an audited act; reading uses the local operator's session like the other read verbs.
 */
import { closeSharedPdfRenderer } from '../../backend/pdf';
import fs from 'node:fs';
import type { Backend } from '../../backend/app';
import { holdsRole } from '../../domain/roles';
import { formatWita } from '../../domain/time/wita';
import { callApi, openExistingBackend, operatorSession } from '../backend';
import { CliError, EXIT_USAGE, defineVerb, type CliIO } from '../verb';
import { PASSWORD_ENV } from '../verbs-staff';

async function signInHead(backend: Backend, as: string | undefined, io: CliIO): Promise<string> {
  if (!as) throw new CliError(`Opsi --as wajib diisi: nama pengguna Kepala Bagian/Kepala Sub Bagian (kata sandinya di variabel lingkungan ${PASSWORD_ENV}).`, EXIT_USAGE);
  const password = io.env[PASSWORD_ENV];
  if (!password) throw new CliError(`Isi kata sandi "${as}" di variabel lingkungan ${PASSWORD_ENV}.`, EXIT_USAGE);
  const s = await callApi(backend, null, 'auth.signIn', { username: as, password });
  if (!holdsRole(s.user.roles, 'supervisor')) throw new CliError(`Akun "${as}" bukan Kepala Bagian atau Kepala Sub Bagian: hanya pimpinan yang menghapus data pribadi.`);
  return s.token;
}

const ACTIONS = ['due', 'find', 'export', 'retention', 'erase', 'erase-expired'] as const;

export const privacyVerb = defineVerb({
  name: 'privacy',
  summary: 'Data pribadi (UU 27/2022): masa retensi, daftar jatuh tempo, salinan data seseorang, dan penghapusan teraudit.',
  description:
    'due: pengunjung yang masa retensinya telah lewat (kunjungan terakhir sebelum batas). find: cari pengunjung menurut awalan NIK atau nama. ' +
    'export: salinan seluruh data yang disimpan tentang satu pengunjung (JSON) untuk permintaan subjek data. retention: menetapkan masa ' +
    'retensi data pengunjung dalam bulan sejak kunjungan terakhir. erase: menghapus data pribadi satu pengunjung atas permintaannya, dengan ' +
    'dasar tertulis (--note). erase-expired: menghapus data pribadi semua pengunjung yang jatuh tempo. Penghapusan berlaku di komputer ini, ' +
    'di server dan di komputer lain setelah sinkronisasi; jumlah kunjungan dan statistik tetap. ' +
    `Perubahan dicatat atas nama pimpinan --as (kata sandi di ${PASSWORD_ENV}).`,
  flags: {
    person: { kind: 'string', placeholder: 'ID', description: 'export/erase: pengenal pengunjung (lihat "privacy find").' },
    query: { kind: 'string', placeholder: 'NIK|NAMA', description: 'find: awalan NIK atau sebagian nama.' },
    note: { kind: 'string', placeholder: 'TEKS', description: 'erase: dasar permintaan penghapusan (mis. nomor dan tanggal surat).' },
    months: { kind: 'int', placeholder: 'N', min: 1, max: 1200, description: 'retention: masa retensi dalam bulan.' },
    out: { kind: 'string', placeholder: 'FILE', description: 'export: tulis JSON (atau PDF dengan --pdf) ke berkas ini (bawaan: layar).' },
    pdf: { kind: 'boolean', description: 'export: salinan yang mudah dibaca (PDF A4 berkop, bahasa Indonesia) alih-alih JSON; wajib dengan --out.' },
    as: { kind: 'string', placeholder: 'USER', description: `retention/erase/erase-expired: pimpinan yang mencatat (kata sandi di ${PASSWORD_ENV}).` },
    json: { kind: 'boolean', description: 'Cetak hasil sebagai JSON.' },
  },
  positionals: [{ name: 'aksi', description: ACTIONS.join(' | '), required: true }],
  examples: [
    'npm run cli -- privacy due --json',
    'npm run cli -- privacy find --query 6371011503',
    'npm run cli -- privacy export --person 01234567-89ab-7cde-8f01-23456789abcd --out data-pemohon.json',
    'npm run cli -- privacy export --person 01234567-89ab-7cde-8f01-23456789abcd --pdf --out data-pemohon.pdf',
    `${PASSWORD_ENV}=... npm run cli -- privacy retention --months 60 --as kabag`,
    `${PASSWORD_ENV}=... npm run cli -- privacy erase --person 01234567-89ab-7cde-8f01-23456789abcd --note "Surat permohonan 1 Des 2026" --as kabag`,
    `${PASSWORD_ENV}=... npm run cli -- privacy erase-expired --as kabag`,
  ],
  async run({ flags, positionals, dataDir, io }) {
    const [action] = positionals;
    if (!(ACTIONS as readonly (string | undefined)[]).includes(action)) throw new CliError(`Aksi harus salah satu dari: ${ACTIONS.join(', ')}.`, EXIT_USAGE);
    const person = () => {
      if (!flags.person) throw new CliError('Opsi --person wajib diisi (pengenal pengunjung dari "privacy find").', EXIT_USAGE);
      return flags.person;
    };
    const backend = await openExistingBackend(dataDir, io.now);
    try {
      const reader = operatorSession(backend, ['supervisor']);
      const print = (value: unknown, text: string) => io.stdout(flags.json ? `${JSON.stringify(value, null, 2)}\n` : text);
      const list = (subjects: { personId: string; name: string; nik: string | null; visitCount: number; lastVisitAt: number | null }[]) =>
        subjects.map((s) => `${s.personId}  ${s.name}  NIK ${s.nik ?? '-'}  ${s.visitCount} kunjungan, terakhir ${s.lastVisitAt ? formatWita(s.lastVisitAt) : '-'}\n`).join('');
      switch (action) {
        case 'due': {
          const r = await callApi(backend, reader, 'privacy.retentionDue', { limit: 5000 });
          if (r.months === null) print(r, 'Masa retensi data pengunjung belum ditetapkan (privacy retention --months N).\n');
          else print(r, `Masa retensi ${r.months} bulan; batas ${formatWita(r.cutoff!)}; ${r.total} pengunjung jatuh tempo.\n${list(r.subjects)}`);
          return 0;
        }
        case 'find': {
          if (!flags.query) throw new CliError('Opsi --query wajib diisi (awalan NIK atau sebagian nama).', EXIT_USAGE);
          const r = await callApi(backend, reader, 'privacy.findSubjects', { query: flags.query });
          print(r, r.subjects.length ? list(r.subjects) : 'Tidak ada pengunjung yang cocok.\n');
          return 0;
        }
        case 'export': {
          if (flags.pdf) {
            if (!flags.out) throw new CliError('Opsi --pdf memerlukan --out BERKAS (PDF tidak dicetak ke layar).', EXIT_USAGE);
            const pdf = await callApi(backend, reader, 'privacy.subjectExportPdf', { personId: person() });
            fs.writeFileSync(flags.out, Buffer.from(pdf.base64, 'base64'), { mode: 0o600 });
            io.stdout(`Salinan data (PDF, ${pdf.bytes} bita) ditulis ke ${flags.out}.\n`);
            return 0;
          }
          const r = await callApi(backend, reader, 'privacy.subjectExport', { personId: person() });
          if (flags.out) {
            fs.writeFileSync(flags.out, r.json, { mode: 0o600 });
            io.stdout(`Salinan data ditulis ke ${flags.out}.\n`);
          } else io.stdout(`${r.json}\n`);
          return 0;
        }
        case 'retention': {
          if (flags.months === undefined) throw new CliError('Opsi --months wajib diisi (masa retensi dalam bulan).', EXIT_USAGE);
          const token = await signInHead(backend, flags.as, io);
          const r = await callApi(backend, token, 'privacy.setRetention', { months: flags.months });
          print(r, `Masa retensi data pengunjung ditetapkan ${r.months} bulan sejak kunjungan terakhir.\n`);
          return 0;
        }
        case 'erase': {
          if (!flags.note) throw new CliError('Opsi --note wajib diisi: dasar permintaan penghapusan.', EXIT_USAGE);
          const token = await signInHead(backend, flags.as, io);
          const r = await callApi(backend, token, 'privacy.erase', { personId: person(), note: flags.note });
          print(r, `Data pribadi dihapus (${r.redacted} catatan disunting${r.pending ? `, ${r.pending} menunggu sinkronisasi` : ''}). Nomor penghapusan: ${r.erasureId}.\n`);
          return 0;
        }
        default: {
          const token = await signInHead(backend, flags.as, io);
          const r = await callApi(backend, token, 'privacy.eraseExpired', { confirm: true });
          print(r, `${r.erased} pengunjung dihapus data pribadinya (masa retensi ${r.months} bulan; ${r.redacted} catatan disunting).\n`);
          return 0;
        }
      }
    } finally {
      await backend.close();
      // The print engine (Chromium) of `export --pdf`: the process must not wait on it.
      if (flags.pdf) await closeSharedPdfRenderer();
    }
  },
});
