/**
 * The waiting room's queue at one PC (issue 16, ADR 0013): numbers per WITA day, calling from the desks,
 * "tidak hadir" re-queues after N others, a returning visitor keeps the number, bad input changes nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addStaff, at, eventCount, handedOverFile, registerVisit, signInAs } from '../desks/desk-helpers';
import { freshVisit } from '../sync/workload';
import { signInAsSupervisor, startTestApp, type TestApp } from '../helpers';

let app: TestApp;
beforeEach(async () => {
  app = await startTestApp();
  await signInAsSupervisor(app);
  at(app, '2026-11-26', '08:00');
});
afterEach(async () => {
  await app.backend.close();
});

async function arrive(): Promise<{ visitId: string; label: string; ticketId: string }> {
  const reg = await app.ok('visits.register', freshVisit());
  app.clock.advance(1);
  const q = await app.ok('queue.ofVisit', { visitId: reg.visit.visit.id });
  return { visitId: reg.visit.visit.id, label: q.ticket!.label, ticketId: q.ticket!.ticketId };
}

/** A desk action a minute after the last (people take that long). */
async function step(m: 'queue.callNext' | 'queue.notPresent', input: { desk: typeof HELPDESK; ticketId?: string }) {
  app.clock.advance(1);
  return m === 'queue.callNext' ? app.ok(m, { desk: input.desk }) : app.ok(m, { desk: input.desk, ticketId: input.ticketId! });
}

const HELPDESK = { role: 'helpdesk' as const, number: 1 };

