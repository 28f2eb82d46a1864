/**
 * Trust in the shared log (issue 10, ADR 0011), end to end against a real server on both database backends:
 * who wrote an event (signatures, the pushing device), whether they were allowed to (permissions in the
 * fold), revocation, poison events, and the upgrade path from unsigned logs and keyless devices.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { readSyncState, syncDb } from '../../backend/sync/state';
import { HttpTransport, type PullParams } from '../../backend/sync/transport';
import { recordEvents } from '../../backend/record';
import type { PullResponse, PulledEvent } from '../../contract/sync-protocol';
import { PROTOCOL_HEADER } from '../../contract/sync-protocol';
import { formatHlc } from '../../domain/events/hlc';
import type { StoredEvent } from '../../domain/events/schema';
import { uuidv7 } from '../../domain/events/uuidv7';
import { enrollDevice, revokeDevice, serverKeyOf } from '../../server/store';
import { generateSigningKey } from '../../trust/ed25519';
import { signEvents } from '../../trust/events';
import { expectConverged } from './converge';
import { enroll, SERVER_KINDS, setUpSupervisor, signIn, snapshot, startPc, TestSyncServer, type Pc } from './harness';
import { counterActivity } from './workload';
import { THU_0900_WITA } from '../helpers';

let servers: TestSyncServer[] = [];
let pcs: Pc[] = [];
afterEach(async () => {
  for (const pc of pcs) await pc.close().catch(() => undefined);
  pcs = [];
  for (const s of servers) await s.destroy();
  servers = [];
});

async function server(kind: 'sqlite' | 'pg', opts: Parameters<typeof TestSyncServer.start>[1] = {}): Promise<TestSyncServer> {
  const s = await TestSyncServer.start(kind, opts);
  servers.push(s);
  return s;
}

async function pc(name: string, opts: Parameters<typeof startPc>[1] = {}): Promise<Pc> {
  const p = await startPc(name, opts);
  pcs.push(p);
  return p;
}

async function tokenOf(p: Pc): Promise<string> {
  return (await readSyncState(syncDb(p.backend.ctx.db))).deviceToken!;
}

async function post(base: string, path: string, token: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', [PROTOCOL_HEADER]: '2', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as { error?: { code: string; message: string; reason?: string }; accepted?: number; refused?: { id: string; code: string }[] } };
}

/** Per-device sequence of the next event a PC would push. */
async function nextDeviceSeq(p: Pc): Promise<number> {
  const s = await readSyncState(syncDb(p.backend.ctx.db));
  const res = await fetch(`${s.serverUrl}/v1/session`, { headers: { authorization: `Bearer ${s.deviceToken}` } });
  return ((await res.json()) as { lastDeviceSeq: number }).lastDeviceSeq + 1;
}

function rogueAccount(deviceId: string, actorId: string | null, at: number): StoredEvent {
  const id = uuidv7(at);
  return {
    id,
    hlc: formatHlc({ ms: at, counter: 0 }),
    deviceId,
    actorId,
    type: 'user.created',
    aggregateType: 'user',
    aggregateId: id,
    payload: { username: 'penyusup', displayName: 'Penyusup', roles: ['supervisor', 'sysadmin'], passwordHash: 'scrypt$x' },
    schemaVersion: 1,
    recordedAt: at,
  };
}

/** Lets a test rewrite what the server answers to a pull, once (a tampering network or a hostile server). */
class TamperingTransport extends HttpTransport {
  tamper: ((events: PulledEvent[]) => PulledEvent[]) | null = null;
  override async pull(serverUrl: string, token: string, p: PullParams, signal?: AbortSignal): Promise<PullResponse> {
    const res = await super.pull(serverUrl, token, p, signal);
    const t = this.tamper;
    if (!t || res.events.length === 0) return res;
    this.tamper = null;
    return { ...res, events: t(res.events) };
  }
}

