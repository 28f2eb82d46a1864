/**
 * Complaints on the trust machinery of the shared log (issue 12 on issue 10's ADR 0011, ADR 0012), end to
 * end against a real server on both database backends:
 * - a complaint from the public form is an event signed with the server's key; both PCs verify it like any
 *   event, and a copy altered on the way is set aside (quarantined), not folded;
 * - who may record what about a complaint is decided in the fold on every PC (and on the status page): a
 *   step only the supervisor may take, recorded by a helpdesk account, is denied everywhere; a "web"
 *   complaint written by a workstation is denied as the server's alone;
 * - complaint numbers come from the log: a PC restored from an old copy never issues one again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordEvents } from '../../backend/record';
import { HttpTransport, type PullParams } from '../../backend/sync/transport';
import type { AddComplaintInput } from '../../contract/complaints';
import type { PullResponse, PulledEvent } from '../../contract/sync-protocol';
import { splitSignature } from '../../domain/events/codec';
import { uuidv7 } from '../../domain/events/uuidv7';
import { serverKeyOf } from '../../server/store';
import { setOfficePublicPages } from '../../server/public/office-admin';
import { KEY_FILE_NAME } from '../../trust/key-store';
import { tempDir, TestClock, THU_0900_WITA } from '../helpers';
import { expectConverged } from '../sync/converge';
import { enroll, SERVER_KINDS, setUpSupervisor, signIn, startPc, TestSyncServer, type Pc } from '../sync/harness';

let server: TestSyncServer | null = null;
let pcs: Pc[] = [];
afterEach(async () => {
  for (const pc of pcs) await pc.close().catch(() => undefined);
  pcs = [];
  await server?.destroy();
  server = null;
});

/** Lets a test rewrite what the server answers to a pull, once (a tampering network or a hostile proxy). */
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

const SLUG = 'lpse-banjarmasin';
const COMPLAINT = {
  nama: 'Nurhayati',
  alamat: 'Jl. Sultan Adam Kompleks Mandiri No. 7, Banjarmasin',
  kontak: '0813 4800 1234',
  layanan: 'perubahan_email',
  tanda_terima: '',
  tanggal_layanan: '2026-11-23',
  uraian: 'Perubahan e-mail perusahaan kami belum diproses walaupun sudah lewat satu hari kerja.',
  kerugian: '',
  permintaan: 'Mohon perubahan e-mail segera diproses.',
  pernyataan: 'ya',
};

function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
}

/** An office with public pages: PC A (supervisor, a helpdesk account), PC B (its pulls can be tampered with). */
async function office(kind: 'sqlite' | 'pg') {
  const clock = new TestClock(THU_0900_WITA);
  server = await TestSyncServer.start(kind, { now: clock.now });
  const s = server;
  const { officeId, code } = await s.createOffice('LPSE Kota Banjarmasin');
  await setOfficePublicPages(s.database.db, officeId, { slug: SLUG, on: true });
  const transportB = new TamperingTransport({ timeoutMs: 10_000 });
  const a = await startPc('A');
  const b = await startPc('B', { transport: transportB });
  pcs.push(a, b);
  await setUpSupervisor(a);
  const helpdesk = await a.ok('users.create', { username: 'helpdesk1', displayName: 'Petugas Helpdesk', roles: ['helpdesk'], password: 'rahasia-123' });
  await enroll(a, s.url, code);
  await a.sync();
  await enroll(b, s.url, await s.newCode(officeId));
  await b.sync();
  await signIn(b);

  const inject = async (method: 'GET' | 'POST', url: string, form?: Record<string, string>) => {
    const res = await s.server.app.inject({
      method,
      url,
      ...(form ? { payload: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {}),
      remoteAddress: '10.0.0.7',
    });
    return { status: res.statusCode, body: res.body };
  };
  /** Sends the complaint form as a person would (opened, filled in for a while, sent): its number and code. */
  const complain = async (fields: Partial<typeof COMPLAINT> = {}) => {
    const form = await inject('GET', `/kantor/${SLUG}/pengaduan`);
    clock.advance(0.1);
    const token = /name="token_formulir" value="([^"]+)"/.exec(form.body)![1]!;
    const sent = await inject('POST', `/kantor/${SLUG}/pengaduan`, { token_formulir: token, situs_web: '', ...COMPLAINT, ...fields });
    expect(sent.status).toBe(201);
    const page = text(sent.body);
    return { number: /Nomor pengaduan: (\S+)/.exec(page)![1]!, code: /status: (\S+)/.exec(page)![1]! };
  };
  const status = async (number: string, code: string) => text((await inject('POST', `/kantor/${SLUG}/status`, { nomor: number, kode: code })).body);
  return { s, officeId, a, b, transportB, helpdeskId: helpdesk.id, clock, complain, status };
}

function complaintIdOf(pc: Pc, number: string): string {
  return (pc.backend.ctx.sqlite.prepare('SELECT id FROM complaints WHERE number = ?').get(number) as { id: string }).id;
}

