import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../tests/helpers';
import { startIdleCheckpoints } from './checkpoint';
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
