/**
 * Enrollment, revocation, tenant isolation and the server's defences (body limits, validation, rate
 * limits, logs without personal data), against both server backends.
 */
import { signEvents } from '../../trust/events';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { runAdmin } from '../../server/admin';
import { revokeDevice } from '../../server/store';
import { readSyncState, syncDb } from '../../backend/sync/state';
import { enroll, SERVER_KINDS, setUpSupervisor, signIn, startPc, TestSyncServer, type Pc } from './harness';
import { counterActivity, freshVisit } from './workload';

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

async function pc(name: string): Promise<Pc> {
  const p = await startPc(name);
  pcs.push(p);
  return p;
}

async function tokenOf(p: Pc): Promise<string> {
  const s = await readSyncState(syncDb(p.backend.ctx.db));
  return s.deviceToken!;
}

interface Http {
  status: number;
  json: { error?: { code: string; message: string }; [k: string]: unknown };
  headers: Headers;
}

async function http(base: string, method: string, path: string, opts: { token?: string; body?: unknown; raw?: Uint8Array<ArrayBuffer> | string; headers?: Record<string, string> } = {}): Promise<Http> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: Uint8Array<ArrayBuffer> | string | undefined = opts.raw;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = headers['content-type'] ?? 'application/json';
  }
  const res = await fetch(base + path, { method, headers, body });
  const text = await res.text();
  return { status: res.status, json: JSON.parse(text) as Http['json'], headers: res.headers };
}

function event(id: string, deviceId: string, payload: unknown = { name: 'x' }) {
  return {
    id,
    hlc: '001795600000000-00000',
    deviceId,
    actorId: null,
    type: 'vendor.registered',
    aggregateType: 'vendor',
    aggregateId: id,
    payload,
    schemaVersion: 1,
    recordedAt: 1795600000000,
  };
}

