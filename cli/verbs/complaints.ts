/**
 * `complaints`: the complaint register from the command line, through the same contract as the screens
 * (issue 12):
 *   complaints add --received ISO_INSTANT --channel loket|kotak|email|telepon|lapor|web --name N --address A
 *                  --text T --request R [--service CODE] [--receipt NO] --as USER
 *     prints the complaint's number and both due dates;
 *   complaints list [--from DATE --to DATE] --json
 *     prints each complaint with number, receivedAt, completenessDue, responseDue (ISO instants with +08:00),
 *     stage and overdue.
 * `add` records as a real user (`--as`, password in $LPSE_PASSWORD): helpdesk or supervisor.
 */
import { holdsAnyRole } from '../../domain/roles';
import type { Backend } from '../../backend/app';
import { COMPLAINT_CHANNELS, type ComplaintChannel } from '../../domain/events/complaint-events';
import { STAGE_LABEL } from '../../domain/complaints/labels';
import { formatWita, isValidIsoDate, parseIsoInstant, witaIsoDateTime } from '../../domain/time/wita';
import { callApi, openExistingBackend, operatorSession } from '../backend';
import { CliError, EXIT_USAGE, defineVerb, type CliIO } from '../verb';
import { PASSWORD_ENV } from '../verbs-staff';

/** Signs in the user named by --as (password from $LPSE_PASSWORD); complaints are recorded by the counter. */
async function signInCounter(backend: Backend, as: string | undefined, io: CliIO): Promise<string> {
  if (!as) throw new CliError(`Opsi --as wajib diisi: nama pengguna petugas yang mencatat pengaduan (kata sandinya di variabel lingkungan ${PASSWORD_ENV}).`, EXIT_USAGE);
  const password = io.env[PASSWORD_ENV];
  if (!password) throw new CliError(`Isi kata sandi petugas "${as}" di variabel lingkungan ${PASSWORD_ENV}.`, EXIT_USAGE);
  const s = await callApi(backend, null, 'auth.signIn', { username: as, password });
  if (!holdsAnyRole(s.user.roles, ['helpdesk', 'supervisor'])) throw new CliError(`Akun "${as}" bukan helpdesk atau pimpinan: hanya mereka yang mencatat pengaduan.`);
  return s.token;
}

function requireFlag(value: string | undefined, flag: string, example: string): string {
  if (value === undefined) throw new CliError(`Opsi --${flag} wajib diisi, mis. --${flag} ${example}.`, EXIT_USAGE);
  return value;
}

