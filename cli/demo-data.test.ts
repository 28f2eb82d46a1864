import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAggregateEvents } from '../db/event-store';
import { openDatabase, type OpenedDatabase } from '../db/open';
import { catalogueBody } from '../db/queries';
import { foldAggregate } from '../domain/aggregates';
import type { VisitState } from '../domain/aggregates/visit';
import { summarizeChecklist } from '../domain/checklist';
import { isWorkingDay, workingWindow } from '../domain/time/calendar';
import { toWitaParts, witaDateTimeToMs, witaIsoDate } from '../domain/time/wita';
import { DemoDataError, generateDemoData, lastWorkingDays, loadCalendar, type DemoDataResult } from './demo-data';

/** Thursday 2026-11-19, 14:00 WITA: a fixed end instant keeps the runs comparable. */
const NOW = witaDateTimeToMs('2026-11-19', '14:00');
const dirs: string[] = [];
const open: OpenedDatabase[] = [];

async function fresh(): Promise<OpenedDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lpse-demo-'));
  dirs.push(dir);
  const db = await openDatabase(dir);
  open.push(db);
  return db;
}

function visitsChecksum(db: OpenedDatabase): string {
  const rows = db.sqlite.prepare('SELECT * FROM visits ORDER BY id').all();
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex');
}

let a: OpenedDatabase;
let result: DemoDataResult;

beforeAll(async () => {
  a = await fresh();
  result = await generateDemoData({ db: a.db, visits: 600, days: 25, seed: 'uji', now: NOW });
});

