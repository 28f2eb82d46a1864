/**
 * The physical side of an erasure on a PC (ADR 0019, issue 15 follow-up): the erased visitor's bytes must
 * leave the database file and its WAL, without a VACUUM on the counter's thread right after the erasure.
 * A file written with `secure_delete` all its life (every file this build creates) needs only the WAL
 * checkpoint; a file written before (no `secure_delete_since` mark) is rebuilt once, when the counter is
 * idle or at closing. Searched byte-wise on the plain configuration (an encrypted file proves nothing).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backupDatabase } from '../../db/backup';
import { candidatesQuery, needsWholeFileScrub, SECURE_SINCE_KEY } from '../../db/erasure';
import { log } from '../../backend/log';
import { startIdleScrub } from '../../backend/privacy';
import { PROXY_VISIT, signInAsSupervisor, startTestApp, tempDir, tickAll, type TestApp } from '../helpers';

const SECRETS = ['Rahmat Hidayat', 'rahmat hidayat', 'RAHMAT HIDAYAT', '6371011503900001', '81251234567'];

let apps: TestApp[] = [];
afterEach(async () => {
  for (const a of apps) await a.backend.close().catch(() => undefined);
  apps = [];
  vi.restoreAllMocks();
});

/** Which secrets the database file and its WAL hold, read as bytes. */
function secretsIn(dataDir: string): string[] {
  const hits: string[] = [];
  for (const f of fs.readdirSync(dataDir)) {
    if (!f.startsWith('counter.sqlite')) continue;
    const bytes = fs.readFileSync(path.join(dataDir, f));
    for (const s of SECRETS) if (bytes.includes(Buffer.from(s, 'utf8'))) hits.push(`${f}: ${s}`);
  }
  return hits;
}

/** The visitor to erase, their visit ticked through (each tick rewrites the visit's rows), then 120 others. */
async function fill(app: TestApp): Promise<string> {
  const x = await app.ok('visits.register', PROXY_VISIT);
  await tickAll(app, x.visit.visit.id);
  for (let i = 0; i < 120; i++) {
    app.clock.advance(1);
    const nik = `63710116039${String(10000 + i).slice(1)}1`.slice(0, 16);
    const v = await app.ok('visits.register', {
      ...PROXY_VISIT,
      person: { id: null, name: `Pemohon Contoh ${i}`, nik, phone: `0813 5${String(100000 + i).slice(1)} 12`, email: '' },
      company: { ...PROXY_VISIT.company!, id: null, name: `CV Contoh Banua ${i}`, npwp: `03.412.${String(100 + i).slice(-3)}.0-091.000` },
    });
    if (i % 4 === 0) await tickAll(app, v.visit.visit.id);
  }
  app.backend.ctx.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return x.visit.person.id;
}

function logged(spy: { mock: { calls: unknown[][] } }): string[] {
  return spy.mock.calls.map((c) => String(c[0]));
}

/**
 * A signed-in app whose file is as every file created before this build: no secure_delete mark, and (when
 * `zeroing` is false) rows rewritten without zeroing what they freed.
 */
async function unmarkedApp(zeroing: boolean): Promise<TestApp> {
  const app = await startTestApp();
  await signInAsSupervisor(app);
  app.backend.ctx.sqlite.prepare('DELETE FROM meta WHERE key = ?').run(SECURE_SINCE_KEY);
  if (!zeroing) app.backend.ctx.sqlite.pragma('secure_delete = OFF');
  return app;
}

