import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CANONICAL_VERSION, canonicalEvent, canonicalJson } from './codec';

describe('canonical form (RFC 8785)', () => {
  it('equals the reference implementation (the canonicalize package) on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(canonicalJson(v)).toBe(canonicalize(v));
      }),
      { numRuns: 2000, seed: 20261201 },
    );
    // Keys sorted by UTF-16 code units (not by code point or locale), escapes as JSON.stringify writes them.
    const tricky = { '\u{1F600}': 1, '\uFFFF': 2, b: [1.5, -0, 1e21, 'é\n"'], a: { z: null, y: true } };
    expect(canonicalJson(tricky)).toBe(canonicalize(tricky));
  });

  it('of an envelope equals the reference implementation of the same object', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), fc.option(fc.string()), fc.option(fc.string({ minLength: 43, maxLength: 43 })), (payload, id, actorId, prev) => {
        const e = { id, hlc: '001795600000000-00000', deviceId: 'dev', actorId, type: 't.x', aggregateType: 't', aggregateId: 'a', payload, schemaVersion: 1, recordedAt: 1795600000000, prev };
        const { ...rest } = e;
        expect(canonicalEvent(e)).toBe(canonicalize({ v: CANONICAL_VERSION, ...rest, prev: prev ?? null }));
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it('refuses values JSON cannot hold', () => {
    expect(() => canonicalJson({ n: Infinity })).toThrow();
    expect(() => canonicalJson({ n: NaN })).toThrow();
  });
});
