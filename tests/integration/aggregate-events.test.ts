/**
 * The per-aggregate event cache behind the visit timeline, and the snapshots the append passes along: a
 * cached history must always equal a fresh read, whatever order events arrive in, and a snapshot handed to
 * the append must fold exactly as the stored row would.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { AggregateEventCache } from '../../db/aggregate-events';
import { appendEvents, loadAggregate, loadAggregateEvents, SnapshotCache } from '../../db/event-store';
import { openDatabase, type OpenedDatabase } from '../../db/open';
import { applyEvent, type KnownAggregate } from '../../domain/aggregates';
import { compareEvents, type StoredEvent } from '../../domain/events/schema';
import { tempDir } from '../helpers';
import { scenario } from './scenario';

const opened: OpenedDatabase[] = [];
afterAll(async () => {
  for (const o of opened) await o.close();
});

async function freshDb(): Promise<OpenedDatabase> {
  const o = await openDatabase(tempDir('lpse-aggev-'));
  opened.push(o);
  return o;
}

function deepFreeze<T>(x: T): T {
  if (x && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

const visitOf = (events: StoredEvent[]) => events.find((e) => e.type === 'visit.registered')!.aggregateId;

/** A read outside any transaction, kept in the cache as the app does after a commit. */
async function readAndKeep(cache: AggregateEventCache, db: OpenedDatabase['db'], id: string) {
  const r = await cache.read(db, id);
  r.keep();
  return r.events;
}

describe('AggregateEventCache', () => {
  it('stays equal to a fresh read when events arrive late, out of order and from the past', async () => {
    const o = await freshDb();
    const events = scenario(3);
    const visitId = visitOf(events);
    const visitEvents = events.filter((e) => e.aggregateId === visitId);
    // Deliver everything but the two oldest visit events after the first read: they sort before the cache.
    const heldBack = new Set([visitEvents[1]!.id, visitEvents[2]!.id]);
    const cache = new AggregateEventCache(4);
    await o.db.transaction().execute((tx) => appendEvents(tx, events.filter((e) => !heldBack.has(e.id)), false, 0));
    expect((await readAndKeep(cache, o.db, visitId)).map((e) => e.id)).toEqual((await loadAggregateEvents(o.db, visitId)).map((e) => e.id));
    expect(cache.size).toBe(1);

    await o.db.transaction().execute((tx) => appendEvents(tx, events.filter((e) => heldBack.has(e.id)), false, 0));
    const merged = await readAndKeep(cache, o.db, visitId);
    expect(merged.map((e) => e.id)).toEqual((await loadAggregateEvents(o.db, visitId)).map((e) => e.id));
    expect(merged.map((e) => e.id)).toEqual([...visitEvents].sort(compareEvents).map((e) => e.id));
    expect(merged).toHaveLength(visitEvents.length);
  });

  it('is not filled by a read that is not kept (inside a transaction that is then rolled back)', async () => {
    const o = await freshDb();
    const events = scenario(4);
    const visitId = visitOf(events);
    const last = events.filter((e) => e.aggregateId === visitId).pop()!;
    const cache = new AggregateEventCache();
    await o.db.transaction().execute((tx) => appendEvents(tx, events.filter((e) => e.id !== last.id), false, 0));
    const before = (await readAndKeep(cache, o.db, visitId)).length;
    await expect(
      o.db.transaction().execute(async (tx) => {
        await appendEvents(tx, [last], false, 0);
        const inside = await cache.read(tx, visitId);
        expect(inside.events).toHaveLength(before + 1);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await readAndKeep(cache, o.db, visitId)).toHaveLength(before);
    expect(await loadAggregateEvents(o.db, visitId)).toHaveLength(before);
  });

  it('forgets the least recently used aggregate beyond its capacity', async () => {
    const o = await freshDb();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const events = scenario(10 + i);
      ids.push(visitOf(events));
      await o.db.transaction().execute((tx) => appendEvents(tx, events, false, 0));
    }
    const cache = new AggregateEventCache(2);
    for (const id of ids) await readAndKeep(cache, o.db, id);
    expect(cache.size).toBe(2);
  });
});

describe('snapshots passed to the append', () => {
  it('fold like the stored row, and reducers never mutate the state they are given', async () => {
    const events = scenario(5);
    const visitId = visitOf(events);
    const [head, tail] = [events.slice(0, 6), events.slice(6)];

    const plain = await freshDb();
    await plain.db.transaction().execute((tx) => appendEvents(tx, head, false, 0));
    await plain.db.transaction().execute((tx) => appendEvents(tx, tail, false, 0));

    const viaKnown = await freshDb();
    await viaKnown.db.transaction().execute((tx) => appendEvents(tx, head, false, 0));
    await viaKnown.db.transaction().execute(async (tx) => {
      const snap = await loadAggregate(tx, visitId);
      // A frozen state makes any mutation by a reducer throw (ES modules run in strict mode).
      const r = await appendEvents(tx, tail, false, 0, { known: new Map([[visitId, deepFreeze(snap!)]]) });
      expect(r.snapshots.get(visitId)?.state).toEqual((await loadAggregate(tx, visitId))?.state);
    });

    const rows = (o: OpenedDatabase) => o.sqlite.prepare("SELECT id, last_key, state, event_count FROM aggregates WHERE id != 'catalogue' ORDER BY id").all();
    expect(rows(viaKnown)).toEqual(rows(plain));
    expect(viaKnown.sqlite.prepare('SELECT * FROM visits').all()).toEqual(plain.sqlite.prepare('SELECT * FROM visits').all());

    // Every reducer, step by step, on frozen input.
    const states = new Map<string, unknown>();
    for (const e of [...events].sort((a, b) => (a.hlc < b.hlc ? -1 : 1))) {
      const type = e.aggregateType as KnownAggregate;
      const next = applyEvent(type, deepFreeze(states.get(e.aggregateId) ?? null) as never, e);
      states.set(e.aggregateId, next);
    }
    expect(states.size).toBeGreaterThan(2);
  });
});

describe('SnapshotCache', () => {
  it('serves a snapshot only while it matches the stored row', async () => {
    const o = await freshDb();
    const events = scenario(6);
    const visitId = visitOf(events);
    const [head, tail] = [events.slice(0, 5), events.slice(5)];
    const cache = new SnapshotCache();
    await o.db.transaction().execute((tx) => appendEvents(tx, head, false, 0));
    const first = await loadAggregate(o.db, visitId, cache);
    expect(await loadAggregate(o.db, visitId, cache)).toBe(first); // a hit: the same object

    // Events appended without the cache knowing: the stale entry is a miss, not an answer.
    await o.db.transaction().execute((tx) => appendEvents(tx, tail, false, 0));
    const fresh = await loadAggregate(o.db, visitId, cache);
    expect(fresh).not.toBe(first);
    expect(fresh).toEqual(await loadAggregate(o.db, visitId));

    // A snapshot from a transaction that rolled back is never served either.
    cache.set({ ...fresh!, lastKey: `${fresh!.lastKey}x`, eventCount: fresh!.eventCount + 1 });
    expect(await loadAggregate(o.db, visitId, cache)).toEqual(fresh);
  });
});