describe.each(SERVER_KINDS)('public complaints in the signed log (%s server)', (kind) => {
  it('a web complaint is signed by the server and verified at both PCs; a copy altered on the way is quarantined', async () => {
    const o = await office(kind);
    const first = await o.complain();
    const serverKeyId = (await serverKeyOf(o.s.store)).key.keyId;
    const stored = (await o.s.events(o.officeId)).find((e) => e.type === 'complaint.received')!;
    expect(stored.device_id).toBe('server');
    expect(splitSignature(stored.signature!)?.keyId).toBe(serverKeyId);

    for (const pc of [o.a, o.b]) {
      const s = await pc.sync();
      expect(s.quarantinedCount, pc.name).toBe(0);
      const db = pc.backend.ctx.sqlite;
      expect(db.prepare('SELECT number, channel, recorded_on FROM complaints').all(), pc.name).toEqual([{ number: first.number, channel: 'web', recorded_on: 'server' }]);
      // Kept with the server's signature, which this PC checked before folding it.
      expect(db.prepare("SELECT signature FROM events WHERE type = 'complaint.received'").get(), pc.name).toEqual({ signature: stored.signature });
      expect(db.prepare('SELECT count(*) AS n FROM event_denials').get(), pc.name).toEqual({ n: 0 });
    }

    // The second complaint's name is changed between the server and PC B: its signature no longer matches.
    const second = await o.complain({ nama: 'Budi Santoso' });
    let altered: PulledEvent | null = null;
    o.transportB.tamper = (events) =>
      events.map((e) => {
        if (e.type !== 'complaint.received') return e;
        const p = e.payload as { complainant: { name: string } };
        altered = { ...e, payload: { ...p, complainant: { ...p.complainant, name: 'Nama Palsu' } } };
        return altered;
      });
    const atB = await o.b.sync();
    expect(altered).not.toBeNull();
    expect(atB.quarantinedCount).toBe(1);
    expect(o.b.backend.ctx.sqlite.prepare('SELECT id, reason FROM sync_quarantine').all()).toEqual([{ id: altered!.id, reason: 'bad_signature' }]);
    expect(o.b.backend.ctx.sqlite.prepare('SELECT number FROM complaints ORDER BY number').all()).toEqual([{ number: first.number }]);
    expect(o.b.backend.ctx.sqlite.prepare("SELECT count(*) AS n FROM complaints WHERE complainant_name = 'Nama Palsu'").get()).toEqual({ n: 0 });
    // PC A, which got the real event, has both.
    await o.a.sync();
    expect(o.a.backend.ctx.sqlite.prepare('SELECT number, complainant_name FROM complaints ORDER BY number').all()).toEqual([
      { number: first.number, complainant_name: 'Nurhayati' },
      { number: second.number, complainant_name: 'Budi Santoso' },
    ]);
    await expectConverged(o.s, o.officeId, [o.a]);
  });

  it('a complaint step by an account without the right is denied in the fold on every PC and on the status page; a web complaint from a PC is the server\'s alone', async () => {
    const o = await office(kind);
    const web = await o.complain();
    for (const pc of [o.a, o.b]) await pc.sync();
    const id = complaintIdOf(o.a, web.number);

    // A modified workstation A records, as the helpdesk officer, steps only the supervisor may take, and a
    // complaint and a suggestion "from the public form": past the dispatcher's role check, signed with A's
    // real key, pushed with A's real token. The server cannot tell; every fold can.
    const t = o.a.clock.ms;
    const forgedId = uuidv7(t);
    const { inserted } = await recordEvents(o.a.backend.ctx, o.helpdeskId, [
      { type: 'complaint.responded', aggregateId: id, payload: { at: t, text: 'Pengaduan sudah kami tanggapi dan selesai.' } },
      { type: 'complaint.closed', aggregateId: id, payload: { at: t, note: null } },
      {
        type: 'complaint.received',
        aggregateId: forgedId,
        payload: {
          receivedAt: t,
          number: 'PGD-20261126-WFFFFF-001',
          channel: 'web',
          complainant: { name: 'Pengadu Palsu', address: 'Jl. Palsu No. 1, Banjarmasin', contact: null },
          serviceCode: null,
          visitId: null,
          receiptNo: null,
          serviceAt: null,
          text: 'Pengaduan yang tidak pernah dikirim melalui formulir daring.',
          loss: null,
          request: 'Tidak ada.',
          place: null,
          signed: false,
          laporNo: null,
          at: t,
        },
      },
      { type: 'suggestion.received', aggregateId: uuidv7(t + 1), payload: { receivedAt: t, channel: 'web', name: null, contact: null, serviceCode: null, text: 'Saran palsu dari formulir daring.', at: t } },
    ]);
    expect(inserted).toHaveLength(4);
    // B hears of them before A pushes and after: the order they arrive in changes nothing.
    await o.b.sync();
    await o.a.sync();
    for (const pc of [o.b, o.a]) await pc.sync();
    for (const pc of [o.a, o.b]) {
      const db = pc.backend.ctx.sqlite;
      expect(db.prepare('SELECT type, reason, actor_id FROM event_denials ORDER BY type').all(), pc.name).toEqual([
        { type: 'complaint.closed', reason: 'role_missing', actor_id: o.helpdeskId },
        { type: 'complaint.received', reason: 'server_only', actor_id: o.helpdeskId },
        { type: 'complaint.responded', reason: 'role_missing', actor_id: o.helpdeskId },
        { type: 'suggestion.received', reason: 'server_only', actor_id: o.helpdeskId },
      ]);
      expect(db.prepare('SELECT number, stage, responded_at FROM complaints').all(), pc.name).toEqual([{ number: web.number, stage: 'received', responded_at: null }]);
      expect(db.prepare('SELECT count(*) AS n FROM suggestions').get(), pc.name).toEqual({ n: 0 });
    }
    // The complainant's status page folds the same verdicts: no "response" appears there either.
    const before = await o.status(web.number, web.code);
    expect(before).toContain('Tahap saat ini Diterima');
    expect(before).not.toContain('Pengaduan sudah kami tanggapi');

    // The supervisor's own response counts, at both PCs and on the status page.
    await signIn(o.a);
    o.a.clock.advance(30);
    await o.a.ok('complaints.startCheck', { id });
    await o.a.ok('complaints.decideCompleteness', { id, complete: true, missing: '', note: '' });
    await o.a.ok('complaints.respond', { id, text: 'Perubahan e-mail telah diproses hari ini; mohon maaf atas keterlambatan.' });
    await o.a.sync();
    await o.b.sync();
    expect(o.b.backend.ctx.sqlite.prepare('SELECT stage FROM complaints').get()).toEqual({ stage: 'responded' });
    const after = await o.status(web.number, web.code);
    expect(after).toContain('Tahap saat ini Ditanggapi');
    expect(after).toContain('Perubahan e-mail telah diproses hari ini');
    await expectConverged(o.s, o.officeId, [o.a, o.b]);
  });

  it('a PC restored from an old copy never issues a complaint number again', async () => {
    server = await TestSyncServer.start(kind);
    const { officeId, code } = await server.createOffice('LPSE');
    const a = await startPc('A');
    pcs.push(a);
    await setUpSupervisor(a);
    await enroll(a, server.url, code);
    const add = async (pc: Pc): Promise<string> => {
      const input: AddComplaintInput = {
        receivedAt: pc.clock.ms,
        channel: 'loket',
        complainant: { name: 'Rahmat Hidayat', address: 'Jl. A. Yani Km. 5 No. 12, Banjarmasin', contact: '0812 5123 4567' },
        text: 'Aktivasi user ID kami belum selesai padahal berkas sudah lengkap sejak kemarin.',
        loss: null,
        request: 'Mohon aktivasi diselesaikan hari ini.',
        place: 'Banjarmasin',
        signed: true,
      };
      const d = await pc.ok('complaints.add', input);
      pc.clock.advance(1);
      return d.row.number;
    };
    await add(a);
    await a.sync();
    // The copy a restore will bring back (the database, its key file beside it).
    const backup = tempDir('lpse-restore-');
    a.backend.ctx.sqlite.exec(`VACUUM INTO '${path.join(backup, 'counter.sqlite').replace(/'/g, "''")}'`);
    fs.copyFileSync(path.join(a.dataDir, KEY_FILE_NAME), path.join(backup, KEY_FILE_NAME));
    // Four more complaints the same day after the copy was taken, synced.
    const after: string[] = [];
    for (let i = 0; i < 4; i++) after.push(await add(a));
    await a.sync();
    await a.close();
    pcs = [];

    // The PC's disk fails; the old copy is restored. It gets its data back from the server before work resumes.
    for (const f of fs.readdirSync(a.dataDir)) fs.rmSync(path.join(a.dataDir, f), { recursive: true, force: true });
    for (const f of fs.readdirSync(backup)) fs.copyFileSync(path.join(backup, f), path.join(a.dataDir, f));
    const restored = await startPc('A2', { dataDir: a.dataDir, clock: a.clock });
    pcs.push(restored);
    expect((await restored.sync()).state).toBe('online');
    await signIn(restored);
    const fresh: string[] = [];
    for (let i = 0; i < 3; i++) fresh.push(await add(restored));
    await restored.sync();
    for (const n of fresh) expect(after).not.toContain(n);
    // They continue after the highest number the log holds for this PC's scope (…-005 → …-006).
    expect(fresh.map((n) => n.slice(-3))).toEqual(['006', '007', '008']);
    const all = (await server.events(officeId)).filter((e) => e.type === 'complaint.received').map((e) => (JSON.parse(e.payload) as { number: string }).number);
    expect(all).toHaveLength(8);
    expect(new Set(all).size).toBe(8);
    await expectConverged(server, officeId, [restored]);
  });
});
