/**
 * A push larger than one insert chunk (1,000 rows) and one lookup chunk, part of it already held: the
 * server's hand-written multi-row statements (server/prepared.ts `MultiRowInsert`, `InListSelect`, ADR 0029)
 * on both dialects. Acknowledgements keep the push's order, held events keep their numbers, new ones are
 * numbered on in order, and every stored event reads back as pushed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { toWire } from '../../domain/events/codec';
import { formatHlc } from '../../domain/events/hlc';
import type { StoredEvent } from '../../domain/events/schema';
import type { WireEvent } from '../../contract/sync-protocol';
import { uuidv7 } from '../../domain/events/uuidv7';
import { createOffice, enrollDevice, issueEnrollmentCode, officeEvents, pushEvents } from '../../server/store';
import { generateSigningKey } from '../../trust/ed25519';
import { signEvents } from '../../trust/events';
import { SERVER_KINDS, TestSyncServer } from './harness';

const servers: TestSyncServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.destroy();
});

describe.each(SERVER_KINDS)('a push of several chunks (%s server)', (kind) => {
  it('2,345 events in two overlapping pushes: acknowledged in order, numbered once, stored as pushed', async () => {
    const server = await TestSyncServer.start(kind);
    servers.push(server);
    const now = Date.now();
    const office = await createOffice(server.store, 'Kantor Uji', now);
    const { key } = generateSigningKey();
    const code = await issueEnrollmentCode(server.store, office.id, now);
    const enrolled = await enrollDevice(server.store, { code: code.code, clientDeviceId: 'pc-uji', name: 'PC Uji', appVersion: 'test', publicKey: key.publicKey }, now);
    expect(enrolled).not.toBeNull();
    const device = { id: enrolled!.device.id, officeId: office.id, clientDeviceId: 'pc-uji', keyId: key.keyId };
    const events: StoredEvent[] = Array.from({ length: 2345 }, (_, i) => {
      const at = now - 10_000 + i;
      const id = uuidv7(at);
      return {
        id,
        hlc: formatHlc({ ms: at, counter: 0 }),
        deviceId: 'pc-uji',
        actorId: null,
        type: 'user.created',
        aggregateType: 'user',
        aggregateId: id,
        payload: { username: `petugas${i}`, displayName: `Petugas "${i}" ü`, roles: ['helpdesk'], passwordHash: 'scrypt$x' },
        schemaVersion: 1,
        recordedAt: at,
      };
    });
    signEvents(events, key, null);
    // The payloads are plain JSON objects (what a parsed request body holds).
    const wire = events.map((e) => toWire(e) as WireEvent);
    const before = (await officeEvents(server.store, office.id)).length;

    const first = await pushEvents(server.store, device, { firstDeviceSeq: 1, events: wire.slice(0, 1500) }, now);
    expect(first.kind).toBe('ok');
    if (first.kind !== 'ok') return;
    expect(first.accepted).toBe(1500);
    expect(first.acks.map((a) => a.id)).toEqual(wire.slice(0, 1500).map((e) => e.id));
    const firstSeqs = new Map(first.acks.map((a) => [a.id, a.serverSeq]));

    // A re-send of the last 500 with 845 new ones behind them (an answer lost on the way back).
    const second = await pushEvents(server.store, device, { firstDeviceSeq: 1001, events: wire.slice(1000) }, now);
    expect(second.kind).toBe('ok');
    if (second.kind !== 'ok') return;
    expect(second.accepted).toBe(845);
    expect(second.acks.map((a) => a.id)).toEqual(wire.slice(1000).map((e) => e.id));
    for (const a of second.acks.slice(0, 500)) expect(a.serverSeq).toBe(firstSeqs.get(a.id));
    const last = first.acks[1499]!.serverSeq;
    expect(second.acks.slice(500).map((a) => a.serverSeq)).toEqual(Array.from({ length: 845 }, (_, i) => last + 1 + i));
    expect(second.lastDeviceSeq).toBe(2345);

    const stored = (await officeEvents(server.store, office.id)).slice(before);
    expect(stored.map((r) => r.id)).toEqual(wire.map((e) => e.id));
    for (const [i, r] of stored.entries()) {
      const e = wire[i]!;
      expect(JSON.parse(r.payload)).toEqual(e.payload);
      expect([r.hlc, r.device_id, r.type, r.aggregate_id, r.signature, r.prev, r.recorded_at]).toEqual([e.hlc, e.deviceId, e.type, e.aggregateId, e.signature, e.prev, e.recordedAt]);
    }
  });
});