/** An office of three PCs: A (supervisor set up there), B and C joined; a helpdesk account; all synced. */
async function office(kind: 'sqlite' | 'pg', opts: { transportB?: TamperingTransport } = {}) {
  const srv = await server(kind);
  const { officeId, code } = await srv.createOffice('LPSE Kota Banjarmasin');
  const a = await pc('A');
  const b = await pc('B', opts.transportB ? { transport: opts.transportB } : {});
  const c = await pc('C');
  await setUpSupervisor(a);
  const helpdesk = await a.ok('users.create', { username: 'helpdesk1', displayName: 'Petugas Helpdesk', roles: ['helpdesk'], password: 'rahasia-123' });
  await enroll(a, srv.url, code);
  await a.sync();
  for (const p of [b, c]) {
    await enroll(p, srv.url, await srv.newCode(officeId));
    await p.sync();
    await signIn(p);
  }
  await a.sync();
  return { srv, officeId, a, b, c, helpdeskId: helpdesk.id };
}

describe.each(SERVER_KINDS)('who wrote it (%s server)', (kind) => {
  it("a token from device 1 pushing an event labelled device 3 is refused by the server, signed or not, and the account never exists anywhere", async () => {
    const { srv, officeId, a, b, c } = await office(kind);
    const tokenA = await tokenOf(a);
    const at = a.clock.ms + 60_000;
    // Unsigned, labelled C: refused.
    const unsigned = rogueAccount(c.backend.ctx.deviceId, null, at);
    const r1 = await post(srv.url, '/v1/events', tokenA, { firstDeviceSeq: await nextDeviceSeq(a), events: [unsigned] });
    expect(r1.status).toBe(403);
    expect(r1.json.error?.code).toBe('event_refused');
    expect(r1.json.error?.reason).toBe('device_mismatch');
    expect(r1.json.error?.message).toMatch(/perangkat lain/);
    // Signed with A's own key (the attacker has A's files too), still labelled C: refused.
    const signed = rogueAccount(c.backend.ctx.deviceId, null, at + 1);
    signEvents([signed], a.backend.ctx.trust.key, null);
    const r2 = await post(srv.url, '/v1/events', tokenA, { firstDeviceSeq: await nextDeviceSeq(a), events: [signed] });
    expect(r2.status).toBe(403);
    // Dressed up as a re-send of C's event (other devices' events are allowed there): A's key does not sign for C.
    const r3 = await post(srv.url, '/v1/events', tokenA, { firstDeviceSeq: null, events: [signed] });
    expect(r3.status).toBe(200);
    expect(r3.json.accepted).toBe(0);
    expect(r3.json.refused).toEqual([{ id: signed.id, code: 'unknown_key' }]);
    // A forged signature "by C" (a random key) is refused the same way.
    const forged = rogueAccount(c.backend.ctx.deviceId, null, at + 2);
    signEvents([forged], generateSigningKey().key, null);
    expect((await post(srv.url, '/v1/events', tokenA, { firstDeviceSeq: null, events: [forged] })).json.refused?.[0]?.code).toBe('unknown_key');

    const ids = new Set((await srv.events(officeId)).map((e) => e.id));
    for (const e of [unsigned, signed, forged]) expect(ids.has(e.id)).toBe(false);
    for (const p of [a, b, c]) await p.sync();
    const attempt = await c.call('auth.signIn', { username: 'penyusup', password: 'rahasia-123' });
    expect(attempt.ok).toBe(false);
    await expectConverged(srv, officeId, [a, b, c]);
  });

  it("an account created by a helpdesk officer's identity (stolen workstation files) is denied on every PC, shown as a security alert, and cannot sign in", async () => {
    const { srv, officeId, a, b, c, helpdeskId } = await office(kind);
    // What a modified workstation A would do: record the event directly, past the dispatcher's role check,
    // signed with A's real key, pushed with A's real token. The server cannot tell; every PC's fold can.
    const [grab] = (await recordEvents(a.backend.ctx, helpdeskId, [
      { type: 'user.created', aggregateId: uuidv7(a.clock.ms), payload: { username: 'penyusup', displayName: 'Penyusup', roles: ['supervisor', 'sysadmin'], passwordHash: 'scrypt$x' } },
    ])).inserted;
    // B syncs before A pushes it and after: the order it arrives in makes no difference.
    await b.sync();
    await a.sync();
    for (const p of [b, c, a]) await p.sync();
    for (const p of [a, b, c]) {
      const db = p.backend.ctx.sqlite;
      expect(db.prepare(`SELECT count(*) AS n FROM users WHERE username = 'penyusup'`).get(), p.name).toEqual({ n: 0 });
      expect(db.prepare('SELECT reason, actor_id, device_id FROM event_denials WHERE id = ?').get(grab!.id), p.name).toEqual({
        reason: 'role_missing',
        actor_id: helpdeskId,
        device_id: a.backend.ctx.deviceId,
      });
    }
    const signInAttempt = await c.call('auth.signIn', { username: 'penyusup', password: 'rahasia-123' });
    expect(signInAttempt.ok).toBe(false);
    await signIn(c);
    const alerts = await c.ok('security.alerts', {});
    expect(alerts.deniedCount).toBe(1);
    expect(alerts.alerts[0]).toMatchObject({ kind: 'denied', type: 'user.created', actorName: 'Petugas Helpdesk', deviceName: 'PC A', reason: 'role_missing' });
    expect(alerts.alerts[0]!.reasonText).toMatch(/tidak berwenang/);
    await expectConverged(srv, officeId, [a, b, c]);
  });
});

