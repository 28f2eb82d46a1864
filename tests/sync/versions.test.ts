/**
 * Mixed app versions: a newer PC writes an event this app does not know yet (a newer schema version of a
 * known type, and a type it has never heard of). The server relays both untouched; this PC keeps them,
 * parks them (its projections are not touched), syncs on as usual, and applies them once it is upgraded.
 */
import { signEvents } from '../../trust/events';
import { afterEach, describe, expect, it } from 'vitest';
import { readSyncState, syncDb } from '../../backend/sync/state';
import { EVENT_TYPES } from '../../domain/events/schema';
import { uuidv7 } from '../../domain/events/uuidv7';
import { TestClock, THU_0900_WITA } from '../helpers';
import { expectConverged } from './converge';
import { enroll, SERVER_KINDS, setUpSupervisor, snapshot, startPc, TestSyncServer, type Pc } from './harness';

let server: TestSyncServer | null = null;
let pcs: Pc[] = [];
afterEach(async () => {
  for (const pc of pcs) await pc.close().catch(() => undefined);
  pcs = [];
  await server?.destroy();
  server = null;
});

describe.each(SERVER_KINDS)('versioned events (%s server)', (kind) => {
  it('parks events of a newer app, relays them untouched, and applies them after an upgrade', async () => {
    server = await TestSyncServer.start(kind);
    const { officeId, code } = await server.createOffice('LPSE');
    const a = await startPc('A');
    const clockB = new TestClock(THU_0900_WITA);
    const b = await startPc('B', { clock: clockB });
    pcs.push(a, b);
    await setUpSupervisor(a);
    await enroll(a, server.url, code);
    await a.sync();
    await enroll(b, server.url, await server.newCode(officeId));
    await b.sync();

    // "A newer build of A": events written by A's device and signed with its key (ADR 0011), as a newer build
    // of the app would send them.
    const token = (await readSyncState(syncDb(a.backend.ctx.db))).deviceToken!;
    const deviceId = a.backend.ctx.deviceId;
    const actorId = (await a.ok('auth.me', {})).user.id;
    const vendorId = uuidv7(THU_0900_WITA);
    const future = [
      {
        id: uuidv7(THU_0900_WITA + 1),
        hlc: `${String(THU_0900_WITA + 1).padStart(15, '0')}-00000`,
        deviceId,
        actorId,
        type: 'vendor.registered',
        aggregateType: 'vendor',
        aggregateId: vendorId,
        payload: { name: 'PT Versi Baru', legalForm: 'PT', npwp: null, address: null, email: null, phone: null, leaderName: null, sbu: 'K1' },
        schemaVersion: 2,
        recordedAt: THU_0900_WITA + 1,
      },
      {
        id: uuidv7(THU_0900_WITA + 2),
        hlc: `${String(THU_0900_WITA + 2).padStart(15, '0')}-00000`,
        deviceId,
        actorId,
        type: 'survey.answered',
        aggregateType: 'survey',
        aggregateId: uuidv7(THU_0900_WITA + 2),
        payload: { answers: { U1: 4, U2: 3 } },
        schemaVersion: 1,
        recordedAt: THU_0900_WITA + 2,
      },
    ];
    signEvents(future, a.backend.ctx.trust.key, null);
    const res = await fetch(`${server.url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ firstDeviceSeq: null, events: future }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { accepted: number }).accepted).toBe(2);

    const s = await b.sync();
    expect(s.state).toBe('online');
    const parked = (b.backend.ctx.sqlite.prepare('SELECT id, reason FROM parked_events ORDER BY id').all() as { id: string; reason: string }[]).map((r) => r.reason);
    expect(parked.sort()).toEqual(['survey.answered@1', 'vendor.registered@2']);
    expect(b.backend.ctx.sqlite.prepare('SELECT count(*) AS n FROM vendors WHERE id = ?').get(vendorId)).toEqual({ n: 0 });
    // Kept, relayed, counted: every PC holds exactly the server's events.
    await a.sync();
    await expectConverged(server, officeId, [a, b]);
    expect(snapshot(b).eventIds).toEqual(expect.arrayContaining(future.map((e) => e.id)));

    // B is upgraded to a build that knows vendor.registered version 2: the parked event is applied.
    const def = EVENT_TYPES['vendor.registered'] as { version: number };
    const dataDir = b.dataDir;
    await b.close();
    pcs = pcs.filter((p) => p !== b);
    def.version = 2;
    try {
      const b2 = await startPc('B2', { dataDir, clock: clockB });
      pcs.push(b2);
      const row = b2.backend.ctx.sqlite.prepare('SELECT name FROM vendors WHERE id = ?').get(vendorId) as { name: string } | undefined;
      expect(row?.name).toBe('PT Versi Baru');
      const still = (b2.backend.ctx.sqlite.prepare('SELECT reason FROM parked_events').all() as { reason: string }[]).map((r) => r.reason);
      expect(still).toEqual(['survey.answered@1']);
      expect((await b2.sync()).state).toBe('online');
    } finally {
      def.version = 1;
    }
  });
});
