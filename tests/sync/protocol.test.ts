/**
 * The server's fast check of push bodies must accept exactly what the declared zod schema accepts:
 * valid bodies, and bodies broken in every way a field can be broken (missing, extra, wrong type, out of
 * range, not matching its pattern).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastPullResponse, isValidPushRequest, pullResponse, pushRequest } from '../../contract/sync-protocol';

const hex = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'.split('')), minLength: n, maxLength: n });
const uuid = fc.tuple(hex(8), hex(4), hex(4), hex(4), hex(12)).map((p) => p.join('-'));
const hlc = fc.tuple(fc.integer({ min: 0, max: 999_999_999_999_999 }), fc.integer({ min: 0, max: 99_999 })).map(([ms, c]) => `${String(ms).padStart(15, '0')}-${String(c).padStart(5, '0')}`);
const idLike = fc.string({ unit: fc.constantFrom(...'abcXYZ019._:-'.split('')), minLength: 1, maxLength: 100 });
const json: fc.Arbitrary<unknown> = fc.jsonValue();

const validEvent = fc.record({
  id: uuid,
  hlc,
  deviceId: idLike,
  actorId: fc.option(idLike, { nil: null }),
  type: fc.constantFrom('visit.registered', 'visit.item_marked', 'user.created', 'a', 'x_y.z9'),
  aggregateType: fc.constantFrom('visit', 'vendor', 'a', 'x_9'),
  aggregateId: idLike,
  payload: json,
  schemaVersion: fc.integer({ min: 1, max: 10_000 }),
  recordedAt: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }).filter((n) => n <= 8.64e15),
});

const KEYS = ['id', 'hlc', 'deviceId', 'actorId', 'type', 'aggregateType', 'aggregateId', 'payload', 'schemaVersion', 'recordedAt'] as const;
const badValues: unknown[] = [
  undefined,
  null,
  '',
  'UPPER-CASE',
  '0197F1A0-0000-7000-8000-000000000001',
  'x'.repeat(101),
  'has space',
  'ünïcode',
  '1visit',
  'visit.Registered',
  0,
  -1,
  1.5,
  10_001,
  8.64e15 + 2,
  Number.MAX_SAFE_INTEGER + 2,
  true,
  [],
  {},
  '001700000000000-0000',
];

/** A valid event with one field replaced by a value that may or may not be valid for it. */
const mutatedEvent = fc.tuple(validEvent, fc.constantFrom(...KEYS, 'extra'), fc.constantFrom(...badValues)).map(([e, key, value]) => {
  const copy: Record<string, unknown> = { ...e };
  if (value === undefined) delete copy[key];
  else copy[key] = value;
  return copy;
});

const body = fc.record({
  firstDeviceSeq: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom(0, -3, 2.5, '1', undefined)),
  events: fc.oneof(fc.array(validEvent, { minLength: 1, maxLength: 4 }), fc.array(fc.oneof(validEvent, mutatedEvent), { minLength: 0, maxLength: 4 }), fc.constantFrom(null, {}, 'x')),
});

describe('push body fast check', () => {
  it('agrees with the zod schema on valid and broken bodies', () => {
    const seen = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(body, fc.option(fc.constantFrom('officeId', 'extra'), { nil: null }), (b, extraKey) => {
        const candidate: Record<string, unknown> = { ...b };
        if (candidate.firstDeviceSeq === undefined) delete candidate.firstDeviceSeq;
        if (extraKey) candidate[extraKey] = 'x';
        const ok = pushRequest.safeParse(candidate).success;
        seen[ok ? 'accepted' : 'refused']++;
        expect(isValidPushRequest(candidate)).toBe(ok);
      }),
      { numRuns: 3000 },
    );
    // Both sides of the boundary were exercised.
    expect(seen.accepted).toBeGreaterThan(50);
    expect(seen.refused).toBeGreaterThan(300);
  });

  it('accepts five thousand events and refuses five thousand and one', () => {
    const one = fc.sample(validEvent, 1)[0]!;
    expect(isValidPushRequest({ firstDeviceSeq: 1, events: Array.from({ length: 5000 }, () => one) })).toBe(true);
    expect(isValidPushRequest({ firstDeviceSeq: 1, events: Array.from({ length: 5001 }, () => one) })).toBe(false);
    expect(isValidPushRequest(null)).toBe(false);
    expect(isValidPushRequest([])).toBe(false);
  });
});

/** A pulled event: a valid or broken event with a server sequence number that may or may not be valid. */
const pulled = fc
  .tuple(fc.oneof(validEvent, mutatedEvent), fc.oneof(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom(0, -1, 2.5, '7', undefined, Number.MAX_SAFE_INTEGER + 2)))
  .map(([e, serverSeq]) => (serverSeq === undefined ? e : { ...e, serverSeq }));

const validPullBody = fc.record({
  epoch: fc.string({ maxLength: 8 }),
  serverTime: fc.integer({ min: 0 }),
  more: fc.boolean(),
  head: fc.option(fc.integer({ min: 0, max: 2_000_000 }), { nil: undefined }),
  pageLimit: fc.option(fc.integer({ min: 1, max: 5000 }), { nil: undefined }),
  pushLimit: fc.option(fc.integer({ min: 1, max: 5000 }), { nil: undefined }),
  events: fc.array(
    fc.tuple(validEvent, fc.integer({ min: 1, max: 1_000_000 })).map(([e, serverSeq]) => ({ ...e, serverSeq })),
    { maxLength: 4 },
  ),
});

const brokenPullBody = fc.record({
  epoch: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(1, null, undefined)),
  serverTime: fc.oneof(fc.integer(), fc.double(), fc.constantFrom('1', null, undefined)),
  more: fc.oneof(fc.boolean(), fc.constantFrom(0, 'true', undefined)),
  head: fc.oneof(fc.integer({ min: 0, max: 2_000_000 }), fc.constantFrom(-1, 1.5, '3', null, undefined)),
  pageLimit: fc.oneof(fc.integer({ min: 1, max: 5000 }), fc.constantFrom(0, -1, 2.5, '5000', null, undefined)),
  pushLimit: fc.oneof(fc.integer({ min: 1, max: 5000 }), fc.constantFrom(0, -1, 2.5, null, undefined)),
  events: fc.oneof(fc.array(pulled, { maxLength: 4 }), fc.constantFrom(null, {}, 'x')),
});

describe('pull answer fast check', () => {
  it('agrees with the zod schema on valid and broken answers, and gives the same result', () => {
    const seen = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(fc.oneof(validPullBody, brokenPullBody), fc.option(fc.constantFrom('extra', 'officeId'), { nil: null }), (b, extraKey) => {
        const candidate: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(b)) if (v !== undefined) candidate[k] = v;
        if (extraKey) candidate[extraKey] = 'x';
        const zod = pullResponse.safeParse(candidate);
        const fast = fastPullResponse(candidate);
        seen[zod.success ? 'accepted' : 'refused']++;
        expect(fast !== null).toBe(zod.success);
        if (zod.success) expect(fast).toEqual(zod.data);
      }),
      { numRuns: 3000 },
    );
    expect(seen.accepted).toBeGreaterThan(50);
    expect(seen.refused).toBeGreaterThan(300);
  });
});
