/** The verifier's and system admin's desks through the contract, with an injected clock. */
import { afterEach, describe, expect, it } from 'vitest';
import { VENDOR_VALUES, signInAsSupervisor, startTestApp, type TestApp } from '../helpers';
import { addStaff, at, eventCount, handedOverFile, registerVisit, signInAs, tickAll } from './desk-helpers';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.backend.close();
  app = null;
});

async function setup(): Promise<TestApp> {
  const a = await startTestApp();
  await signInAsSupervisor(a);
  await addStaff(a, 'helpdesk1', ['helpdesk'], 'Siti Helpdesk');
  await addStaff(a, 'verif1', ['verifier'], 'Budi Verifikator');
  await addStaff(a, 'verif2', ['verifier'], 'Rina Verifikator');
  await addStaff(a, 'admin1', ['sysadmin'], 'Andi Admin');
  return a;
}

describe('verifier desk', () => {
  it('queues handed-over files oldest first; a verifier claims and completes; the clock says in time', async () => {
    app = await setup();
    await signInAs(app, 'helpdesk1');
    at(app, '2026-11-23', '09:00'); // Monday
    const first = await handedOverFile(app, 'aktivasi_user_id');
    at(app, '2026-11-23', '09:10');
    const second = await handedOverFile(app, 'perubahan_npwp');

    await signInAs(app, 'verif1');
    at(app, '2026-11-23', '09:15');
    const q = await app.ok('desk.queue', { desk: 'verifier' });
    expect(q.rows.map((r) => r.visitId)).toEqual([first, second]);
    expect(q.rows[0]!.statusLabel).toBe('Menunggu verifikator');
    expect(q.rows[0]!.clock!.state).toBe('running');
    expect(q.rows[0]!.clock!.remainingWorkingMinutes).toBe(15);
    expect(q.rows[0]!.clock!.ticking).toBe(true);

    const claimed = await app.ok('desk.claim', { visitId: first });
    expect(claimed.status).toBe('in_process');
    expect(claimed.mine).toBe(true);
    expect(claimed.claimedBy?.name).toBe('Budi Verifikator');

    // Another verifier sees who has it and cannot take it or act on it.
    await signInAs(app, 'verif2');
    const taken = await app.call('desk.claim', { visitId: first });
    expect(taken.ok).toBe(false);
    if (!taken.ok) {
      expect(taken.error.code).toBe('conflict');
      expect(taken.error.message).toBe('Berkas ini sudah diambil oleh Budi Verifikator.');
    }
    const notMine = await app.call('desk.complete', { vendorRecord: VENDOR_VALUES, visitId: first, note: '' });
    expect(!notMine.ok && notMine.error.code).toBe('conflict');
    const mine = await app.ok('desk.queue', { desk: 'verifier', view: 'mine' });
    expect(mine.rows).toEqual([]);

    await signInAs(app, 'verif1');
    at(app, '2026-11-23', '09:25');
    const done = await app.ok('desk.complete', { vendorRecord: VENDOR_VALUES, visitId: first, note: 'User ID sudah diaktifkan di SPSE' });
    expect(done.status).toBe('completed');
    expect(done.outcome).toMatchObject({ kind: 'completed', byName: 'Budi Verifikator', note: 'User ID sudah diaktifkan di SPSE' });
    expect(done.clock).toMatchObject({ state: 'done_in_time', elapsedWorkingMinutes: 25, late: false });
    expect(done.clock!.stages.processing!.workingMinutes).toBe(25);

    const open = await app.ok('desk.queue', { desk: 'verifier' });
    expect(open.rows.map((r) => r.visitId)).toEqual([second]);
    const today = await app.ok('desk.queue', { desk: 'verifier', view: 'done_today' });
    expect(today.rows.map((r) => r.visitId)).toEqual([first]);

    // The visit list of the guest book shows the new status.
    const list = await app.ok('visits.list', { day: '2026-11-23' });
    expect(list.rows.find((r) => r.id === first)?.status).toBe('completed');
  });

  it('flags a file overdue once the injected clock passes its limit, counting only counter hours', async () => {
    app = await setup();
    await signInAs(app, 'helpdesk1');
    at(app, '2026-11-23', '15:45'); // Monday, the counter closes at 16:00
    const visitId = await handedOverFile(app, 'aktivasi_user_id');
    at(app, '2026-11-24', '07:44'); // 15 min Monday + 14 min Tuesday
    await signInAs(app, 'verif1');
    let row = (await app.ok('desk.queue', { desk: 'verifier' })).rows[0]!;
    expect(row.clock).toMatchObject({ state: 'running', dueSoon: true, remainingWorkingMinutes: 1 });
    expect(new Date(row.clock!.deadlineMs!).toISOString()).toBe('2026-11-23T23:45:00.000Z'); // 07:45 WITA
    at(app, '2026-11-24', '07:46');
    const q = await app.ok('desk.queue', { desk: 'verifier' });
    row = q.rows[0]!;
    expect(row.clock).toMatchObject({ state: 'overdue', late: true });
    expect(q.overdueCount).toBe(1);
    expect(row.visitId).toBe(visitId);
  });

  it('rejects with a reason kept for the rejection letter, and refuses an empty reason', async () => {
    app = await setup();
    await signInAs(app, 'helpdesk1');
    const visitId = await handedOverFile(app, 'perubahan_status_cv_pt');
    await signInAs(app, 'verif1');
    await app.ok('desk.claim', { visitId });
    const before = eventCount(app);
    const empty = await app.call('desk.reject', { visitId, reason: '   ' });
    expect(!empty.ok && empty.error.code).toBe('invalid_input');
    expect(eventCount(app)).toBe(before);
    const r = await app.ok('desk.reject', { visitId, reason: 'Akta perubahan belum disahkan Kemenkumham.' });
    expect(r.status).toBe('rejected');
    expect(r.outcome).toMatchObject({ kind: 'rejected', note: 'Akta perubahan belum disahkan Kemenkumham.' });
    const state = await app.ok('visits.get', { visitId });
    expect(state.timeline.map((t) => t.type)).toContain('visit.rejected');
    // A finished file takes no further outcome.
    const again = await app.call('desk.complete', { vendorRecord: VENDOR_VALUES, visitId, note: '' });
    expect(!again.ok && again.error.code).toBe('invalid_state');
  });

  it('pauses the clock while waiting for the vendor and moves the deadline by the paused working time', async () => {
    app = await setup();
    await signInAs(app, 'helpdesk1');
    at(app, '2026-11-23', '10:00');
    const visitId = await handedOverFile(app, 'perubahan_npwp');
    await signInAs(app, 'verif1');
    at(app, '2026-11-23', '10:10');
    await app.ok('desk.claim', { visitId });
    const paused = await app.ok('desk.pause', { visitId, note: 'SKT NPWP baru belum dibawa' });
    expect(paused.status).toBe('waiting_vendor');
    expect(paused.statusLabel).toBe('Menunggu penyedia');
    at(app, '2026-11-23', '13:10'); // 3 hours later: paused, not overdue
    const info = await app.ok('desk.get', { visitId });
    expect(info.clock).toMatchObject({ state: 'paused', activePause: 'waiting_vendor', elapsedWorkingMinutes: 10, ticking: false });
    const resumed = await app.ok('desk.resume', { visitId });
    expect(resumed.status).toBe('in_process');
    expect(resumed.clock!.deadlineMs).toBe(Date.parse('2026-11-23T05:30:00Z')); // 13:30 WITA: 20 minutes left
    at(app, '2026-11-23', '13:25');
    const done = await app.ok('desk.complete', { vendorRecord: VENDOR_VALUES, visitId, note: null });
    expect(done.clock).toMatchObject({ state: 'done_in_time', elapsedWorkingMinutes: 25 });
    expect(done.clock!.pausedWorkingMinutes.waitingVendor).toBe(180);
    expect(done.pauses).toHaveLength(1);
  });
});

