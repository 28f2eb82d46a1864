/**
 * Every forbidden action is refused through the contract (the dispatcher's access declarations, then the
 * handlers' desk checks) and writes nothing; every recorded event carries the acting user.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { InputOf, MethodName } from '../../contract/api';
import { PERWALI_67_2018 } from '../../domain/catalogue/perwali-67-2018';
import type { Role } from '../../domain/events/schema';
import { VENDOR_VALUES, signInAsSupervisor, startTestApp, type TestApp } from '../helpers';
import { addStaff, eventCount, handedOverFile, signInAs } from './desk-helpers';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.backend.close();
  app = null;
});

type Call = { [M in MethodName]: { method: M; input: InputOf<M> } }[MethodName];
const c = <M extends MethodName>(method: M, input: InputOf<M>): Call => ({ method, input }) as Call;

function supervisorOnly(visitId: string, userId: string): Call[] {
  return [
    c('catalogue.publish', { catalogue: { ...PERWALI_67_2018, version: 2 }, note: null }),
    c('calendar.addHoliday', { date: '2026-12-31', name: 'Libur daerah', kind: 'lainnya' }),
    c('calendar.removeHoliday', { date: '2026-12-25' }),
    c('calendar.setHours', {
      hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: weekday < 6 ? '08:00' : null, close: weekday < 6 ? '15:00' : null })),
    }),
    c('calendar.import', { format: 'csv', text: '2027-01-01,Tahun Baru 2027 Masehi,libur_nasional', mode: 'merge' }),
    c('users.list', {}),
    c('users.create', { username: 'penyusup', displayName: 'Penyusup', roles: ['kepala_bagian'], password: 'rahasia-456' }),
    c('users.setRoles', { userId, roles: ['kepala_bagian'] }),
    c('users.disable', { userId, reason: null }),
    c('users.enable', { userId }),
    c('users.resetPassword', { userId, newPassword: 'rahasia-789' }),
    c('settings.setScreenLock', { screenLockMinutes: 240 }),
    c('visits.acceptWithDiscretion', { visitId, reason: 'Alasan yang cukup panjang untuk diskresi.' }),
    c('dashboard.summary', {}),
  ];
}

function deskOutcomes(visitId: string): Call[] {
  return [
    c('desk.queue', { desk: 'verifier' }),
    c('desk.get', { visitId }),
    c('desk.claim', { visitId }),
    c('desk.complete', { vendorRecord: VENDOR_VALUES, visitId, note: null }),
    c('desk.reject', { visitId, reason: 'Dokumen tidak sesuai.' }),
    c('desk.forwardLkpp', { visitId, note: null, ticketNo: null }),
    c('desk.lkppResult', { visitId, result: 'approved', note: null }),
    c('desk.pause', { visitId, note: 'Menunggu dokumen' }),
    c('desk.resume', { visitId }),
    c('desk.release', { visitId, note: null }),
    c('desk.addNote', { visitId, text: 'catatan' }),
  ];
}

async function expectRefused(a: TestApp, calls: Call[], code: 'forbidden' | 'unauthenticated', who: string) {
  for (const { method, input } of calls) {
    const before = eventCount(a);
    const r = await a.call(method, input);
    expect(r.ok ? `${who}: ${method} was allowed` : `${who}: ${method} → ${r.error.code}`).toBe(`${who}: ${method} → ${code}`);
    if (!r.ok) expect(r.error.message.length).toBeGreaterThan(10);
    expect(eventCount(a)).toBe(before);
  }
}

describe('permissions through the contract', () => {
  it('refuses desk actions to the helpdesk and supervisor-only actions to every other role', async () => {
    app = await startTestApp();
    await signInAsSupervisor(app);
    const ids: Record<string, string> = {};
    const people: [string, Role[]][] = [
      ['helpdesk1', ['helpdesk']],
      ['verif1', ['verifier']],
      ['admin1', ['sysadmin']],
      ['multi1', ['helpdesk', 'verifier', 'sysadmin']],
    ];
    for (const [u, r] of people) ids[u] = await addStaff(app, u, r);
    await signInAs(app, 'helpdesk1');
    const visitId = await handedOverFile(app, 'aktivasi_user_id');

    await expectRefused(app, deskOutcomes(visitId), 'forbidden', 'helpdesk');
    for (const [u] of people) {
      await signInAs(app, u);
      await expectRefused(app, supervisorOnly(visitId, ids['helpdesk1']!), 'forbidden', u);
    }
    app.token = null;
    await expectRefused(app, [...deskOutcomes(visitId), ...supervisorOnly(visitId, ids['helpdesk1']!)], 'unauthenticated', 'anonymous');
  });

  it('keeps each desk to its own files: a system admin cannot record a verifier outcome and vice versa', async () => {
    app = await startTestApp();
    await signInAsSupervisor(app);
    await addStaff(app, 'helpdesk1', ['helpdesk']);
    await addStaff(app, 'verif1', ['verifier']);
    await addStaff(app, 'admin1', ['sysadmin']);
    await signInAs(app, 'helpdesk1');
    const verifierFile = await handedOverFile(app, 'perubahan_email');
    const adminFile = await handedOverFile(app, 'pendampingan_spse');

    await signInAs(app, 'admin1');
    await expectRefused(app, deskOutcomes(verifierFile).filter((x) => x.method !== 'desk.queue'), 'forbidden', 'sysadmin on a verifier file');
    await signInAs(app, 'verif1');
    await expectRefused(app, [c('desk.queue', { desk: 'sysadmin' }), ...deskOutcomes(adminFile).filter((x) => x.method !== 'desk.queue')], 'forbidden', 'verifier on a system admin file');

    // The supervisor may work on both; every event carries the acting user.
    await signInAsSupervisor(app);
    const sup = (await app.ok('auth.me', {})).user.id;
    await app.ok('desk.claim', { visitId: adminFile });
    await app.ok('desk.complete', { vendorRecord: VENDOR_VALUES, visitId: adminFile, note: null });
    const actors = app.backend.ctx.sqlite
      .prepare("SELECT DISTINCT actor_id FROM events WHERE aggregate_id = ? AND type IN ('visit.claimed', 'visit.completed')")
      .all(adminFile) as { actor_id: string }[];
    expect(actors).toEqual([{ actor_id: sup }]);
    const nullActors = app.backend.ctx.sqlite.prepare("SELECT count(*) AS n FROM events WHERE actor_id IS NULL AND device_id != 'seed'").get() as { n: number };
    expect(nullActors.n).toBe(0);
  });
});
