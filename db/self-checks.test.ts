/**
 * The self-checks (db/self-checks.ts, ADR 0025): in tests they run, and a handler's answer or an event's
 * payload that its schema would change is refused, so the built app (which skips them and keeps the values
 * as they are) behaves exactly as the tested one.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { handlers } from '../backend/handlers';
import { HybridLogicalClock } from '../domain/events/hlc';
import { InvalidEventError, stampEvents, type NewEvent } from './event-store';
import { SELF_CHECKS, sameData } from './self-checks';
import { signInAsSupervisor, startTestApp, type TestApp } from '../tests/helpers';

const apps: TestApp[] = [];
afterAll(async () => {
  for (const a of apps) await a.backend.close();
});

describe('sameData', () => {
  it('compares JSON-like data, an absent key and an undefined one alike', () => {
    expect(sameData({ a: 1, b: [1, { c: 'x' }], d: null }, { d: null, b: [1, { c: 'x' }], a: 1 })).toBe(true);
    expect(sameData({ a: 1, u: undefined }, { a: 1 })).toBe(true);
    expect(sameData({ a: 1 }, { a: 1, u: undefined })).toBe(true);
    expect(sameData({ a: 1 }, { a: 1, extra: 2 })).toBe(false);
    expect(sameData({ a: 1, extra: 2 }, { a: 1 })).toBe(false);
    expect(sameData([1, 2], [1, 2, 3])).toBe(false);
    expect(sameData({ a: [] }, { a: {} })).toBe(false);
    expect(sameData({ a: '1' }, { a: 1 })).toBe(false);
    expect(sameData(new Date(5), new Date(5))).toBe(true);
    expect(sameData(Buffer.from('ab'), Buffer.from('ab'))).toBe(true);
    expect(sameData(Buffer.from('ab'), Buffer.from('ac'))).toBe(false);
  });
});

describe('self-checks in tests', () => {
  it('are on when the sources run (vitest)', () => {
    expect(SELF_CHECKS).toBe(true);
  });

  const stamp = (e: NewEvent) => {
    let t = Date.UTC(2026, 11, 2, 1, 0, 0);
    const now = () => (t += 1000);
    return stampEvents([e], { deviceId: 'pc', actorId: 'actor', hlc: new HybridLogicalClock(now), now });
  };

  it('refuse an event payload its schema would change: an unknown key, a default left to the schema', () => {
    const at = Date.UTC(2026, 11, 2, 1, 0, 0);
    const ok = stamp({ type: 'visit.resumed', aggregateId: 'v1', payload: { at } });
    expect(ok[0]!.payload).toEqual({ at });
    expect(() => stamp({ type: 'visit.resumed', aggregateId: 'v1', payload: { at, stray: 1 } as never })).toThrow(InvalidEventError);
    // `discretionItems` has a default ([]): the built app would store the payload without it.
    expect(() =>
      stamp({ type: 'visit.handed_over', aggregateId: 'v1', payload: { at, to: 'verifier', receiptNo: 'TT-1' } }),
    ).toThrow(/changed by its schema/);
    expect(() => stamp({ type: 'visit.resumed', aggregateId: 'v1', payload: { at: 'soon' } as never })).toThrow(/invalid/);
  });

  it('refuse a handler answer its output schema would change, as an internal error', async () => {
    const a = await startTestApp();
    apps.push(a);
    await signInAsSupervisor(a);
    const original = handlers['catalogue.active'];
    const good = await a.call('catalogue.active', {});
    expect(good.ok).toBe(true);
    try {
      handlers['catalogue.active'] = async (ctx, input) => ({ ...(await original(ctx, input)), stray: 'x' });
      const r = await a.call('catalogue.active', {});
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('internal');
    } finally {
      handlers['catalogue.active'] = original;
    }
  });
});
