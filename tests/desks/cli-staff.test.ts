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
    expect(notSup.stderr).toContain('Akun pertama harus berperan pimpinan');

    const first = await cli(['users', 'add', '--username', 'kasubbag', '--name', 'Kepala Sub Bagian', '--roles', 'kepala_subbagian', '--data-dir', dir], { LPSE_NEW_PASSWORD: sup.LPSE_PASSWORD });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Akun "kasubbag" (Kepala Sub Bagian) ditambahkan dengan peran kepala sub bagian, kepala bagian.');
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

  it('imports a year of holidays: dry run by default, an explicit mode, --apply to write, line errors for a bad file', async () => {
    const csv = path.join(tmp, 'libur-2027.csv');
    fs.writeFileSync(csv, 'tanggal,nama,jenis\n2027-01-01,Tahun Baru 2027 Masehi,libur_nasional\n2027-02-08,Cuti Bersama Imlek,cuti_bersama\n');
    const noMode = await cli(['calendar', 'import', csv, '--as', 'kasubbag', '--data-dir', dir], sup);
    expect(noMode.code).toBe(2);
    expect(noMode.stderr).toContain('Opsi --mode wajib diisi');
    const badMode = await cli(['calendar', 'import', csv, '--mode', 'replace_all', '--as', 'kasubbag', '--data-dir', dir], sup);
    expect(badMode.code).toBe(2);

    // 2027 is provisional: replacing it lists every computed (perkiraan) day it removes, before anything is written.
    const dry = await cli(['calendar', 'import', csv, '--mode', 'replace', '--as', 'kasubbag', '--data-dir', dir], sup);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('~ 2027-01-01 Tahun Baru 2027 Masehi [perkiraan] -> Tahun Baru 2027 Masehi (libur nasional)');
    expect(dry.stdout).toContain('+ 2027-02-08 Cuti Bersama Imlek (cuti bersama)');
    expect(dry.stdout).toContain('- 2027-01-05 Isra Mikraj Nabi Muhammad SAW [perkiraan] (menjadi hari kerja)');
    expect(dry.stdout).toContain('Uji coba: tidak ada yang dicatat.');
    const dryJson = await cli(['calendar', 'import', csv, '--mode', 'merge', '--as', 'kasubbag', '--json', '--data-dir', dir], sup);
    const preview = JSON.parse(dryJson.stdout) as { mode: string; applied: boolean; added: unknown[]; changed: unknown[]; removed: unknown[] };
    expect(preview).toMatchObject({ mode: 'merge', applied: false, removed: [] });
    expect(preview.added).toEqual([{ date: '2027-02-08', name: 'Cuti Bersama Imlek', kind: 'cuti_bersama' }]);

    const done = await cli(['calendar', 'import', csv, '--mode', 'replace', '--as', 'kasubbag', '--apply', '--data-dir', dir], sup);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('Kalender diperbarui.');
    const again = await cli(['calendar', 'import', csv, '--mode', 'replace', '--as', 'kasubbag', '--apply', '--data-dir', dir], sup);
    expect(again.stdout).toContain('Tidak ada perubahan.');

    const bad = path.join(tmp, 'rusak.csv');
    fs.writeFileSync(bad, '2027-01-01,Tahun Baru,libur_nasional\n2027-13-01,Tidak ada,libur_nasional\n');
    const r = await cli(['calendar', 'import', bad, '--mode', 'merge', '--as', 'kasubbag', '--data-dir', dir], sup);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Baris 2');
    const unknownExt = await cli(['calendar', 'import', path.join(tmp, 'x.txt'), '--mode', 'merge', '--as', 'kasubbag', '--data-dir', dir], sup);
    expect(unknownExt.code).toBe(2);

    const db = new Database(path.join(dir, 'counter.sqlite'), { readonly: true });
    try {
      expect(db.prepare("SELECT date FROM calendar_holidays WHERE date LIKE '2027-%' ORDER BY date").all()).toEqual([{ date: '2027-01-01' }, { date: '2027-02-08' }]);
    } finally {
      db.close();
    }

    // After the decree 2027 is set: status says so, and a deadline into 2027 is no longer provisional.
    const status = await cli(['calendar', 'status', '--json', '--data-dir', dir]);
    const st = JSON.parse(status.stdout) as { years: { year: number; status: string; holidays: { date: string; provisional: boolean }[] }[] };
    expect(st.years.map((y) => [y.year, y.status])).toEqual([
      [2025, 'set'],
      [2026, 'set'],
      [2027, 'set'],
    ]);
    expect(st.years[2]!.holidays.map((h) => h.date)).toEqual(['2027-01-01', '2027-02-08']);
  });

  it('computes a deadline as the app does, across the year boundary, and says when it is provisional', async () => {
    const fresh = path.join(tmp, 'due');
    await cli(['users', 'add', '--username', 'kasubbag', '--name', 'Kepala Sub Bagian', '--roles', 'kepala_subbagian', '--data-dir', fresh], { LPSE_NEW_PASSWORD: sup.LPSE_PASSWORD });
    const due = await cli(['calendar', 'due', '--from', '2026-12-23T10:00:00+08:00', '--working-days', '5', '--json', '--data-dir', fresh]);
    expect(due.code).toBe(0);
    expect(JSON.parse(due.stdout)).toEqual({ due: '2027-01-04T10:00:00+08:00', provisional: true });
    const utc = await cli(['calendar', 'due', '--from', '2026-12-31T06:00:00Z', '--working-days', '1', '--json', '--data-dir', fresh]);
    expect(JSON.parse(utc.stdout)).toEqual({ due: '2027-01-04T14:00:00+08:00', provisional: true });
    const minutes = await cli(['calendar', 'due', '--from', '2026-11-27T16:20', '--minutes', '30', '--json', '--data-dir', fresh]);
    expect(JSON.parse(minutes.stdout)).toEqual({ due: '2026-11-30T07:50:00+08:00', provisional: false });
    const text = await cli(['calendar', 'due', '--from', '2026-12-23T10:00:00+08:00', '--working-days', '5', '--data-dir', fresh]);
    expect(text.stdout).toBe('Batas waktu: Senin, 4 Januari 2027 10:00 WITA (perkiraan: melewati tahun yang hari liburnya belum ditetapkan)\n');

    const status = await cli(['calendar', 'status', '--json', '--data-dir', fresh]);
    const st = JSON.parse(status.stdout) as { today: string; years: { year: number; status: string; holidays: { date: string; name: string; provisional: boolean }[] }[]; notice: { title: string } | null };
    expect(st.today).toBe('2026-11-24');
    expect(st.years.map((y) => [y.year, y.status])).toEqual([
      [2025, 'set'],
      [2026, 'set'],
      [2027, 'provisional'],
    ]);
    expect(st.years[2]!.holidays.find((h) => h.date === '2027-01-05')).toEqual({ date: '2027-01-05', name: 'Isra Mikraj Nabi Muhammad SAW', kind: 'libur_nasional', provisional: true });
    expect(st.notice?.title).toBe('Kalender 2027 belum ditetapkan');

    for (const [args, message] of [
      [['calendar', 'due', '--from', 'besok pagi', '--working-days', '1'], 'bukan waktu ISO yang valid'],
      [['calendar', 'due', '--from', '2026-02-30T10:00', '--working-days', '1'], 'bukan waktu ISO yang valid'],
      [['calendar', 'due', '--from', '2026-12-23T10:00', '--minutes', '30', '--working-days', '1'], 'tepat salah satu'],
      [['calendar', 'due', '--from', '2026-12-23T10:00'], 'tepat salah satu'],
      [['calendar', 'due', '--working-days', '1'], '--from wajib diisi'],
      [['calendar', 'due', '--from', '2026-12-23T10:00', '--minutes', '0'], '--minutes harus bilangan bulat'],
      [['calendar', 'libur'], 'Aksi tidak dikenal'],
    ] as const) {
      const r = await cli([...args, '--data-dir', fresh]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(message);
    }
    const help = await cli(['calendar', '--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--from', '--minutes', '--working-days', '--mode', '--apply', '--as', '--json']) expect(help.stdout).toContain(flag);
  });
});
