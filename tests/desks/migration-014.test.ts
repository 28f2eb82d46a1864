/**
 * Migration 014 (docs/adr/0033-aggregates-rowid.md): `aggregates` moves from a `WITHOUT ROWID` table, where a
 * visit's state spilled to overflow pages that every checklist tick rewrote, to a rowid table. A file written
 * before it keeps every row exactly, and the app goes on recording into it.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from '../../db/open';
import { SCHEMA_VERSION } from '../../db/migrations';
import { verifyDatabase } from '../../db/verify';
import { aggregatesAsBefore014, PROXY_VISIT, signInAsSupervisor, startTestApp, tempDir, TestClock, THU_0900_WITA, type TestApp } from '../helpers';

type Row = { id: string; type: string; last_key: string; state: string | null; event_count: number };
const ALL_ROWS = 'SELECT id, type, last_key, state, event_count FROM aggregates ORDER BY id';
const tableSql = (db: Database.Database) => (db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'aggregates'").get() as { sql: string }).sql;
const overflowPages = (db: Database.Database) =>
  (db.prepare("SELECT count(*) AS n FROM dbstat WHERE name = 'aggregates' AND pagetype = 'overflow'").get() as { n: number }).n;

/** The page numbers of the frames in a WAL file (https://sqlite.org/walformat.html: 32-byte header, 24-byte frame headers). */
function walPages(file: string): number[] {
  const buf = fs.readFileSync(file);
  const pageSize = buf.readUInt32BE(8);
  const pages: number[] = [];
  for (let off = 32; off + 24 + pageSize <= buf.length; off += 24 + pageSize) pages.push(buf.readUInt32BE(off));
  return pages;
}

const apps: TestApp[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.backend.close();
});

/** Marks every item of the visit's checklist, the way the counter does: the state grows with each mark. */
async function markAll(app: TestApp, visitId: string): Promise<void> {
  const detail = await app.ok('visits.startChecklist', { visitId });
  for (const item of detail.checklist) {
    await app.ok('visits.markItem', { visitId, itemCode: item.code, originalSeen: true, copyReceived: true, validUntil: '2030-12-31', meteraiOk: true, notBrought: false, note: 'Asli diperiksa, salinan diterima.' });
  }
}

describe('migration 014: aggregates as a rowid table', () => {
  it('moves every aggregate over unchanged from a file written before it, and the counter goes on recording', async () => {
    const dir = tempDir();
    const clock = new TestClock(THU_0900_WITA);
    const first = await startTestApp({ dataDir: dir, clock });
    await signInAsSupervisor(first);
    const reg = await first.ok('visits.register', PROXY_VISIT);
    const visitId = reg.visit.visit.id;
    await markAll(first, visitId);
    await first.backend.close();

    // The file as the build before this migration left it: schema 13, `aggregates` WITHOUT ROWID.
    const raw = new Database(path.join(dir, DB_FILE_NAME));
    aggregatesAsBefore014(raw);
    raw.pragma('user_version = 13');
    expect(tableSql(raw)).toMatch(/WITHOUT ROWID/);
    // The visit's state no longer fits an index leaf's local part: it spills, as in every office's file.
    const overflowsBefore = overflowPages(raw);
    expect(overflowsBefore).toBeGreaterThan(0);
    const before = raw.prepare(ALL_ROWS).all() as Row[];
    raw.close();
    expect(before.length).toBeGreaterThan(5);
    expect(before.find((r) => r.id === visitId)!.state!.length).toBeGreaterThan(1500);

    const app = await startTestApp({ dataDir: dir, clock });
    apps.push(app);
    const db = app.backend.ctx.sqlite;
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(tableSql(db)).not.toMatch(/WITHOUT ROWID/i);
    // Same rows, same values, byte for byte.
    expect(db.prepare(ALL_ROWS).all()).toEqual(before);
    // Only states over a table leaf's 4,061 local bytes still spill (the catalogue, the calendar), not the visit.
    const overflowsAfter = overflowPages(db);
    expect(overflowsAfter).toBeLessThan(overflowsBefore);
    // `id` is still the key: a second row with the same id is refused, and upserts find the row.
    expect(() => db.prepare("INSERT INTO aggregates (id, type, last_key, state, event_count) VALUES (?, 'visit', 'x', NULL, 0)").run(visitId)).toThrow(/UNIQUE/);

    // The counter goes on: another visit is recorded and marked, the old visit's aggregate updated in place.
    await signInAsSupervisor(app);
    const next = await app.ok('visits.register', {
      ...PROXY_VISIT,
      person: { ...PROXY_VISIT.person, nik: '6371011503900002' },
      company: { ...PROXY_VISIT.company!, name: 'CV Banua Sejahtera', npwp: '01.312.166.0-091.001' },
    });
    await markAll(app, next.visit.visit.id);
    // A tick rewrites the visit's row in its leaf: no overflow page, no freed page, not page 1 (whose freelist
    // count changed on every tick before), in what the commit wrote to the WAL.
    db.pragma('wal_checkpoint(TRUNCATE)');
    const firstItem = (await app.ok('visits.get', { visitId })).checklist[0]!.code;
    await app.ok('visits.markItem', { visitId, itemCode: firstItem, originalSeen: false, copyReceived: false, validUntil: null, meteraiOk: false, notBrought: true, note: '' });
    const written = walPages(path.join(dir, `${DB_FILE_NAME}-wal`));
    const kinds = db.prepare(`SELECT name, pagetype FROM dbstat WHERE pageno IN (${written.join(',')})`).all() as { name: string; pagetype: string }[];
    expect(kinds.filter((k) => k.name === 'aggregates').map((k) => k.pagetype)).toEqual(['leaf']);
    expect(written).not.toContain(1);
    expect(kinds.length).toBe(written.length); // every page written belongs to a table or index: none freed
    expect(db.prepare('SELECT count(*) AS n FROM aggregates WHERE id = ?').get(visitId)).toEqual({ n: 1 });
    const after = db.prepare('SELECT event_count FROM aggregates WHERE id = ?').get(visitId) as { event_count: number };
    expect(after.event_count).toBe(before.find((r) => r.id === visitId)!.event_count + 1);
    expect(overflowPages(db)).toBe(overflowsAfter); // the second visit, grown to the same size, spilled nothing
    // Every projection and aggregate still equals what the log folds to.
    const report = await verifyDatabase(db, { scratchDir: tempDir() });
    expect(report.ok).toBe(true);
  });
});
