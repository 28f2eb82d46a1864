/**
 * CLI verbs of staff accounts (the calendar's are in verbs/calendar.ts):
 *   users list | users add | users disable USERNAME | users enable USERNAME
 * They go through the same contract as the screens. Changes are recorded as a real supervisor (`--as`, the
 * password in $LPSE_PASSWORD, never on the command line where `ps` would show it), so every event carries
 * the acting user; the very first account of a new data folder is created by `users add` itself (setup).
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomInt } from 'node:crypto';
import type { Backend } from '../backend/app';
import { createBackend } from '../backend/app';
import { ROLES, type Role } from '../domain/events/schema';
import { callApi, databaseExists, openExistingBackend, operatorSession } from './backend';
import { CliError, EXIT_USAGE, defineVerb, type CliIO } from './verb';
import { ASSIGNABLE_ROLES, holdsRole } from '../domain/roles';

const ROLE_LABEL: Record<Role, string> = { helpdesk: 'helpdesk', verifier: 'verifikator', sysadmin: 'admin sistem', supervisor: 'supervisor (peran lama)', kepala_subbagian: 'kepala sub bagian', kepala_bagian: 'kepala bagian' };
export const PASSWORD_ENV = 'LPSE_PASSWORD';
const NEW_PASSWORD_ENV = 'LPSE_NEW_PASSWORD';

function parseRoles(text: string | undefined): Role[] {
  if (!text) throw new CliError(`Opsi --roles wajib diisi (pilihan: ${ASSIGNABLE_ROLES.join(', ')}).`, EXIT_USAGE);
  const roles = text.split(',').map((r) => r.trim().toLowerCase()).filter(Boolean);
  const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (bad.length > 0 || roles.length === 0) throw new CliError(`Peran tidak dikenal: ${bad.join(', ') || '(kosong)'}. Pilihan: ${ASSIGNABLE_ROLES.join(', ')}.`, EXIT_USAGE);
  return roles as Role[];
}

/** A strong temporary password (letters and digits, 4 groups of 4), shown once. */
function temporaryPassword(): string {
  const letters = 'abcdefghjkmnpqrstuvwxyz';
  const digits = '23456789';
  const group = (i: number) => Array.from({ length: 4 }, (_, j) => ((i + j) % 2 === 0 ? letters[randomInt(letters.length)] : digits[randomInt(digits.length)])).join('');
  return [0, 1, 2, 3].map(group).join('-');
}

/** Signs in the supervisor named by --as (password from $LPSE_PASSWORD). */
export async function signInSupervisor(backend: Backend, as: string | undefined, io: CliIO): Promise<string> {
  if (!as) throw new CliError(`Opsi --as wajib diisi: nama pengguna supervisor yang mencatat perubahan ini (kata sandinya di variabel lingkungan ${PASSWORD_ENV}).`, EXIT_USAGE);
  const password = io.env[PASSWORD_ENV];
  if (!password) throw new CliError(`Isi kata sandi supervisor "${as}" di variabel lingkungan ${PASSWORD_ENV}.`, EXIT_USAGE);
  const s = await callApi(backend, null, 'auth.signIn', { username: as, password });
  if (!holdsRole(s.user.roles, 'supervisor')) throw new CliError(`Akun "${as}" bukan supervisor: hanya supervisor yang mengelola akun dan kalender.`);
  return s.token;
}

async function userIdByName(backend: Backend, token: string, username: string): Promise<string> {
  const { users } = await callApi(backend, token, 'users.list', {});
  const u = users.find((x) => x.username === username.trim().toLowerCase());
  if (!u) throw new CliError(`Akun "${username}" tidak ditemukan.`);
  return u.id;
}

