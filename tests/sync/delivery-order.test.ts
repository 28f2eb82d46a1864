/**
 * Property: whatever order, chunking and duplication the office's events arrive in, a workstation ends with
 * the same projections as one that received them in server order. The log holds concurrent edits of the
 * same visits by two PCs, so late arrivals force re-folds of aggregates that already moved on. The
 * deliveries come from a fake transport: the real protocol never reorders across pages, this checks that
 * the workstation would not care if it did.
 */
import { fromEnvelopeRow, toWire } from '../../domain/events/codec';
import { serverKeyOf } from '../../server/store';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeNotice } from '../../contract/changes';
import type { PulledEvent, PullResponse, PushResponse } from '../../contract/sync-protocol';
import type { PullParams, SyncTransport } from '../../backend/sync/transport';
import { createBackend } from '../../backend/app';
import { syncEngineFor } from '../../backend/sync/engine';
import { tempDir, TestClock, THU_0900_WITA } from '../helpers';
import { enroll, ManualTimer, setUpSupervisor, snapshot, startPc, TestSyncServer, type Pc } from './harness';
import { counterActivity, freshVisit, markAll } from './workload';

let server: TestSyncServer;
let reference: Pc;
const others: Pc[] = [];
let log: PulledEvent[] = [];

beforeAll(async () => {
  server = await TestSyncServer.start('sqlite');
  const { officeId, code } = await server.createOffice('LPSE');
  const a = await startPc('A');
  const c = await startPc('C');
  reference = await startPc('REF');
  others.push(a, c);
  await setUpSupervisor(a);
  await enroll(a, server.url, code);
  await enroll(c, server.url, await server.newCode(officeId));
  await enroll(reference, server.url, await server.newCode(officeId));
  const ids = await counterActivity(a, 3);
  const x = (await a.ok('visits.register', freshVisit())).visit.visit.id;
  await a.ok('visits.startChecklist', { visitId: x });
  await a.sync();
  await c.sync();
  c.token = null;
  const s = await c.ok('auth.signIn', { username: 'kasubbag', password: 'rahasia-123' });
  c.token = s.token;
  // Concurrent edits of the same visits on both PCs, then both sync.
  await a.ok('visits.startChecklist', { visitId: ids[0]! });
  await c.ok('visits.startChecklist', { visitId: ids[0]! });
  for (const id of [ids[0]!, x]) {
    await markAll(a, id, ['surat_kuasa']);
    await markAll(c, id);
  }
  await a.ok('visits.returnIncomplete', { visitId: x, note: null });
  await c.ok('visits.handOver', { visitId: x });
  await counterActivity(c, 2);
  await a.sync();
  await c.sync();
  await a.sync();
  await reference.sync();
  log = (await server.events(officeId)).map((e) => ({ ...toWire(fromEnvelopeRow(e)), serverSeq: e.serverSeq }) as PulledEvent);
}, 120_000);

afterAll(async () => {
  for (const pc of [...others, reference]) await pc?.close();
  await server?.destroy();
});

/** Serves a fixed list of pages, ignoring the cursor, as a misbehaving network might. */
class ScriptedTransport implements SyncTransport {
  constructor(
    private readonly pages: PulledEvent[][],
    private readonly serverKey: { keyId: string; publicKey: string },
  ) {}
  get remaining(): number {
    return this.pages.length;
  }
  async enroll() {
    return { deviceToken: 'lpsd_fake-token-0000000000', serverDeviceId: 'fake', office: { id: 'o', name: 'LPSE' }, epoch: 'e', serverTime: THU_0900_WITA, protocolVersion: 2, serverKey: this.serverKey };
  }
  async registerKey(): Promise<never> {
    throw new Error('unused');
  }
  async session(): Promise<never> {
    throw new Error('unused');
  }
  async push(): Promise<PushResponse> {
    return { epoch: 'e', serverTime: THU_0900_WITA, accepted: 0, acks: [], lastDeviceSeq: 0 };
  }
  async pull(_u: string, _t: string, _p: PullParams): Promise<PullResponse> {
    const page = this.pages.shift() ?? [];
    return { epoch: 'e', serverTime: THU_0900_WITA, events: page, more: this.pages.length > 0 };
  }
}

