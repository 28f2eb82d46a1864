/**
 * Damaged files (issue 15): a backup killed half-way, a flipped byte in the database and in the WAL. Each
 * ends with nothing acknowledged lost or, where SQLite itself lost it, regained from the last backup and
 * reported; the damage is said at start instead of running on a broken file.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/run';
import { backupDir, listBackups } from '../../db/backup';
import { DB_FILE_NAME } from '../../db/open';
import { PROXY_VISIT, signInAsSupervisor, startTestApp, tempDir, type TestApp } from '../helpers';

const open: TestApp[] = [];
afterEach(async () => {
  for (const a of open.splice(0)) await a.backend.close().catch(() => undefined);
});

async function app(dataDir?: string): Promise<TestApp> {
  const a = await startTestApp(dataDir ? { dataDir } : {});
  open.push(a);
  return a;
}

async function registerMany(a: TestApp, from: number, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = from; i < from + n; i++) {
    const r = await a.ok('visits.register', {
      ...PROXY_VISIT,
      person: { ...PROXY_VISIT.person, name: `Pengunjung ${i}`, nik: `637101150390${String(i + 1).padStart(4, '0')}` },
      company: { ...PROXY_VISIT.company!, id: null, name: `CV Uji ${i}`, npwp: '' },
    });
    ids.push(r.visit.visit.id);
  }
  return ids;
}

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {}, now: () => Date.now() });
  return { code, stdout, stderr };
}

describe('a backup killed half-way', () => {
  it('leaves the database untouched, never counts, and is swept away at the next start', async () => {
    const a = await app();
    await signInAsSupervisor(a);
    await registerMany(a, 0, 40);
    await a.backend.close();
    open.pop();
    // A separate process takes a slow backup (one page per step) and is killed with SIGKILL mid-way.
    const script = `
      const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
      const db = new Database(${JSON.stringify(path.join(a.dataDir, DB_FILE_NAME))});
      const dir = ${JSON.stringify(backupDir(a.dataDir))};
      require('fs').mkdirSync(dir, { recursive: true });
      let said = false;
      db.backup(dir + '/counter-19700101-000000000Z-auto.sqlite.part', { progress: () => { if (!said) { said = true; process.stdout.write('started\\n'); } return 1; } });
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(fs.readdirSync(backupDir(a.dataDir)).some((f) => f.endsWith('.part'))).toBe(true);
    // Only the closing backup counts; the killed one never does.
    expect(listBackups(backupDir(a.dataDir)).map((b) => b.kind)).toEqual(['closing']);
    const b = await app(a.dataDir);
    expect((await b.ok('app.status', {})).storage.mode).toBe('normal');
    expect(fs.readdirSync(backupDir(a.dataDir)).some((f) => f.endsWith('.part'))).toBe(false);
    expect((b.backend.ctx.sqlite.prepare('SELECT count(*) AS n FROM visits').get() as { n: number }).n).toBe(40);
    await b.backend.close();
    open.pop();
    expect((await cli(['db', 'verify', '--data-dir', a.dataDir])).code).toBe(0);
  });
});

describe('flipped bytes', () => {
  it('in the database: said at start (read-only, damaged), and a restore from the last backup brings the data back', async () => {
    const a = await app();
    await signInAsSupervisor(a);
    await registerMany(a, 0, 60);
    const backup = (await a.backend.ctx.backups!.run('manual'))!;
    await a.backend.close();
    open.pop();
    const file = path.join(a.dataDir, DB_FILE_NAME);
    // Flip bytes in the middle of a page of the events table's b-tree (not the header).
    const raw = new Database(file, { readonly: true });
    const page = (raw.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'visits'").get() as { rootpage: number }).rootpage;
    const pageSize = Number(raw.pragma('page_size', { simple: true }));
    raw.close();
    const fd = fs.openSync(file, 'r+');
    const buf = Buffer.alloc(64, 0xff);
    fs.writeSync(fd, buf, 0, buf.length, (page - 1) * pageSize + 8);
    fs.closeSync(fd);

    const b = await app(a.dataDir);
    const status = await b.ok('app.status', {});
    expect(status.storage.mode).toBe('damaged');
    expect(status.storage.message).toMatch(/rusak/);
    b.token = (await b.ok('auth.signIn', { username: 'kasubbag', password: 'rahasia-123' })).token;
    const r = await b.call('visits.register', PROXY_VISIT);
    expect(r.ok).toBe(false);
    await b.backend.close();
    open.pop();
    expect((await cli(['db', 'verify', '--data-dir', a.dataDir])).code).toBe(1);

    expect((await cli(['db', 'restore', backup.file, '--apply', '--data-dir', a.dataDir])).code).toBe(0);
    const c = await app(a.dataDir);
    expect((await c.ok('app.status', {})).storage.mode).toBe('normal');
    expect((c.backend.ctx.sqlite.prepare('SELECT count(*) AS n FROM visits').get() as { n: number }).n).toBe(60);
    await c.backend.close();
    open.pop();
    expect((await cli(['db', 'verify', '--data-dir', a.dataDir])).code).toBe(0);
  });

  it('in the WAL: SQLite drops the frames from the damaged one on; the events it lost are reported against the last backup', async () => {
    const a = await app();
    await signInAsSupervisor(a);
    await registerMany(a, 0, 5);
    // Fold everything so far into the file, then write 20 acknowledged registrations into the WAL only.
    a.backend.ctx.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const backup = (await a.backend.ctx.backups!.run('manual'))!;
    a.backend.ctx.sqlite.pragma('wal_autocheckpoint = 0');
    await registerMany(a, 100, 20);
    const wal = path.join(a.dataDir, `${DB_FILE_NAME}-wal`);
    // Copy the files as a crash would leave them (the live connection would checkpoint on close).
    const crash = tempDir('lpse-crash-');
    fs.copyFileSync(path.join(a.dataDir, DB_FILE_NAME), path.join(crash, DB_FILE_NAME));
    fs.copyFileSync(wal, path.join(crash, `${DB_FILE_NAME}-wal`));
    fs.cpSync(backupDir(a.dataDir), backupDir(crash), { recursive: true });
    for (const f of fs.readdirSync(a.dataDir)) if (f.endsWith('.pem') || f.endsWith('.key') || f.includes('key')) fs.copyFileSync(path.join(a.dataDir, f), path.join(crash, f));
    const size = fs.statSync(path.join(crash, `${DB_FILE_NAME}-wal`)).size;
    const fd = fs.openSync(path.join(crash, `${DB_FILE_NAME}-wal`), 'r+');
    fs.writeSync(fd, Buffer.from([0x5a]), 0, 1, Math.floor(size / 2));
    fs.closeSync(fd);

    const b = await app(crash);
    const visits = (b.backend.ctx.sqlite.prepare('SELECT count(*) AS n FROM visits').get() as { n: number }).n;
    // Events this file holds beyond the backup: every event recorded after the first five registrations.
    const beyond = (b.backend.ctx.sqlite.prepare('SELECT count(*) AS n FROM events WHERE seq > ?').get(backup.lastSeq) as { n: number }).n;
    // SQLite stops reading the WAL at the damaged frame: later commits are gone from this file.
    expect(visits).toBeLessThan(25);
    // Whatever survived is consistent: the projections match the events.
    expect((await b.ok('app.status', {})).storage.mode).toBe('normal');
    await b.backend.close();
    open.pop();
    const v = await cli(['db', 'verify', '--json', '--data-dir', crash]);
    expect(v.code, v.stdout).toBe(0);
    // And the restore preview against the last backup reports what this file holds beyond it.
    const p = await cli(['db', 'restore', backup.file, '--json', '--data-dir', crash]);
    expect(p.code).toBe(0);
    expect((JSON.parse(p.stdout) as { preview: { newerHere: number } }).preview.newerHere).toBe(beyond);
    expect(visits).toBeGreaterThan(5);
    expect(beyond).toBeGreaterThanOrEqual((visits - 5) * 3); // a registration writes at least person, company and visit events
  });
});