describe('system admin desk (service 7)', () => {
  it('walks a case through baru, diproses, menunggu penyedia, helpdesk LKPP and selesai with notes', async () => {
    app = await setup();
    await signInAs(app, 'helpdesk1');
    at(app, '2026-11-23', '09:00');
    const visitId = await handedOverFile(app, 'pendampingan_spse');

    // A verifier does not work on system admin cases.
    await signInAs(app, 'verif1');
    const wrongDesk = await app.call('desk.claim', { visitId });
    expect(!wrongDesk.ok && wrongDesk.error.code).toBe('forbidden');
    expect((await app.call('desk.queue', { desk: 'sysadmin' })).ok).toBe(false);

    await signInAs(app, 'admin1');
    let q = await app.ok('desk.queue', { desk: 'sysadmin' });
    expect(q.rows[0]).toMatchObject({ visitId, statusLabel: 'Baru' });
    expect(q.rows[0]!.clock!.limitText).toBe('5 hari kerja');
    let info = await app.ok('desk.claim', { visitId });
    expect(info.statusLabel).toBe('Diproses');
    info = await app.ok('desk.addNote', { visitId, text: 'Penyedia tidak dapat mengunggah dokumen penawaran; cache peramban dibersihkan.' });
    expect(info.notes).toHaveLength(1);
    info = await app.ok('desk.pause', { visitId, note: 'Menunggu tangkapan layar galat dari penyedia' });
    expect(info.statusLabel).toBe('Menunggu penyedia');
    at(app, '2026-11-24', '09:00');
    await signInAs(app, 'admin1'); // a new working day, a new session
    info = await app.ok('desk.forwardLkpp', { visitId, note: 'Galat server SPSE', ticketNo: 'LKPP-2026-1123' });
    expect(info.statusLabel).toBe('Diteruskan ke helpdesk LKPP');
    expect(info.pauses.map((p) => [p.kind, p.to !== null])).toEqual([
      ['waiting_vendor', true],
      ['external_lkpp', false],
    ]);
    at(app, '2026-12-07', '09:00'); // two weeks at LKPP: not overdue, out of the 5-day limit (Lampiran, service 7)
    await signInAs(app, 'admin1');
    q = await app.ok('desk.queue', { desk: 'sysadmin' });
    expect(q.rows[0]!.clock!.state).toBe('outside_limit');
    info = await app.ok('desk.lkppResult', { visitId, result: 'answered', note: 'LKPP memperbaiki konfigurasi server' });
    expect(info.statusLabel).toBe('Diproses');
    info = await app.ok('desk.complete', { vendorRecord: VENDOR_VALUES, visitId, note: 'Penyedia berhasil mengunggah dokumen' });
    expect(info.statusLabel).toBe('Selesai');
    // Forwarded to the LKPP helpdesk within its limit: "di luar jangka waktu layanan", neither in time nor late.
    expect(info.clock!.state).toBe('outside_limit');
    expect(info.clock!.late).toBe(false);
    expect(info.lkpp).toMatchObject({ ticketNo: 'LKPP-2026-1123', result: 'answered' });
  });
});

