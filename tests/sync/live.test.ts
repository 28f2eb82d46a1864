/**
 * Live sync: a change made at one workstation reaches another within a second of its commit, with no cycle
 * started by hand and no sync interval passing. A pushes a local commit at once; B keeps a wait open
 * (GET /v1/wait) that the push wakes; B's cycle applies the page and announces it on B's change feed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../backend/app';
import { syncEngineFor } from '../../backend/sync/engine';
import { HttpTransport } from '../../backend/sync/transport';
import type { ChangeNotice } from '../../contract/changes';
import type { InputOf, MethodName, OutputOf } from '../../contract/api';
import { tempDir } from '../helpers';
import { listDevices, revokeDevice } from '../../server/store';
import { SERVER_KINDS, SUPERVISOR, TestSyncServer } from './harness';
import { freshVisit } from './workload';

let server: TestSyncServer | null = null;
const backends: Backend[] = [];
afterEach(async () => {
  for (const b of backends.splice(0)) await b.close();
  await server?.destroy();
  server = null;
});

async function livePc() {
  // Real timers and live sync; the interval is far away, so only the live path can deliver within the test.
  const backend = await createBackend({
    dataDir: tempDir('lpse-live-'),
    transport: 'browser',
    sync: { transport: new HttpTransport({ timeoutMs: 30_000 }), intervalMs: 10 * 60_000, initialDelayMs: 10 * 60_000 },
  });
  backends.push(backend);
  let token: string | null = null;
  const ok = async <M extends MethodName>(m: M, input: InputOf<M>): Promise<OutputOf<M>> => {
    const r = await backend.dispatch(m, input, token);
    if (!r.ok) throw new Error(`${m}: ${r.error.code} ${r.error.message}`);
    return r.value as OutputOf<M>;
  };
  return { backend, ok, setToken: (t: string) => (token = t), engine: syncEngineFor(backend.ctx) };
}

function next(backend: Backend, match: (n: ChangeNotice) => boolean, timeoutMs: number): Promise<{ notice: ChangeNotice; afterMs: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching change notice within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = backend.ctx.changes.subscribe((n) => {
      if (!match(n)) return;
      clearTimeout(timer);
      off();
      resolve({ notice: n, afterMs: Date.now() - started });
    });
  });
}

describe.each(SERVER_KINDS)('live sync (%s server)', (kind) => {
  it('a visit registered at A is announced at B within a second, without a cycle started by hand', async () => {
    server = await TestSyncServer.start(kind);
    const { officeId, code } = await server.createOffice('LPSE Kota Banjarmasin');
    const a = await livePc();
    const b = await livePc();
    a.setToken((await a.ok('auth.setup', SUPERVISOR)).token);
    await a.ok('sync.enroll', { serverUrl: server.url, code, deviceName: 'PC A' });
    await a.engine.syncNow();
    await b.ok('sync.enroll', { serverUrl: server.url, code: await server.newCode(officeId), deviceName: 'PC B' });
    await b.engine.syncNow(); // B receives the accounts, and from now on waits for the office's next events
    b.setToken((await b.ok('auth.signIn', { username: SUPERVISOR.username, password: SUPERVISOR.password })).token);
    await new Promise((r) => setTimeout(r, 200)); // B's wait is open

    const arrival = next(b.backend, (n) => n.origin === 'sync' && n.types.includes('visit'), 5_000);
    const reg = await a.ok('visits.register', freshVisit());
    const { notice, afterMs } = await arrival;
    expect(notice.ids).toContain(reg.visit.visit.id);
    expect(afterMs).toBeLessThan(1_000);
    const seen = await b.ok('visits.get', { visitId: reg.visit.visit.id });
    expect(seen.visit.visitorName).toBe(reg.visit.visit.visitorName);
    await expect.poll(() => server!.server.signals.waiting).toBeGreaterThan(0); // B waits again for the next change
  }, 60_000);
});

describe.each(SERVER_KINDS)('GET /v1/wait (%s server)', (kind) => {
  it('answers at once when there is something to pull, at its timeout when not, and refuses an unknown device', async () => {
    server = await TestSyncServer.start(kind);
    const { code } = await server.createOffice('LPSE Kota Banjarmasin');
    const a = await livePc();
    a.setToken((await a.ok('auth.setup', SUPERVISOR)).token);
    await a.ok('sync.enroll', { serverUrl: server.url, code, deviceName: 'PC A' });
    await a.engine.syncNow();
    const row = a.backend.ctx.sqlite.prepare("SELECT value FROM sync_state WHERE key = 'deviceToken'").get() as { value: string };
    const deviceToken = JSON.parse(row.value) as string;
    const transport = new HttpTransport();
    const head = (await transport.wait(server.url, deviceToken, { after: 0, timeoutMs: 5_000 })).head;
    expect(head).toBeGreaterThan(0); // A's own events: answered at once
    const t0 = Date.now();
    const idle = await transport.wait(server.url, deviceToken, { after: head, timeoutMs: 300 });
    expect(idle.head).toBe(head);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
    await expect(transport.wait(server.url, 'not-a-device-token', { after: 0, timeoutMs: 100 })).rejects.toMatchObject({ kind: 'unauthorized' });
    const tooLong = await fetch(`${server.url}/v1/wait?after=0&timeoutMs=999999`, { headers: { authorization: `Bearer ${deviceToken}` } });
    expect(tooLong.status).toBe(400);
  }, 60_000);

  it("is woken by the server's own events too: a device's key announced at enrollment, a revocation", async () => {
    server = await TestSyncServer.start(kind);
    const { officeId, code } = await server.createOffice('LPSE Kota Banjarmasin');
    const a = await livePc();
    a.setToken((await a.ok('auth.setup', SUPERVISOR)).token);
    await a.ok('sync.enroll', { serverUrl: server.url, code, deviceName: 'PC A' });
    await a.engine.syncNow();
    const deviceToken = JSON.parse((a.backend.ctx.sqlite.prepare("SELECT value FROM sync_state WHERE key = 'deviceToken'").get() as { value: string }).value) as string;
    const transport = new HttpTransport({ timeoutMs: 30_000 });
    const head = (await transport.wait(server.url, deviceToken, { after: 0, timeoutMs: 0 })).head;

    // B enrolls: the server writes `device.key_registered` (server-signed) into the office's log; nobody pushed.
    let t0 = Date.now();
    let waiting = transport.wait(server.url, deviceToken, { after: head, timeoutMs: 20_000 });
    await expect.poll(() => server!.server.signals.waiting).toBeGreaterThan(0);
    const b = await livePc();
    await b.ok('sync.enroll', { serverUrl: server.url, code: await server.newCode(officeId), deviceName: 'PC B' });
    const afterEnroll = await waiting;
    expect(afterEnroll.head).toBeGreaterThan(head);
    expect(Date.now() - t0).toBeLessThan(5_000);
    const keyEvents = (await server.events(officeId)).filter((e) => e.serverSeq > head).map((e) => e.type);
    expect(keyEvents).toEqual(['device.key_registered']);

    // B's device is revoked: `device.key_revoked`, again written by the server alone.
    await b.engine.stop();
    t0 = Date.now();
    waiting = transport.wait(server.url, deviceToken, { after: afterEnroll.head, timeoutMs: 20_000 });
    await expect.poll(() => server!.server.signals.waiting).toBeGreaterThan(0);
    const bDevice = (await listDevices(server.server.store, officeId)).find((d) => d.name === 'PC B')!;
    await revokeDevice(server.server.store, bDevice.id, Date.now());
    const afterRevoke = await waiting;
    expect(afterRevoke.head).toBe(afterEnroll.head + 1);
    expect(Date.now() - t0).toBeLessThan(5_000);
  }, 60_000);
});
