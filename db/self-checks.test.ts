/**
 * The self-checks (db/self-checks.ts, ADR 0025): in tests they run, and a handler's answer that its output
 * schema would change (a key stripped, a default, a transform) is refused, so the built app
 * (which skips the check and returns the answer as it is) behaves exactly as the tested one.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { handlers } from '../backend/handlers';
import { SELF_CHECKS, sameData } from './self-checks';
import { signInAsSupervisor, startTestApp, type TestApp } from '../tests/helpers';

const apps: TestApp[] = [];
afterAll(async () => {
  for (const a of apps) await a.backend.close();
});

describe('sameData', () => {
  it('compares JSON-like data, an absent key and an undefined one alike, key order aside', () => {
    expect(sameData({ a: 1, b: [1, { c: 'x' }], d: null }, { a: 1, b: [1, { c: 'x' }], d: null })).toBe(true);
    expect(sameData({ a: 1, u: undefined }, { a: 1 })).toBe(true);
    expect(sameData({ a: 1 }, { a: 1, u: undefined })).toBe(true);
    expect(sameData({ a: 1 }, { a: 1, extra: 2 })).toBe(false);
    // Key order is not compared (answers are read by field name).
    expect(sameData({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
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
