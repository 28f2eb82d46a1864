import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../tests/helpers';
import fs from 'node:fs';
import path from 'node:path';
import { startIdleCheckpoints, startWal } from './checkpoint';
import { openDatabase, type OpenedDatabase } from './open';

const opened: OpenedDatabase[] = [];
afterAll(async () => {
  for (const o of opened) await o.close();
});

async function open(): Promise<OpenedDatabase> {
  const o = await openDatabase(tempDir('lpse-ckpt-'));
  opened.push(o);
  return o;
}

/** Frames in the WAL not yet copied to the database file. */
const walFrames = (o: OpenedDatabase) => {
  const r = (o.sqlite.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[])[0]!;
  return r.log - r.checkpointed;
};

describe('idle checkpoints', () => {
  it('checkpoint only after writes followed by a quiet period, once', async () => {
    const o = await open();
    const c = startIdleCheckpoints(o.db, o.sqlite, { idleMs: 1000, timer: false, now: () => 0 });
    await o.db.insertInto('meta').values({ key: 'a', value: '1' }).execute();
    expect(await c.tick(10)).toBeNull(); // the write is noticed: quiet from now
    expect(await c.tick(900)).toBeNull(); // not quiet long enough
    const done = await c.tick(1100);
    expect(done?.checkpointed).toBeGreaterThan(0);
    expect(await c.tick(5000)).toBeNull(); // nothing new
    await o.db.insertInto('meta').values({ key: 'b', value: '2' }).execute();
    expect(await c.tick(5001)).toBeNull();
    expect((await c.tick(6100))?.checkpointed).toBeGreaterThan(0);
    c.stop();
  });

  it('wait for a transaction in progress instead of running inside it', async () => {
    const o = await open();
    const c = startIdleCheckpoints(o.db, o.sqlite, { idleMs: 0, timer: false, now: () => 0 });
    await o.db.insertInto('meta').values({ key: 'x', value: '1' }).execute();
    expect(await c.tick(1)).toBeNull();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const order: string[] = [];
    const tx = o.db.transaction().execute(async (t) => {
      await t.selectFrom('meta').selectAll().execute();
      await gate;
      order.push('commit');
    });
    await new Promise((r) => setTimeout(r, 5));
    const ck = c.tick(2).then((r) => order.push(r ? 'checkpoint' : 'skipped'));
    await new Promise((r) => setTimeout(r, 5));
    expect(order).toEqual([]); // still waiting for the connection
    release();
    await Promise.all([tx, ck]);
    expect(order).toEqual(['commit', 'checkpoint']);
    expect(walFrames(o)).toBe(0);
    c.stop();
  });
});

/** Every table's rows (sorted), the schema and user_version: the database's content, not its file layout. */
function content(o: OpenedDatabase): string {
  const tables = o.sqlite.prepare("SELECT name, sql FROM sqlite_master ORDER BY name").all() as { name: string; sql: string | null }[];
  const rows = tables
    .filter((t) => t.sql?.startsWith('CREATE TABLE'))
    .map((t) => `${t.name}:${(o.sqlite.prepare(`SELECT * FROM "${t.name}"`).all()).map((r) => JSON.stringify(r)).sort().join('\n')}`);
  return JSON.stringify({ schema: tables, rows, version: o.sqlite.pragma('user_version', { simple: true }) });
}

describe('startWal', () => {
  it('creates the WAL a fresh start would create at its first write, changing no data', async () => {
    const dir = tempDir('lpse-walstart-');
    const first = await openDatabase(dir);
    await first.db.insertInto('meta').values({ key: 'a', value: '1' }).execute();
    await first.close();
    // Reopened: the last close deleted the WAL; the first read creates it empty.
    const o = await openDatabase(dir);
    opened.push(o);
    const wal = path.join(dir, 'counter.sqlite-wal');
    const walBytes = () => (fs.existsSync(wal) ? fs.statSync(wal).size : 0);
    expect(walBytes()).toBe(0);
    const before = content(o);
    expect(await startWal(o.db)).toBe(true);
    // Header and one frame written (and synced): the next commit appends to an existing file.
    expect(walBytes()).toBeGreaterThan(32);
    expect(content(o)).toBe(before);
    // The database goes on as before.
    await o.db.insertInto('meta').values({ key: 'b', value: '2' }).execute();
    expect((await o.db.selectFrom('meta').select('value').where('key', '=', 'b').executeTakeFirst())?.value).toBe('2');
  });

  it('waits for a transaction in progress instead of running inside it', async () => {
    const o = await open();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const tx = o.db.transaction().execute(async (t) => {
      await t.insertInto('meta').values({ key: 'held', value: '1' }).execute();
      await gate;
      throw new Error('rolled back');
    });
    const started = startWal(o.db);
    release();
    await expect(tx).rejects.toThrow('rolled back');
    expect(await started).toBe(true);
    // The transaction's row was rolled back, not committed by startWal's COMMIT.
    expect(await o.db.selectFrom('meta').select('key').where('key', '=', 'held').executeTakeFirst()).toBeUndefined();
  });
});
