/**
 * Issue 14, item 5: the vendor's record follows the service. At PC B the verifier completes services 1–5 for
 * a vendor registered at PC A; the new e-mail (2), CV→PT (3) and new NPWP (4) replace the old values, which
 * stay in the vendor's history; the SPSE User ID is recorded active (1) then deactivated (5) and the
 * type-ahead finds the vendor by it. Both PCs converge through sync (the fold), on both server databases.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { OutputOf } from '../../contract/api';
import { PROXY_VISIT } from '../helpers';
import { expectConverged } from '../sync/converge';
import { enroll, SERVER_KINDS, setUpSupervisor, signIn, startPc, TestSyncServer, type Pc } from '../sync/harness';
import { markAll } from '../sync/workload';

const PASSWORD = 'rahasia-123';
let server: TestSyncServer | null = null;
let pcs: Pc[] = [];
afterEach(async () => {
  for (const pc of pcs) await pc.close();
  pcs = [];
  await server?.destroy();
  server = null;
});

const SERVICES = ['aktivasi_user_id', 'perubahan_email', 'perubahan_status_cv_pt', 'perubahan_npwp', 'nonaktif_user_id'] as const;

function vendorRow(pc: Pc, id: string) {
  return pc.backend.ctx.sqlite.prepare('SELECT name, legal_form, npwp, email, spse_user_id, spse_user_state FROM vendors WHERE id = ?').get(id);
}

describe.each(SERVER_KINDS)('the vendor record follows the service (%s server)', (kind) => {
  it('services 1–5 completed at B update the vendor at A and B, old values in its history, found by SPSE User ID', async () => {
    server = await TestSyncServer.start(kind);
    const { officeId, code } = await server.createOffice('LPSE Kota Banjarmasin');
    const a = await startPc('A');
    const b = await startPc('B');
    pcs.push(a, b);
    await setUpSupervisor(a);
    await a.ok('users.create', { username: 'helpdesk1', displayName: 'Siti Helpdesk', roles: ['helpdesk'], password: PASSWORD });
    await a.ok('users.create', { username: 'verif1', displayName: 'Budi Verifikator', roles: ['verifier'], password: PASSWORD });
    await enroll(a, server.url, code);
    await a.sync();
    await enroll(b, server.url, await server.newCode(officeId));
    await b.sync();

    // A: the helpdesk hands over one file per service for the same company.
    await signIn(a, 'helpdesk1', PASSWORD);
    const visits: Record<string, string> = {};
    let vendorId: string | null = null;
    let personId: string | null = null;
    for (const service of SERVICES) {
      const reg: OutputOf<'visits.register'> = await a.ok('visits.register', {
        ...PROXY_VISIT,
        serviceCode: service,
        person: { ...PROXY_VISIT.person, id: personId },
        company: { ...PROXY_VISIT.company!, id: vendorId },
      });
      vendorId = reg.visit.vendor!.id;
      personId = reg.visit.person.id;
      visits[service] = reg.visit.visit.id;
      await a.ok('visits.startChecklist', { visitId: reg.visit.visit.id });
      await markAll(a, reg.visit.visit.id);
      await a.ok('visits.handOver', { visitId: reg.visit.visit.id });
    }
    await a.sync();
    await b.sync();

    // B: the verifier completes them in order, entering what was changed in SPSE.
    await signIn(b, 'verif1', PASSWORD);
    const complete = async (service: (typeof SERVICES)[number], vendorRecord: Record<string, string | null>) => {
      const visitId = visits[service]!;
      await b.ok('desk.claim', { visitId });
      b.clock.advance(5);
      return b.call('desk.complete', { visitId, note: null, vendorRecord });
    };
    const info = await b.ok('desk.get', { visitId: visits.perubahan_email! });
    expect(info.vendorRecord).toMatchObject({ kind: 'email', current: { email: 'admin@sumberrejeki.co.id', spseUserId: null }, recorded: null });

    expect((await complete('aktivasi_user_id', { spseUserId: 'sumberrejeki01' })).ok).toBe(true);
    // The field the service needs is required, and checked: nothing is recorded until it is right.
    const before = (b.backend.ctx.sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    const missing = await complete('perubahan_email', { email: '' });
    expect(missing.ok ? 'allowed' : missing.error.message).toBe('E-mail baru penyedia wajib diisi.');
    const bad = await b.call('desk.complete', { visitId: visits.perubahan_email!, note: null, vendorRecord: { email: 'bukan email' } });
    expect(bad.ok).toBe(false);
    const badId = await b.call('desk.complete', { visitId: visits.aktivasi_user_id!, note: null, vendorRecord: { spseUserId: 'a b' } });
    expect(badId.ok).toBe(false);
    expect((b.backend.ctx.sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n).toBe(before + 1); // only the claim
    // Without the value at all (a script, an older screen) the completion is refused too, naming the field:
    // the vendor's record would otherwise silently keep the old NPWP. A number of the wrong length is refused
    // as well (the check digit only warns, /work/shared/DOMAIN-RULES.md).
    await b.ok('desk.claim', { visitId: visits.perubahan_npwp! });
    const absent = await b.call('desk.complete', { visitId: visits.perubahan_npwp!, note: null });
    expect(absent.ok ? 'allowed' : [absent.error.message, absent.error.issues?.[0]?.path]).toEqual(['NPWP baru penyedia wajib diisi.', 'vendorRecord.npwp']);
    const badCheck = await b.call('desk.complete', { visitId: visits.perubahan_npwp!, note: null, vendorRecord: { npwp: '02.183.241' } });
    expect(badCheck.ok ? 'allowed' : [badCheck.error.issues?.[0]?.path, badCheck.error.issues?.[0]?.message]).toEqual([
      'vendorRecord.npwp',
      'NPWP harus terdiri atas 15 digit (format lama) atau 16 digit angka, sedangkan yang dimasukkan berjumlah 8 digit.',
    ]);
    expect((await b.ok('desk.get', { visitId: visits.perubahan_npwp! })).status).toBe('in_process');
    const emailDone = await b.call('desk.complete', { visitId: visits.perubahan_email!, note: null, vendorRecord: { email: 'pengadaan@sumberrejeki.co.id' } });
    expect(emailDone.ok && emailDone.value.vendorRecord?.recorded).toEqual([{ field: 'email', label: 'E-mail', from: 'admin@sumberrejeki.co.id', to: 'pengadaan@sumberrejeki.co.id' }]);
    expect((await complete('perubahan_status_cv_pt', { legalForm: 'PT', name: 'PT Sumber Rejeki Banua' })).ok).toBe(true);
    expect((await complete('perubahan_npwp', { npwp: '02.183.241.5-000.000' })).ok).toBe(true);
    expect((await complete('nonaktif_user_id', { spseUserId: 'sumberrejeki01' })).ok).toBe(true);
    await b.sync();
    await a.sync();

    const expected = {
      name: 'PT Sumber Rejeki Banua',
      legal_form: 'PT',
      npwp: '021832415000000',
      email: 'pengadaan@sumberrejeki.co.id',
      spse_user_id: 'sumberrejeki01',
      spse_user_state: 'deactivated',
    };
    for (const pc of [a, b]) expect(vendorRow(pc, vendorId!), pc.name).toEqual(expected);

    // The vendor's record at the counter (A): the history, newest first, with the old values.
    const record = await a.ok('vendors.get', { id: vendorId! });
    expect(record.vendor).toMatchObject({ spseUserId: 'sumberrejeki01', spseUserState: 'deactivated', legalForm: 'PT' });
    expect(record.history!.map((h) => [h.serviceCode, h.byName, h.fields.map((f) => `${f.label}: ${f.from ?? '–'} → ${f.to}`)])).toEqual([
      ['nonaktif_user_id', 'Budi Verifikator', ['Status User ID SPSE: aktif → nonaktif']],
      ['perubahan_npwp', 'Budi Verifikator', ['NPWP: 01.312.166.0-091.000 → 02.183.241.5-000.000']],
      ['perubahan_status_cv_pt', 'Budi Verifikator', ['Nama perusahaan: CV Sumber Rejeki Banua → PT Sumber Rejeki Banua', 'Bentuk usaha: CV → PT']],
      ['perubahan_email', 'Budi Verifikator', ['E-mail: admin@sumberrejeki.co.id → pengadaan@sumberrejeki.co.id']],
      ['aktivasi_user_id', 'Budi Verifikator', ['User ID SPSE: – → sumberrejeki01', 'Status User ID SPSE: – → aktif']],
    ]);

    // The guest book's type-ahead finds the company by its SPSE User ID, in any case, on both PCs.
    await signIn(b, 'helpdesk1', PASSWORD);
    for (const [pc, q] of [
      [a, 'sumberrejeki'],
      [b, 'SUMBERREJEKI01'],
    ] as const) {
      const found = await pc.ok('lookup.search', { query: q });
      expect(found.vendors.map((v) => v.id), `${pc.name} ${q}`).toContain(vendorId);
    }
    await expectConverged(server, officeId, [a, b]);
  });
});
