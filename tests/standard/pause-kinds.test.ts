/**
 * Issue 14: a new service with a new kind of wait needs no code change. Version 2 adds "Reset Password User
 * ID" with its own pause kind "Menunggu tanda tangan pejabat"; published at PC A, it reaches PC B by sync,
 * where the system admin serves a visit through that pause (the clock stops and shows the kind's label), and
 * PC A sees the same file. A kind the service does not define is refused with the field named; a draft that
 * reuses a built-in code is refused with the service and field named.
 */
import { describe, expect, it } from 'vitest';
import type { ServiceDefinition } from '../../domain/catalogue/types';
import { witaDateTimeToMs } from '../../domain/time/wita';
import { enroll, SERVER_KINDS, setUpSupervisor, signIn, startPc, TestSyncServer, type Pc, syncBed } from '../sync/harness';
import { expectConverged } from '../sync/converge';
import { freshVisit } from '../sync/workload';
import { resetPasswordService } from './fixtures';

const PASSWORD = 'rahasia-123';
const SIGNATURE = { code: 'menunggu_tanda_tangan', label: 'Menunggu tanda tangan pejabat' };
const bed = syncBed();

async function tickAllAt(pc: Pc, visitId: string): Promise<void> {
  const detail = await pc.ok('visits.get', { visitId });
  for (const item of detail.checklist) {
    await pc.ok('visits.markItem', { visitId, itemCode: item.code, originalSeen: true, copyReceived: item.copyRequired, validUntil: null, meteraiOk: true, notBrought: false, note: '' });
  }
}

describe.each(SERVER_KINDS)('a pause kind defined by the catalogue (%s server)', (kind) => {
  it('published at A, served through at B with the clock stopped under its label, seen at A', async () => {
    const server = (bed.server = await TestSyncServer.start(kind));
    const { officeId, code } = await server.createOffice('LPSE Kota Banjarmasin');
    const a = await startPc('A');
    const b = await startPc('B');
    bed.pcs.push(a, b);
    await setUpSupervisor(a);
    await a.ok('users.create', { username: 'helpdesk1', displayName: 'Siti Helpdesk', roles: ['helpdesk'], password: PASSWORD });
    await a.ok('users.create', { username: 'admin1', displayName: 'Andi Admin Sistem', roles: ['sysadmin'], password: PASSWORD });
    await enroll(a, server.url, code);
    await a.sync();
    await enroll(b, server.url, await server.newCode(officeId));
    await b.sync();

    const draft = (await a.ok('catalogue.startDraft', {})).draft!.catalogue;
    // A built-in code is not the office's to redefine: refused with the service and field named.
    const reserved: ServiceDefinition = { ...resetPasswordService(draft), pauseKinds: [{ code: 'external_lkpp', label: 'Di LKPP' }] };
    const refused = await a.call('catalogue.saveDraft', { catalogue: { ...draft, services: [...draft.services, reserved] }, note: '' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.issues?.map((i) => i.path)).toContain('services.7.pauseKinds.0.code');
      expect(refused.error.message).toContain('Layanan 8 (Reset Password User ID), Jenis penundaan (kode): Kode penundaan "external_lkpp" dicadangkan untuk aplikasi.');
    }
    const service: ServiceDefinition = { ...resetPasswordService(draft), timeLimit: { amount: 1, unit: 'working_days', text: '1 hari kerja', notes: [], externalWaitExcluded: false }, pauseKinds: [SIGNATURE] };
    const saved = await a.ok('catalogue.saveDraft', { catalogue: { ...draft, services: [...draft.services, service] }, note: '' });
    expect(saved.draft!.changes).toEqual([{ code: 'reset_password_user_id', name: 'Reset Password User ID', kind: 'added', fields: [] }]);
    await a.ok('catalogue.publishDraft', { source: 'Peraturan Walikota Banjarmasin Nomor 12 Tahun 2026', effectiveFrom: '2026-12-01', note: '' });
    await a.sync();
    await b.sync();

    // 1 December, 09:00 at both PCs: the helpdesk at A registers and hands over.
    for (const pc of [a, b]) pc.clock.ms = witaDateTimeToMs('2026-12-01', '09:00');
    await signIn(a, 'helpdesk1', PASSWORD);
    const visitId = (await a.ok('visits.register', { ...freshVisit(), serviceCode: 'reset_password_user_id' })).visit.visit.id;
    await a.ok('visits.startChecklist', { visitId });
    await tickAllAt(a, visitId);
    expect((await a.ok('visits.handOver', { visitId })).visit.handedOverTo).toBe('sysadmin');
    await a.sync();
    await b.sync();

    // The system admin at B takes it and waits for the official's signature: a kind only the catalogue names.
    for (const pc of [a, b]) pc.clock.ms = witaDateTimeToMs('2026-12-01', '09:30');
    await signIn(b, 'admin1', PASSWORD);
    const claimed = await b.ok('desk.claim', { visitId });
    expect(claimed.pauseKinds).toEqual([{ code: 'waiting_vendor', label: 'Menunggu penyedia' }, SIGNATURE]);
    const unknown = await b.call('desk.pause', { visitId, note: 'Menunggu persetujuan', kind: 'menunggu_lkpp_pusat' });
    expect(!unknown.ok && unknown.error.issues?.[0]?.path).toBe('kind');
    expect(!unknown.ok && unknown.error.message).toBe('Jenis penundaan "menunggu_lkpp_pusat" tidak tersedia untuk layanan ini.');
    const paused = await b.ok('desk.pause', { visitId, note: 'Surat permohonan perlu paraf Kepala Bagian.', kind: SIGNATURE.code });
    expect(paused.statusLabel).toBe('Menunggu tanda tangan pejabat');
    expect(paused.pauses).toEqual([expect.objectContaining({ kind: SIGNATURE.code, kindLabel: SIGNATURE.label, to: null })]);

    // Two hours later the clock has not moved: the wait does not count against the limit.
    for (const pc of [a, b]) pc.clock.ms = witaDateTimeToMs('2026-12-01', '11:30');
    const waiting = await b.ok('desk.get', { visitId });
    expect(waiting.clock?.state).toBe('paused');
    expect(waiting.clock?.activePauseLabel).toBe(SIGNATURE.label);
    expect(waiting.clock?.elapsedWorkingMinutes).toBe(30);
    const queue = await b.ok('desk.queue', { desk: 'sysadmin' });
    expect(queue.rows.find((r) => r.visitId === visitId)?.statusLabel).toBe('Menunggu tanda tangan pejabat');
    await b.sync();
    await a.sync();

    // PC A sees the same wait, under the same label.
    await signIn(a, 'kasubbag', PASSWORD);
    const atA = await a.ok('desk.get', { visitId });
    expect(atA.statusLabel).toBe('Menunggu tanda tangan pejabat');
    expect(atA.pauses[0]?.kindLabel).toBe(SIGNATURE.label);

    // Signed: work resumes and the file is done, at B.
    await b.ok('desk.resume', { visitId });
    const done = await b.ok('desk.complete', { visitId, note: 'Password direset.' });
    expect(done.outcome?.kind).toBe('completed');
    expect(done.clock?.pausedWorkingMinutes.waitingVendor).toBe(120);
    await b.sync();
    await a.sync();
    await b.sync();
    await expectConverged(server, officeId, [a, b]);
  });
});