describe.each(SERVER_KINDS)('what a PC accepts (%s server)', (kind) => {
  it('an event with a bad signature injected into a pull is refused and set aside; a poison event does not stop the rest of its page', async () => {
    const transportB = new TamperingTransport({ timeoutMs: 10_000 });
    const { srv, officeId, a, b, c } = await office(kind, { transportB });
    await counterActivity(a, 3);
    await a.sync();
    const before = snapshot(b).eventRows;
    let altered: PulledEvent | null = null;
    let injected: PulledEvent | null = null;
    let poison: PulledEvent | null = null;
    transportB.tamper = (events) => {
      const maxSeq = Math.max(...events.map((e) => e.serverSeq));
      // 1. An event of A altered on the way (a person's name): its signature no longer matches.
      const i = events.findIndex((e) => e.type === 'person.registered');
      altered = { ...events[i]!, payload: { ...(events[i]!.payload as object), name: 'Nama Palsu' } };
      // 2. A forged event labelled A, with a made-up signature.
      const forged = rogueAccount(a.backend.ctx.deviceId, null, a.clock.ms);
      injected = { ...forged, signature: `${a.backend.ctx.trust.key.keyId}.${'A'.repeat(86)}`, prev: null, serverSeq: maxSeq + 1 } as PulledEvent;
      // 3. A genuinely signed event of A whose payload is nested 4,112 levels deep (a hostile build of A).
      let deep: unknown = 'x';
      for (let d = 0; d < 4112; d++) deep = [deep];
      // (Its signature is not even looked at: the limits are checked first, so no recursive code meets it.)
      const p = { ...rogueAccount(a.backend.ctx.deviceId, null, a.clock.ms + 1), type: 'settings.changed', aggregateType: 'settings', aggregateId: 'settings', payload: { key: 'office_name', value: deep } };
      poison = { ...p, prev: null, signature: `${a.backend.ctx.trust.key.keyId}.${'B'.repeat(86)}`, serverSeq: maxSeq + 2 };
      const out = [...events];
      out[i] = altered;
      return [...out, injected, poison];
    };
    const s = await b.sync();
    expect(s.state).toBe('online');
    expect(s.quarantinedCount).toBe(3);
    expect(s.quarantineWarning).toMatch(/tidak diterapkan/);
    const q = b.backend.ctx.sqlite.prepare('SELECT id, reason FROM sync_quarantine ORDER BY reason').all() as { id: string; reason: string }[];
    expect(q).toEqual(
      [
        { id: altered!.id, reason: 'bad_signature' },
        { id: injected!.id, reason: 'bad_signature' },
        { id: poison!.id, reason: 'payload_too_deep' },
      ].sort((x, y) => x.reason.localeCompare(y.reason)),
    );
    // The rest of the page was applied: every other event of A's counter work is here.
    expect(snapshot(b).eventRows).toBeGreaterThan(before + 10);
    expect(b.backend.ctx.sqlite.prepare(`SELECT count(*) AS n FROM persons WHERE name = 'Nama Palsu'`).get()).toEqual({ n: 0 });
    const alerts = await b.ok('security.alerts', {});
    expect(alerts.refusedCount).toBe(3);
    expect(alerts.alerts.filter((x) => x.kind === 'refused').map((x) => x.deviceName)).toEqual(['PC A', 'PC A', 'PC A']);
    // A and C, which got the real events, converge with the server; B lacks only the altered one.
    await expectConverged(srv, officeId, [a, c]);
    expect(snapshot(b).eventRows).toBe((await srv.events(officeId)).length - 1);
  });

  it("a revoked device's later events are refused by the server and by every PC; its earlier work stays", async () => {
    const transportB = new TamperingTransport({ timeoutMs: 10_000 });
    const { srv, officeId, a, b, c } = await office(kind, { transportB });
    const [earlier] = await counterActivity(c, 1);
    await c.sync();
    await b.sync();
    const [device] = await srv.store.db.selectFrom('devices').select('id').where('office_id', '=', officeId).where('client_device_id', '=', c.backend.ctx.deviceId).execute();
    await revokeDevice(srv.store, device!.id, Date.now());
    // C was stolen: its key signs a new event, relayed with A's valid token as a "re-send".
    const late = rogueAccount(c.backend.ctx.deviceId, null, c.clock.ms + 60_000);
    signEvents([late], c.backend.ctx.trust.key, null);
    const r = await post(srv.url, '/v1/events', await tokenOf(a), { firstDeviceSeq: null, events: [late] });
    expect(r.json.refused).toEqual([{ id: late.id, code: 'key_revoked' }]);
    // A hostile server (or anything in between) serves it to B anyway: B refuses it too.
    await b.sync(); // learns of the revocation
    transportB.tamper = (events) => [...events, { ...late, serverSeq: Math.max(...events.map((e) => e.serverSeq)) + 1 } as PulledEvent];
    await counterActivity(a, 1);
    await a.sync();
    const s = await b.sync();
    expect(s.quarantinedCount).toBe(1);
    expect(b.backend.ctx.sqlite.prepare('SELECT reason FROM sync_quarantine WHERE id = ?').get(late.id)).toEqual({ reason: 'key_revoked' });
    // C's work from before the revocation is valid on every PC.
    expect((await b.ok('visits.get', { visitId: earlier! })).visit.id).toBe(earlier);
    expect((await c.sync()).state).toBe('revoked');
  });
});

