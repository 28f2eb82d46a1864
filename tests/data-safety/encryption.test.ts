/**
 * Encryption at rest (issue 15 item 5, docs/adr/0017-encryption-at-rest.md): the database, its WAL and its
 * backups hold no plaintext of a visitor; a plain database is converted once, keeping every event and a
 * safety copy; a wrong key is refused in Indonesian with nothing changed; the CLI opens the folder through
 * its key file.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/run';
import { backupDir, listBackups } from '../../db/backup';
import { DATABASE_KEY_FILE_NAME, fileDatabaseKeyStore, loadOrCreateDatabaseKey } from '../../db/database-key';
import { DB_FILE_NAME, openDatabase } from '../../db/open';
import { DatabaseKeyError, isPlainSqliteFile, openSqlite } from '../../db/sqlite';
import { verifyDatabase } from '../../db/verify';
import { PROXY_VISIT, signInAsSupervisor, startTestApp, tempDir, type TestApp } from '../helpers';

const open: TestApp[] = [];
afterEach(async () => {
  for (const a of open.splice(0)) await a.backend.close().catch(() => undefined);
});

const NAME = String(PROXY_VISIT.person.name); // 'Rahmat Hidayat'
const NIK = String(PROXY_VISIT.person.nik);

/** Every file under `dir` (recursively) whose bytes contain `needle` (UTF-8), as paths relative to `dir`. */
function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else if (fs.readFileSync(f).includes(Buffer.from(needle, 'utf8'))) hits.push(path.relative(dir, f));
    }
  };
  walk(dir);
  return hits.sort();
}

async function registerVisitors(a: TestApp, n: number): Promise<void> {
  await signInAsSupervisor(a);
  for (let i = 0; i < n; i++) {
    const nik = `63710115039${String(10000 + i).slice(-5)}`;
    await a.ok('visits.register', i === 0 ? PROXY_VISIT : { ...PROXY_VISIT, person: { ...PROXY_VISIT.person, name: `Pengunjung Ke ${i}`, nik }, company: { ...PROXY_VISIT.company!, id: null, name: `CV Uji ${i}`, npwp: '' } });
  }
}

const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

