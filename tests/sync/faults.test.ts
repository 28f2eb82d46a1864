/**
 * The fault suite (issue 4): every scenario ends by healing the network and checking that all PCs and the
 * server converge — identical projections, the same events everywhere, none lost, none doubled. Runs
 * against the SQLite server always and against PostgreSQL when TEST_DATABASE_URL is set (CI sets it).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readSyncState, syncDb } from '../../backend/sync/state';
import { TestClock, THU_0900_WITA } from '../helpers';
import { expectConverged } from './converge';
import { FaultProxy } from './fault-proxy';
import { enroll, SERVER_KINDS, setUpSupervisor, signIn, snapshot, startPc, TestSyncServer, type Pc, type PcOptions } from './harness';
import { counterActivity, freshVisit, markAll } from './workload';

let server: TestSyncServer | null = null;
let proxy: FaultProxy | null = null;
let pcs: Pc[] = [];

afterEach(async () => {
  for (const pc of pcs) await pc.close().catch(() => undefined);
  pcs = [];
  await proxy?.stop();
  proxy = null;
  await server?.destroy();
  server = null;
});

interface Office {
  server: TestSyncServer;
  proxy: FaultProxy;
  officeId: string;
  url: string;
  pcs: Pc[];
}

/** A server behind a fault proxy, and `names.length` PCs enrolled through the proxy and synced once. */
async function office(kind: 'sqlite' | 'pg', names: string[], pcOpts: PcOptions = {}): Promise<Office> {
  server = await TestSyncServer.start(kind);
  proxy = new FaultProxy();
  const url = await proxy.start();
  proxy.setUpstream(server.url);
  const { officeId, code } = await server.createOffice('LPSE Kota Banjarmasin');
  const list: Pc[] = [];
  for (const [i, name] of names.entries()) {
    const pc = await startPc(name, pcOpts);
    pcs.push(pc);
    list.push(pc);
    if (i === 0) await setUpSupervisor(pc);
    await enroll(pc, url, i === 0 ? code : await server.newCode(officeId));
    await pc.sync();
    if (i > 0) await signIn(pc);
  }
  return { server, proxy, officeId, url, pcs: list };
}

async function syncAll(list: Pc[], rounds = 2): Promise<void> {
  for (let r = 0; r < rounds; r++) for (const pc of list) await pc.sync();
}

