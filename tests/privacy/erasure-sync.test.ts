/**
 * Erasure through sync (issue 15 item 6, ADR 0019): a visitor's personal data erased on one PC leaves every
 * PC's database, the server's database and a fresh backup — searched byte-wise in the files (database, WAL)
 * on the plain configuration, and in the server's rows on PostgreSQL — while the monthly report's counts do
 * not change and other visitors keep their data.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { backupDatabase } from '../../db/backup';
import { ERASED_NAME } from '../../domain/privacy/erasure';
import { serverScrubIdle } from '../../server/privacy';
import { PROXY_VISIT, tempDir } from '../helpers';
import { expectConverged } from '../sync/converge';
import { enroll, PG_URL, SERVER_KINDS, setUpSupervisor, signIn, startPc, TestSyncServer, type Pc, syncBed } from '../sync/harness';

const bed = syncBed();

/** What must be gone: the name as typed and as normalised, the NIK, the phone in national and E.164 digits. */
const SECRETS = ['Rahmat Hidayat', 'rahmat hidayat', 'RAHMAT HIDAYAT', '6371011503900001', '81251234567'];

const COMPANY = PROXY_VISIT.company!;

const OTHER_VISIT: typeof PROXY_VISIT = {
  ...PROXY_VISIT,
  person: { id: null, name: 'Siti Aminah', nik: '6371015505920002', phone: '0813 4888 1234', email: '' },
  company: { ...COMPANY, id: null, name: 'PT Barito Jaya', npwp: '02.111.222.3-091.000' },
};

/** Every file of a folder (recursively) whose bytes contain any secret; names of the hits. */
function filesHolding(dir: string, secrets = SECRETS): string[] {
  const hits: string[] = [];
  const walk = (d: string) => {
    for (const f of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, f.name);
      if (f.isDirectory()) walk(p);
      else {
        const bytes = fs.readFileSync(p);
        for (const s of secrets) if (bytes.includes(Buffer.from(s, 'utf8'))) hits.push(`${path.relative(dir, p)}: ${s}`);
      }
    }
  };
  walk(dir);
  return hits;
}

function dbFiles(pc: Pc): string {
  // The database and its WAL/SHM only (backups are searched on their own).
  const d = tempDir('lpse-erasure-scan-');
  for (const f of fs.readdirSync(pc.dataDir)) if (f.startsWith('counter.sqlite')) fs.copyFileSync(path.join(pc.dataDir, f), path.join(d, f));
  return d;
}

function withoutTimestamps(r: Record<string, unknown>): Record<string, unknown> {
  const { generatedAt: _g, ...rest } = r;
  return rest;
}

/**
 * The file PostgreSQL keeps `events` in (its relfilenode) and the table's dead row versions. A test without
 * superuser cannot read the heap's bytes (pg_read_binary_file, pageinspect); what it can see is that the
 * table was rewritten into a new file after the erasure (VACUUM FULL): the file that held the dead row
 * versions with the old payloads is no longer the table's, and PostgreSQL truncates it at commit.
 */
async function pgEventsFile(db: string): Promise<{ filenode: number; files: number[] }> {
  const u = new URL(PG_URL!);
  u.pathname = `/${db}`;
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  try {
    const filenode = Number((await c.query(`SELECT pg_relation_filenode('events') AS f`)).rows[0].f);
    const files = (await c.query(`SELECT relfilenode AS f FROM pg_class WHERE relfilenode <> 0`)).rows.map((r: { f: string }) => Number(r.f));
    return { filenode, files };
  } finally {
    await c.end();
  }
}

async function pgRowsHolding(db: string, secrets = SECRETS): Promise<number> {
  const u = new URL(PG_URL!);
  u.pathname = `/${db}`;
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  try {
    let n = 0;
    for (const s of secrets) n += Number((await c.query(`SELECT count(*) AS n FROM events WHERE payload LIKE $1`, [`%${s}%`])).rows[0].n);
    return n;
  } finally {
    await c.end();
  }
}