export const complaintsVerb = defineVerb({
  name: 'complaints',
  summary: 'Register pengaduan: catat pengaduan (add) dan daftar pengaduan dengan batas waktunya (list).',
  description:
    'add: mencatat pengaduan tertulis (Perwali Banjarmasin 67/2018 Pasal 8) yang diterima pada --received (waktu ISO; ' +
    'tanpa zona dibaca sebagai WITA) melalui --channel, dengan nama dan alamat lengkap pengadu, uraian pengaduan dan ' +
    'permintaan penyelesaian; --receipt menautkan kunjungan dengan nomor tanda terima tersebut bila ada di komputer ini. ' +
    'Mencetak nomor pengaduan, batas pemberitahuan kelengkapan (3 hari kerja) dan batas tanggapan (6 hari kerja). ' +
    `Dicatat atas nama petugas --as (helpdesk atau supervisor; kata sandi di ${PASSWORD_ENV}). ` +
    'list: setiap pengaduan (yang diterima dari --from sampai --to, tanggal WITA) dengan batas waktunya; dengan --json ' +
    'sebagai daftar JSON berisi number, receivedAt, completenessDue, responseDue (waktu ISO +08:00), stage dan overdue. ' +
    'Batas tanggapan bergeser selama pengaduan menunggu kelengkapan dari pengadu.',
  flags: {
    received: { kind: 'string', placeholder: 'WAKTU_ISO', description: 'add: waktu pengaduan diterima, mis. 2026-12-01T09:30:00+08:00.' },
    channel: { kind: 'string', placeholder: COMPLAINT_CHANNELS.join('|'), description: 'add: saluran pengaduan.' },
    name: { kind: 'string', placeholder: 'NAMA', description: 'add: nama pengadu.' },
    address: { kind: 'string', placeholder: 'ALAMAT', description: 'add: alamat lengkap pengadu.' },
    text: { kind: 'string', placeholder: 'TEKS', description: 'add: uraian pelayanan yang tidak sesuai standar pelayanan.' },
    request: { kind: 'string', placeholder: 'TEKS', description: 'add: permintaan penyelesaian yang diajukan.' },
    service: { kind: 'string', placeholder: 'KODE', description: 'add: kode layanan yang diadukan (lihat "catalogue").' },
    receipt: { kind: 'string', placeholder: 'NO', description: 'add: nomor tanda terima berkas kunjungan yang diadukan.' },
    contact: { kind: 'string', placeholder: 'KONTAK', description: 'add: telepon/WhatsApp/e-mail pengadu.' },
    loss: { kind: 'string', placeholder: 'TEKS', description: 'add: uraian kerugian materiil/immateriil.' },
    place: { kind: 'string', placeholder: 'TEMPAT', description: 'add: tempat penyampaian pengaduan.' },
    lapor: { kind: 'string', placeholder: 'NO', description: 'add: nomor tiket SP4N-LAPOR! (wajib untuk --channel lapor).' },
    signed: { kind: 'boolean', description: 'add: pengaduan ditandatangani pengadu.' },
    as: { kind: 'string', placeholder: 'USER', description: `add: petugas yang mencatat (kata sandi di ${PASSWORD_ENV}).` },
    from: { kind: 'string', placeholder: 'TTTT-BB-HH', description: 'list: diterima sejak tanggal ini (WITA).' },
    to: { kind: 'string', placeholder: 'TTTT-BB-HH', description: 'list: diterima sampai tanggal ini (WITA).' },
    json: { kind: 'boolean', description: 'Cetak hasil sebagai JSON.' },
  },
  positionals: [{ name: 'aksi', description: 'add | list', required: true }],
  examples: [
    `${PASSWORD_ENV}=... npm run cli -- complaints add --received 2026-12-01T09:30:00+08:00 --channel loket --name "Rahmat Hidayat" --address "Jl. A. Yani Km. 5 No. 12, Banjarmasin" --text "Aktivasi belum selesai." --request "Mohon segera diselesaikan." --receipt TT-20261130-A1B2C3-004 --as siti`,
    'npm run cli -- complaints list --from 2026-12-01 --to 2026-12-31 --json',
  ],
  async run({ flags, positionals, dataDir, io }) {
    const [action] = positionals;
    if (action === 'add') {
      const receivedText = requireFlag(flags.received, 'received', '2026-12-01T09:30:00+08:00');
      const receivedAt = parseIsoInstant(receivedText);
      if (receivedAt === null) throw new CliError(`Nilai --received bukan waktu ISO yang valid: "${receivedText}" (mis. 2026-12-01T09:30:00+08:00).`, EXIT_USAGE);
      const channel = requireFlag(flags.channel, 'channel', 'loket');
      if (!(COMPLAINT_CHANNELS as readonly string[]).includes(channel)) throw new CliError(`Nilai --channel harus salah satu dari: ${COMPLAINT_CHANNELS.join(', ')}.`, EXIT_USAGE);
      const name = requireFlag(flags.name, 'name', '"Rahmat Hidayat"');
      const address = requireFlag(flags.address, 'address', '"Jl. A. Yani Km. 5, Banjarmasin"');
      const text = requireFlag(flags.text, 'text', '"Uraian pengaduan"');
      const request = requireFlag(flags.request, 'request', '"Permintaan penyelesaian"');
      const backend = await openExistingBackend(dataDir, io.now);
      try {
        const token = await signInCounter(backend, flags.as, io);
        let visitId: string | null = null;
        let receiptNo: string | null = null;
        if (flags.receipt) {
          const found = await callApi(backend, token, 'complaints.findVisits', { query: flags.receipt });
          const exact = found.visits.find((v) => v.receiptNo?.toUpperCase() === flags.receipt!.trim().toUpperCase());
          if (exact) visitId = exact.visitId;
          else {
            receiptNo = flags.receipt;
            io.stderr(`Peringatan: tanda terima ${flags.receipt} tidak ditemukan di komputer ini; dicatat sebagaimana ditulis.\n`);
          }
        }
        const d = await callApi(backend, token, 'complaints.add', {
          receivedAt,
          channel: channel as ComplaintChannel,
          complainant: { name, address, contact: flags.contact ?? '' },
          visitId,
          serviceCode: visitId ? null : (flags.service ?? null),
          receiptNo: receiptNo ?? '',
          text,
          loss: flags.loss ?? '',
          request,
          place: flags.place ?? '',
          signed: flags.signed,
          laporNo: flags.lapor ?? '',
        });
        const out = {
          number: d.row.number,
          receivedAt: witaIsoDateTime(d.row.receivedAt),
          completenessDue: witaIsoDateTime(d.row.completeness.deadlineMs!),
          responseDue: witaIsoDateTime(d.row.response.deadlineMs!),
          provisional: d.row.completeness.deadlineProvisional || d.row.response.deadlineProvisional,
          lateFiling: d.row.lateFiling,
        };
        const mark = (p: boolean) => (p ? ' (perkiraan: hari libur tahun tersebut belum ditetapkan)' : '');
        io.stdout(
          flags.json
            ? `${JSON.stringify(out, null, 2)}\n`
            : [
                `Pengaduan dicatat: ${d.row.number}`,
                `Pemberitahuan kelengkapan paling lambat: ${formatWita(d.row.completeness.deadlineMs!)}${mark(d.row.completeness.deadlineProvisional)}`,
                `Tanggapan paling lambat: ${formatWita(d.row.response.deadlineMs!)}${mark(d.row.response.deadlineProvisional)}`,
                ...(d.row.lateFiling ? [`Perhatian: diterima ${d.daysSinceService} hari setelah layanan, melewati batas waktu pengaduan (30 hari); supervisor memutuskan tindak lanjutnya.`] : []),
                '',
              ].join('\n'),
        );
      } finally {
        await backend.close();
      }
      return 0;
    }

    if (action === 'list') {
      for (const [flag, value] of [['from', flags.from], ['to', flags.to]] as const) {
        if (value !== undefined && !isValidIsoDate(value)) throw new CliError(`Nilai --${flag} harus tanggal TTTT-BB-HH, bukan "${value}".`, EXIT_USAGE);
      }
      if (flags.from && flags.to && flags.from > flags.to) throw new CliError('Tanggal --from harus sebelum atau sama dengan --to.', EXIT_USAGE);
      const backend = await openExistingBackend(dataDir, io.now);
      try {
        const { rows } = await callApi(backend, operatorSession(backend, ['supervisor']), 'complaints.list', {
          view: 'all',
          ...(flags.from ? { from: flags.from } : {}),
          ...(flags.to ? { to: flags.to } : {}),
          limit: 1000,
        });
        const list = [...rows]
          .sort((a, b) => a.receivedAt - b.receivedAt || a.number.localeCompare(b.number))
          .map((r) => ({
            number: r.number,
            receivedAt: witaIsoDateTime(r.receivedAt),
            completenessDue: witaIsoDateTime(r.completeness.deadlineMs!),
            responseDue: witaIsoDateTime(r.response.deadlineMs!),
            stage: r.stage,
            overdue: r.overdue,
          }));
        if (flags.json) io.stdout(`${JSON.stringify(list, null, 2)}\n`);
        else if (list.length === 0) io.stdout('Belum ada pengaduan pada rentang tersebut.\n');
        else {
          const lines = rows
            .slice()
            .sort((a, b) => a.receivedAt - b.receivedAt)
            .map(
              (r) =>
                `${r.number}  ${formatWita(r.receivedAt, 'datetime')}  ${STAGE_LABEL[r.stage]}${r.overdue ? '  TERLAMBAT' : ''}\n` +
                `    kelengkapan s.d. ${formatWita(r.completeness.deadlineMs!)} · tanggapan s.d. ${formatWita(r.response.deadlineMs!)}${r.response.paused ? ' (dijeda: menunggu kelengkapan)' : ''}`,
            );
          io.stdout(`${lines.join('\n')}\n`);
        }
      } finally {
        await backend.close();
      }
      return 0;
    }
    throw new CliError(`Aksi tidak dikenal: ${action}. Pilihan: add, list.`, EXIT_USAGE);
  },
});