describe.each(SERVER_KINDS)('the upgrade path (%s server)', (kind) => {
  it('unsigned events already on the server are vouched for by it; a device enrolled without a key registers one and signs from then on', async () => {
    const srv = await server(kind);
    const { officeId, code } = await srv.createOffice('LPSE');
    // An older app on PC "Up" enrolled before keys existed (no public key), and pushed unsigned events.
    const up = await pc('Up');
    const legacy = (await enrollDevice(srv.store, { code, clientDeviceId: up.backend.ctx.deviceId, name: 'PC lama', appVersion: '0.0.9' }, Date.now()))!;
    const old = { ...rogueAccount(legacy.device.clientDeviceId, null, THU_0900_WITA - 60_000), type: 'vendor.registered', aggregateType: 'vendor' };
    old.payload = { name: 'CV Lama', legalForm: 'CV', npwp: null, address: null, email: null, phone: null, leaderName: null };
    const res = await fetch(`${srv.url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${legacy.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ firstDeviceSeq: 1, events: [{ ...old, prev: undefined, signature: undefined }] }),
    });
    expect(res.status).toBe(200);
    // An older app pulls without the new fields (its strict schema would refuse them)…
    const oldPull = (await (await fetch(`${srv.url}/v1/events?after=0`, { headers: { authorization: `Bearer ${legacy.token}` } })).json()) as { events: Record<string, unknown>[] };
    expect(oldPull.events.some((e) => 'signature' in e)).toBe(false);
    // …a current PC gets them signed: by the server, which received them from their device.
    const a = await pc('A');
    await setUpSupervisor(a);
    await enroll(a, srv.url, await srv.newCode(officeId));
    expect((await a.sync()).quarantinedCount).toBe(0);
    expect(a.backend.ctx.sqlite.prepare('SELECT name FROM vendors WHERE id = ?').get(old.aggregateId)).toBeUndefined(); // no actor: denied, but kept
    expect(a.backend.ctx.sqlite.prepare('SELECT reason FROM event_denials WHERE id = ?').get(old.id)).toEqual({ reason: 'no_actor' });

    // The same PC is upgraded: the current app, holding that device's token and no key registration.
    await up.backend.ctx.db.transaction().execute(async (tx) => {
      const { writeSyncState, syncTx } = await import('../../backend/sync/state');
      await writeSyncState(syncTx(tx), {
        serverUrl: srv.url,
        deviceToken: legacy.token,
        serverDeviceId: legacy.device.id,
        officeId,
        officeName: 'LPSE',
        boundOfficeId: officeId,
        boundOfficeName: 'LPSE',
        enrolledAt: Date.now(),
        epoch: srv.server.epoch,
        cursor: 0,
        cursorId: null,
        revoked: false,
        resendRemote: false,
      });
    });
    // Its first cycle registers the key with the token it has (and gets the office's accounts).
    const first = await up.sync();
    expect(first.state, first.lastError?.message).toBe('online');
    // Work the older app had recorded, unsigned, before the upgrade: signed (chained) when first pushed.
    await signIn(up);
    await counterActivity(up, 1);
    up.backend.ctx.sqlite.exec('UPDATE events SET signature = NULL, prev = NULL WHERE is_local = 1');
    const s = await up.sync();
    expect(s.state, s.lastError?.message).toBe('online');
    expect(s.pendingCount).toBe(0);
    expect(up.backend.ctx.sqlite.prepare('SELECT count(*) AS n FROM events WHERE is_local = 1 AND signature IS NULL').get()).toEqual({ n: 0 });
    const devices = await srv.store.db.selectFrom('devices').select('key_id').where('id', '=', legacy.device.id).execute();
    expect(devices[0]!.key_id).toBe(up.backend.ctx.trust.key.keyId);
    // From now on that device's unsigned events are refused; someone else's key registration for it too.
    const unsigned = { ...rogueAccount(legacy.device.clientDeviceId, null, THU_0900_WITA), type: 'vendor.registered', aggregateType: 'vendor', payload: old.payload };
    const r = await post(srv.url, '/v1/events', legacy.token, { firstDeviceSeq: null, events: [unsigned] });
    expect(r.json.refused?.[0]?.code).toBe('unsigned');
    const r2 = await post(srv.url, '/v1/device-key', legacy.token, { publicKey: generateSigningKey().key.publicKey });
    expect(r2.status).toBe(409);
    expect(r2.json.error?.code).toBe('key_conflict');

    // An event stored before the server's own upgrade (no signature yet) is vouched for at its next start.
    await srv.store.db.updateTable('events').set({ signature: null }).where('id', '=', old.id).execute();
    await srv.stop();
    await srv.boot();
    const { key } = await serverKeyOf(srv.store);
    const row = await srv.store.db.selectFrom('events').select('signature').where('id', '=', old.id).executeTakeFirstOrThrow();
    expect(row.signature?.startsWith(`${key.keyId}.`)).toBe(true);
  });
});

describe.each(SERVER_KINDS)('poison at the server (%s server)', (kind) => {
  it('refuses a payload nested 4,112 levels deep and a number JSON cannot hold with 400, storing nothing', async () => {
    const srv = await server(kind);
    const { officeId, code } = await srv.createOffice('LPSE');
    const a = await pc('A');
    await setUpSupervisor(a);
    await enroll(a, srv.url, code);
    await a.sync();
    const token = await tokenOf(a);
    // Written as text: even serialising such a value overflows the stack of ordinary recursive code.
    const deep = `${'{"a":'.repeat(4112)}1${'}'.repeat(4112)}`;
    // Signed as a hostile build of A would; the limits are checked before anything walks the payload.
    const e = { ...rogueAccount(a.backend.ctx.deviceId, null, a.clock.ms), type: 'settings.changed', aggregateType: 'settings', aggregateId: 'settings', payload: 'DEEP', prev: null, signature: `${a.backend.ctx.trust.key.keyId}.${'C'.repeat(86)}` };
    const body = JSON.stringify({ firstDeviceSeq: await nextDeviceSeq(a), events: [e] }).replace('"payload":"DEEP"', `"payload":{"key":"office_name","value":${deep}}`);
    const r = await post(srv.url, '/v1/events', token, body);
    expect(r.status).toBe(400);
    expect(r.json.error?.message).toMatch(/bertingkat terlalu dalam/);
    // 1e400 parses to Infinity: refused, not stored as null.
    const n = { ...rogueAccount(a.backend.ctx.deviceId, null, a.clock.ms + 1), type: 'settings.changed', aggregateType: 'settings', aggregateId: 'settings', payload: { key: 'screen_lock_minutes', value: 10 } };
    signEvents([n], a.backend.ctx.trust.key, null);
    const raw = JSON.stringify({ firstDeviceSeq: await nextDeviceSeq(a), events: [n] }).replace('"value":10', '"value":1e400');
    const r2 = await post(srv.url, '/v1/events', token, raw);
    expect(r2.status).toBe(400);
    const stored = (await srv.events(officeId)).map((x) => x.id);
    expect(stored).not.toContain(e.id);
    expect(stored).not.toContain(n.id);
  });
});

describe.each(SERVER_KINDS)('limits that protect instead of lock out (%s server)', (kind) => {
  it('bad tokens from one address never lock out the valid devices behind it', async () => {
    const srv = await server(kind, { authFailPerMinute: 5 });
    const { code } = await srv.createOffice('LPSE');
    const a = await pc('A');
    await setUpSupervisor(a);
    await enroll(a, srv.url, code);
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await fetch(`${srv.url}/v1/events?after=0`, { headers: { authorization: `Bearer lpsd_guess-${i}-0000000000` } })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5).every((x) => x === 429)).toBe(true);
    // Same address (127.0.0.1), valid token: served.
    expect((await fetch(`${srv.url}/v1/events?after=0`, { headers: { authorization: `Bearer ${await tokenOf(a)}` } })).status).toBe(200);
    expect((await a.sync()).state).toBe('online');
  });

  it('X-Forwarded-For counts only from the proxies named in TRUST_PROXY: a client cannot pick its own address', async () => {
    const spoofable = await server(kind, { authFailPerMinute: 3, trustProxy: ['10.9.9.9'] });
    const hit = (base: string, xff: string) => fetch(`${base}/v1/events?after=0`, { headers: { authorization: 'Bearer lpsd_guess-0000000000', 'x-forwarded-for': xff } });
    const s1: number[] = [];
    for (let i = 0; i < 5; i++) s1.push((await hit(spoofable.url, `1.2.3.${i}`)).status);
    expect(s1).toEqual([401, 401, 401, 429, 429]); // one budget: the real peer address
    // Behind a named proxy (here the test itself is that proxy), each forwarded address has its own budget.
    const proxied = await server(kind, { authFailPerMinute: 3, trustProxy: ['127.0.0.1'] });
    const s2: number[] = [];
    for (let i = 0; i < 5; i++) s2.push((await hit(proxied.url, `1.2.3.${i}`)).status);
    expect(s2).toEqual([401, 401, 401, 401, 401]);
  });

  it('a stalled upload is cut off by the request timeout instead of holding a connection forever', async () => {
    const srv = await server(kind, { requestTimeoutMs: 1000 });
    const { port } = new URL(srv.url);
    const started = Date.now();
    const answer = await new Promise<string>((resolve) => {
      const sock = net.connect(Number(port), '127.0.0.1', () => {
        sock.write('POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"firstDeviceSeq":');
      });
      let got = '';
      sock.on('data', (d) => (got += d.toString()));
      sock.on('close', () => resolve(got));
      sock.on('error', () => resolve(got));
    });
    expect(Date.now() - started).toBeLessThan(4000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });
});