describe.each(SERVER_KINDS)('erasure through sync (%s server)', (kind) => {
  it('erased on A: gone from A, B, the server and a fresh backup; counts unchanged; others kept', async () => {
    const server = (bed.server = await TestSyncServer.start(kind));
    const { officeId, code } = await server.createOffice('LPSE Kota Banjarmasin');
    const a = await startPc('A');
    const b = await startPc('B');
    bed.pcs.push(a, b);
    await setUpSupervisor(a);
    const x = await a.ok('visits.register', PROXY_VISIT);
    a.clock.advance(30);
    await a.ok('visits.register', OTHER_VISIT);
    a.clock.advance(60);
    // The same visitor comes back another day: two visits to erase.
    const x2 = await a.ok('visits.register', { ...PROXY_VISIT, person: { ...PROXY_VISIT.person, id: x.visit.person.id }, company: { ...COMPANY, id: x.visit.vendor!.id } });
    await enroll(a, server.url, code);
    await a.sync();
    await enroll(b, server.url, await server.newCode(officeId));
    await b.sync();
    await signIn(b);
    b.clock.ms = a.clock.ms;

    // The personal-data notice given at the guest book is recorded with the visit and synced (item 6).
    expect(x.visit.privacyNoticeAt).toBe(x.visit.visit.arrivedAt);
    expect((await b.ok('visits.get', { visitId: x.visit.visit.id })).privacyNoticeAt).toBe(x.visit.visit.arrivedAt);

    const month = '2026-11';
    const before = withoutTimestamps(await a.ok('report.monthly', { month }));
    expect(filesHolding(dbFiles(b)).length).toBeGreaterThan(0); // the test can see what it looks for

    const fileBefore = kind === 'pg' ? await pgEventsFile(server.pgDatabase!) : null;
    a.clock.advance(10);
    const personId = x.visit.person.id;
    const erased = await a.ok('privacy.erase', { personId, note: 'Permintaan tertulis pemohon tanggal 1 Desember 2026' });
    expect(erased.redacted).toBe(3); // person.registered and the two visit.registered
    expect(erased.pending).toBe(0);
    await a.sync();
    await b.sync();

    for (const pc of [a, b]) {
      expect(filesHolding(dbFiles(pc)), `${pc.name} database files`).toEqual([]);
      const v = await pc.ok('visits.get', { visitId: x2.visit.visit.id });
      expect(v.visit.visitorName).toBe(ERASED_NAME);
      const other = await pc.ok('privacy.findSubjects', { query: 'Siti' });
      expect(other.subjects.map((s) => s.name)).toEqual(['Siti Aminah']);
      expect(withoutTimestamps(await pc.ok('report.monthly', { month }))).toEqual(before);
      const overview = await pc.ok('privacy.overview', {});
      expect(overview.erasures).toHaveLength(1);
      expect(overview.erasures[0]!.subjectId).toBe(personId);
      expect(overview.erasures[0]!.appliedHere).not.toBeNull();
    }
    // A fresh backup of the PC that received the erasure by sync.
    const backups = tempDir('lpse-erasure-backup-');
    await backupDatabase(b.backend.ctx.sqlite, backups, { kind: 'manual', now: b.clock.ms });
    expect(filesHolding(backups)).toEqual([]);
    // The server.
    // The server rewrites its files after the push has answered (server/privacy.ts), in the background.
    await serverScrubIdle(server.store.db);
    if (kind === 'sqlite') expect(filesHolding(server.dataDir)).toEqual([]);
    else {
      expect(await pgRowsHolding(server.pgDatabase!)).toBe(0);
      // The table was rewritten (VACUUM FULL) after the erasure: the file with the dead row versions is gone.
      const after = await pgEventsFile(server.pgDatabase!);
      expect(after.filenode).not.toBe(fileBefore!.filenode);
      expect(after.files).not.toContain(fileBefore!.filenode);
    }
    // Every PC and the server still fold the same log into the same rows.
    await expectConverged(server, officeId, [a, b]);

    // A third PC joining later pulls only redacted events, each verified (the server signed the redaction).
    const c = await startPc('C');
    bed.pcs.push(c);
    await enroll(c, server.url, await server.newCode(officeId));
    const sc = await c.sync();
    expect(sc.state).toBe('online');
    expect(filesHolding(dbFiles(c))).toEqual([]);
    await signIn(c);
    expect((await c.ok('visits.get', { visitId: x.visit.visit.id })).visit.visitorName).toBe(ERASED_NAME);
    const quarantined = c.backend.ctx.sqlite.prepare('SELECT count(*) AS n FROM sync_quarantine').get() as { n: number };
    expect(quarantined.n).toBe(0);
    await expectConverged(server, officeId, [a, b, c]);
  });

  it('a visit recorded offline before the erasure and pushed after it is stored redacted everywhere', async () => {
    const server = (bed.server = await TestSyncServer.start(kind));
    const { officeId, code } = await server.createOffice('LPSE Kota Banjarmasin');
    const a = await startPc('A');
    const b = await startPc('B');
    bed.pcs.push(a, b);
    await setUpSupervisor(a);
    const x = await a.ok('visits.register', PROXY_VISIT);
    await enroll(a, server.url, code);
    await a.sync();
    await enroll(b, server.url, await server.newCode(officeId));
    await b.sync();
    await signIn(b);
    b.clock.ms = a.clock.ms + 60_000;
    // B (offline) registers the same visitor again, with a new phone number typed in.
    const late = await b.ok('visits.register', { ...PROXY_VISIT, person: { ...PROXY_VISIT.person, id: x.visit.person.id }, company: { ...COMPANY, id: x.visit.vendor!.id } });
    a.clock.ms = b.clock.ms + 60_000;
    await a.ok('privacy.erase', { personId: x.visit.person.id, note: 'Permintaan tertulis pemohon' });
    await a.sync();
    await b.sync(); // pushes its visit (the server redacts it on arrival), then pulls the erasure
    await a.sync();
    for (const pc of [a, b]) {
      expect(filesHolding(dbFiles(pc)), `${pc.name} database files`).toEqual([]);
      expect((await pc.ok('visits.get', { visitId: late.visit.visit.id })).visit.visitorName).toBe(ERASED_NAME);
    }
    await serverScrubIdle(server.store.db);
    if (kind === 'sqlite') expect(filesHolding(server.dataDir)).toEqual([]);
    else expect(await pgRowsHolding(server.pgDatabase!)).toBe(0);
    await expectConverged(server, officeId, [a, b]);
  });
});
