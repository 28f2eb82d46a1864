/** The supervisor's dashboard from real activity of the day. */
import { afterEach, describe, expect, it } from 'vitest';
import { VENDOR_VALUES, signInAsSupervisor, startTestApp, type TestApp } from '../helpers';
import { addStaff, at, handedOverFile, registerVisit, signInAs, tickAll } from './desk-helpers';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.backend.close();
  app = null;
});

describe('dashboard.summary', () => {
  it('counts the day by status and service, ages open files, lists overdue ones and counts per member of staff', async () => {
    app = await startTestApp();
    await signInAsSupervisor(app);
    await addStaff(app, 'helpdesk1', ['helpdesk'], 'Siti Helpdesk');
    await addStaff(app, 'verif1', ['verifier'], 'Budi Verifikator');
    await addStaff(app, 'admin1', ['sysadmin'], 'Andi Admin');

    // The previous working day: a case still open at the system admin.
    at(app, '2026-11-20', '10:00');
    await signInAs(app, 'helpdesk1');
    const oldCase = await handedOverFile(app, 'pendampingan_spse');

    at(app, '2026-11-23', '08:00');
    await signInAs(app, 'helpdesk1');
    const late = await handedOverFile(app, 'aktivasi_user_id');
    at(app, '2026-11-23', '09:00');
    const done = await handedOverFile(app, 'perubahan_npwp');
    const soon = await handedOverFile(app, 'nonaktif_user_id');
    const returned = await registerVisit(app, 'perubahan_email');
    await app.ok('visits.startChecklist', { visitId: returned });
    await tickAll(app, returned, ['surat_kuasa']);
    await app.ok('visits.returnIncomplete', { visitId: returned, note: null });

    await signInAs(app, 'verif1');
    await app.ok('desk.claim', { visitId: done });
    at(app, '2026-11-23', '09:20');
    await app.ok('desk.complete', { vendorRecord: VENDOR_VALUES, visitId: done, note: null });
    await app.ok('desk.claim', { visitId: late });

    at(app, '2026-11-23', '09:26');
    await signInAsSupervisor(app);
    const d = await app.ok('dashboard.summary', {});
    expect(d.day).toBe('2026-11-23');
    expect(Object.fromEntries(d.todayByStatus.map((s) => [s.key, s.count]))).toEqual({ returned: 1, handed_over: 1, in_process: 1, completed: 1 });
    expect(d.todayByStatus.find((s) => s.key === 'completed')?.label).toBe('Selesai');
    expect(d.todayByService.map((s) => [s.serviceName, s.total])).toEqual([
      ['1. Aktivasi User ID', 1],
      ['2. Perubahan E-mail', 1],
      ['4. Perubahan NPWP', 1],
      ['5. Non Aktif User ID', 1],
    ].map(([n, t]) => [expect.stringContaining(String(n).slice(0, 4)), t]));
    expect(d.openTotal).toBe(3);
    expect(d.returnedOpen).toBe(1);
    expect(Object.fromEntries(d.openByAge.map((b) => [b.key, b.count]))).toEqual({ lt30m: 1, lt2h: 1, lt1d: 0, lt5d: 1, older: 0 });
    expect(d.overdue.map((r) => r.visitId)).toEqual([late]);
    expect(d.dueSoon.map((r) => r.visitId)).toEqual([soon]);
    expect(d.overdue[0]!.claimedBy?.name).toBe('Budi Verifikator');
    const staff = Object.fromEntries(d.perStaff.map((p) => [p.name, p]));
    expect(staff['Siti Helpdesk']).toMatchObject({ registered: 4, handedOver: 3, completed: 0 });
    expect(staff['Budi Verifikator']).toMatchObject({ completed: 1, rejected: 0, finishedLate: 0, openClaims: 1 });
    expect(d.overdue.concat(d.dueSoon).map((r) => r.visitId)).not.toContain(oldCase);
  });
});
