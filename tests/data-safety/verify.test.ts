/** `db verify` / `db rebuild` and the check at start (issue 15, docs/adr/0016-data-safety.md). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../cli/demo-data';
import { replayParked } from '../../db/event-store';
import { openDatabase, type OpenedDatabase } from '../../db/open';
import { projectionTables, rebuildProjections, schemaTables, startupCheck, verifyDatabase } from '../../db/verify';
import { witaDateTimeToMs } from '../../domain/time/wita';

const NOW = witaDateTimeToMs('2026-11-19', '14:00');
let dir: string;
let opened: OpenedDatabase;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lpse-verify-'));
  opened = await openDatabase(dir);
  // What every start does first (backend/app.ts): events parked by an older build are folded now.
  await replayParked(opened.db, NOW);
  await generateDemoData({ db: opened.db, visits: 300, days: 15, seed: 'verify', now: NOW });
}, 120_000);

afterAll(async () => {
  await opened.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('db verify', () => {
  it('enumerates projection tables from the schema: every table is classified, none forgotten', () => {
    const tables = schemaTables(opened.sqlite);
    const names = tables.map((t) => t.name);
    // The projections the rest of the app knows about are all among them.
    for (const t of ['visits', 'visit_items', 'visit_returns', 'vendors', 'persons', 'users', 'aggregates', 'issued_numbers', 'event_denials', 'authority', 'survey_daily', 'device_keys', 'catalogue_versions', 'calendar_holidays', 'calendar_hours']) {
      expect(projectionTables(opened.sqlite)).toContain(t);
    }
    expect(names).toContain('vendors_fts');
    expect(names).not.toContain('vendors_fts_data');
    expect(tables.find((t) => t.name === 'events')!.kind).toBe('ledger');
  });

  it('finds a freshly generated database clean', async () => {
    const r = await verifyDatabase(opened.sqlite);
    expect(r.differences).toEqual([]);
    expect(r.unknown).toEqual([]);
    expect(r.integrity).toEqual(['ok']);
    expect(r.ok).toBe(true);
    expect(r.tables.find((t) => t.name === 'visits')!.rows).toBeGreaterThan(250);
  });

  it('reports a projection row that no longer matches its events, a deleted row and a doubled index entry, and rebuild repairs them', async () => {
    const s = opened.sqlite;
    const visit = s.prepare('SELECT id FROM visits ORDER BY id LIMIT 1').get() as { id: string };
    s.prepare("UPDATE visits SET status = 'selesai_diproses' || '' WHERE id = ?").run(visit.id);
    s.prepare("UPDATE visits SET visitor_name = 'Orang Lain' WHERE id = ?").run(visit.id);
    const item = s.prepare('SELECT visit_id, item_code FROM visit_items ORDER BY visit_id LIMIT 1').get() as { visit_id: string; item_code: string };
    s.prepare('DELETE FROM visit_items WHERE visit_id = ? AND item_code = ?').run(item.visit_id, item.item_code);
    s.prepare('DELETE FROM issued_numbers WHERE label = (SELECT label FROM issued_numbers ORDER BY label LIMIT 1)').run();
    const r = await verifyDatabase(s);
    expect(r.ok).toBe(false);
    const byTable = new Map(r.differences.map((d) => [d.table, d]));
    expect(byTable.get('visits')!.examples).toContain(visit.id);
    expect(byTable.get('visit_items')!.missing).toBe(1);
    expect(byTable.get('issued_numbers')!.missing).toBe(1);
    // Projections that no longer match their events pass SQLite's own check.
    expect(r.integrity).toEqual(['ok']);
    const check = await startupCheck(opened.db, s, 100_000);
    expect(check.ok).toBe(false);

    await opened.db.transaction().execute((tx) => rebuildProjections(tx, s));
    const after = await verifyDatabase(s);
    expect(after.differences).toEqual([]);
    expect(after.ok).toBe(true);
    expect((await startupCheck(opened.db, s)).ok).toBe(true);
  });

  it('names a table of a kind it cannot compare instead of skipping it', async () => {
    opened.sqlite.exec("CREATE VIRTUAL TABLE notes_fts USING fts5(body, content='')");
    const r = await verifyDatabase(opened.sqlite);
    expect(r.unknown).toEqual(['notes_fts']);
    expect(r.ok).toBe(false);
    opened.sqlite.exec('DROP TABLE notes_fts');
  });
});
