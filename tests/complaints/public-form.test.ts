/**
 * The public complaint and suggestion pages of the central server (issue 12, item 5), on the SQLite and the
 * PostgreSQL server: a complaint from the public form is an event the server writes into the office's log
 * and reaches two workstations through sync exactly once; the complainant's status page shows only their
 * own complaint (and takes what they add while it waits for completeness); every public route refuses bad
 * input with a clear 4xx and changes nothing; the pages can be switched off per office; numbers are never
 * reissued after the server is restored from a backup.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runAdmin } from '../../server/admin';
import { rotateEpoch } from '../../server/db';
import { setOfficePublicPages } from '../../server/public/office-admin';
import { serverComplaintTag } from '../../server/numbering';
import { TestClock, THU_0900_WITA } from '../helpers';
import { expectConverged } from '../sync/converge';
import { FaultProxy } from '../sync/fault-proxy';
import { FormTokens, loadFormSecret } from '../../server/public/guard';
import { enroll, SERVER_KINDS, setUpSupervisor, signIn, startPc, TestSyncServer, type Pc } from '../sync/harness';

let server: TestSyncServer | null = null;
let proxy: FaultProxy | null = null;
let pcs: Pc[] = [];
afterEach(async () => {
  for (const pc of pcs) await pc.close();
  pcs = [];
  await proxy?.stop();
  proxy = null;
  await server?.destroy();
  server = null;
});

const FORM = 'application/x-www-form-urlencoded';

interface Page {
  status: number;
  body: string;
  headers: Record<string, unknown>;
}

function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
}

function tokenOf(html: string): string {
  return /name="token_formulir" value="([^"]+)"/.exec(html)![1]!;
}

async function office(kind: 'sqlite' | 'pg', clock: TestClock) {
  server = await TestSyncServer.start(kind, { now: clock.now });
  const { officeId, code } = await server.createOffice('LPSE Kota Banjarmasin');
  await setOfficePublicPages(server.database.db, officeId, { slug: 'lpse-banjarmasin', on: true });
  const s = server;
  const request = async (method: 'GET' | 'POST', url: string, form?: Record<string, string> | string, opts: { contentType?: string; ip?: string } = {}): Promise<Page> => {
    const payload = typeof form === 'string' ? form : form ? new URLSearchParams(form).toString() : undefined;
    const res = await s.server.app.inject({
      method,
      url,
      ...(payload !== undefined ? { payload, headers: { 'content-type': opts.contentType ?? FORM } } : {}),
      remoteAddress: opts.ip ?? '10.0.0.7',
    });
    return { status: res.statusCode, body: res.body, headers: res.headers };
  };
  /** Opens a form and sends it a few seconds later, as a person would. */
  const submit = async (path: string, fields: Record<string, string>, ip?: string): Promise<Page> => {
    const form = await request('GET', path, undefined, { ip });
    expect(form.status).toBe(200);
    clock.advance(0.1); // six seconds to fill it in
    return request('POST', path, { token_formulir: tokenOf(form.body), situs_web: '', ...fields }, { ip });
  };
  const logCount = async () => (await s.events(officeId)).length;
  return { officeId, code, request, submit, logCount };
}

const COMPLAINT = {
  nama: 'Nurhayati',
  alamat: 'Jl. Sultan Adam Kompleks Mandiri No. 7, Banjarmasin',
  kontak: '0813 4800 1234',
  layanan: 'perubahan_email',
  tanda_terima: 'tt-20261123-abcdef-002',
  tanggal_layanan: '2026-11-23',
  uraian: 'Perubahan e-mail perusahaan kami belum diproses walaupun sudah lewat satu hari kerja.',
  kerugian: 'Notifikasi tender tidak sampai ke e-mail baru.',
  permintaan: 'Mohon perubahan e-mail segera diproses.',
  pernyataan: 'ya',
};