describe('encryption at rest', () => {
  it('the encrypted database, its WAL and its backups hold no plaintext of a registered visitor (a plain one does)', async () => {
    // The control: without a key the name is there, so the search below can find it.
    const plain = await startTestApp({ key: null });
    open.push(plain);
    await registerVisitors(plain, 1);
    await plain.backend.ctx.backups!.run('manual');
    expect(filesContaining(plain.dataDir, NAME).length).toBeGreaterThan(0);

    const key = crypto.randomBytes(32);
    const a = await startTestApp({ key });
    open.push(a);
    await registerVisitors(a, 3);
    const m = (await a.backend.ctx.backups!.run('manual'))!;
    expect(m.encrypted).toBe(true);
    // While the app runs (the visit still in the WAL) and after it closed.
    expect(fs.existsSync(path.join(a.dataDir, `${DB_FILE_NAME}-wal`))).toBe(true);
    expect(filesContaining(a.dataDir, NAME)).toEqual([]);
    expect(filesContaining(a.dataDir, NIK)).toEqual([]);
    await a.backend.close();
    open.splice(open.indexOf(a), 1);
    expect(filesContaining(a.dataDir, NAME)).toEqual([]);
    expect(isPlainSqliteFile(path.join(a.dataDir, DB_FILE_NAME))).toBe(false);
    // The backup opens with the key and holds the visitor.
    const b = openSqlite(path.join(backupDir(a.dataDir), m.file), { key, readonly: true });
    expect((b.prepare('SELECT count(*) AS n FROM persons WHERE name = ?').get(NAME) as { n: number }).n).toBe(1);
    b.close();
  });

  it('converts an existing plain database once, keeping every event, a checked safety copy, and no plaintext', async () => {
    const dir = tempDir('lpse-convert-');
    const a = await startTestApp({ dataDir: dir, key: null });
    await registerVisitors(a, 5);
    await a.backend.ctx.backups!.run('manual'); // an older plain backup: it must not stay plain
    const before = a.backend.ctx.sqlite.prepare('SELECT id, seq FROM events ORDER BY seq').all();
    await a.backend.close();
    expect(filesContaining(dir, NAME).length).toBeGreaterThan(0);

    const key = crypto.randomBytes(32);
    const b = await startTestApp({ dataDir: dir, key });
    open.push(b);
    expect(b.backend.ctx.storage.mode).toBe('normal');
    expect(b.backend.ctx.sqlite.prepare('SELECT id, seq FROM events ORDER BY seq').all()).toEqual(before);
    const report = await verifyDatabase(b.backend.ctx.sqlite);
    expect(report.ok).toBe(true);
    const backups = listBackups(backupDir(dir));
    const safety = backups.find((x) => x.kind === 'pre_encryption')!;
    expect(safety.events).toBe(before.length);
    for (const x of backups) {
      expect(x.encrypted).toBe(true);
      expect(sha(path.join(backupDir(dir), x.file))).toBe(x.sha256);
    }
    const copy = openSqlite(path.join(backupDir(dir), safety.file), { key, readonly: true });
    expect((copy.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n).toBe(before.length);
    copy.close();
    // Work goes on, encrypted; a second start does not convert again.
    await signInAsSupervisor(b);
    await b.ok('visits.register', { ...PROXY_VISIT, person: { ...PROXY_VISIT.person, id: null, name: 'Setelah Enkripsi', nik: '6371011503909999' }, company: { ...PROXY_VISIT.company!, id: null, name: 'CV Baru', npwp: '' } });
    await b.backend.close();
    open.splice(open.indexOf(b), 1);
    expect(filesContaining(dir, NAME)).toEqual([]);
    expect(filesContaining(dir, 'Setelah Enkripsi')).toEqual([]);
    const c = await startTestApp({ dataDir: dir, key });
    open.push(c);
    expect(listBackups(backupDir(dir)).filter((x) => x.kind === 'pre_encryption')).toHaveLength(1);
    expect((c.backend.ctx.sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n).toBeGreaterThan(before.length);
  });

  it('a wrong key is refused with an Indonesian message and nothing changed', async () => {
    const key = crypto.randomBytes(32);
    const a = await startTestApp({ key });
    await registerVisitors(a, 1);
    await a.backend.close();
    const file = path.join(a.dataDir, DB_FILE_NAME);
    const listing = () => fs.readdirSync(a.dataDir).sort();
    const before = { hash: sha(file), files: listing() };
    const err = await openDatabase(a.dataDir, { key: crypto.randomBytes(32) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseKeyError);
    expect((err as Error).message).toMatch(/tidak dapat dibuka dengan kunci perangkat ini.*Tidak ada yang diubah/);
    // Without any key an encrypted file cannot be told from a damaged one: refused as damaged, never new.
    const noKey = await openDatabase(a.dataDir, { key: null }).catch((e: unknown) => e);
    expect((noKey as Error & { code?: string }).code).toBe('database_corrupt');
    expect({ hash: sha(file), files: listing() }).toEqual(before);
    const ok = await openDatabase(a.dataDir, { key });
    expect((ok.sqlite.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n).toBe(1);
    await ok.close();
  });

  it('the CLI opens an encrypted folder with its key file (0600), and refuses a key file others can read', async () => {
    const dir = tempDir('lpse-cli-enc-');
    const key = loadOrCreateDatabaseKey(fileDatabaseKeyStore(dir));
    expect(fs.statSync(path.join(dir, DATABASE_KEY_FILE_NAME)).mode & 0o777).toBe(0o600);
    const a = await startTestApp({ dataDir: dir, key });
    await registerVisitors(a, 2);
    await a.backend.close();
    const cli = async (args: string[]) => {
      let stdout = '';
      let stderr = '';
      const code = await runCli([...args, '--data-dir', dir], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {}, now: () => Date.now() });
      return { code, stdout, stderr };
    };
    const verify = await cli(['db', 'verify', '--json']);
    expect(verify.stderr).toBe('');
    expect(verify.code).toBe(0);
    expect((JSON.parse(verify.stdout) as { ok: boolean }).ok).toBe(true);
    const backup = await cli(['db', 'backup', '--json']);
    expect(backup.code).toBe(0);
    expect(filesContaining(dir, NAME)).toEqual([]);
    fs.chmodSync(path.join(dir, DATABASE_KEY_FILE_NAME), 0o644);
    const refused = await cli(['db', 'verify']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/dapat dibaca pengguna lain/);
  });
});