afterAll(async () => {
  for (const o of open) await o.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('demo-data generator', () => {
  it('creates the requested visits over the last working days, inside counter hours, nothing after now', async () => {
    const cal = await loadCalendar(a.db);
    expect(result.visits).toBe(600);
    const days = lastWorkingDays(cal, NOW, 25);
    expect(days).toHaveLength(25);
    expect(result.firstDay).toBe(days[0]);
    expect(result.lastDay).toBe('2026-11-19');
    const rows = a.sqlite.prepare('SELECT day, arrived_at FROM visits').all() as { day: string; arrived_at: number }[];
    expect(rows).toHaveLength(600);
    for (const r of rows) {
      expect(days).toContain(r.day);
      expect(isWorkingDay(cal, r.day)).toBe(true);
      const w = workingWindow(cal, r.day)!;
      expect(r.arrived_at).toBeGreaterThanOrEqual(w.openMs);
      expect(r.arrived_at).toBeLessThan(w.closeMs);
    }
    const latest = a.sqlite.prepare("SELECT max(recorded_at) AS m FROM events WHERE device_id <> 'seed'").get() as { m: number };
    expect(latest.m).toBeLessThanOrEqual(NOW);
    // Mornings are busier than afternoons.
    const morning = rows.filter((r) => toWitaParts(r.arrived_at).hour < 12).length;
    expect(morning / rows.length).toBeGreaterThan(0.55);
  });

  it('covers every service, "lainnya", leaders and proxies, returned and resumed files, and desk outcomes', () => {
    const services = a.sqlite.prepare('SELECT DISTINCT service_code AS s FROM visits').all() as { s: string | null }[];
    expect(services.map((r) => r.s).sort()).toEqual(
      [null, 'agregasi_data_penyedia', 'aktivasi_user_id', 'nonaktif_user_id', 'pendampingan_spse', 'perubahan_email', 'perubahan_npwp', 'perubahan_status_cv_pt'].sort(),
    );
    const roles = a.sqlite.prepare('SELECT visitor_role AS r, count(*) AS n FROM visits GROUP BY r').all() as { r: string; n: number }[];
    expect(roles.map((r) => r.r).sort()).toEqual(['leader', 'proxy']);
    const types = new Set((a.sqlite.prepare('SELECT DISTINCT type FROM events').all() as { type: string }[]).map((r) => r.type));
    for (const t of ['visit.returned', 'visit.resumed', 'visit.handed_over', 'visit.closed', 'visit.claimed', 'visit.completed', 'visit.forwarded_lkpp', 'visit.lkpp_closed']) {
      expect(types.has(t), t).toBe(true);
    }
    const resumedThenHanded = a.sqlite
      .prepare("SELECT count(*) AS n FROM visits WHERE returned_count > 0 AND handed_over_at IS NOT NULL AND day < '2026-11-19'")
      .get() as { n: number };
    expect(resumedThenHanded.n).toBeGreaterThan(0);
    // Most files are handed over; only a minority stays returned.
    const s = result.statusCounts;
    const afterHandover = ['handed_over', 'in_process', 'waiting_vendor', 'at_lkpp', 'completed', 'rejected'].reduce((n, k) => n + (s[k] ?? 0), 0);
    expect(afterHandover / 600).toBeGreaterThan(0.6);
    expect(s.returned ?? 0).toBeGreaterThan(0);
    expect((s.returned ?? 0) / 600).toBeLessThan(0.2);
    expect(result.usersCreated.map((u) => u.username)).toEqual(['kasubbag', 'helpdesk1', 'helpdesk2', 'verifikator1', 'verifikator2', 'adminsistem']);
  });

  it('leaves projections equal to a fresh fold of the events, and hands over only complete files (or by discretion)', async () => {
    const catalogue = (await catalogueBody(a.db, 1))!;
    const ids = (a.sqlite.prepare('SELECT id FROM visits ORDER BY id').all() as { id: string }[]).map((r) => r.id);
    let checked = 0;
    for (const id of ids.filter((_, i) => i % 3 === 0)) {
      const events = await loadAggregateEvents(a.db, id);
      const folded = foldAggregate('visit', events) as VisitState;
      const stored = JSON.parse((a.sqlite.prepare('SELECT state FROM aggregates WHERE id = ?').get(id) as { state: string }).state) as VisitState;
      expect(stored).toEqual(JSON.parse(JSON.stringify(folded)));
      const row = a.sqlite.prepare('SELECT status, returned_count FROM visits WHERE id = ?').get(id) as { status: string; returned_count: number };
      expect(row.status).toBe(folded.status);
      expect(row.returned_count).toBe(folded.returns.length);
      if (folded.handedOverAt !== null && folded.discretionItems.length === 0) {
        const service = catalogue.services.find((s) => s.code === folded.serviceCode)!;
        const summary = summarizeChecklist(service, folded.visitorRole, folded.marks, witaIsoDate(folded.handedOverAt));
        expect(summary.complete, id).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('is deterministic: the same seed gives the same visits and event ids, also through the bulk apply path; another seed does not', async () => {
    const b = await fresh();
    // The bulk path (db/bulk-apply.ts, batches of 5,000) must build exactly what appending batch by batch built.
    await generateDemoData({ db: b.db, sqlite: b.sqlite, visits: 600, days: 25, seed: 'uji', now: NOW });
    expect(visitsChecksum(b)).toBe(visitsChecksum(a));
    const table = (db: OpenedDatabase, q: string) => JSON.stringify(db.sqlite.prepare(q).all());
    for (const q of [
      'SELECT * FROM visit_items ORDER BY visit_id, item_code',
      'SELECT * FROM visit_returns ORDER BY visit_id, return_no, item_code',
      'SELECT id, name, name_norm, npwp, updated_at FROM vendors ORDER BY id',
      'SELECT * FROM persons ORDER BY id',
      'SELECT id, username, roles, active FROM users ORDER BY id',
      // User states hold salted password hashes (different on every run by design): their keys and counts only.
      "SELECT id, last_key, CASE WHEN type = 'user' THEN NULL ELSE state END, event_count FROM aggregates ORDER BY id",
      'SELECT series, scope, number, label, aggregate_id, event_id FROM issued_numbers ORDER BY 1, 2, 3',
      "SELECT count(*) FROM vendors_fts WHERE vendors_fts MATCH 'cv'",
    ]) {
      expect(table(b, q), q).toBe(table(a, q));
    }
    const ids = (db: OpenedDatabase) => (db.sqlite.prepare('SELECT id FROM events ORDER BY seq').all() as { id: string }[]).map((r) => r.id).join(',');
    expect(ids(b)).toBe(ids(a));
    const c = await fresh();
    await generateDemoData({ db: c.db, visits: 600, days: 25, seed: 'lain', now: NOW });
    expect(visitsChecksum(c)).not.toBe(visitsChecksum(a));
  });

  it('meets an exact number of companies when asked', async () => {
    const d = await fresh();
    const r = await generateDemoData({ db: d.db, visits: 300, days: 5, seed: 'vendors', now: NOW, vendors: 200 });
    expect(r.vendors).toBe(200);
    expect((d.sqlite.prepare('SELECT count(*) AS n FROM vendors').get() as { n: number }).n).toBe(200);
  });

  it('refuses a data folder that already has visits, and writes nothing', async () => {
    const before = (a.sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    await expect(generateDemoData({ db: a.db, visits: 10, days: 2, seed: 'lagi', now: NOW })).rejects.toBeInstanceOf(DemoDataError);
    expect((a.sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n).toBe(before);
  });
});