describe('queue numbers and calling (issue 16)', () => {
  it('numbers count per WITA day and restart at midnight WITA (not UTC)', async () => {
    at(app, '2026-11-26', '07:58');
    expect((await arrive()).label).toBe('A001');
    expect((await arrive()).label).toBe('A002');
    // 23:59 WITA is 15:59 UTC the same day: still the 26th.
    at(app, '2026-11-26', '23:59');
    await signInAsSupervisor(app); // the session of the morning has timed out
    expect((await arrive()).label).toBe('A003');
    // 00:00 WITA on the 27th is 16:00 UTC on the 26th: a new day, a new series.
    at(app, '2026-11-27', '00:00');
    await signInAsSupervisor(app);
    expect((await arrive()).label).toBe('A001');
    const board = await app.ok('queue.board', {});
    expect(board.day).toBe('2026-11-27');
    expect(board.counts.issued).toBe(1);
  });

  it('letter B for the services of the second group', async () => {
    await app.ok('queue.setSettings', { groupB: ['aktivasi_user_id'] });
    expect((await arrive()).label).toBe('B001');
    const other = await app.ok('visits.register', { ...freshVisit(), serviceCode: 'perubahan_email' });
    expect((await app.ok('queue.ofVisit', { visitId: other.visit.visit.id })).ticket?.label).toBe('A001');
  });

  it('a second request of the same visitor the same day keeps the number and the place', async () => {
    const first = await registerVisit(app, 'aktivasi_user_id');
    app.clock.advance(1);
    await arrive();
    const second = await registerVisit(app, 'perubahan_email');
    const a = await app.ok('queue.ofVisit', { visitId: first });
    const b = await app.ok('queue.ofVisit', { visitId: second });
    expect(b.ticket!.ticketId).toBe(a.ticket!.ticketId);
    expect(b.ticket!.visitIds).toHaveLength(2);
    expect(b.ahead).toBe(0);
  });

  it('call next takes the first waiting; the next call finishes the previous visitor; waiting time is measured', async () => {
    const v1 = await arrive();
    const v2 = await arrive();
    app.clock.advance(5);
    const c1 = await app.ok('queue.callNext', { desk: HELPDESK });
    expect(c1.ticket.label).toBe(v1.label);
    expect(c1.call?.text).toBe('Nomor antrian A satu, silakan ke loket helpdesk satu');
    expect(c1.call?.clips).toEqual(['chime', 'nomor-antrian', 'huruf-a', 'satu', 'silakan-ke-loket', 'loket-helpdesk', 'satu']);
    app.clock.advance(1);
    const served = await app.ok('queue.serve', { desk: HELPDESK, ticketId: v1.ticketId });
    expect(served.ticket.phase).toBe('serving');
    // Issued at 08:00, served at 08:08: eight minutes of waiting before service.
    expect(served.ticket.waitMs).toBe(8 * 60_000);
    app.clock.advance(3);
    const c2 = await app.ok('queue.callNext', { desk: HELPDESK });
    expect(c2.ticket.label).toBe(v2.label);
    const board = await app.ok('queue.board', {});
    const desk = board.desks.find((d) => d.desk.role === 'helpdesk' && d.desk.number === 1)!;
    expect(desk.current?.label).toBe(v2.label);
    expect(board.others.map((t) => t.label)).toContain(v1.label);
    expect(board.recentCalls.map((c) => c.label)).toEqual([v2.label, v1.label]);
    // Nobody left: a clear message and nothing recorded.
    await app.ok('queue.finish', { desk: HELPDESK, ticketId: v2.ticketId });
    const before = eventCount(app);
    const none = await app.call('queue.callNext', { desk: HELPDESK });
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.error.message).toBe('Tidak ada nomor antrean yang menunggu Loket Helpdesk.');
    expect(eventCount(app)).toBe(before);
  });

  it('"tidak hadir" puts the visitor back after N others are called, and never loses them', async () => {
    await app.ok('queue.setSettings', { requeueAfter: 2 });
    const v = [await arrive(), await arrive(), await arrive(), await arrive()];
    const first = await step('queue.callNext', { desk: HELPDESK });
    expect(first.ticket.label).toBe(v[0]!.label);
    const absent = await step('queue.notPresent', { desk: HELPDESK, ticketId: v[0]!.ticketId });
    expect(absent.ticket.phase).toBe('deferred');
    expect(absent.message).toBe('Nomor A001 tidak hadir; dipanggil kembali setelah 2 antrean lain.');
    let board = await app.ok('queue.board', {});
    // Still in the queue, at the end until two others have been called.
    expect(board.queues.helpdesk.map((t) => t.label)).toEqual(['A002', 'A003', 'A004', 'A001']);
    expect((await step('queue.callNext', { desk: HELPDESK })).ticket.label).toBe('A002');
    board = await app.ok('queue.board', {});
    expect(board.queues.helpdesk.map((t) => t.label)).toEqual(['A003', 'A004', 'A001']);
    expect((await step('queue.callNext', { desk: HELPDESK })).ticket.label).toBe('A003');
    // Two others called: A001 is due again at its original place, before A004.
    board = await app.ok('queue.board', {});
    expect(board.queues.helpdesk.map((t) => t.label)).toEqual(['A001', 'A004']);
    expect((await step('queue.callNext', { desk: HELPDESK })).ticket.label).toBe('A001');
    // Absent again with nobody but A004 left: A004 is called, then A001 once more (never lost).
    await step('queue.notPresent', { desk: HELPDESK, ticketId: v[0]!.ticketId });
    expect((await step('queue.callNext', { desk: HELPDESK })).ticket.label).toBe('A004');
    expect((await step('queue.callNext', { desk: HELPDESK })).ticket.label).toBe('A001');
    board = await app.ok('queue.board', {});
    expect(board.counts.noShows).toBe(1);
  });

  it('a handed-over file waits for the verifier; only the verifier (or supervisor) calls at that desk', async () => {
    await addStaff(app, 'verif', ['verifier']);
    await addStaff(app, 'help', ['helpdesk']);
    await signInAsSupervisor(app);
    const visitId = await handedOverFile(app, 'aktivasi_user_id');
    const q = await app.ok('queue.ofVisit', { visitId });
    expect(q.ticket?.role).toBe('verifier');
    await signInAs(app, 'help');
    const before = eventCount(app);
    const refused = await app.call('queue.callNext', { desk: { role: 'verifier', number: 0 } });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toBe('Anda tidak bertugas di Loket Verifikator.');
    expect(eventCount(app)).toBe(before);
    await signInAs(app, 'verif');
    const called = await app.ok('queue.callNext', { desk: { role: 'verifier', number: 0 } });
    expect(called.ticket.ticketId).toBe(q.ticket!.ticketId);
    expect(called.ticket.label).toBe('A001');
    expect(called.call?.text).toBe('Nomor antrian A satu, silakan ke loket verifikator');
  });

  it('bad input is refused in Indonesian and changes nothing', async () => {
    const v = await arrive();
    const before = eventCount(app);
    const bad = await app.call('queue.callNext', { desk: { role: 'kasir' as never, number: 1 } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.issues?.[0]?.message).toBe('Pilih loket: helpdesk, verifikator, atau admin sistem.');
    const notCalled = await app.call('queue.notPresent', { desk: HELPDESK, ticketId: v.ticketId });
    expect(notCalled.ok).toBe(false);
    if (!notCalled.ok) expect(notCalled.error.message).toBe(`Nomor ${v.label} tidak sedang dipanggil di Loket Helpdesk 1; "tidak hadir" tidak dapat dilakukan.`);
    const badId = await app.call('queue.serve', { desk: HELPDESK, ticketId: 'qt-x' });
    expect(badId.ok).toBe(false);
    const badDisplay = await app.call('queue.display', { displayToken: 'x'.repeat(40) });
    expect(badDisplay.ok).toBe(false);
    if (!badDisplay.ok) expect(badDisplay.error.code).toBe('unauthenticated');
    expect(eventCount(app)).toBe(before);
  });

  it('the television reads the board with its token only, and a reset token stops the old one', async () => {
    await arrive();
    const { displayToken } = await app.ok('queue.displayOpen', {});
    await app.ok('queue.callNext', { desk: HELPDESK });
    app.token = null; // the TV holds no staff session
    const tv = await app.ok('queue.display', { displayToken });
    expect(tv.desks).toEqual([{ key: 'helpdesk:1', label: 'Loket Helpdesk 1', ticket: 'A001', phase: 'called' }]);
    expect(tv.calls[0]?.clips).toContain('loket-helpdesk');
    expect(tv.slides.map((s) => s.kind)).toEqual(expect.arrayContaining(['standard', 'service', 'ikm', 'complaints', 'hours']));
    expect(JSON.stringify(tv)).not.toContain('Pemohon'); // numbers only, no names on the wall
    await signInAsSupervisor(app);
    await app.ok('queue.displayReset', {});
    const old = await app.call('queue.display', { displayToken });
    expect(old.ok).toBe(false);
  });

  it('the queue slip PDF carries the number, the service and who waits ahead', async () => {
    await arrive();
    const v = await arrive();
    const html = await app.ok('queue.slip', { ticketId: v.ticketId, layout: 'thermal80', format: 'html' });
    expect(html.html).toContain('A002');
    expect(html.html).toContain('A dua');
    expect(html.html).toMatch(/Antrean di depan Anda: <b>1<\/b>/);
    expect(html.html).not.toContain('Pemohon');
  });
});
