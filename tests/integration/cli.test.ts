/**
 * The admin CLI: verbs run in-process through `runCli` (fast), plus the bundled entry point spawned as the
 * operator would run it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/run';
import { VERBS } from '../../cli/verbs';
import type { Catalogue } from '../../domain/catalogue/types';
import { witaDateTimeToMs } from '../../domain/time/wita';

const root = path.resolve(__dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lpse-cli-'));
const NOW = witaDateTimeToMs('2026-11-24', '15:00');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env, now: () => NOW });
  return { code, stdout, stderr };
}

function visitsChecksum(dataDir: string): string {
  const db = new Database(path.join(dataDir, 'counter.sqlite'), { readonly: true });
  try {
    return createHash('sha256').update(JSON.stringify(db.prepare('SELECT * FROM visits ORDER BY id').all())).digest('hex');
  } finally {
    db.close();
  }
}

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('cli verbs', () => {
  it('prints help for every verb, and an overview', async () => {
    for (const verb of VERBS) {
      const r = await cli([verb.name, '--help']);
      expect(r.code, verb.name).toBe(0);
      expect(r.stdout).toContain(`Penggunaan: npm run cli -- ${verb.name}`);
      expect(r.stdout).toContain('--data-dir');
      expect(r.stdout).toContain('--help');
    }
    const top = await cli(['--help']);
    expect(top.code).toBe(0);
    for (const verb of VERBS) expect(top.stdout).toContain(verb.name);
    const none = await cli([]);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain('Perintah:');
  });

  it('refuses an unknown verb, unknown flags and bad values without creating the data folder', async () => {
    const dir = path.join(tmp, 'never');
    const bad: [string[], RegExp][] = [
      [['hapus-semua'], /perintah tidak dikenal: hapus-semua/],
      [['demo-data', '--bogus'], /Opsi tidak dikenal: --bogus/],
      [['demo-data', '--visits', 'banyak'], /--visits harus bilangan bulat/],
      [['demo-data', '--visits', '0'], /--visits harus bilangan bulat 1 sampai/],
      [['demo-data', '--visits', '5', '--vendors', '10'], /tidak boleh melebihi jumlah kunjungan/],
      [['demo-data', '--days'], /--days memerlukan nilai/],
      [['demo-data', '--days', '3', '--days', '4'], /lebih dari sekali/],
      [['demo-data', '--now', '2026-13-01'], /--now harus berformat/],
      [['demo-data', '--now', '2099-01-01'], /masa depan/],
      [['demo-data', 'ekstra'], /Argumen tidak dikenal: ekstra/],
      [['catalogue', '--json=ya'], /tidak menerima nilai/],
      [['catalogue', '--data-dir'], /--data-dir memerlukan nama folder/],
    ];
    for (const [args, message] of bad) {
      const r = await cli(args.includes('--data-dir') ? args : [...args, '--data-dir', dir]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stdout).toBe('');
      expect(fs.existsSync(dir), args.join(' ')).toBe(false);
    }
  });

  it('does not create a database when reading from a folder that has none', async () => {
    const dir = path.join(tmp, 'kosong');
    const r = await cli(['catalogue', '--data-dir', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/belum berisi basis data/);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('demo-data is deterministic across folders; catalogue reads the seeded catalogue through the backend', async () => {
    const a = path.join(tmp, 'a');
    const b = path.join(tmp, 'b');
    const ra = await cli(['demo-data', '--visits', '150', '--days', '6', '--seed', 'sama', '--now', '2026-11-24T15:00', '--data-dir', a]);
    expect(ra.code, ra.stderr).toBe(0);
    expect(ra.stdout).toContain('Kunjungan : 150');
    expect(ra.stdout).toContain('kasubbag');
    expect(ra.stdout).toContain('demo-lpse-2026');
    expect(ra.stderr).toMatch(/demo-data: hari \d+\/6/);
    // The environment variable names the folder when --data-dir is absent.
    const rb = await cli(['demo-data', '--visits=150', '--days=6', '--seed=sama', '--now=2026-11-24T15:00'], { LPSE_COUNTER_DATA_DIR: b });
    expect(rb.code, rb.stderr).toBe(0);
    expect(visitsChecksum(b)).toBe(visitsChecksum(a));

    const again = await cli(['demo-data', '--visits', '10', '--data-dir', a]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/sudah berisi 150 kunjungan/);
    expect(visitsChecksum(a)).toBe(visitsChecksum(b));

    const json = await cli(['catalogue', '--json', '--data-dir', a]);
    expect(json.code, json.stderr).toBe(0);
    const catalogue = JSON.parse(json.stdout) as Catalogue;
    expect(catalogue.services).toHaveLength(7);
    expect(catalogue.services.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const table = await cli(['catalogue', '--data-dir', a]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/30 menit/);
    expect(table.stdout).toMatch(/5 hari kerja/);
    expect(table.stdout).toMatch(/Admin Sistem/); // the unit's name in the catalogue (domain/catalogue/units.ts)
  });
});

describe('bundled cli entry point', () => {
  const bundle = path.join(root, 'dist/node/cli.mjs');
  beforeAll(() => {
    execFileSync(process.execPath, [path.join(root, 'build/build.mjs'), '--node-only', '--quiet'], { cwd: root, stdio: 'inherit' });
  }, 120_000);

  it('runs verbs and exits non-zero on bad usage', () => {
    const dir = path.join(tmp, 'spawned');
    const bad = spawnSync(process.execPath, [bundle, 'demo-data', '--visits', '-3', '--data-dir', dir], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/Kesalahan: Nilai --visits/);
    expect(fs.existsSync(dir)).toBe(false);

    const made = spawnSync(process.execPath, [bundle, 'demo-data', '--visits', '40', '--days', '3', '--data-dir', dir], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    const out = spawnSync(process.execPath, [bundle, 'catalogue', '--json', '--data-dir', dir], { encoding: 'utf8' });
    expect(out.status, out.stderr).toBe(0);
    expect((JSON.parse(out.stdout) as Catalogue).services).toHaveLength(7);
  });
});
