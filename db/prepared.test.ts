import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../tests/helpers';
import { openDatabase, type OpenedDatabase } from './open';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema';
import { ownedConnection, ownedTransaction, prepared, preparedByShape } from './prepared';

let o: OpenedDatabase;
afterAll(async () => o?.close());

describe('prepared queries', () => {
  it('compile once and bind each run’s values by name, in the order the SQL needs them', async () => {
    o = await openDatabase(tempDir('lpse-prepared-'));
    const put = prepared((db, p: { key: string; value: string }) => db.insertInto('meta').values({ value: p.value, key: p.key }));
    const get = prepared((db, p: { key: string }) => db.selectFrom('meta').select(['key', 'value']).where('key', '=', p.key));
    expect(put.sql(o.db)).toBe('insert into "meta" ("value", "key") values (?, ?)');
    expect(await put.run(o.db, { key: 'a', value: '1' })).toBe(1);
    expect(await put.run(o.db, { value: '2', key: 'b' })).toBe(1);
    expect(await get.first(o.db, { key: 'b' })).toEqual({ key: 'b', value: '2' });
    expect(await get.first(o.db, { key: 'a' })).toEqual({ key: 'a', value: '1' });
    expect(await get.all(o.db, { key: 'none' })).toEqual([]);
  });

  it('run inside the caller’s transaction and roll back with it', async () => {
    const put = prepared((db, p: { key: string }) => db.insertInto('meta').values({ key: p.key, value: 'x' }));
    await expect(
      o.db.transaction().execute(async (tx) => {
        await put.run(tx, { key: 'in-tx' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(o.sqlite.prepare("SELECT count(*) AS n FROM meta WHERE key = 'in-tx'").get()).toEqual({ n: 0 });
  });

  it('refuse a missing value and a spread of the parameters instead of binding nothing', async () => {
    const get = prepared((db, p: { key: string }) => db.selectFrom('meta').select('value').where('key', '=', p.key));
    await expect(get.first(o.db, {} as { key: string })).rejects.toThrow('no value for parameter "key"');
    const spread = prepared((db, p: { key: string; value: string }) => db.insertInto('meta').values({ ...p }));
    await expect(spread.run(o.db, { key: 'k', value: 'v' })).rejects.toThrow('do not spread');
  });

  it('keep one statement per shape', async () => {
    const update = preparedByShape((shape) => (db, p: { key: string; value?: string }) =>
      db
        .updateTable('meta')
        .set(Object.fromEntries(shape.split(',').map((c) => [c, p.value])))
        .where('key', '=', p.key),
    );
    expect(update('value')).toBe(update('value'));
    expect(await update('value').run(o.db, { key: 'a', value: '9' })).toBe(1);
    expect(o.sqlite.prepare("SELECT value FROM meta WHERE key = 'a'").get()).toEqual({ value: '9' });
  });

  it('run on the held connection inside owned transactions, which commit and roll back as a whole', async () => {
    const put = prepared((db, p: { key: string }) => db.insertInto('meta').values({ key: p.key, value: 'owned' }));
    const count = prepared((db, p: { key: string }) => db.selectFrom('meta').select((eb) => eb.fn.countAll<number>().as('n')).where('key', '=', p.key));
    let kept: Transaction<DB> | null = null;
    await ownedTransaction(o.db, o.sqlite, async (tx) => {
      kept = tx;
      await put.run(tx, { key: 'owned-1' });
      expect(await count.first(tx, { key: 'owned-1' })).toEqual({ n: 1 });
    });
    await expect(
      ownedTransaction(o.db, o.sqlite, async (tx) => {
        await put.run(tx, { key: 'owned-2' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await count.first(o.db, { key: 'owned-1' })).toEqual({ n: 1 });
    expect(await count.first(o.db, { key: 'owned-2' })).toEqual({ n: 0 });
    // A transaction kept past its callback is not owned any more: Kysely refuses it.
    await expect(put.run(kept!, { key: 'owned-3' })).rejects.toThrow(/committed|rolled back/i);
    expect(await count.first(o.db, { key: 'owned-3' })).toEqual({ n: 0 });
  });

  it('answer alike on a held connection and through Kysely: rows, first row, changed rows, and errors as rejections', async () => {
    const put = prepared((db, p: { key: string; value: string }) =>
      db.insertInto('meta').values({ key: p.key, value: p.value }).onConflict((oc) => oc.column('key').doUpdateSet({ value: p.value })),
    );
    const get = prepared((db, p: { key: string }) => db.selectFrom('meta').select(['key', 'value']).where('key', '=', p.key));
    const strict = prepared((db, p: { key: string }) => db.insertInto('meta').values({ key: p.key, value: null as unknown as string }));
    const answers = async (db: Kysely<DB>, key: string) => {
      const out: unknown[] = [await put.run(db, { key, value: 'a' }), await put.run(db, { key, value: 'b' }), await get.first(db, { key }), await get.all(db, { key }), await get.first(db, { key: 'none' })];
      // Errors come back as rejected promises, never thrown at the call (a caller may chain .catch).
      const missing = get.first(db, {} as { key: string });
      out.push(await missing.then(() => 'resolved', (e: Error) => e.message));
      const failed = strict.run(db, { key: `${key}-null` });
      out.push(await failed.then(() => 'resolved', (e: Error) => e.message.replace(/: .*/, '')));
      return out;
    };
    const viaKysely = await o.db.transaction().execute((tx) => answers(tx, 'same-1'));
    const held = await ownedTransaction(o.db, o.sqlite, (tx) => answers(tx, 'same-2'));
    const rename = (v: unknown) => (v !== null && typeof v === 'object' ? (JSON.parse(JSON.stringify(v).replaceAll('same-2', 'same-1')) as unknown) : v);
    expect(held.map(rename)).toEqual(viaKysely);
    expect(viaKysely.slice(0, 2)).toEqual([1, 1]);
    expect(viaKysely[2]).toEqual({ key: 'same-1', value: 'b' });
    expect(viaKysely[5]).toBe('prepared query: no value for parameter "key"');
    expect(viaKysely[6]).toBe('NOT NULL constraint failed');
  });

  it('keep other callers waiting while an owned connection is held', async () => {
    const get = prepared((db, p: { key: string }) => db.selectFrom('meta').select('value').where('key', '=', p.key));
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const held = ownedConnection(o.db, o.sqlite, async (c: Kysely<DB>) => {
      order.push(`held:${(await get.first(c, { key: 'a' }))?.value}`);
      await gate;
      order.push('released');
    });
    const other = o.db
      .insertInto('meta')
      .values({ key: 'late', value: '1' })
      .execute()
      .then(() => order.push('other'));
    await new Promise((r) => setTimeout(r, 5));
    expect(order).toEqual(['held:9']);
    release();
    await Promise.all([held, other]);
    expect(order).toEqual(['held:9', 'released', 'other']);
  });
});
