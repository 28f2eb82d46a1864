/**
 * Signatures and the hash chain (trust/events.ts), the shared limits (domain/events/limits.ts) and the
 * codec's canonical form (domain/events/codec.ts).
 */
import { describe, expect, it } from 'vitest';
import { canonicalEvent, fromWire, toWire } from '../domain/events/codec';
import { checkPayloadLimits, MAX_PAYLOAD_DEPTH } from '../domain/events/limits';
import type { StoredEvent } from '../domain/events/schema';
import { generateSigningKey, publicKeyFrom } from './ed25519';
import { eventHash, signEvents, verifyEventSignatures } from './events';

function events(n: number, deviceId = 'dev-a'): StoredEvent[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `0197f1a0-0000-7000-8000-${String(i).padStart(12, '0')}`,
    hlc: `${String(1795600000000 + i).padStart(15, '0')}-00000`,
    deviceId,
    actorId: 'u1',
    type: 'visit.note_added',
    aggregateType: 'visit',
    aggregateId: 'v1',
    payload: { at: 1795600000000 + i, text: `catatan ${i}` },
    schemaVersion: 1,
    recordedAt: 1795600000000 + i,
  }));
}

describe('event signatures', () => {
  const { key } = generateSigningKey();
  const verify = publicKeyFrom(key.publicKey)!;
  const keyFor = (e: { deviceId: string }, keyId: string) => (keyId === key.keyId && e.deviceId === 'dev-a' ? verify : null);

  it('chains each event to the previous one and verifies a batch with one signature check per chain', () => {
    const list = events(50);
    const head = signEvents(list, key, null);
    expect(list[0]!.prev).toBeNull();
    for (let i = 1; i < list.length; i++) expect(list[i]!.prev).toBe(eventHash(list[i - 1]!));
    expect(head).toBe(eventHash(list[49]!));
    const v = verifyEventSignatures(list, keyFor);
    expect([...v.values()].every((x) => x.ok)).toBe(true);
    // The middle events are vouched for by the chain: their own signature bytes are not what authenticates them.
    const junk = list.map((e, i) => (i > 0 && i < 49 ? { ...e, signature: `${key.keyId}.${'A'.repeat(86)}` } : e));
    expect([...verifyEventSignatures(junk, keyFor).values()].every((x) => x.ok)).toBe(true);
  });

  it('verified in slices from the last to the first, the chains carried between them, gives the verdicts of one call (ADR 0040)', () => {
    const list = [...events(23), ...events(17, 'dev-b')].sort((x, y) => x.recordedAt - y.recordedAt || x.deviceId.localeCompare(y.deviceId));
    signEvents(
      list.filter((e) => e.deviceId === 'dev-a'),
      key,
      null,
    );
    // Junk signature bytes on events a later event of the same chain vouches for (some at a slice's end),
    // one altered event, and dev-b's events under a key nobody may use for dev-b.
    const page = list.map((e, i) => (i % 5 === 4 && i < 35 && e.deviceId === 'dev-a' ? { ...e, signature: `${key.keyId}.${'A'.repeat(86)}` } : i === 20 ? { ...e, payload: { at: 1, text: 'diubah' } } : e));
    const whole = verifyEventSignatures(page, keyFor);
    for (const size of [1, 2, 3, 5, 7, 40]) {
      const chains = new Map<string, string>();
      const sliced = new Map<string, ReturnType<typeof whole.get> & object>();
      for (let end = page.length; end > 0; end -= size) verifyEventSignatures(page.slice(Math.max(0, end - size), end), keyFor, chains, sliced);
      expect([...sliced.entries()].sort(), `slices of ${size}`).toEqual([...whole.entries()].sort());
    }
    // Without the chains carried, an event whose own signature bytes are junk is refused at a slice's end.
    const alone = new Map<string, ReturnType<typeof whole.get> & object>();
    for (let end = page.length; end > 0; end -= 2) verifyEventSignatures(page.slice(Math.max(0, end - 2), end), keyFor, new Map(), alone);
    expect([...alone.values()].filter((v) => !v.ok).length).toBeGreaterThan([...whole.values()].filter((v) => !v.ok).length);
  });

  it('refuses an altered event, an inserted one, another device label, an unknown key and a missing signature', () => {
    const list = events(10);
    signEvents(list, key, null);
    const altered = list.map((e, i) => (i === 4 ? { ...e, payload: { at: 1, text: 'diubah' } } : e));
    const v1 = verifyEventSignatures(altered, keyFor);
    expect(v1.get(list[4]!.id)).toEqual({ ok: false, code: 'bad_signature' });
    expect([...v1.entries()].filter(([, x]) => !x.ok)).toHaveLength(1);

    const forged = { ...events(1)[0]!, id: '0197f1a0-0000-7000-8000-999999999999', prev: eventHash(list[3]!), signature: `${key.keyId}.${'B'.repeat(86)}` };
    const v2 = verifyEventSignatures([...list.slice(0, 4), forged, ...list.slice(4)], keyFor);
    expect(v2.get(forged.id)).toEqual({ ok: false, code: 'bad_signature' });
    expect(list.every((e) => v2.get(e.id)?.ok)).toBe(true);

    const relabelled = { ...list[9]!, deviceId: 'dev-c' };
    expect(verifyEventSignatures([relabelled], keyFor).get(relabelled.id)).toEqual({ ok: false, code: 'unknown_key' });
    const other = events(1);
    signEvents(other, generateSigningKey().key, null);
    expect(verifyEventSignatures(other, keyFor).get(other[0]!.id)).toEqual({ ok: false, code: 'unknown_key' });
    const unsigned = events(1);
    expect(verifyEventSignatures(unsigned, keyFor).get(unsigned[0]!.id)).toEqual({ ok: false, code: 'unsigned' });
  });

  it('the canonical form does not depend on key order or on the wire round trip', () => {
    const [e] = events(1);
    const reordered = { ...e!, payload: { text: 'catatan 0', at: 1795600000000 } };
    expect(canonicalEvent(reordered)).toBe(canonicalEvent(e!));
    signEvents([e!], key, null);
    const back = fromWire(JSON.parse(JSON.stringify(toWire(e!))) as ReturnType<typeof toWire>);
    expect(verifyEventSignatures([back], keyFor).get(e!.id)?.ok).toBe(true);
  });
});

describe('payload limits shared by server and workstations', () => {
  it('refuses depth beyond the limit, numbers JSON cannot hold, and oversize payloads; accepts ordinary ones', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep]; // an explicit stack: no overflow however deep
    expect(checkPayloadLimits(deep)?.code).toBe('payload_too_deep');
    let ok: unknown = 1;
    for (let i = 0; i < MAX_PAYLOAD_DEPTH - 1; i++) ok = { a: ok };
    expect(checkPayloadLimits(ok)).toBeNull();
    expect(checkPayloadLimits({ n: JSON.parse('1e400') as number })?.code).toBe('payload_number_out_of_range');
    expect(checkPayloadLimits({ n: 2 ** 60 })?.code).toBe('payload_number_out_of_range');
    expect(checkPayloadLimits({ s: 'x'.repeat(600 * 1024) })?.code).toBe('payload_too_large');
    expect(checkPayloadLimits({ itemCode: 'ktp', at: 1795600000000, note: null, ok: true })).toBeNull();
    expect(checkPayloadLimits({ key: 'office_name', value: 'x' })?.message ?? null).toBeNull();
  });
});
