/** CLI verbs users add|list|disable|enable and calendar import, run in-process through runCli. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/run';
import { witaDateTimeToMs } from '../../domain/time/wita';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lpse-cli-staff-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const NOW = witaDateTimeToMs('2026-11-24', '15:00');

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env, now: () => NOW });
  return { code, stdout, stderr };
}

describe('cli: users and calendar', () => {
  const dir = path.join(tmp, 'data');
  const sup = { LPSE_PASSWORD: 'kasubbag-2026' };

  it('creates the first supervisor, then staff recorded as that supervisor, lists and disables them', async () => {
    const notSup = await cli(['users', 'add', '--username', 'rina', '--name', 'Rina', '--roles', 'verifier', '--data-dir', dir], { LPSE_NEW_PASSWORD: 'rina-sandi-2026' });
    expect(notSup.code).toBe(1);
    expect(notSup.stderr).toContain('Akun pertama harus berperan supervisor');

    const first = await cli(['users', 'add', '--username', 'kasubbag', '--name', 'Kepala Sub Bagian', '--roles', 'supervisor', '--data-dir', dir], { LPSE_NEW_PASSWORD: sup.LPSE_PASSWORD });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Akun "kasubbag" (Kepala Sub Bagian) ditambahkan dengan peran supervisor.');
    expect(first.stdout).not.toContain('Kata sandi awal');

    const noAs = await cli(['users', 'add', '--username', 'rina', '--name', 'Rina', '--roles', 'verifier', '--data-dir', dir]);
    expect(noAs.code).toBe(2);
    expect(noAs.stderr).toContain('--as');
    const badRole = await cli(['users', 'add', '--username', 'rina', '--name', 'Rina', '--roles', 'kasir', '--as', 'kasubbag', '--data-dir', dir], sup);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('Peran tidak dikenal: kasir');
    const wrongPw = await cli(['users', 'add', '--username', 'rina', '--name', 'Rina', '--roles', 'verifier', '--as', 'kasubbag', '--data-dir', dir], { LPSE_PASSWORD: 'salah-sekali-9' });
    expect(wrongPw.code).toBe(1);
    expect(wrongPw.stderr).toContain('Nama pengguna atau kata sandi salah');

    const added = await cli(['users', 'add', '--username', 'rina', '--name', 'Rina Wati', '--roles', 'verifier,helpdesk', '--as', 'kasubbag', '--data-dir', dir], sup);
    expect(added.code).toBe(0);
    const temp = /Kata sandi awal: (\S+)/.exec(added.stdout)?.[1];
    expect(temp).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);

    const list = await cli(['users', 'list', '--data-dir', dir]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/rina\s+Rina Wati\s+helpdesk, verifikator\s+aktif/);

    const off = await cli(['users', 'disable', 'rina', '--reason', 'Mutasi', '--as', 'kasubbag', '--data-dir', dir], sup);
    expect(off.code).toBe(0);
    expect(off.stdout).toBe('Akun "rina" kini nonaktif.\n');
    const ghost = await cli(['users', 'disable', 'tidakada', '--as', 'kasubbag', '--data-dir', dir], sup);
    expect(ghost.code).toBe(1);

    // Every event carries the acting user: the supervisor, not an anonymous CLI operator.
    const db = new Database(path.join(dir, 'counter.sqlite'), { readonly: true });
    try {
      const actors = db.prepare("SELECT type, actor_id, (SELECT username FROM users WHERE id = actor_id) AS who FROM events WHERE type LIKE 'user.%' ORDER BY seq").all() as { who: string }[];
      expect(actors.map((a) => a.who)).toEqual(['kasubbag', 'kasubbag', 'kasubbag']);
    } finally {
      db.close();
    }
  });

  it('imports a year of holidays from CSV, dry run first, with line errors for a bad file', async () => {
    const csv = path.join(tmp, 'libur-2027.csv');
    fs.writeFileSync(csv, 'tanggal,nama,jenis\n2027-01-01,Tahun Baru 2027 Masehi,libur_nasional\n2027-02-08,Cuti Bersama Imlek,cuti_bersama\n');
    const dry = await cli(['calendar', 'import', csv, '--dry-run', '--as', 'kasubbag', '--data-dir', dir], sup);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('+ 2027-01-01 Tahun Baru 2027 Masehi');
    expect(dry.stdout).toContain('Uji coba: tidak ada yang dicatat.');
    const done = await cli(['calendar', 'import', csv, '--as', 'kasubbag', '--data-dir', dir], sup);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('Kalender diperbarui.');
    const again = await cli(['calendar', 'import', csv, '--as', 'kasubbag', '--data-dir', dir], sup);
    expect(again.stdout).toContain('Tidak ada perubahan.');

    const bad = path.join(tmp, 'rusak.csv');
    fs.writeFileSync(bad, '2027-01-01,Tahun Baru,libur_nasional\n2027-13-01,Tidak ada,libur_nasional\n');
    const r = await cli(['calendar', 'import', bad, '--as', 'kasubbag', '--data-dir', dir], sup);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Baris 2');
    const unknownExt = await cli(['calendar', 'import', path.join(tmp, 'x.txt'), '--as', 'kasubbag', '--data-dir', dir], sup);
    expect(unknownExt.code).toBe(2);

    const db = new Database(path.join(dir, 'counter.sqlite'), { readonly: true });
    try {
      expect(db.prepare("SELECT date FROM calendar_holidays WHERE date LIKE '2027-%' ORDER BY date").all()).toEqual([{ date: '2027-01-01' }, { date: '2027-02-08' }]);
    } finally {
      db.close();
    }
  });
});