describe.each(SERVER_KINDS)('sync fault suite (%s server)', (kind) => {
  it('server down for a while: PCs keep working, back off, and catch up when it returns', async () => {
    const o = await office(kind, ['A', 'B']);
    const [a, b] = o.pcs as [Pc, Pc];
    await o.server.stop();
    await counterActivity(a, 3);
    await counterActivity(b, 2);

    const down = await a.sync();
    expect(down.state).toBe('offline');
    expect(down.online).toBe(false);
    expect(down.pendingCount).toBeGreaterThan(0);
    expect(down.lastError?.code).toBe('offline');
    expect(down.lastError?.message).toMatch(/Server pusat tidak dapat dihubungi/);

    // The background loop backs off exponentially (jitter fixed at 0.5 here): 1.5 s, 3 s, 6 s, 12 s …
    a.engine.start();
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      const [d] = a.timer.delays();
      delays.push(d!);
      a.timer.advance(d!);
      await new Promise((r) => setImmediate(r));
      await a.engine.idle();
      // schedule() runs after the cycle's promise settles
      await new Promise((r) => setImmediate(r));
    }
    expect(delays).toEqual([1500, 3000, 6000, 12000, 24000]);

    await o.server.boot();
    o.proxy.setUpstream(o.server.url);
    const [d] = a.timer.delays();
    a.timer.advance(d!);
    await new Promise((r) => setImmediate(r));
    await a.engine.idle();
    await new Promise((r) => setImmediate(r));
    const up = await a.engine.status();
    expect(up.state).toBe('online');
    expect(up.pendingCount).toBe(0);
    // Back to the normal interval after a success.
    expect(a.timer.delays()).toEqual([15_000]);

    await syncAll([a, b]);
    await expectConverged(o.server, o.officeId, [a, b]);
  });

  it('a backlog pushed in many batches numbers every batch right (no sequence gap for the server to refuse)', async () => {
    const o = await office(kind, ['A', 'B'], { pushBatchSize: 5 });
    const [a, b] = o.pcs as [Pc, Pc];
    await counterActivity(a, 4);
    expect(snapshot(a).pending).toBeGreaterThan(20);
    const before = o.proxy.log.length;
    const s = await a.sync();
    expect(s.state).toBe('online');
    expect(s.pendingCount).toBe(0);
    const pushes = o.proxy.log.slice(before).filter((l) => l.method === 'POST' && l.path === '/v1/events');
    expect(pushes.length).toBeGreaterThan(4);
    expect(pushes.map((l) => l.status)).toEqual(pushes.map(() => 200));
    await syncAll([a, b]);
    await expectConverged(o.server, o.officeId, [a, b]);
  });

  it('connection cut mid-push (request lost, answer lost, answer truncated) loses and doubles nothing', async () => {
    const o = await office(kind, ['A', 'B'], { pushBatchSize: 7 });
    const [a, b] = o.pcs as [Pc, Pc];
    await counterActivity(a, 4);
    const pending = snapshot(a).pending;
    expect(pending).toBeGreaterThan(14);

    for (const fault of ['drop_request', 'drop_response', 'truncate_response'] as const) {
      // The second push of the cycle fails: the first batch is acknowledged, the second is in doubt.
      let pushes = 0;
      o.proxy.setPlan((r) => (r.method === 'POST' && r.path === '/v1/events' && ++pushes === 2 ? fault : null));
      const s = await a.sync();
      expect(s.state, fault).toBe('offline');
      expect(s.pendingCount).toBeGreaterThan(0);
      o.proxy.always(null);
      await counterActivity(a, 1);
    }
    await syncAll([a, b]);
    await expectConverged(o.server, o.officeId, [a, b]);
    // The answers lost after the server committed were acknowledged on the retry, not stored twice.
    expect(o.proxy.log.filter((l) => l.fault === 'drop_response' || l.fault === 'truncate_response').every((l) => l.status === 200)).toBe(true);
  });

  it('connection cut mid-pull (answer lost, truncated) resumes from the last applied page', async () => {
    const o = await office(kind, ['A', 'B'], { pullLimit: 5 });
    const [a, b] = o.pcs as [Pc, Pc];
    await counterActivity(a, 4);
    await a.sync();
    const before = snapshot(b).eventRows;
    for (const fault of ['truncate_response', 'drop_response', 'drop_request'] as const) {
      // The second pull of the cycle and the transport's one retry of it (ADR 0025) are both cut.
      let pulls = 0;
      o.proxy.setPlan((r) => (r.method === 'GET' && r.path.startsWith('/v1/events') && [2, 3].includes(++pulls) ? fault : null));
      const s = await b.sync();
      expect(s.state, fault).toBe('offline');
      o.proxy.always(null);
    }
    // Three pages applied before the three cuts: progress was kept, not thrown away.
    expect(snapshot(b).eventRows).toBe(before + 15);
    await syncAll([a, b]);
    await expectConverged(o.server, o.officeId, [a, b]);
  });

  it('the app closed while a push is in flight after the server committed, then reopened', async () => {
    const o = await office(kind, ['A', 'B']);
    const [a, b] = o.pcs as [Pc, Pc];
    await counterActivity(a, 2);
    // The server commits; the answer is still on its way when the app is closed.
    o.proxy.setPlan((r) => (r.method === 'POST' && r.path === '/v1/events' ? 'hang' : null));
    const cycle = a.engine.syncNow();
    const t0 = Date.now();
    while (!o.proxy.log.some((l) => l.fault === 'hang' && l.status === 200)) {
      if (Date.now() - t0 > 10_000) throw new Error('push never reached the server');
      await new Promise((r) => setTimeout(r, 10));
    }
    await a.close(); // aborts the request in flight, waits for the cycle, closes the database
    await cycle;
    pcs = pcs.filter((p) => p !== a);
    o.proxy.always(null);
    const a2 = await startPc('A2', { dataDir: a.dataDir, clock: a.clock });
    pcs.push(a2);
    await signIn(a2);
    expect(snapshot(a2).pending).toBeGreaterThan(0);
    await syncAll([a2, b]);
    await expectConverged(o.server, o.officeId, [a2, b]);
  });

  it('duplicate delivery: every push sent twice, stale pull answers replayed', async () => {
    const o = await office(kind, ['A', 'B', 'C'], { pullLimit: 4 });
    const [a, b, c] = o.pcs as [Pc, Pc, Pc];
    let pulls = 0;
    o.proxy.setPlan((r) => {
      if (r.method === 'POST' && r.path === '/v1/events') return 'duplicate_request';
      if (r.method === 'GET' && r.path.startsWith('/v1/events')) return ++pulls % 3 === 0 ? 'replay_old_pull' : null;
      return null;
    });
    await counterActivity(a, 3);
    await counterActivity(b, 2);
    await syncAll([a, b, c], 3);
    o.proxy.always(null);
    await syncAll([a, b, c]);
    await expectConverged(o.server, o.officeId, [a, b, c]);
  });

  it('reordered delivery: events inside every pull answer reversed, pages interleaving three PCs', async () => {
    const o = await office(kind, ['A', 'B', 'C'], { pullLimit: 3 });
    const [a, b, c] = o.pcs as [Pc, Pc, Pc];
    o.proxy.setPlan((r) => (r.method === 'GET' && r.path.startsWith('/v1/events') ? 'reverse_events' : null));
    const [visitId] = await counterActivity(a, 2);
    await a.sync();
    await b.sync();
    await signIn(b);
    // B works on A's visit; C, far behind, receives everything reversed page by page.
    await b.ok('visits.startChecklist', { visitId: visitId! });
    await markAll(b, visitId!);
    await counterActivity(b, 2);
    await b.sync();
    await counterActivity(c, 1);
    await syncAll([c, a, b]);
    await expectConverged(o.server, o.officeId, [a, b, c]);
  });

  it('two PCs change the same visit while partitioned: both converge to one deterministic result', async () => {
    // B's clock is 7 minutes behind A's: the HLC, not the wall clock, orders their edits.
    const o = await office(kind, ['A', 'B']);
    const [a, b] = o.pcs as [Pc, Pc];
    b.clock.ms = a.clock.ms - 7 * 60_000;
    const reg = await a.ok('visits.register', freshVisit());
    const visitId = reg.visit.visit.id;
    await a.ok('visits.startChecklist', { visitId });
    await a.sync();
    await b.sync();

    o.proxy.always('refuse'); // partition
    await markAll(a, visitId, ['surat_kuasa']);
    await a.ok('visits.returnIncomplete', { visitId, note: 'Surat kuasa belum dibawa' });
    await markAll(b, visitId);
    await b.ok('visits.handOver', { visitId });
    expect((await a.sync()).state).toBe('offline');
    expect((await b.sync()).state).toBe('offline');
    // Diverged while partitioned.
    expect((await a.ok('visits.get', { visitId })).visit.status).toBe('returned');
    expect((await b.ok('visits.get', { visitId })).visit.status).toBe('handed_over');

    o.proxy.always(null); // heal
    await syncAll([a, b]);
    await expectConverged(o.server, o.officeId, [a, b]);
    const va = await a.ok('visits.get', { visitId });
    const vb = await b.ok('visits.get', { visitId });
    expect(va.visit.status).toBe(vb.visit.status);
    expect(va.checklist.map((i) => i.mark)).toEqual(vb.checklist.map((i) => i.mark));
  });

  it('server restored from an old backup, epoch rotated: PCs re-send what it lost and re-pull', async () => {
    const o = await office(kind, ['A', 'B']);
    const [a, b] = o.pcs as [Pc, Pc];
    await counterActivity(a, 2);
    await syncAll([a, b]);
    const backup = await o.server.backup();
    o.proxy.setUpstream(o.server.url);
    await counterActivity(a, 2);
    await counterActivity(b, 2);
    await syncAll([a, b]);
    const full = (await o.server.events(o.officeId)).length;

    await o.server.restoreAndStart(backup);
    const { rotateEpoch } = await import('../../server/db');
    await rotateEpoch(o.server.database.db);
    await o.server.stop();
    await o.server.boot(); // the server reads its epoch at start
    o.proxy.setUpstream(o.server.url);
    expect((await o.server.events(o.officeId)).length).toBeLessThan(full);

    const logFrom = o.proxy.log.length;
    await counterActivity(b, 1);
    await syncAll([a, b]);
    await expectConverged(o.server, o.officeId, [a, b]);
    expect((await o.server.events(o.officeId)).length).toBeGreaterThan(full);
    // Both PCs noticed the new epoch, adopted it and pulled everything again from the start.
    for (const pc of [a, b]) expect((await readSyncState(syncDb(pc.backend.ctx.db))).epoch).toBe(o.server.server.epoch);
    expect(o.proxy.log.slice(logFrom).filter((l) => l.method === 'GET' && /after=0\b/.test(l.path)).length).toBeGreaterThanOrEqual(2);
  });

  it('server restored from an old backup WITHOUT rotating the epoch: detected by cursor and device sequence', async () => {
    const o = await office(kind, ['A', 'B', 'C']);
    const [a, b, c] = o.pcs as [Pc, Pc, Pc];
    await counterActivity(a, 1);
    await syncAll([a, b, c]);
    const backup = await o.server.backup();
    o.proxy.setUpstream(o.server.url);
    // After the backup: C records a file and syncs, B pulls it, then C's PC is gone for good.
    await counterActivity(c, 2);
    await c.sync();
    await counterActivity(a, 1);
    await a.sync();
    await b.sync();
    const cIds = (c.backend.ctx.sqlite.prepare(`SELECT id FROM events WHERE is_local = 1`).all() as { id: string }[]).map((r) => r.id);
    expect(cIds.length).toBeGreaterThan(0);
    await c.close();
    pcs = pcs.filter((p) => p !== c);

    await o.server.restoreAndStart(backup);
    o.proxy.setUpstream(o.server.url);
    // A records so much after the restore that the server's head passes B's old cursor again.
    await counterActivity(a, 4);
    await a.sync();
    await syncAll([a, b]);
    await expectConverged(o.server, o.officeId, [a, b]);
    // C's events came back to the server from the PCs that had pulled them before the restore.
    const onServer = new Set((await o.server.events(o.officeId)).map((e) => e.id));
    expect(cIds.every((id) => onServer.has(id))).toBe(true);
  });
});