describe.each(SERVER_KINDS)('enrollment and revocation (%s server)', (kind) => {
  it('a code enrolls one device once; reuse, expiry and nonsense are refused in Indonesian', async () => {
    let now = Date.now();
    const srv = await server(kind, { now: () => now });
    const { officeId, code } = await srv.createOffice('LPSE Kota Banjarmasin');
    const a = await pc('A');
    // Typed loosely: lower case, spaces instead of dashes.
    await a.ok('sync.enroll', { serverUrl: `${srv.url}/`, code: code.toLowerCase().replace(/-/g, ' ') });
    const st = await a.ok('sync.status', {});
    expect(st.enrolled).toBe(true);
    expect(st.officeName).toBe('LPSE Kota Banjarmasin');
    expect(st.serverUrl).toBe(srv.url);

    const b = await pc('B');
    const reused = await b.call('sync.enroll', { serverUrl: srv.url, code });
    expect(reused.ok).toBe(false);
    if (!reused.ok) expect(reused.error.message).toMatch(/Kode pendaftaran tidak valid, sudah dipakai, atau sudah kedaluwarsa/);

    const late = await srv.newCode(officeId);
    now += 73 * 3600_000; // codes live 72 hours
    const expired = await b.call('sync.enroll', { serverUrl: srv.url, code: late });
    expect(expired.ok).toBe(false);

    const junk = await b.call('sync.enroll', { serverUrl: 'ftp://example', code: 'ABCD' });
    expect(junk.ok).toBe(false);
    if (!junk.ok) expect(junk.error.issues?.some((i) => i.path === 'serverUrl')).toBe(true);

    const unreachable = await b.call('sync.enroll', { serverUrl: 'http://127.0.0.1:9', code: await srv.newCode(officeId) });
    expect(unreachable.ok).toBe(false);
    if (!unreachable.ok) expect(unreachable.error.message).toMatch(/tidak dapat dihubungi/);
    expect((await b.ok('sync.status', {})).enrolled).toBe(false);
  });

  it('the device credential stays in the backend; only supervisors and system admins enroll a PC that has accounts', async () => {
    const srv = await server(kind);
    const { officeId, code } = await srv.createOffice('LPSE');
    const a = await pc('A');
    await setUpSupervisor(a);
    await a.ok('users.create', { username: 'helpdesk1', displayName: 'Petugas Helpdesk', roles: ['helpdesk'], password: 'rahasia-123' });
    const supervisorToken = a.token;

    a.token = null;
    const anon = await a.call('sync.enroll', { serverUrl: srv.url, code });
    expect(anon.ok).toBe(false);
    if (!anon.ok) expect(anon.error.code).toBe('unauthenticated');
    await signIn(a, 'helpdesk1', 'rahasia-123');
    const helpdesk = await a.call('sync.enroll', { serverUrl: srv.url, code });
    expect(helpdesk.ok).toBe(false);
    if (!helpdesk.ok) expect(helpdesk.error.code).toBe('forbidden');

    a.token = supervisorToken;
    const status = await a.ok('sync.enroll', { serverUrl: srv.url, code });
    const token = await tokenOf(a);
    expect(token).toMatch(/^lpsd_/);
    for (const m of ['sync.status', 'sync.now', 'app.status'] as const) {
      expect(JSON.stringify(await a.ok(m, {}))).not.toContain(token);
    }
    expect(JSON.stringify(status)).not.toContain(token);
    // The server keeps only a hash of the token and of the code.
    const devices = await srv.store.db.selectFrom('devices').selectAll().where('office_id', '=', officeId).execute();
    expect(JSON.stringify(devices)).not.toContain(token);
    const codes = await srv.store.db.selectFrom('enrollment_codes').selectAll().execute();
    expect(JSON.stringify(codes)).not.toContain(code.replace(/-/g, ''));
  });

  it('a PC holding one office\'s data cannot join another office', async () => {
    const srv = await server(kind);
    const one = await srv.createOffice('LPSE Satu');
    const two = await srv.createOffice('LPSE Dua');
    const a = await pc('A');
    await setUpSupervisor(a);
    await enroll(a, srv.url, one.code);
    await a.ok('sync.forget', {});
    const other = await a.call('sync.enroll', { serverUrl: srv.url, code: two.code });
    expect(other.ok).toBe(false);
    if (!other.ok) {
      expect(other.error.code).toBe('conflict');
      expect(other.error.message).toMatch(/milik LPSE Satu/);
    }
    await enroll(a, srv.url, await srv.newCode(one.officeId));
    expect((await a.sync()).state).toBe('online');
  });

  it('a revoked device gets 401 and the app says so plainly; its data stays; re-enrollment restores sync', async () => {
    const srv = await server(kind);
    const { officeId, code } = await srv.createOffice('LPSE');
    const a = await pc('A');
    await setUpSupervisor(a);
    await enroll(a, srv.url, code);
    await a.sync();
    const token = await tokenOf(a);
    const [device] = await srv.store.db.selectFrom('devices').select('id').where('office_id', '=', officeId).execute();
    await revokeDevice(srv.store, device!.id, Date.now());

    await counterActivity(a, 1);
    const s = await a.sync();
    expect(s.state).toBe('revoked');
    expect(s.online).toBe(false);
    expect(s.lastError?.message).toBe('Perangkat ini tidak lagi terdaftar di server pusat. Hubungi supervisor untuk mendaftarkan ulang.');
    expect(s.pendingCount).toBeGreaterThan(0);
    for (const [method, path, body] of [
      ['GET', '/v1/events?after=0', undefined],
      ['POST', '/v1/events', { firstDeviceSeq: 1, events: [event('0197f1a0-0000-7000-8000-00000000aaaa', 'x')] }],
      ['GET', '/v1/session', undefined],
    ] as const) {
      const r = await http(srv.url, method, path, { token, body });
      expect(r.status, path).toBe(401);
      expect(r.json.error?.code).toBe('device_revoked');
    }
    // An unknown token is refused the same way.
    const unknown = await http(srv.url, 'GET', '/v1/events?after=0', { token: 'lpsd_not-a-real-token-000000' });
    expect(unknown.status).toBe(401);

    await enroll(a, srv.url, await srv.newCode(officeId));
    const back = await a.sync();
    expect(back.state).toBe('online');
    expect(back.pendingCount).toBe(0);
  });
});

