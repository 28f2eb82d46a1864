/**
 * Reads that run often, or inside a transaction the counter waits for, find their rows by index: none of
 * them reads a whole table of visits, events, persons or vendors. On a test's few rows a full scan costs
 * nothing; on a year of a busy counter (110,000 visits, 1.4 million events) it cost about 100 ms a read, on
 * the counter's thread — the erasure's search before migration 015, and the kiosk widget's list of visits
 * just served (`survey.recentServed`, read again on every visit change).
 *
 * Each read is dispatched once while the statements SQLite prepares are recorded; each recorded statement's
 * plan is then asked of SQLite (EXPLAIN QUERY PLAN).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addStaff, at, handedOverFile, signInAs } from '../desks/desk-helpers';
import { signInAsSupervisor, startTestApp, type TestApp } from '../helpers';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.backend.close();
  app = null;
});

/** Full scans allowed: tables that stay small (a few rows per office), named by table or by the alias SQLite prints. */
const SMALL = new Set(['event_denials', 'd', 'parked_events', 'p', 'users', 'meta', 'sync_state', 'erasures', 'erasure_applied', 'sync_quarantine', 'sync_held_events']);

function recorder(a: TestApp): { during: <T>(fn: () => Promise<T>) => Promise<T>; scans: () => string[] } {
  const sqlite = a.backend.ctx.sqlite;
  const prepare = sqlite.prepare.bind(sqlite);
  const seen = new Set<string>();
  let on = false;
  (sqlite as unknown as { prepare: (q: string) => unknown }).prepare = (q: string) => {
    if (on) seen.add(q);
    return prepare(q);
  };
  return {
    async during(fn) {
      on = true;
      try {
        return await fn();
      } finally {
        on = false;
      }
    },
    scans() {
      const out: string[] = [];
      for (const q of seen) {
        if (!/^\s*(select|with)\b/i.test(q)) continue;
        const params = new Array<null>((q.match(/\?/g) ?? []).length).fill(null);
        const plan = (prepare(`EXPLAIN QUERY PLAN ${q}`).all(...params) as { detail: string }[]).map((r) => r.detail);
        for (const d of plan) {
          const m = /^SCAN (\w+)(.*)$/.exec(d);
          if (m && !/USING (COVERING )?INDEX/.test(m[2]!) && !SMALL.has(m[1]!)) out.push(`${d}: ${q.replace(/\s+/g, ' ').slice(0, 160)}`);
        }
      }
      return out;
    },
  };
}

describe('frequent reads use an index', () => {
  it("the kiosk widget's visits just served, the privacy screen's person lookups and export, and the erasure's search", async () => {
    app = await startTestApp();
    at(app, '2026-12-01', '09:00');
    const rec = recorder(app);
    await signInAsSupervisor(app);
    await addStaff(app, 'siti', ['helpdesk'], 'Siti Helpdesk');
    await addStaff(app, 'rina', ['helpdesk'], 'Rina Helpdesk');
    await signInAs(app, 'rina');
    const other = await handedOverFile(app, 'aktivasi_user_id');
    await signInAs(app, 'siti');
    const mine = await handedOverFile(app, 'perubahan_email');
    const personId = (app.backend.ctx.sqlite.prepare('SELECT person_id FROM visits WHERE id = ?').get(mine) as { person_id: string }).person_id;

    const served = await rec.during(() => app!.ok('survey.recentServed', {}));
    // Only the visit this officer served: not the other officer's.
    expect(served.visits.map((v) => v.visitId)).toEqual([mine]);
    expect(served.visits.map((v) => v.visitId)).not.toContain(other);
    await signInAsSupervisor(app);
    await rec.during(async () => {
      await app!.ok('privacy.findSubjects', { query: 'Pemohon' });
      await app!.ok('privacy.subjectExport', { personId });
      await app!.ok('privacy.erase', { personId, note: 'Permintaan tertulis pemohon' });
    });
    expect(rec.scans()).toEqual([]);

    // The next day, the list starts empty: yesterday's visits are not "just served".
    at(app, '2026-12-02', '09:00');
    await signInAs(app, 'siti');
    expect((await app.ok('survey.recentServed', {})).visits).toEqual([]);
  });
});