describe('clock drift', () => {
  it('events stamped far in the future by a PC with a wrong clock are refused by the server with a clear error, kept, and sent once time catches up', async () => {
    const kind = SERVER_KINDS[0]!;
    const clockA = new TestClock(THU_0900_WITA + 3 * 24 * 3600_000); // A's clock is 3 days ahead
    let serverNow = THU_0900_WITA;
    server = await TestSyncServer.start(kind, { now: () => serverNow });
    const { officeId, code } = await server.createOffice('LPSE');
    const a = await startPc('A', { clock: clockA });
    const b = await startPc('B');
    pcs.push(a, b);
    await setUpSupervisor(a);
    await enroll(a, server.url, code);
    const sa = await a.sync();
    // The server refuses them (ADR 0011): one PC set to the future cannot push the office's clocks along.
    expect(sa.state).toBe('error');
    expect(sa.lastError?.code).toBe('clock_ahead');
    expect(sa.lastError?.message).toMatch(/lebih dari 24 jam di depan jam server/);
    expect(sa.pendingCount).toBeGreaterThan(0); // kept, not lost
    expect((await server.events(officeId)).filter((e) => e.device_id === a.backend.ctx.deviceId)).toHaveLength(0);
    await enroll(b, server.url, await server.newCode(officeId));
    expect((await b.sync()).state).toBe('online');
    expect(snapshot(b).eventRows).toBe(2); // only the server's two key announcements
    // Two days later the events are within the one-day bound: A's next cycle sends them, B applies them.
    serverNow += 2 * 24 * 3600_000 + 60_000;
    b.clock.ms += 2 * 24 * 3600_000 + 60_000;
    const later = await a.sync();
    expect(later.state).toBe('online');
    expect(later.pendingCount).toBe(0);
    expect((await b.sync()).heldCount).toBe(0);
    await signIn(b);
    await expectConverged(server, officeId, [a, b]);
  });

  it('a PC whose own clock is far behind refuses the page, says so, and applies it once the clock is fixed', async () => {
    const kind = SERVER_KINDS[0]!;
    server = await TestSyncServer.start(kind, { now: () => THU_0900_WITA });
    const { officeId, code } = await server.createOffice('LPSE');
    const a = await startPc('A');
    const b = await startPc('B', { clock: new TestClock(THU_0900_WITA - 5 * 24 * 3600_000) }); // 5 days behind
    pcs.push(a, b);
    await setUpSupervisor(a);
    await counterActivity(a, 1);
    await enroll(a, server.url, code);
    await a.sync();
    await enroll(b, server.url, await server.newCode(officeId));
    const sb = await b.sync();
    expect(sb.state).toBe('error');
    expect(sb.lastError?.code).toBe('clock_behind');
    expect(sb.lastError?.message).toMatch(/Jam komputer ini tertinggal 5 hari/);
    expect(snapshot(b).eventRows).toBe(0);
    b.clock.ms = THU_0900_WITA; // the clock is fixed
    expect((await b.sync()).state).toBe('online');
    await expectConverged(server, officeId, [a, b]);
  });
});
