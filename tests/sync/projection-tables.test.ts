/**
 * The convergence check (tests/sync/converge.ts) compares every projection table, read from the schema:
 * a table a new migration adds is compared without anyone remembering to list it (issue 11).
 */
import { afterEach, expect, it } from 'vitest';
import { LEDGER_TABLES } from '../../db/verify';
import { PROXY_VISIT } from '../helpers';
import { LOCAL_TABLES, projectionTables, setUpSupervisor, snapshot, startPc, type Pc } from './harness';

let pcs: Pc[] = [];
afterEach(async () => {
  for (const pc of pcs) await pc.close();
  pcs = [];
});

it('every table of the schema is either compared or named as local with a reason', async () => {
  const pc = await startPc('A');
  pcs.push(pc);
  const db = pc.backend.ctx.sqlite;
  const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]).map((r) => r.name);
  // A local table that no longer exists is a stale exception: it would hide a new table of the same name.
  for (const name of Object.keys(LOCAL_TABLES)) expect(tables, `LOCAL_TABLES names ${name}`).toContain(name);
  // The convergence check and `db verify` agree on what is local to one PC (db/verify.ts LEDGER_TABLES).
  expect(Object.keys(LOCAL_TABLES).sort()).toEqual([...LEDGER_TABLES].sort());
  const compared = projectionTables(db);
  for (const name of tables) {
    const fts5Storage = /^vendors_fts_(data|idx|docsize|config|content)$/.test(name);
    expect(compared.includes(name) || name in LOCAL_TABLES || fts5Storage, `${name} is neither compared nor local`).toBe(true);
  }
  // The four of the first check, and the ones it missed.
  for (const name of ['visits', 'visit_items', 'vendors', 'persons', 'visit_returns', 'users', 'authority', 'event_denials', 'outages', 'calendar_hours', 'calendar_holidays', 'catalogue_versions', 'issued_numbers', 'report_exports', 'survey_daily', 'survey_tokens', 'device_keys', 'vendors_fts', 'aggregates'])
    expect(compared).toContain(name);
});

it('a row that differs in any projection table, the vendor search index included, changes its checksum', async () => {
  const pc = await startPc('A');
  pcs.push(pc);
  await setUpSupervisor(pc);
  await pc.ok('visits.register', PROXY_VISIT);
  const db = pc.backend.ctx.sqlite;
  const before = snapshot(pc);

  db.prepare(`UPDATE calendar_hours SET close = '15:59' WHERE rowid = (SELECT min(rowid) FROM calendar_hours)`).run();
  const hours = snapshot(pc);
  expect(hours.checksums.calendar_hours).not.toBe(before.checksums.calendar_hours);
  expect({ ...hours.checksums, calendar_hours: '' }).toEqual({ ...before.checksums, calendar_hours: '' });

  // The trigram index of a vendor's name: a PC whose index lost a vendor would not find it by name.
  const rowid = (db.prepare(`SELECT rowid AS r FROM vendors LIMIT 1`).get() as { r: number }).r;
  db.prepare(`DELETE FROM vendors_fts WHERE rowid = ?`).run(rowid);
  const fts = snapshot(pc);
  expect(fts.checksums.vendors_fts).not.toBe(hours.checksums.vendors_fts);
  expect(fts.checksums.vendors).toBe(hours.checksums.vendors);
});