describe('discretion (Perwali Pasal 6)', () => {
  it('lets only the supervisor hand over a file with a missing item, recording items and reason', async () => {
    app = await setup();
    await signInAs(app, 'helpdesk1');
    const visitId = await registerVisit(app, 'aktivasi_user_id');
    await app.ok('visits.startChecklist', { visitId });
    await tickAll(app, visitId, ['surat_kuasa']);
    const refused = await app.call('visits.acceptWithDiscretion', { visitId, reason: 'Surat kuasa menyusul hari ini juga.' });
    expect(!refused.ok && refused.error.code).toBe('forbidden');

    await signInAsSupervisor(app);
    const short = await app.call('visits.acceptWithDiscretion', { visitId, reason: 'ok' });
    expect(!short.ok && short.error.issues?.[0]?.path).toBe('reason');
    const info = await app.ok('visits.acceptWithDiscretion', { visitId, reason: 'Pimpinan perusahaan hadir melalui panggilan video dan menyetujui.' });
    expect(info.status).toBe('handed_over');
    expect(info.discretion).toEqual({
      items: [{ code: 'surat_kuasa', label: expect.any(String) }],
      reason: 'Pimpinan perusahaan hadir melalui panggilan video dan menyetujui.',
      byName: 'Kepala Sub Bagian',
    });
    const detail = await app.ok('visits.get', { visitId });
    expect(detail.visit.discretion).toBe(true);
    expect(detail.visit.receiptNo).toMatch(/^TT-/);

    await signInAs(app, 'verif1');
    const q = await app.ok('desk.queue', { desk: 'verifier' });
    expect(q.rows[0]).toMatchObject({ visitId, discretion: true });

    // A complete file does not need discretion.
    await signInAs(app, 'helpdesk1');
    const complete = await registerVisit(app, 'aktivasi_user_id');
    await app.ok('visits.startChecklist', { visitId: complete });
    await tickAll(app, complete);
    await signInAsSupervisor(app);
    const needless = await app.call('visits.acceptWithDiscretion', { visitId: complete, reason: 'Tidak perlu diskresi sebenarnya.' });
    expect(!needless.ok && needless.error.code).toBe('invalid_state');
  });
});