describe.each(SERVER_KINDS)('the public complaint form (%s server)', (kind) => {
  it('reaches two workstations through sync exactly once; its status page follows the counter and takes the supplement', async () => {
    const clock = new TestClock(THU_0900_WITA);
    const o = await office(kind, clock);
    const a = await startPc('A');
    const b = await startPc('B');
    pcs.push(a, b);
    await setUpSupervisor(a);
    await enroll(a, server!.url, o.code);
    await a.sync();
    await enroll(b, server!.url, await server!.newCode(o.officeId));
    await b.sync();

    const start = await o.request('GET', '/kantor/lpse-banjarmasin');
    expect(start.status).toBe(200);
    expect(start.headers['content-security-policy']).toContain("default-src 'none'");
    expect(text(start.body)).toContain('Sampaikan pengaduan');

    const sent = await o.submit('/kantor/lpse-banjarmasin/pengaduan', COMPLAINT);
    expect(sent.status).toBe(201);
    const page = text(sent.body);
    const number = /Nomor pengaduan: (PGD-\d{8}-W[0-9A-F]{5}-\d{3})/.exec(page)?.[1];
    const code = /Kode rahasia untuk melihat status: ([0-9A-Z]{5}-[0-9A-Z]{5})/.exec(page)?.[1];
    expect(number).toBe(`PGD-20261126-${serverComplaintTag(server!.server.epoch)}-001`);
    expect(code).toBeDefined();
    // Thursday 26 November 09:00 (+6 s): 3 working days → Tuesday 1 December, 6 → Friday 4 December.
    expect(page).toContain('Selasa, 1 Desember 2026 09:00 WITA');
    expect(page).toContain('Jumat, 4 Desember 2026 09:00 WITA');

    // Both workstations get it, once; a second round changes nothing.
    for (const pc of [a, b, a, b]) await pc.sync();
    for (const pc of [a, b]) {
      const db = pc.backend.ctx.sqlite;
      expect(db.prepare('SELECT number, channel, recorded_on, stage FROM complaints').all()).toEqual([{ number, channel: 'web', recorded_on: 'server', stage: 'received' }]);
      expect(db.prepare("SELECT count(*) AS n FROM events WHERE type = 'complaint.received'").get()).toEqual({ n: 1 });
    }
    await expectConverged(server!, o.officeId, [a, b]);

    // At PC A the supervisor finds it incomplete; the complainant sees that, and adds what is missing.
    await signIn(a);
    const [row] = (await a.ok('complaints.list', {})).rows;
    expect(row).toMatchObject({ number, channelLabel: 'Daring', receiptNo: 'TT-20261123-ABCDEF-002' });
    const detail = await a.ok('complaints.get', { id: row!.id });
    expect(detail).toMatchObject({ viaServer: true, recordedByName: null, daysSinceService: 3, complainant: { name: 'Nurhayati', contact: '0813 4800 1234' } });
    a.clock.advance(60);
    await a.ok('complaints.decideCompleteness', { id: row!.id, complete: false, missing: 'Salinan tanda terima berkas (foto) dan nama perusahaan.', note: '' });
    await a.sync();

    const status = await o.request('POST', '/kantor/lpse-banjarmasin/status', { nomor: number!.toLowerCase(), kode: code!.toLowerCase().replace('-', ' ') });
    expect(status.status).toBe(200);
    const statusText = text(status.body);
    expect(statusText).toContain('Tahap saat ini Tidak lengkap, menunggu kelengkapan');
    expect(statusText).toContain('Salinan tanda terima berkas (foto) dan nama perusahaan.');
    expect(statusText).toContain('dihitung kembali setelah pengaduan dilengkapi');
    expect(statusText).not.toContain('Kepala Sub Bagian'); // no staff names on the public page

    clock.advance(120);
    const supplement = await o.request('POST', '/kantor/lpse-banjarmasin/kelengkapan', {
      token_formulir: tokenOf(status.body),
      situs_web: '',
      nomor: number!,
      kode: code!,
      kelengkapan: 'Nama perusahaan: CV Cahaya Banua Mandiri. Foto tanda terima saya kirim ke e-mail kantor.',
    });
    expect(supplement.status).toBe(200);
    expect(text(supplement.body)).toContain('Kelengkapan Anda telah diterima');
    expect(text(supplement.body)).toContain('Tahap saat ini Cek administrasi');
    for (const pc of [a, b]) pc.clock.ms = clock.ms + 60_000; // a minute later at the counter
    for (const pc of [a, b]) await pc.sync();
    for (const pc of [a, b]) {
      expect(pc.backend.ctx.sqlite.prepare('SELECT stage, ever_incomplete FROM complaints').get()).toEqual({ stage: 'admin_check', ever_incomplete: 1 });
    }
    const after = await a.ok('complaints.get', { id: row!.id });
    expect(after.supplements).toEqual([{ at: clock.ms, byName: null, channelLabel: 'Formulir daring', text: 'Nama perusahaan: CV Cahaya Banua Mandiri. Foto tanda terima saya kirim ke e-mail kantor.' }]);
    expect(after.row.response.state).toBe('running');
    expect(after.row.response.pausedWorkingMinutes).toBeGreaterThan(0);
    await expectConverged(server!, o.officeId, [a, b]);

    // A suggestion from the public page reaches the counter too.
    const s = await o.submit('/kantor/lpse-banjarmasin/saran', { saran: 'Mohon jam layanan hari Jumat dicantumkan di laman.', layanan: '', nama: '', kontak: '' });
    expect(s.status).toBe(201);
    await b.sync();
    expect(b.backend.ctx.sqlite.prepare('SELECT channel, name, text FROM suggestions').all()).toEqual([{ channel: 'web', name: null, text: 'Mohon jam layanan hari Jumat dicantumkan di laman.' }]);
  });

  it('shows a status page only for its own complaint, and refuses bad input to every route with a 4xx, recording nothing', async () => {
    const clock = new TestClock(THU_0900_WITA);
    const o = await office(kind, clock);
    const first = text((await o.submit('/kantor/lpse-banjarmasin/pengaduan', COMPLAINT, '10.0.0.1')).body);
    const second = text((await o.submit('/kantor/lpse-banjarmasin/pengaduan', { ...COMPLAINT, nama: 'Budi Santoso', uraian: 'Petugas tidak ada di loket pada jam layanan hari Senin.' }, '10.0.0.2')).body);
    const n1 = /Nomor pengaduan: (\S+)/.exec(first)![1]!;
    const c1 = /status: (\S+)/.exec(first)![1]!;
    const n2 = /Nomor pengaduan: (\S+)/.exec(second)![1]!;
    const c2 = /status: (\S+)/.exec(second)![1]!;
    expect(n2).toBe(n1.replace(/001$/, '002'));

    const own = text((await o.request('POST', '/kantor/lpse-banjarmasin/status', { nomor: n2, kode: c2 })).body);
    expect(own).toContain(n2);
    expect(own).not.toContain(n1);
    expect(own).not.toContain('Nurhayati');
    // Another complaint's number with this code opens nothing; neither does a made-up number.
    for (const [nomor, kode] of [
      [n1, c2],
      [n2, c1],
      [n1.replace(/001$/, '009'), c1],
    ] as const) {
      const r = await o.request('POST', '/kantor/lpse-banjarmasin/status', { nomor, kode });
      expect(r.status).toBe(404);
      expect(text(r.body)).toContain('Nomor pengaduan atau kode rahasia tidak cocok');
      expect(r.body).not.toContain('Budi Santoso');
      expect(r.body).not.toContain('Nurhayati');
    }

    const before = await o.logCount();
    // A supplement form is only served for a complaint that waits; its token is made as the server makes it.
    const supplementToken = new FormTokens(await loadFormSecret(server!.database.db)).issue(`${o.officeId}|kelengkapan`, clock.ms - 60_000);
    const form = await o.request('GET', '/kantor/lpse-banjarmasin/pengaduan');
    const token = tokenOf(form.body);
    clock.advance(0.1);
    const valid = { token_formulir: token, situs_web: '', ...COMPLAINT };
    const long = 'x'.repeat(70 * 1024);
    const cases: [string, 'GET' | 'POST', string, Record<string, string> | string | undefined, { contentType?: string } | undefined, number, string][] = [
      ['unknown office', 'GET', '/kantor/tidak-ada/pengaduan', undefined, undefined, 404, 'Halaman tidak ditemukan'],
      ['bad slug', 'GET', '/kantor/..%2F..%2Fv1/pengaduan', undefined, undefined, 404, 'Halaman tidak ditemukan'],
      ['unknown page', 'GET', '/kantor/lpse-banjarmasin/admin', undefined, undefined, 404, 'Halaman tidak ditemukan'],
      ['JSON body', 'POST', '/kantor/lpse-banjarmasin/pengaduan', JSON.stringify(valid), { contentType: 'application/json' }, 415, 'Kirim melalui formulir'],
      ['no token', 'POST', '/kantor/lpse-banjarmasin/pengaduan', { ...COMPLAINT, situs_web: '' }, undefined, 400, 'Formulir tidak lengkap'],
      ['forged token', 'POST', '/kantor/lpse-banjarmasin/pengaduan', { ...valid, token_formulir: `${token.split('.')[0]}.${'A'.repeat(32)}` }, undefined, 400, 'Formulir tidak dikenali'],
      ['token of another form', 'POST', '/kantor/lpse-banjarmasin/saran', { token_formulir: token, situs_web: '', saran: 'Saran yang cukup panjang.', nama: '', kontak: '', layanan: '' }, undefined, 400, 'Formulir tidak dikenali'],
      ['honeypot', 'POST', '/kantor/lpse-banjarmasin/pengaduan', { ...valid, situs_web: 'http://spam.example' }, undefined, 400, 'Permintaan ditolak'],
      ['unknown field', 'POST', '/kantor/lpse-banjarmasin/pengaduan', { ...valid, admin: '1' }, undefined, 400, 'isian yang tidak dikenal'],
      ['repeated field', 'POST', '/kantor/lpse-banjarmasin/pengaduan', `${new URLSearchParams(valid).toString()}&nama=Dua`, undefined, 400, 'isian yang tidak dikenal'],
      ['missing fields', 'POST', '/kantor/lpse-banjarmasin/pengaduan', { ...valid, nama: ' ', alamat: '', uraian: '', permintaan: '', pernyataan: '' }, undefined, 400, 'Nama lengkap wajib diisi.'],
      ['bad contact', 'POST', '/kantor/lpse-banjarmasin/pengaduan', { ...valid, kontak: 'besok saja' }, undefined, 400, 'Kontak harus nomor telepon/WhatsApp atau alamat e-mail'],
      ['future service date', 'POST', '/kantor/lpse-banjarmasin/pengaduan', { ...valid, tanggal_layanan: '2026-12-25' }, undefined, 400, 'tidak boleh setelah hari ini'],
      ['bad service date', 'POST', '/kantor/lpse-banjarmasin/pengaduan', { ...valid, tanggal_layanan: '2026-02-30' }, undefined, 400, 'Tanggal menerima layanan tidak valid.'],
      ['unknown service', 'POST', '/kantor/lpse-banjarmasin/pengaduan', { ...valid, layanan: 'hapus_semua' }, undefined, 400, 'Pilih layanan dari daftar.'],
      ['text too long', 'POST', '/kantor/lpse-banjarmasin/pengaduan', { ...valid, uraian: 'y'.repeat(5001) }, undefined, 400, 'Uraian pengaduan maksimal 5000 karakter.'],
      ['body too large', 'POST', '/kantor/lpse-banjarmasin/pengaduan', { ...valid, uraian: long }, undefined, 413, 'Isian terlalu panjang'],
      ['empty suggestion', 'POST', '/kantor/lpse-banjarmasin/saran', { token_formulir: 'x', situs_web: '' }, undefined, 400, 'Formulir tidak dikenali'],
      ['status without code', 'POST', '/kantor/lpse-banjarmasin/status', { nomor: n1, kode: '' }, undefined, 400, 'Kode rahasia wajib diisi.'],
      ['status with extra field', 'POST', '/kantor/lpse-banjarmasin/status', { nomor: n1, kode: c1, x: '1' }, undefined, 400, 'isian yang tidak dikenal'],
      ['supplement when not waiting', 'POST', '/kantor/lpse-banjarmasin/kelengkapan', { token_formulir: supplementToken, situs_web: '', nomor: n1, kode: c1, kelengkapan: 'Tambahan.' }, undefined, 409, 'tidak sedang menunggu kelengkapan'],
      ['supplement with a wrong code', 'POST', '/kantor/lpse-banjarmasin/kelengkapan', { token_formulir: supplementToken, situs_web: '', nomor: n1, kode: c2, kelengkapan: 'Tambahan.' }, undefined, 404, 'tidak cocok'],
    ];
    clock.advance(0.1);
    for (const [name, method, url, payload, opts, status, message] of cases) {
      const r = await o.request(method, url, payload, { ...opts, ip: `10.1.0.${cases.findIndex((c) => c[0] === name) + 1}` });
      expect(r.status, name).toBe(status);
      expect(text(r.body), name).toContain(message);
      expect(String(r.headers['content-type']), name).toContain('text/html');
    }
    // A form sent within a second of being served is a bot's.
    const quick = await o.request('GET', '/kantor/lpse-banjarmasin/pengaduan', undefined, { ip: '10.2.0.1' });
    const fast = await o.request('POST', '/kantor/lpse-banjarmasin/pengaduan', { ...valid, token_formulir: tokenOf(quick.body) }, { ip: '10.2.0.1' });
    expect(fast.status).toBe(400);
    expect(text(fast.body)).toContain('Formulir terkirim terlalu cepat');
    // Five submissions per address in ten minutes; the sixth waits.
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await o.request('POST', '/kantor/lpse-banjarmasin/saran', { situs_web: 'bot' }, { ip: '10.3.0.1' })).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
    expect(await o.logCount()).toBe(before);

    // Switched off: every public route of the office answers 404 and records nothing.
    await setOfficePublicPages(server!.database.db, o.officeId, { on: false });
    for (const [method, url] of [
      ['GET', '/kantor/lpse-banjarmasin'],
      ['GET', '/kantor/lpse-banjarmasin/pengaduan'],
      ['POST', '/kantor/lpse-banjarmasin/pengaduan'],
      ['POST', '/kantor/lpse-banjarmasin/status'],
    ] as const) {
      const r = await o.request(method, url, method === 'POST' ? valid : undefined, { ip: '10.4.0.1' });
      expect(r.status, url).toBe(404);
    }
    expect(await o.logCount()).toBe(before);
    // The device routes are not the public ones, and are unaffected.
    expect((await o.request('GET', '/health')).status).toBe(200);
  });

  it('never issues a number twice after the server is restored from a backup', async () => {
    const clock = new TestClock(THU_0900_WITA);
    const o = await office(kind, clock);
    const a = await startPc('A');
    pcs.push(a);
    await setUpSupervisor(a);
    proxy = new FaultProxy();
    proxy.setUpstream(server!.url);
    await enroll(a, await proxy.start(), o.code);
    await a.sync();
    const backup = await server!.backup();
    proxy.setUpstream(server!.url); // PostgreSQL's backup restarts the server (on another port)
    const sent = text((await o.submit('/kantor/lpse-banjarmasin/pengaduan', COMPLAINT)).body);
    const n1 = /Nomor pengaduan: (\S+)/.exec(sent)![1]!;
    const c1 = /status: (\S+)/.exec(sent)![1]!;
    await a.sync(); // the PC holds it

    // The server loses everything after the backup; the operator rotates the epoch as the README says.
    await server!.restoreAndStart(backup);
    await rotateEpoch(server!.database.db);
    await server!.stop();
    await server!.boot();
    const again = text((await o.submit('/kantor/lpse-banjarmasin/pengaduan', { ...COMPLAINT, nama: 'Budi Santoso' })).body);
    const n2 = /Nomor pengaduan: (\S+)/.exec(again)![1]!;
    expect(n2).not.toBe(n1);
    expect(n2.split('-')[2]).toBe(serverComplaintTag(server!.server.epoch));

    // The PC sends the lost complaint back; the server knows its number and code again.
    proxy.setUpstream(server!.url); // the restarted server listens on another port
    await a.sync();
    await a.sync();
    const found = await o.request('POST', '/kantor/lpse-banjarmasin/status', { nomor: n1, kode: c1 });
    expect(found.status).toBe(200);
    expect(text(found.body)).toContain(n1);
    // Its number counts as issued again (server/numbering.ts), beside the one issued after the restore.
    const issued = await server!.database.db.selectFrom('issued_numbers').select('label').where('office_id', '=', o.officeId).orderBy('label').execute();
    expect(issued.map((r) => r.label).sort()).toEqual([n1, n2].sort());
    const third = text((await o.submit('/kantor/lpse-banjarmasin/pengaduan', { ...COMPLAINT, nama: 'Siti Aminah' })).body);
    expect(/Nomor pengaduan: (\S+)/.exec(third)![1]).toBe(n2.replace(/001$/, '002'));
    await a.sync();
    expect(a.backend.ctx.sqlite.prepare('SELECT count(*) AS n FROM complaints').get()).toEqual({ n: 3 });
    await expectConverged(server!, o.officeId, [a]);
  });

  it('limits each address per purpose with @fastify/rate-limit, apart from the device routes, by the address TRUST_PROXY vouches for', async () => {
    const clock = new TestClock(THU_0900_WITA);
    server = await TestSyncServer.start(kind, { now: clock.now, enrollPerMinute: 2, trustProxy: ['127.0.0.1'], publicPages: { rules: { lookup: { limit: 3, windowMs: 60_000 } } } });
    const { officeId } = await server.createOffice('LPSE Kota Banjarmasin');
    await setOfficePublicPages(server.database.db, officeId, { slug: 'bjm', on: true });
    const app = server.server.app;
    const lookup = (remoteAddress: string, xff?: string) =>
      app.inject({
        method: 'POST',
        url: '/kantor/bjm/status',
        payload: new URLSearchParams({ nomor: 'PGD-20261126-WABCDE-001', kode: 'K7Q2M-9XH4D' }).toString(),
        headers: { 'content-type': FORM, ...(xff ? { 'x-forwarded-for': xff } : {}) },
        remoteAddress,
      });
    const enrollAttempt = (remoteAddress: string) => app.inject({ method: 'POST', url: '/v1/enroll', payload: { code: 'SALAH-SALAH-SALAH', deviceName: 'PC X', clientDeviceId: 'x', appVersion: '1.0.0' }, remoteAddress });

    // Three look-ups per address in the window; the fourth waits, told how long, in Indonesian.
    const lookups = [];
    for (let i = 0; i < 4; i++) lookups.push(await lookup('10.5.0.1'));
    expect(lookups.map((r) => r.statusCode)).toEqual([404, 404, 404, 429]);
    expect(Number(lookups[3]!.headers['retry-after'])).toBeGreaterThan(0);
    expect(text(lookups[3]!.body)).toContain('Terlalu banyak permintaan dari jaringan Anda');
    expect(String(lookups[3]!.headers['content-type'])).toContain('text/html');
    // Viewing is another purpose; the device routes are another limiter altogether.
    expect((await app.inject({ method: 'GET', url: '/kantor/bjm/status', remoteAddress: '10.5.0.1' })).statusCode).toBe(200);
    const enrolled = await enrollAttempt('10.5.0.1');
    expect(enrolled.statusCode).not.toBe(429);
    expect(enrolled.statusCode).toBeLessThan(500);
    // And an address that used up its enrollment attempts still reaches the public pages.
    const attempts = [];
    for (let i = 0; i < 3; i++) attempts.push((await enrollAttempt('10.6.0.1')).statusCode);
    expect(attempts[2]).toBe(429);
    expect((await lookup('10.6.0.1')).statusCode).toBe(404);

    // Behind the proxy named in TRUST_PROXY each forwarded client has its own budget…
    for (let i = 0; i < 3; i++) expect((await lookup('127.0.0.1', '1.2.3.1')).statusCode).toBe(404);
    expect((await lookup('127.0.0.1', '1.2.3.1')).statusCode).toBe(429);
    expect((await lookup('127.0.0.1', '1.2.3.2')).statusCode).toBe(404);
    // …but a client that is not that proxy cannot pick its own address.
    const spoofed = [];
    for (let i = 0; i < 4; i++) spoofed.push((await lookup('10.7.0.1', `9.9.9.${i}`)).statusCode);
    expect(spoofed).toEqual([404, 404, 404, 429]);
  });

  it('is opened and closed per office with the admin command', async () => {
    server = await TestSyncServer.start(kind);
    const lines: string[] = [];
    const out = { line: (l: string) => void lines.push(l) };
    const a = await server.createOffice('LPSE Kota Banjarmasin');
    const b = await server.createOffice('LPSE Kabupaten Banjar');
    await expect(runAdmin(server.database, ['office', 'public', '--office', a.officeId, '--on'], out)).rejects.toThrow('Tentukan alamat halaman dengan --slug');
    await expect(runAdmin(server.database, ['office', 'public', '--office', a.officeId, '--slug', 'LPSE Banjarmasin!', '--on'], out)).rejects.toThrow('hanya huruf kecil');
    await expect(runAdmin(server.database, ['office', 'public', '--office', a.officeId, '--slug', 'bjm'], out)).rejects.toThrow('--on (buka) atau --off (tutup)');
    await runAdmin(server.database, ['office', 'public', '--office', a.officeId, '--slug', 'bjm', '--on'], out);
    expect(lines.pop()).toBe('Halaman pengaduan dan saran dibuka: /kantor/bjm/pengaduan (saran: /kantor/bjm/saran, status: /kantor/bjm/status).');
    await expect(runAdmin(server.database, ['office', 'public', '--office', b.officeId, '--slug', 'bjm', '--on'], out)).rejects.toThrow('Alamat "bjm" sudah dipakai kantor lain.');
    await expect(runAdmin(server.database, ['office', 'public', '--office', 'tidak-ada', '--slug', 'x', '--on'], out)).rejects.toThrow('tidak ditemukan');
    const page = await server.server.app.inject({ method: 'GET', url: '/kantor/bjm/pengaduan' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('LPSE Kota Banjarmasin');
    await runAdmin(server.database, ['office', 'list', '--json'], out);
    const listed = (JSON.parse(lines.pop()!) as { offices: { id: string; publicSlug: string | null; publicPages: boolean }[] }).offices;
    expect(listed.map((o) => [o.id, o.publicSlug, o.publicPages])).toEqual([
      [a.officeId, 'bjm', true],
      [b.officeId, null, false],
    ]);
    await runAdmin(server.database, ['office', 'public', '--office', a.officeId, '--off'], out);
    expect(lines.pop()).toContain('ditutup');
    expect((await server.server.app.inject({ method: 'GET', url: '/kantor/bjm/pengaduan' })).statusCode).toBe(404);
  });
});