describe.each(SERVER_KINDS)('tenant isolation (%s server)', (kind) => {
  it('a device of office A can neither read nor write office B\'s events through any endpoint', async () => {
    const srv = await server(kind);
    const A = await srv.createOffice('Kantor A');
    const B = await srv.createOffice('Kantor B');
    const a = await pc('A');
    const b = await pc('B');
    await setUpSupervisor(a);
    await setUpSupervisor(b);
    await a.ok('visits.register', freshVisit());
    await b.ok('visits.register', freshVisit());
    await enroll(a, srv.url, A.code);
    await enroll(b, srv.url, B.code);
    await a.sync();
    await b.sync();
    const ta = await tokenOf(a);
    const bEvents = await srv.events(B.officeId);
    const bIds = new Set(bEvents.map((e) => e.id));
    expect(bIds.size).toBeGreaterThan(0);

    // Read: A's pull returns only A's events, whatever the cursor.
    const pulled = await http(srv.url, 'GET', '/v1/events?after=0&limit=1000', { token: ta });
    expect(pulled.status).toBe(200);
    const ids = (pulled.json.events as { id: string }[]).map((e) => e.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.some((id) => bIds.has(id))).toBe(false);
    // The office cannot be chosen by the request.
    for (const q of [`officeId=${B.officeId}`, `office=${B.officeId}`]) {
      const r = await http(srv.url, 'GET', `/v1/events?after=0&${q}`, { token: ta });
      expect(r.status).toBe(400);
      expect(r.json.error?.code).toBe('invalid_request');
    }
    // A cursor pointing at one of B's events is unknown to A: nothing of B's leaks, not even existence.
    const probe = await http(srv.url, 'GET', `/v1/events?after=${bEvents[0]!.serverSeq}&afterId=${bEvents[0]!.id}`, { token: ta });
    expect(probe.status).toBe(409);
    expect(JSON.stringify(probe.json)).not.toContain(B.officeId);

    // Write: an office id in the body is refused; an event reusing one of B's ids lands in A only.
    const withOffice = await http(srv.url, 'POST', '/v1/events', { token: ta, body: { officeId: B.officeId, firstDeviceSeq: null, events: [event(bEvents[0]!.id, 'evil')] } });
    expect(withOffice.status).toBe(400);
    // An event of A's own device, signed with A's key, reusing an id of B's log.
    const reuse = event(bEvents[0]!.id, a.backend.ctx.deviceId, { name: 'overwritten' });
    signEvents([reuse], a.backend.ctx.trust.key, null);
    const collide = await http(srv.url, 'POST', '/v1/events', { token: ta, body: { firstDeviceSeq: null, events: [reuse] } });
    expect(collide.status).toBe(200);
    expect(collide.json.accepted).toBe(1);
    const bAfter = await srv.events(B.officeId);
    expect(bAfter.map((e) => [e.id, e.payload])).toEqual(bEvents.map((e) => [e.id, e.payload]));
    // The session endpoint names A's office only.
    const session = await http(srv.url, 'GET', '/v1/session', { token: ta });
    expect((session.json.office as { id: string }).id).toBe(A.officeId);
    // B's PC still sees only B's data after syncing.
    const sb = await b.sync();
    expect(sb.state).toBe('online');
    const bLocal = (b.backend.ctx.sqlite.prepare(`SELECT id FROM events WHERE device_id != 'seed'`).all() as { id: string }[]).map((r) => r.id);
    expect(new Set(bLocal)).toEqual(bIds);
  });
});