describe('delivery order', () => {
  it('any permutation, chunking and duplication of the log gives the projections of in-order delivery', async () => {
    const ref = snapshot(reference);
    expect(ref.eventRows).toBe(log.length);
    expect(log.length).toBeGreaterThan(60);
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(
          log.map((_, i) => i),
          { minLength: log.length, maxLength: log.length },
        ),
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 40 }),
        async (order, sizes, dups) => {
          const pages: PulledEvent[][] = [];
          let i = 0;
          let k = 0;
          while (i < order.length) {
            const size = sizes[k % sizes.length]!;
            const page = order.slice(i, i + size).map((j) => log[j]!);
            pages.push(page);
            if (dups[k % dups.length]) pages.push([...page].reverse()); // delivered twice
            i += size;
            k++;
          }
          const clock = new TestClock(THU_0900_WITA + 3600_000);
          const key = await serverKeyOf(server.store);
          const transport = new ScriptedTransport(pages, { keyId: key.key.keyId, publicKey: key.key.publicKey });
          const backend = await createBackend({ dataDir: tempDir('lpse-order-'), transport: 'browser', now: clock.now, sync: { timer: new ManualTimer(), transport } });
          try {
            const engine = syncEngineFor(backend.ctx);
            await engine.enroll('http://fake.invalid', 'AAAA-BBBB-CCCC-DDDD');
            // A page older than the cursor ends a cycle (the engine asks again next cycle): run cycles
            // until every page was delivered.
            const total = pages.length;
            for (let cycles = 0; transport.remaining > 0 && cycles <= total; cycles++) await engine.syncNow();
            expect(transport.remaining).toBe(0);
            const pc = { backend } as Pc;
            const got = snapshot(pc);
            expect(got.eventIds).toEqual(ref.eventIds);
            expect(got.checksums).toEqual(ref.checksums);
            for (const [id, state] of ref.aggregates) expect(got.aggregates.get(id), id).toBe(state);
          } finally {
            await backend.close();
          }
        },
      ),
      { numRuns: 12 },
    );
  });

  it('announces the aggregates folded again when a late account event changes the verdicts on them (live updates)', async () => {
    // The office's first account arrives last: until then every event of its holder is denied (unknown
    // actor) and nothing of it is folded; its arrival folds them all again, and the screens must hear of it.
    const first = log.findIndex((e) => e.type === 'user.created');
    const pages = [log.filter((_, i) => i !== first), [log[first]!]];
    const key = await serverKeyOf(server.store);
    const transport = new ScriptedTransport(pages, { keyId: key.key.keyId, publicKey: key.key.publicKey });
    const clock = new TestClock(THU_0900_WITA + 3600_000);
    const backend = await createBackend({ dataDir: tempDir('lpse-order-'), transport: 'browser', now: clock.now, sync: { timer: new ManualTimer(), transport } });
    try {
      const engine = syncEngineFor(backend.ctx);
      await engine.enroll('http://fake.invalid', 'AAAA-BBBB-CCCC-DDDD');
      const notices: ChangeNotice[] = [];
      backend.ctx.changes.subscribe((n) => notices.push(n));
      const visitsNow = () => (backend.ctx.sqlite.prepare('SELECT id FROM visits ORDER BY id').all() as { id: string }[]).map((r) => r.id);
      const visitIds = (reference.backend.ctx.sqlite.prepare('SELECT id FROM visits ORDER BY id').all() as { id: string }[]).map((r) => r.id);
      expect(visitIds.length).toBeGreaterThan(2);
      const seenAfterFirstPage: string[][] = [];
      backend.ctx.changes.subscribe(() => seenAfterFirstPage.push(visitsNow()));
      for (let cycles = 0; transport.remaining > 0 && cycles <= pages.length; cycles++) await engine.syncNow();
      expect(transport.remaining).toBe(0);
      // The first page folded no visit; the late account event folded them all, and said so.
      expect(seenAfterFirstPage[0]).toEqual([]);
      expect(visitsNow()).toEqual(visitIds);
      const last = notices.filter((n) => n.origin === 'sync' && n.types.includes('visit')).pop();
      expect(last).toBeDefined();
      expect(last!.types).toEqual(expect.arrayContaining(['user', 'visit', 'vendor', 'person']));
      if (last!.ids !== null) expect(last!.ids).toEqual(expect.arrayContaining(visitIds));
      const got = snapshot({ backend } as Pc);
      expect(got.checksums).toEqual(snapshot(reference).checksums);
    } finally {
      await backend.close();
    }
  });
});