export const usersVerb = defineVerb({
  name: 'users',
  summary: 'Kelola akun petugas: list, add, disable, enable.',
  description:
    'list: daftar akun dan perannya. add: tambah akun (--username, --name, --roles); kata sandi awal dari ' +
    `${NEW_PASSWORD_ENV}, atau dibuatkan dan dicetak sekali. disable/enable USERNAME: nonaktifkan atau aktifkan kembali. ` +
    `Perubahan dicatat atas nama supervisor --as (kata sandi di ${PASSWORD_ENV}); akun pertama di folder data baru ` +
    'dibuat tanpa --as dan berperan kepala_bagian,kepala_subbagian.',
  flags: {
    username: { kind: 'string', placeholder: 'NAMA', description: 'Nama pengguna akun baru (add).' },
    name: { kind: 'string', placeholder: 'NAMA_LENGKAP', description: 'Nama lengkap petugas (add).' },
    roles: { kind: 'string', placeholder: 'PERAN,...', description: `Peran, dipisah koma: ${ASSIGNABLE_ROLES.join(', ')} (add).` },
    reason: { kind: 'string', placeholder: 'TEKS', description: 'Alasan penonaktifan (disable).' },
    as: { kind: 'string', placeholder: 'SUPERVISOR', description: `Supervisor yang mencatat perubahan (kata sandi di ${PASSWORD_ENV}).` },
    json: { kind: 'boolean', description: 'Cetak hasil sebagai JSON.' },
  },
  positionals: [
    { name: 'aksi', description: 'list | add | disable | enable', required: true },
    { name: 'username', description: 'Akun yang dinonaktifkan/diaktifkan (disable, enable).', required: false },
  ],
  examples: [
    'npm run cli -- users list',
    `${NEW_PASSWORD_ENV}=... npm run cli -- users add --username kasubbag --name "Kepala Sub Bagian" --roles kepala_bagian,kepala_subbagian`,
    `${PASSWORD_ENV}=... npm run cli -- users add --username rina --name "Rina Wati" --roles verifier,helpdesk --as kasubbag`,
    `${PASSWORD_ENV}=... npm run cli -- users disable rina --reason "Mutasi" --as kasubbag`,
  ],
  async run({ flags, positionals, dataDir, io }) {
    const action = positionals[0];
    if (action === 'list') {
      const backend = await openExistingBackend(dataDir, io.now);
      try {
        const { users } = await callApi(backend, operatorSession(backend, ['supervisor']), 'users.list', {});
        if (flags.json) io.stdout(`${JSON.stringify(users, null, 2)}\n`);
        else {
          const rows = users.map((u) => [u.username, u.displayName, u.roles.map((r) => ROLE_LABEL[r]).join(', '), u.active ? 'aktif' : 'nonaktif']);
          const header = ['Nama pengguna', 'Nama lengkap', 'Peran', 'Status'];
          const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
          const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
          io.stdout([line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), ''].join('\n'));
        }
      } finally {
        await backend.close();
      }
      return 0;
    }
    if (action === 'add') {
      if (positionals[1]) throw new CliError('Untuk add, gunakan --username, bukan argumen.', EXIT_USAGE);
      if (!flags.username || !flags.name) throw new CliError('Opsi --username dan --name wajib diisi.', EXIT_USAGE);
      const roles = parseRoles(flags.roles);
      const given = io.env[NEW_PASSWORD_ENV];
      const password = given || temporaryPassword();
      const fresh = !databaseExists(dataDir);
      if (fresh) fs.mkdirSync(path.resolve(dataDir), { recursive: true });
      const backend = fresh ? await createBackend({ dataDir, transport: 'browser', now: io.now, sync: false }) : await openExistingBackend(dataDir, io.now);
      try {
        const status = await callApi(backend, null, 'app.status', {});
        let user;
        if (status.setupRequired) {
          // The first account holds both heads' roles (backend/handlers/auth.ts) until the office adds the other head.
          if (!roles.every((r) => r === 'kepala_bagian' || r === 'kepala_subbagian'))
            throw new CliError('Akun pertama harus berperan pimpinan (--roles kepala_bagian,kepala_subbagian): akun ini memegang kedua jabatan sampai pimpinan lain ditambahkan.');
          const s = await callApi(backend, null, 'auth.setup', { username: flags.username, displayName: flags.name, password });
          user = s.user;
        } else {
          const token = await signInSupervisor(backend, flags.as, io);
          user = await callApi(backend, token, 'users.create', { username: flags.username, displayName: flags.name, roles, password });
        }
        if (flags.json) io.stdout(`${JSON.stringify(user, null, 2)}\n`);
        else io.stdout(`Akun "${user.username}" (${user.displayName}) ditambahkan dengan peran ${user.roles.map((r) => ROLE_LABEL[r]).join(', ')}.\n`);
        if (!given) io.stdout(`Kata sandi awal: ${password}\nSampaikan secara langsung; minta petugas menggantinya setelah masuk.\n`);
      } finally {
        await backend.close();
      }
      return 0;
    }
    if (action === 'disable' || action === 'enable') {
      const username = positionals[1];
      if (!username) throw new CliError(`Sebutkan akun yang di-${action}: npm run cli -- users ${action} USERNAME.`, EXIT_USAGE);
      const backend = await openExistingBackend(dataDir, io.now);
      try {
        const token = await signInSupervisor(backend, flags.as, io);
        const userId = await userIdByName(backend, token, username);
        const u =
          action === 'disable'
            ? await callApi(backend, token, 'users.disable', { userId, reason: flags.reason ?? '' })
            : await callApi(backend, token, 'users.enable', { userId });
        io.stdout(flags.json ? `${JSON.stringify(u, null, 2)}\n` : `Akun "${u.username}" kini ${u.active ? 'aktif' : 'nonaktif'}.\n`);
      } finally {
        await backend.close();
      }
      return 0;
    }
    throw new CliError(`Aksi tidak dikenal: ${action ?? '(kosong)'}. Pilihan: list, add, disable, enable.`, EXIT_USAGE);
  },
});
