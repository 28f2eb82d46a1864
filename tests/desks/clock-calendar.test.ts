/**
 * The service clock end to end: visits handed over through the contract, the calendar seeded in the
 * database from the 2025–2026 decree, the clock read back through the desks as the injected time moves.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { witaDateTimeToMs } from '../../domain/time/wita';
import { VENDOR_VALUES, signInAsSupervisor, startTestApp, type TestApp } from '../helpers';
import { addStaff, at, handedOverFile, signInAs } from './desk-helpers';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.backend.close();
  app = null;
});

async function setup(): Promise<TestApp> {
  const a = await startTestApp();
  await signInAsSupervisor(a);
  await addStaff(a, 'helpdesk1', ['helpdesk']);
  await addStaff(a, 'verif1', ['verifier']);
  await addStaff(a, 'admin1', ['sysadmin']);
  return a;
}

/** Hands a file over at the given WITA time as the helpdesk. */
async function handOverAt(a: TestApp, serviceCode: string, isoDate: string, hhmm: string): Promise<string> {
  at(a, isoDate, hhmm);
  await signInAs(a, 'helpdesk1');
  return handedOverFile(a, serviceCode);
}

/** The clock of a visit as seen at the given WITA time (signing in again: a new day, a new session). */
async function clockAt(a: TestApp, visitId: string, isoDate: string, hhmm: string) {
  at(a, isoDate, hhmm);
  await signInAs(a, 'verif1');
  return (await a.ok('visits.deskInfo', { visitId })).clock!;
}

const wita = (d: string, t: string) => witaDateTimeToMs(d, t);

