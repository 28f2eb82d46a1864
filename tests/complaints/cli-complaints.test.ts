/**
 * `complaints add` and `complaints list` (issue 12), run in-process through runCli: exactly the flags and
 * JSON fields the issue gives, Indonesian errors, non-zero exit on bad input and nothing recorded then.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/run';
import { witaDateTimeToMs } from '../../domain/time/wita';
import { DB_FILE_NAME } from '../../db/open';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lpse-cli-complaints-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
let now = witaDateTimeToMs('2026-11-24', '15:00');

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env, now: () => now });
  return { code, stdout, stderr };
}

function complaintEvents(dir: string): number {
  const db = new Database(path.join(dir, DB_FILE_NAME), { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM events WHERE type LIKE 'complaint.%'").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('cli: complaints', () => {
  const dir = path.join(tmp, 'data');
  const sup = { LPSE_PASSWORD: 'kasubbag-2026' };
  const base = (received: string) => [
    'complaints',
    'add',
    '--received',
    received,
    '--channel',
    'loket',
    '--name',
    'Rahmat Hidayat',
    '--address',
    'Jl. A. Yani Km. 5 No. 12, Banjarmasin',
    '--text',
    'Aktivasi user ID belum selesai padahal berkas lengkap.',
    '--request',
    'Mohon diselesaikan hari ini.',
    '--data-dir',
    dir,
  ];

  it('adds complaints, printing the number and both due dates, and lists them as JSON', async () => {
    expect((await cli(['users', 'add', '--username', 'kasubbag', '--name', 'Kepala Sub Bagian', '--roles', 'kepala_subbagian', '--data-dir', dir], { LPSE_NEW_PASSWORD: sup.LPSE_PASSWORD })).code).toBe(0);
    expect(
      (await cli(['users', 'add', '--username', 'rina', '--name', 'Rina Verifikator', '--roles', 'verifier', '--as', 'kasubbag', '--data-dir', dir], { ...sup, LPSE_NEW_PASSWORD: 'rina-sandi-2026' })).code,
    ).toBe(0);

    const added = await cli([...base('2026-11-24T10:00:00+08:00'), '--service', 'aktivasi_user_id', '--receipt', 'TT-20261123-ABCDEF-001', '--as', 'kasubbag'], sup);
    expect(added.stderr).toBe('Peringatan: tanda terima TT-20261123-ABCDEF-001 tidak ditemukan di komputer ini; dicatat sebagaimana ditulis.\n');
    expect(added.code).toBe(0);
    const number = /Pengaduan dicatat: (PGD-20261124-[0-9A-F]{6}-001)/.exec(added.stdout)?.[1];
    expect(number).toBeDefined();
    expect(added.stdout).toContain('Pemberitahuan kelengkapan paling lambat: Jumat, 27 November 2026 10:00 WITA');
    expect(added.stdout).toContain('Tanggapan paling lambat: Rabu, 2 Desember 2026 10:00 WITA');

    // Without a zone the instant is WITA; the JSON form of add.
    const lapor = await cli([...base('2026-11-24T13:30').map((a) => (a === 'loket' ? 'kotak' : a)), '--as', 'kasubbag', '--json'], sup);
    expect(lapor.code).toBe(0);
    expect(JSON.parse(lapor.stdout)).toMatchObject({ number: number!.replace(/001$/, '002'), receivedAt: '2026-11-24T13:30:00+08:00', completenessDue: '2026-11-27T13:30:00+08:00', responseDue: '2026-12-02T13:30:00+08:00' });

    now = witaDateTimeToMs('2026-11-30', '08:00'); // after the first completeness deadline
    const list = await cli(['complaints', 'list', '--json', '--data-dir', dir]);
    expect(list.code).toBe(0);
    const rows = JSON.parse(list.stdout) as Record<string, unknown>[];
    expect(rows).toEqual([
      { number, receivedAt: '2026-11-24T10:00:00+08:00', completenessDue: '2026-11-27T10:00:00+08:00', responseDue: '2026-12-02T10:00:00+08:00', stage: 'received', overdue: true },
      {
        number: number!.replace(/001$/, '002'),
        receivedAt: '2026-11-24T13:30:00+08:00',
        completenessDue: '2026-11-27T13:30:00+08:00',
        responseDue: '2026-12-02T13:30:00+08:00',
        stage: 'received',
        overdue: true,
      },
    ]);
    const ranged = await cli(['complaints', 'list', '--from', '2026-11-25', '--to', '2026-11-30', '--json', '--data-dir', dir]);
    expect(JSON.parse(ranged.stdout)).toEqual([]);
    const human = await cli(['complaints', 'list', '--data-dir', dir]);
    expect(human.stdout).toContain(`${number}  Selasa, 24 November 2026 10:00 WITA  Diterima  TERLAMBAT`);
  });

  it('refuses bad input with Indonesian messages and a non-zero exit, recording nothing', async () => {
    const before = complaintEvents(dir);
    const cases: [string[], NodeJS.ProcessEnv, number, string][] = [
      [[...base('kemarin'), '--as', 'kasubbag'], sup, 2, 'Nilai --received bukan waktu ISO yang valid: "kemarin"'],
      [base('2026-11-30T07:00:00+08:00').filter((a, i, all) => a !== '--name' && all[i - 1] !== '--name'), sup, 2, 'Opsi --name wajib diisi'],
      [[...base('2026-11-30T07:00:00+08:00').map((a) => (a === 'loket' ? 'surat' : a)), '--as', 'kasubbag'], sup, 2, 'Nilai --channel harus salah satu dari: loket, kotak, email, telepon, lapor, web.'],
      [base('2026-11-30T07:00:00+08:00'), sup, 2, 'Opsi --as wajib diisi'],
      [[...base('2026-11-30T07:00:00+08:00'), '--as', 'kasubbag'], {}, 2, 'LPSE_PASSWORD'],
      [[...base('2026-11-30T07:00:00+08:00'), '--as', 'rina'], { LPSE_PASSWORD: 'rina-sandi-2026' }, 1, 'Akun "rina" bukan helpdesk atau pimpinan'],
      [[...base('2026-12-30T07:00:00+08:00'), '--as', 'kasubbag'], sup, 1, 'Waktu diterima tidak boleh di masa depan.'],
      [[...base('2026-11-30T07:00:00+08:00').map((a) => (a === 'loket' ? 'web' : a)), '--as', 'kasubbag'], sup, 1, 'Pengaduan melalui formulir daring dicatat oleh server pusat'],
      [[...base('2026-11-30T07:00:00+08:00').map((a) => (a === 'loket' ? 'lapor' : a)), '--as', 'kasubbag'], sup, 1, 'Nomor tiket SP4N-LAPOR! wajib diisi'],
      [[...base('2026-11-30T07:00:00+08:00'), '--service', 'tidak_ada', '--as', 'kasubbag'], sup, 1, 'Layanan yang dipilih tidak dikenal.'],
      [['complaints', 'list', '--from', '30-11-2026', '--data-dir', dir], {}, 2, 'Nilai --from harus tanggal TTTT-BB-HH'],
      [['complaints', 'list', '--from', '2026-12-01', '--to', '2026-11-01', '--data-dir', dir], {}, 2, 'Tanggal --from harus sebelum atau sama dengan --to.'],
      [['complaints', 'hapus', '--data-dir', dir], {}, 2, 'Aksi tidak dikenal: hapus. Pilihan: add, list.'],
      [['complaints', 'list', '--data-dir', path.join(tmp, 'kosong')], {}, 1, 'belum berisi basis data'],
    ];
    for (const [args, env, code, message] of cases) {
      const r = await cli(args, env);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr, args.join(' ')).toContain(message);
      expect(r.stderr.startsWith('Kesalahan: '), args.join(' ')).toBe(true);
    }
    expect(complaintEvents(dir)).toBe(before);
    const help = await cli(['complaints', '--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--received', '--channel', '--name', '--address', '--text', '--request', '--service', '--receipt', '--as', '--from', '--to', '--json']) expect(help.stdout).toContain(flag);
  });
});
