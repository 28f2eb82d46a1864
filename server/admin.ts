/**
 * Admin commands, run on the server machine against the same database the server uses:
 *   office create --name "..." [--ttl-hours N]   create an office and print a one-time enrollment code
 *   office list
 *   enroll-code --office ID [--ttl-hours N]      another one-time code for an office
 *   device list --office ID
 *   device revoke --device ID
 *   epoch rotate                                 after restoring a backup (see README)
 * `--json` prints machine-readable output.
 */
import { formatWitaCompact } from '../domain/time/wita';
import { rotateEpoch, type ServerDatabase } from './db';
import { createOffice, DEFAULT_CODE_TTL_MS, getOffice, issueEnrollmentCode, listDevices, listOffices, revokeDevice, type Store } from './store';

export const ADMIN_COMMANDS = ['office', 'enroll-code', 'device', 'epoch'] as const;

export class UsageError extends Error {}

interface Out {
  line(s: string): void;
}

function flag(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}

function required(args: readonly string[], name: string): string {
  const v = flag(args, name);
  if (!v || v.startsWith('--')) throw new UsageError(`Opsi ${name} wajib diisi.`);
  return v;
}

function ttl(args: readonly string[]): number {
  const raw = flag(args, '--ttl-hours');
  if (raw === undefined) return DEFAULT_CODE_TTL_MS;
  const h = Number(raw);
  if (!Number.isFinite(h) || h <= 0 || h > 24 * 30) throw new UsageError('--ttl-hours harus angka 1–720.');
  return Math.round(h * 3600_000);
}

function wita(ms: number): string {
  return formatWitaCompact(ms);
}

export const USAGE = `Perintah admin server sinkronisasi LPSE Counter:
  office create --name "Nama Kantor" [--ttl-hours 72]   buat kantor dan cetak kode pendaftaran sekali pakai
  office list                                          daftar kantor
  enroll-code --office ID [--ttl-hours 72]             buat kode pendaftaran baru untuk kantor
  device list --office ID                              daftar perangkat sebuah kantor
  device revoke --device ID                            cabut izin sebuah perangkat
  epoch rotate                                         wajib dijalankan setelah memulihkan cadangan basis data
Tambahkan --json untuk keluaran yang dapat dibaca mesin.`;

export async function runAdmin(database: ServerDatabase, args: readonly string[], out: Out, now = Date.now()): Promise<void> {
  const s: Store = { db: database.db, dialect: database.dialect };
  const json = args.includes('--json');
  const print = (obj: unknown, human: string[]) => {
    if (json) out.line(JSON.stringify(obj));
    else for (const l of human) out.line(l);
  };
  const [cmd, sub] = args;
  if (cmd === 'office' && sub === 'create') {
    const office = await createOffice(s, required(args, '--name'), now);
    const code = await issueEnrollmentCode(s, office.id, now, ttl(args));
    print({ office, enrollmentCode: code.code, expiresAt: code.expiresAt }, [
      `Kantor dibuat: ${office.name}`,
      `ID kantor        : ${office.id}`,
      `Kode pendaftaran : ${code.code}`,
      `Berlaku sampai   : ${wita(code.expiresAt)} (sekali pakai; simpan baik-baik, kode tidak dapat ditampilkan lagi)`,
    ]);
    return;
  }
  if (cmd === 'office' && sub === 'list') {
    const offices = await listOffices(s);
    print(
      { offices },
      offices.length === 0 ? ['Belum ada kantor.'] : offices.map((o) => `${o.id}  ${o.name}  (${o.lastSeq} data, dibuat ${wita(o.createdAt)})`),
    );
    return;
  }
  if (cmd === 'enroll-code') {
    const officeId = required(args, '--office');
    const code = await issueEnrollmentCode(s, officeId, now, ttl(args));
    const office = await getOffice(s, officeId);
    print({ officeId, enrollmentCode: code.code, expiresAt: code.expiresAt }, [
      `Kode pendaftaran untuk ${office?.name ?? officeId}: ${code.code}`,
      `Berlaku sampai ${wita(code.expiresAt)} (sekali pakai).`,
    ]);
    return;
  }
  if (cmd === 'device' && sub === 'list') {
    const officeId = required(args, '--office');
    if (!(await getOffice(s, officeId))) throw new UsageError(`Kantor dengan ID ${officeId} tidak ditemukan.`);
    const devices = await listDevices(s, officeId);
    print(
      { devices },
      devices.length === 0
        ? ['Belum ada perangkat terdaftar.']
        : devices.map(
            (d) =>
              `${d.id}  ${d.name}  ${d.revokedAt ? `DICABUT ${wita(d.revokedAt)}` : 'aktif'}  terakhir terlihat ${d.lastSeenAt ? wita(d.lastSeenAt) : '-'}  versi ${d.appVersion}`,
          ),
    );
    return;
  }
  if (cmd === 'device' && sub === 'revoke') {
    const deviceId = required(args, '--device');
    const d = await revokeDevice(s, deviceId, now);
    if (!d) throw new UsageError(`Perangkat dengan ID ${deviceId} tidak ditemukan.`);
    print({ device: d }, [`Izin perangkat ${d.name} (${d.id}) dicabut. Server menolak perangkat ini sejak sekarang.`]);
    return;
  }
  if (cmd === 'epoch' && sub === 'rotate') {
    const epoch = await rotateEpoch(s.db);
    print({ epoch }, [
      `Epoch server diganti: ${epoch}`,
      'Mulai ulang server. Setiap workstation akan mengirim ulang data yang belum ada di server dan mengunduh ulang semua data.',
    ]);
    return;
  }
  throw new UsageError(USAGE);
}