describe('service clock on the working-day calendar from the database', () => {
  it('a handover at 15:55 on a Friday before a cuti bersama day (18 Aug 2025)', async () => {
    app = await setup();
    // 30 minutes: Friday's counter closes at 16:30, later than Mon–Thu, so the limit ends the same day.
    const short = await handOverAt(app, 'aktivasi_user_id', '2025-08-15', '15:55');
    let c = await clockAt(app, short, '2025-08-15', '16:24');
    expect(c).toMatchObject({ state: 'running', deadlineMs: wita('2025-08-15', '16:25'), remainingWorkingMinutes: 1 });
    c = await clockAt(app, short, '2025-08-15', '16:26');
    expect(c.state).toBe('overdue');

    // 30 minutes started at 16:20: 10 minutes on Friday, then the weekend, 17 Aug (holiday) and 18 Aug (cuti
    // bersama) do not count: due Tuesday 07:50.
    const late = await handOverAt(app, 'aktivasi_user_id', '2025-08-15', '16:20');
    c = await clockAt(app, late, '2025-08-18', '12:00');
    expect(c).toMatchObject({ state: 'running', deadlineMs: wita('2025-08-19', '07:50'), elapsedWorkingMinutes: 10, ticking: false });

    // 1 working day: the next working day is Tuesday 19 Aug, same time of day.
    const day = await handOverAt(app, 'perubahan_email', '2025-08-15', '15:55');
    c = await clockAt(app, day, '2025-08-19', '15:54');
    expect(c).toMatchObject({ state: 'running', dueSoon: true, deadlineMs: wita('2025-08-19', '15:55'), limitText: '1 hari kerja' });
    c = await clockAt(app, day, '2025-08-19', '15:56');
    expect(c).toMatchObject({ state: 'overdue', late: true });
  });

  it('a 1-working-day limit spanning a holiday weekend (Good Friday 3 Apr 2026, Easter Sunday)', async () => {
    app = await setup();
    const visitId = await handOverAt(app, 'perubahan_email', '2026-04-02', '10:00');
    let c = await clockAt(app, visitId, '2026-04-03', '10:00'); // Good Friday: the clock stands still
    expect(c).toMatchObject({ state: 'running', deadlineMs: wita('2026-04-06', '10:00'), ticking: false });
    expect(c.elapsedWorkingMinutes).toBe(6 * 60); // Thursday 10:00–16:00 only
    c = await clockAt(app, visitId, '2026-04-06', '09:59');
    expect(c.state).toBe('running');
    c = await clockAt(app, visitId, '2026-04-06', '10:01');
    expect(c.state).toBe('overdue');
  });

  it('a 5-working-day limit across the year boundary (Christmas, cuti bersama, New Year)', async () => {
    app = await setup();
    const visitId = await handOverAt(app, 'pendampingan_spse', '2025-12-23', '10:00');
    // Working days after Tue 23 Dec 2025: 24 Dec, 29, 30, 31 Dec, then 2 Jan 2026 (25 Dec holiday, 26 Dec cuti
    // bersama, 1 Jan holiday, weekends).
    let c = await clockAt(app, visitId, '2025-12-31', '16:00');
    expect(c).toMatchObject({ state: 'running', deadlineMs: wita('2026-01-02', '10:00'), limitText: '5 hari kerja' });
    c = await clockAt(app, visitId, '2026-01-01', '12:00');
    expect(c).toMatchObject({ state: 'running', ticking: false });
    c = await clockAt(app, visitId, '2026-01-02', '10:01');
    expect(c.state).toBe('overdue');
  });

  it('a pause for LKPP (ADP): time at LKPP does not count against the 30 minutes', async () => {
    app = await setup();
    const visitId = await handOverAt(app, 'agregasi_data_penyedia', '2026-11-23', '10:00');
    at(app, '2026-11-23', '10:05');
    await signInAs(app, 'verif1');
    await app.ok('desk.claim', { visitId });
    at(app, '2026-11-23', '10:10');
    let info = await app.ok('desk.forwardLkpp', { visitId, note: 'Agregasi diajukan ke LKPP', ticketNo: null });
    expect(info).toMatchObject({ status: 'at_lkpp', statusLabel: 'Diteruskan ke LKPP' });
    let c = await clockAt(app, visitId, '2026-11-25', '11:00'); // two days later: still 20 minutes left
    expect(c).toMatchObject({ state: 'paused', activePause: 'external_lkpp', elapsedWorkingMinutes: 10, remainingWorkingMinutes: 20 });
    at(app, '2026-11-26', '14:00');
    await signInAs(app, 'verif1');
    info = await app.ok('desk.lkppResult', { visitId, result: 'approved', note: 'Data penyedia telah diagregasi' });
    expect(info.status).toBe('completed');
    expect(info.outcome).toMatchObject({ kind: 'completed', viaLkpp: true });
    c = info.clock!;
    expect(c).toMatchObject({ state: 'done_in_time', elapsedWorkingMinutes: 10 });
    expect(c.pausedWorkingMinutes.externalLkpp).toBeGreaterThan(2 * 8 * 60);
    // A later look at the finished file says the same.
    c = await clockAt(app, visitId, '2026-12-10', '09:00');
    expect(c.state).toBe('done_in_time');

    // LKPP rejects another one: the reason is kept for the rejection letter.
    const other = await handOverAt(app, 'agregasi_data_penyedia', '2026-11-27', '09:00');
    await signInAs(app, 'verif1');
    await app.ok('desk.claim', { visitId: other });
    await app.ok('desk.forwardLkpp', { visitId: other, note: null, ticketNo: 'T-77' });
    const noReason = await app.call('desk.lkppResult', { visitId: other, result: 'rejected', note: '' });
    expect(!noReason.ok && noReason.error.issues?.[0]?.path).toBe('note');
    info = await app.ok('desk.lkppResult', { visitId: other, result: 'rejected', note: 'NPWP penyedia tidak cocok dengan data LKPP' });
    expect(info.outcome).toMatchObject({ kind: 'rejected', note: 'NPWP penyedia tidak cocok dengan data LKPP', viaLkpp: true });
  });

  it('refuses to forward to LKPP a service that never goes there', async () => {
    app = await setup();
    const visitId = await handOverAt(app, 'aktivasi_user_id', '2026-11-23', '10:00');
    await signInAs(app, 'verif1');
    await app.ok('desk.claim', { visitId });
    const r = await app.call('desk.forwardLkpp', { visitId, note: null, ticketNo: null });
    expect(!r.ok && r.error).toMatchObject({ code: 'invalid_state', message: 'Layanan ini tidak diteruskan ke LKPP.' });
  });

  it('measures waiting, checking and processing stages and the total', async () => {
    app = await setup();
    at(app, '2026-11-23', '09:00');
    await signInAs(app, 'helpdesk1');
    const { registerVisit, tickAll } = await import('./desk-helpers');
    const visitId = await registerVisit(app, 'aktivasi_user_id');
    at(app, '2026-11-23', '09:07');
    await app.ok('visits.startChecklist', { visitId });
    await tickAll(app, visitId);
    at(app, '2026-11-23', '09:19');
    await app.ok('visits.handOver', { visitId });
    await signInAs(app, 'verif1');
    at(app, '2026-11-23', '09:30');
    await app.ok('desk.claim', { visitId });
    at(app, '2026-11-23', '09:40');
    const c = (await app.ok('desk.complete', { vendorRecord: VENDOR_VALUES, visitId, note: null })).clock!;
    expect(c.stages.waiting).toMatchObject({ workingMinutes: 7, ongoing: false });
    expect(c.stages.checking).toMatchObject({ workingMinutes: 12, ongoing: false });
    expect(c.stages.processing).toMatchObject({ workingMinutes: 21, ongoing: false });
    expect(c.total).toEqual({ wallMs: 40 * 60_000, workingMinutes: 40 });
    expect(c.state).toBe('done_in_time');
  });
});
