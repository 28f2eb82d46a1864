import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseTooNewError, DB_FILE_NAME, openDatabase } from '../../db/open';
import { MIGRATIONS, SCHEMA_VERSION } from '../../db/migrations';
import { tempDir } from '../helpers';

describe('migrations', () => {
  it('migrate an empty folder to the current schema with the pragmas set', async () => {
    const dir = tempDir();
    const o = await openDatabase(dir);
    expect(o.sqlite.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
    expect(o.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(o.sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(o.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    const strict = o.sqlite.prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND strict = 0 AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'").all();
    expect(strict).toEqual([]);
    const catalogue = o.sqlite.prepare('SELECT version FROM catalogue_versions').all();
    expect(catalogue).toEqual([{ version: 1 }]);
    await o.close();
    // Opening again does not migrate twice.
    const again = await openDatabase(dir);
    expect(again.sqlite.prepare('SELECT count(*) AS n FROM catalogue_versions').get()).toEqual({ n: 1 });
    await again.close();
  });

  it('refuses a database written by a newer version of the app and leaves it untouched', async () => {
    const dir = tempDir();
    const o = await openDatabase(dir);
    await o.close();
    const file = path.join(dir, DB_FILE_NAME);
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.close();
    const before = fs.readFileSync(file);
    await expect(openDatabase(dir)).rejects.toBeInstanceOf(DatabaseTooNewError);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('backs the file up before migrating an older schema, and rolls a failed migration back', async () => {
    const dir = tempDir();
    const o = await openDatabase(dir);
    await o.close();
    const file = path.join(dir, DB_FILE_NAME);
    // Pretend migration 013 has not run yet; it fails because its table already exists (013 is frozen, so this
    // holds whatever comes after it; 014 itself can run again over its own result: it copies the table).
    const raw = new Database(file);
    raw.pragma('user_version = 12');
    raw.close();
    await expect(openDatabase(dir)).rejects.toThrow();
    // A checked online backup in the backups folder (db/backup.ts, issue 15).
    expect(fs.readdirSync(path.join(dir, 'backups')).some((f) => f.endsWith('-pre_migration.sqlite'))).toBe(true);
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(12);
    check.close();
  });

  it('uses the intended indexes for the hot queries', async () => {
    const o = await openDatabase(tempDir());
    const plan = (sql: string) =>
      (o.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan("SELECT * FROM vendors WHERE npwp >= '0131' AND npwp < '0132' ORDER BY npwp LIMIT 10")).toMatch(/vendors_by_npwp/);
    expect(plan("SELECT * FROM persons WHERE nik >= '6371' AND nik < '6372' ORDER BY nik LIMIT 10")).toMatch(/persons_by_nik/);
    expect(plan("SELECT * FROM visits WHERE day = '2026-11-26' ORDER BY arrived_at DESC LIMIT 200")).toMatch(/visits_by_day/);
    expect(plan("SELECT * FROM events WHERE aggregate_id = 'x' ORDER BY hlc, device_id, id")).toMatch(/events_by_aggregate/);
    expect(plan('SELECT * FROM events WHERE is_local = 1 AND server_seq IS NULL ORDER BY seq LIMIT 500')).toMatch(/USING (COVERING )?INDEX/);
    expect(plan(`SELECT v.* FROM vendors_fts f JOIN vendors v ON v.rowid = f.rowid WHERE vendors_fts MATCH '"banua"' LIMIT 10`)).toMatch(/VIRTUAL TABLE INDEX/);
    await o.close();
  });
});