describe('erasure: the bytes leave the file without a VACUUM on the counter', () => {
  it("the erasure's search reads the person's own visits by index, not the whole visits table", async () => {
    const app = await startTestApp();
    apps.push(app);
    await signInAsSupervisor(app);
    const personId = await fill(app);
    const q = candidatesQuery(personId).compile(app.backend.ctx.db);
    const plan = (app.backend.ctx.sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.parameters) as { detail: string }[]).map((r) => r.detail);
    // Before migration 015 this was "SCAN v": every visit read, inside the erasure's transaction.
    expect(plan).toContain('SEARCH v USING INDEX visits_by_person (person_id=?)');
    expect(plan.filter((d) => d.startsWith('SCAN v'))).toEqual([]);
    // And it still finds the person's registration events.
    expect((await candidatesQuery(personId).execute(app.backend.ctx.db)).rows.length).toBeGreaterThan(0);
  });

  it('a file written with secure_delete since its creation: gone from the file, the WAL and a fresh backup after the checkpoint alone', async () => {
    const app = await startTestApp();
    apps.push(app);
    await signInAsSupervisor(app);
    expect(needsWholeFileScrub(app.backend.ctx.sqlite)).toBe(false);
    expect(Number(app.backend.ctx.sqlite.pragma('secure_delete', { simple: true }))).toBe(1);
    const personId = await fill(app);
    expect(secretsIn(app.dataDir).length).toBeGreaterThan(0); // the search can see what it looks for
    const info = vi.spyOn(log, 'info');

    app.clock.advance(10);
    const r = await app.ok('privacy.erase', { personId, note: 'Permintaan tertulis pemohon' });
    expect(r.redacted).toBe(2);
    // The follow-up ran on the change notice: the WAL checkpoint only, no rebuild of the file.
    expect(logged(info)).toContain('erasure_checkpointed');
    expect(logged(info)).not.toContain('database_scrubbed');
    expect(secretsIn(app.dataDir)).toEqual([]);
    const backups = tempDir('lpse-scrub-backup-');
    await backupDatabase(app.backend.ctx.sqlite, backups, { kind: 'manual', now: app.clock.ms });
    for (const f of fs.readdirSync(backups)) {
      const bytes = fs.readFileSync(path.join(backups, f));
      for (const s of SECRETS) expect(bytes.includes(Buffer.from(s, 'utf8')), `${f}: ${s}`).toBe(false);
    }
    // The counter keeps working on the same connection, and the other visitors keep their data.
    const found = await app.ok('privacy.findSubjects', { query: 'Pemohon Contoh 7' });
    expect(found.subjects.map((s) => s.name)).toContain('Pemohon Contoh 7');
  });

  it('a file written before secure_delete: the erasure does not rebuild it; the idle rebuild does, once, and marks it', async () => {
    const app = await unmarkedApp(false);
    apps.push(app);
    const s = app.backend.ctx.sqlite;
    const personId = await fill(app);
    const info = vi.spyOn(log, 'info');
    app.clock.advance(10);
    await app.ok('privacy.erase', { personId, note: 'Permintaan tertulis pemohon' });
    expect(logged(info)).toContain('erasure_checkpointed');
    expect(logged(info)).not.toContain('database_scrubbed');
    // What secure_delete could not reach: earlier versions of rewritten rows, left in the pages' free space.
    const residue = secretsIn(app.dataDir);
    expect(residue.length).toBeGreaterThan(0);
    expect(needsWholeFileScrub(s)).toBe(true);

    const scrub = startIdleScrub(app.backend.ctx, { idleMs: 60_000, timer: false });
    const t0 = app.clock.ms;
    expect(await scrub.tick(t0)).toBe(false); // quiet for less than a minute
    expect(await scrub.tick(t0 + 30_000)).toBe(false);
    // The counter works: the quiet minute starts again.
    await app.ok('visits.register', { ...PROXY_VISIT, person: { id: null, name: 'Pemohon Sore', nik: '6371015505920002', phone: '0813 4888 1234', email: '' }, company: { ...PROXY_VISIT.company!, id: null, name: 'PT Barito Jaya', npwp: '02.111.222.3-091.000' } });
    expect(await scrub.tick(t0 + 61_000)).toBe(false);
    expect(await scrub.tick(t0 + 100_000)).toBe(false);
    expect(await scrub.tick(t0 + 122_000)).toBe(true);
    expect(logged(info)).toContain('database_scrubbed');
    expect(secretsIn(app.dataDir)).toEqual([]);
    expect(needsWholeFileScrub(s)).toBe(false);
    expect(await scrub.tick(t0 + 300_000)).toBe(false); // once
    scrub.stop();
  });

  it('a file written before secure_delete that holds no erasure is left alone, at idle and at closing', async () => {
    const app = await unmarkedApp(true);
    apps.push(app);
    const s = app.backend.ctx.sqlite;
    await fill(app);
    const info = vi.spyOn(log, 'info');
    const scrub = startIdleScrub(app.backend.ctx, { idleMs: 60_000, timer: false });
    const t0 = app.clock.ms;
    expect(await scrub.tick(t0)).toBe(false);
    expect(await scrub.tick(t0 + 3_600_000)).toBe(false);
    expect(await scrub.atClosing(t0 + 3_700_000)).toBe(false);
    expect(logged(info)).not.toContain('database_scrubbed');
    expect(needsWholeFileScrub(s)).toBe(true);
    scrub.stop();
  });

  it('a file written before secure_delete is rebuilt at closing when no idle moment came', async () => {
    const app = await unmarkedApp(false);
    const personId = await fill(app);
    // The app's own idle rebuild was set up at start, when the file still had its mark: reopen it unmarked.
    await app.backend.close();
    const again = await startTestApp({ dataDir: app.dataDir, clock: app.clock });
    await signInAsSupervisor(again);
    app.clock.advance(10);
    await again.ok('privacy.erase', { personId, note: 'Permintaan tertulis pemohon' });
    expect(secretsIn(again.dataDir).length).toBeGreaterThan(0);
    await again.backend.close();
    expect(secretsIn(again.dataDir)).toEqual([]);
  });
});