describe.each(SERVER_KINDS)('server defences (%s server)', (kind) => {
  it('limits bodies (also after decompression), validates requests and answers JSON errors', async () => {
    const srv = await server(kind, { bodyLimit: 256 * 1024 });
    const { code } = await srv.createOffice('LPSE');
    const a = await pc('A');
    await enroll(a, srv.url, code);
    const token = await tokenOf(a);

    const big = await http(srv.url, 'POST', '/v1/events', { token, body: { firstDeviceSeq: null, events: [event('0197f1a0-0000-7000-8000-000000000001', 'x', { blob: 'x'.repeat(300_000) })] } });
    expect(big.status).toBe(413);
    expect(big.json.error?.code).toBe('body_too_large');

    // A gzip bomb: 200 kB on the wire, 20 MB inflated.
    const bomb = zlib.gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20));
    const bombed = await http(srv.url, 'POST', '/v1/events', { token, raw: new Uint8Array(bomb), headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } });
    expect(bombed.status).toBe(413);

    const notJson = await http(srv.url, 'POST', '/v1/events', { token, raw: '{bad', headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(400);
    expect(notJson.json.error?.message).toMatch(/bukan JSON/);
    const wrongType = await http(srv.url, 'POST', '/v1/events', { token, raw: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(wrongType.status).toBe(415);
    const badHlc = await http(srv.url, 'POST', '/v1/events', { token, body: { firstDeviceSeq: null, events: [{ ...event('0197f1a0-0000-7000-8000-000000000002', 'x'), hlc: 'yesterday' }] } });
    expect(badHlc.status).toBe(400);
    expect(badHlc.json.error?.message).toMatch(/events\.0\.hlc/);
    const tooMany = await http(srv.url, 'POST', '/v1/events', {
      token,
      body: { firstDeviceSeq: null, events: Array.from({ length: 1001 }, (_, i) => event(`0197f1a0-0000-7000-8000-${String(i).padStart(12, '0')}`, 'x')) },
    });
    expect([400, 413]).toContain(tooMany.status);
    const badLimit = await http(srv.url, 'GET', '/v1/events?after=-1&limit=100000', { token });
    expect(badLimit.status).toBe(400);
    const nowhere = await http(srv.url, 'GET', '/v2/anything');
    expect(nowhere.status).toBe(404);
    expect(nowhere.json.error?.code).toBe('not_found');
    for (const r of [big, bombed, notJson, wrongType, badHlc, badLimit, nowhere]) expect(typeof r.json.serverTime).toBe('number');

    const health = await http(srv.url, 'GET', '/health');
    expect(health.status).toBe(200);
    expect(health.json.status).toBe('ok');
    // The database goes away under the running server: /health says so, and requests fail with 5xx.
    await srv.database.close();
    const down = await http(srv.url, 'GET', '/health');
    expect(down.status).toBe(503);
    expect(down.json.error?.code).toBe('unavailable');
    expect((await http(srv.url, 'GET', '/v1/events?after=0', { token })).status).toBeGreaterThanOrEqual(500);
    await srv.server.app.close();
    await srv.boot(); // so the suite's cleanup finds a running server
  });

  it('rate-limits enrollment attempts and failed authentication per client address', async () => {
    const srv = await server(kind, { enrollPerMinute: 3, authFailPerMinute: 3 });
    for (let i = 0; i < 3; i++) {
      const r = await http(srv.url, 'POST', '/v1/enroll', { body: { code: 'AAAA-BBBB-CCCC-DDDD', deviceId: 'x', deviceName: 'x', appVersion: '1', publicKey: 'A'.repeat(43) } });
      expect(r.status).toBe(400);
    }
    const limited = await http(srv.url, 'POST', '/v1/enroll', { body: { code: 'AAAA-BBBB-CCCC-DDDD', deviceId: 'x', deviceName: 'x', appVersion: '1', publicKey: 'A'.repeat(43) } });
    expect(limited.status).toBe(429);
    expect(limited.json.error?.message).toMatch(/Terlalu banyak percobaan/);

    for (let i = 0; i < 3; i++) expect((await http(srv.url, 'GET', '/v1/events?after=0', { token: `lpsd_guess-${i}-0000000000` })).status).toBe(401);
    expect((await http(srv.url, 'GET', '/v1/events?after=0', { token: 'lpsd_guess-9-0000000000' })).status).toBe(429);
  });

  it('logs requests as JSON lines without tokens, codes or personal data', async () => {
    const logLines: string[] = [];
    const srv = await server(kind, { logLines });
    const { code } = await srv.createOffice('LPSE');
    const a = await pc('A');
    await setUpSupervisor(a);
    const v = freshVisit();
    await a.ok('visits.register', v);
    await enroll(a, srv.url, code);
    await a.sync();
    const token = await tokenOf(a);
    expect(logLines.length).toBeGreaterThan(3);
    for (const l of logLines) expect(() => JSON.parse(l)).not.toThrow();
    const all = logLines.join('\n');
    for (const secret of [token, code, v.person.nik!, v.person.name, '0812', v.company!.name]) expect(all).not.toContain(secret);
    expect(all).toContain('"push"');
  });

  it('the admin commands create offices and codes, list and revoke devices, rotate the epoch', async () => {
    const srv = await server(kind);
    const lines: string[] = [];
    const out = { line: (s: string) => void lines.push(s) };
    await runAdmin(srv.database, ['office', 'create', '--name', 'LPSE Kota Banjarmasin', '--json'], out);
    const created = JSON.parse(lines.pop()!) as { office: { id: string }; enrollmentCode: string };
    expect(created.enrollmentCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await runAdmin(srv.database, ['office', 'list'], out);
    expect(lines.pop()).toContain('LPSE Kota Banjarmasin');
    const a = await pc('A');
    await enroll(a, srv.url, created.enrollmentCode);
    await runAdmin(srv.database, ['device', 'list', '--office', created.office.id, '--json'], out);
    const { devices } = JSON.parse(lines.pop()!) as { devices: { id: string; name: string; revokedAt: number | null }[] };
    expect(devices.map((d) => d.name)).toEqual(['PC A']);
    await runAdmin(srv.database, ['device', 'revoke', '--device', devices[0]!.id], out);
    expect(lines.pop()).toMatch(/dicabut/);
    expect((await a.sync()).state).toBe('revoked');
    await runAdmin(srv.database, ['enroll-code', '--office', created.office.id], out);
    expect(lines.join('\n')).toMatch(/Berlaku sampai/);
    await expect(runAdmin(srv.database, ['enroll-code', '--office', 'nope'], out)).rejects.toThrow(/tidak ditemukan/);
    await expect(runAdmin(srv.database, ['device', 'list'], out)).rejects.toThrow(/--office wajib/);
    await runAdmin(srv.database, ['epoch', 'rotate', '--json'], out);
    expect(JSON.parse(lines.pop()!).epoch).not.toBe(srv.server.epoch);
  });
});
