/**
 * Issue 9 through the app's own contract: the year boundary with a provisional 2027, the deadline promised at
 * the handover kept beside a recomputed one, a past holiday that needs a reason and shows in the visit's
 * history, hours that never reach back, excused disruption time (one file and office-wide) with the report
 * giving both figures, service 7 out of its limit, and documents valid without a time limit.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { formatWita, witaDateTimeToMs } from '../../domain/time/wita';
import { VENDOR_VALUES, signInAsSupervisor, startTestApp, tickAll, type TestApp } from '../helpers';
import { handedOverFile, registerVisit } from './desk-helpers';
import { reportHtml } from '../../backend/report/html';
import { officeSettingsOf } from '../../print/office';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.backend.close();
  app = null;
});

/** Moves the clock to a WITA wall time and signs in again (a long jump locks the session). */
async function at(a: TestApp, date: string, time: string): Promise<number> {
  a.clock.ms = witaDateTimeToMs(date, time);
  await signInAsSupervisor(a);
  return a.clock.ms;
}

const show = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : formatWita(ms));

async function receiptText(a: TestApp, visitId: string): Promise<string> {
  const { html } = await a.ok('print.render', { kind: 'receipt', visitId, layout: 'a4', returnNo: null });
  return html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

describe('the year boundary and the promised deadline', () => {
  it('promises a service-7 case of 23 December 2026 for 4 January 2027, provisionally; the decree replaces it and both stay visible', async () => {
    app = await startTestApp();
    await at(app, '2026-12-23', '10:00');
    const visitId = await handedOverFile(app, 'pendampingan_spse');
    let clock = (await app.ok('visits.deskInfo', { visitId })).clock!;
    expect(show(clock.deadlineMs)).toBe('Senin, 4 Januari 2027 10:00 WITA');
    expect(clock).toMatchObject({ deadlineProvisional: true, promisedProvisional: true, deadlineChanged: false });
    expect(clock.promisedDeadlineMs).toBe(clock.deadlineMs);
    let receipt = await receiptText(app, visitId);
    expect(receipt).toContain('Selesai paling lambat : Senin, 4 Januari 2027 10:00 WITA (perkiraan*)');
    expect(receipt).toContain('hari libur dan cuti bersama tahun 2027 belum ditetapkan pemerintah');
    // The same receipt carries the survey block (issue 13) under the number the log issued (issue 10).
    expect(receipt).toMatch(/Survei Kepuasan Masyarakat .*Kode survei: \S+/);
    const issued = app.backend.ctx.sqlite.prepare("SELECT label FROM issued_numbers WHERE series = 'receipt' AND aggregate_id = ?").all(visitId) as { label: string }[];
    expect(issued).toHaveLength(1);
    expect(receipt).toContain(`Nomor: ${issued[0]!.label}`);

    // January 2027 without its decree: New Year and Isra Mikraj (computed) are not working days.
    expect((await app.ok('report.monthly', { month: '2027-01' })).workingDays).toBe(19);

    // The 2027 decree arrives with a cuti bersama on Monday 4 January.
    await at(app, '2026-12-28', '08:00');
    const decree = '2027-01-01,Tahun Baru 2027 Masehi,libur_nasional\n2027-01-04,Cuti Bersama Tahun Baru,cuti_bersama\n2027-08-17,Proklamasi Kemerdekaan,libur_nasional\n';
    const preview = await app.ok('calendar.import', { format: 'csv', text: decree, mode: 'replace_years' });
    await app.ok('calendar.import', { format: 'csv', text: decree, mode: 'replace_years', dryRun: false, revision: preview.revision, source: 'SKB 2027' });

    clock = (await app.ok('visits.deskInfo', { visitId })).clock!;
    expect(show(clock.promisedDeadlineMs)).toBe('Senin, 4 Januari 2027 10:00 WITA');
    expect(show(clock.recomputedDeadlineMs)).toBe('Selasa, 5 Januari 2027 10:00 WITA');
    expect(clock).toMatchObject({ deadlineChanged: true, deadlineProvisional: false });
    receipt = await receiptText(app, visitId);
    expect(receipt).toContain('Selesai paling lambat : Senin, 4 Januari 2027 10:00 WITA');
    expect(receipt).toContain('Setelah perubahan kalender kerja: Selasa, 5 Januari 2027 10:00 WITA');
    expect(receipt).not.toContain('perkiraan*');
    const detail = await app.ok('visits.get', { visitId });
    expect(detail.timeline.map((t) => t.summary)).toContain('Kalender kerja diubah: SKB 2027: 3 hari libur tahun 2027 (kalender tahun tersebut ditetapkan)');
  });

  it('shows a past holiday that moved a promised deadline, with its reason, in the visit and the calendar history', async () => {
    app = await startTestApp();
    await at(app, '2026-11-23', '10:00');
    const visitId = await handedOverFile(app, 'perubahan_email');
    expect(show((await app.ok('visits.deskInfo', { visitId })).clock!.promisedDeadlineMs)).toBe('Selasa, 24 November 2026 10:00 WITA');

    await at(app, '2026-11-30', '09:00');
    const refused = await app.call('calendar.addHoliday', { date: '2026-11-24', name: 'Hari Jadi Kota Banjarmasin', kind: 'lainnya' });
    expect(!refused.ok && refused.error.issues?.[0]?.path).toBe('reason');
    const reason = 'Keputusan Wali Kota tentang libur Hari Jadi Kota, diterima terlambat';
    await app.ok('calendar.addHoliday', { date: '2026-11-24', name: 'Hari Jadi Kota Banjarmasin', kind: 'lainnya', reason });

    const clock = (await app.ok('visits.deskInfo', { visitId })).clock!;
    expect(show(clock.promisedDeadlineMs)).toBe('Selasa, 24 November 2026 10:00 WITA');
    expect(show(clock.recomputedDeadlineMs)).toBe('Rabu, 25 November 2026 10:00 WITA');
    expect(clock.deadlineChanged).toBe(true);
    const queue = await app.ok('desk.queue', { desk: 'verifier' });
    expect(queue.rows.find((r) => r.visitId === visitId)!.clock!.deadlineChanged).toBe(true);
    const timeline = (await app.ok('visits.get', { visitId })).timeline;
    const entry = timeline.find((t) => t.type === 'calendar.changed')!;
    expect(entry.summary).toBe(`Kalender kerja diubah: 24 November 2026 ditetapkan sebagai hari libur (Lainnya): Hari Jadi Kota Banjarmasin — alasan: ${reason}`);
    expect(entry.actorName).toBe('Kepala Sub Bagian');
    expect((await app.ok('calendar.get', { year: 2026 })).history[0]).toMatchObject({ reason, affectsPast: true });
  });

  it('keeps a late November visit late when Ramadan hours are set later, from their own date', async () => {
    app = await startTestApp();
    await at(app, '2026-11-23', '09:00');
    const visitId = await handedOverFile(app, 'aktivasi_user_id');
    await app.ok('desk.claim', { visitId });
    await at(app, '2026-11-23', '09:45');
    await app.ok('desk.complete', { vendorRecord: VENDOR_VALUES, visitId, note: null });
    expect((await app.ok('visits.deskInfo', { visitId })).clock!.state).toBe('done_late');

    await at(app, '2026-12-01', '09:00');
    const week = [1, 2, 3, 4, 5, 6, 7].map((weekday) => (weekday < 6 ? { weekday, open: '08:00', close: '09:05' } : { weekday, open: null, close: null }));
    await app.ok('calendar.setHours', { hours: week, effectiveFrom: '2027-02-08', effectiveUntil: '2027-03-08', label: 'Jam layanan Ramadan 1448 H' });
    await app.ok('calendar.setHours', { hours: week, effectiveFrom: '2026-12-02' });
    const clock = (await app.ok('visits.deskInfo', { visitId })).clock!;
    expect(clock.state).toBe('done_late');
    expect(clock.elapsedWorkingMinutes).toBe(45);
  });
});

describe('excused time', () => {
  it('records an internet disruption on one file: in time with it excused, late without, both shown', async () => {
    app = await startTestApp();
    await at(app, '2026-11-23', '09:00');
    const visitId = await handedOverFile(app, 'perubahan_status_cv_pt');
    await app.ok('desk.claim', { visitId });
    await at(app, '2026-11-23', '09:50');
    const t = (hhmm: string) => witaDateTimeToMs('2026-11-23', hhmm);
    const backwards = await app.call('desk.recordDisruption', { visitId, kind: 'internet', from: t('09:40'), to: t('09:05'), reason: 'Jaringan kantor putus' });
    expect(!backwards.ok && backwards.error.issues?.[0]?.path).toBe('to');
    const future = await app.call('desk.recordDisruption', { visitId, kind: 'internet', from: t('11:00'), to: null, reason: 'Jaringan kantor putus' });
    expect(!future.ok && future.error.code).toBe('invalid_input');
    const noReason = await app.call('desk.recordDisruption', { visitId, kind: 'internet', from: t('09:05'), to: t('09:45'), reason: '' });
    expect(!noReason.ok && noReason.error.issues?.[0]?.path).toBe('reason');
    const info = await app.ok('desk.recordDisruption', { visitId, kind: 'internet', from: t('09:05'), to: t('09:45'), reason: 'Jaringan kantor putus, ISP sedang perbaikan' });
    expect(info.excusable).toBe(true);
    expect(info.disruptions).toEqual([
      expect.objectContaining({ kind: 'internet', kindLabel: 'gangguan internet', scope: 'file', excused: true, byName: 'Kepala Sub Bagian', reason: 'Jaringan kantor putus, ISP sedang perbaikan' }),
    ]);
    await at(app, '2026-11-23', '10:00');
    const done = await app.ok('desk.complete', { vendorRecord: VENDOR_VALUES, visitId, note: null });
    expect(done.clock).toMatchObject({ state: 'done_in_time', excusedWorkingMinutes: 40, lateWithoutExcuse: true, elapsedWorkingMinutes: 20 });
    const timeline = (await app.ok('visits.get', { visitId })).timeline.map((x) => x.summary);
    expect(timeline).toContain('Gangguan dicatat: gangguan internet 09:05 WITA–09:45 WITA — Jaringan kantor putus, ISP sedang perbaikan');
  });

  it('applies an office-wide SPSE outage to every open file, and the report shows both figures; service 7 forwarded to LKPP is not late', async () => {
    app = await startTestApp();
    await at(app, '2026-11-24', '09:00');
    const a = await handedOverFile(app, 'perubahan_npwp');
    const b = await handedOverFile(app, 'nonaktif_user_id');
    const c = await handedOverFile(app, 'aktivasi_user_id'); // service 1 is not conditional on the internet
    const e = await handedOverFile(app, 'perubahan_email');
    const s7 = await handedOverFile(app, 'pendampingan_spse');
    for (const id of [a, b, c, e, s7]) await app.ok('desk.claim', { visitId: id });

    await at(app, '2026-11-24', '09:10');
    const outage = await app.ok('outages.declare', { kind: 'spse', from: witaDateTimeToMs('2026-11-24', '09:05'), to: null, reason: 'SPSE LPSE tidak dapat diakses (server pusat)' });
    expect(outage).toMatchObject({ kindLabel: 'gangguan SPSE', to: null, filesAffected: 5 });
    const twice = await app.call('outages.declare', { kind: 'spse', from: witaDateTimeToMs('2026-11-24', '09:06'), to: null, reason: 'SPSE tidak dapat diakses lagi' });
    expect(!twice.ok && twice.error.code).toBe('conflict');
    expect((await app.ok('dashboard.summary', {})).ongoingOutages).toHaveLength(1);
    await app.ok('desk.forwardLkpp', { visitId: s7, note: 'Galat di server SPSE pusat', ticketNo: 'LKPP-1124' });

    await at(app, '2026-11-24', '10:05');
    await app.ok('outages.end', { id: outage.id });
    for (const id of [a, b, c, e]) await app.ok('desk.complete', { vendorRecord: VENDOR_VALUES, visitId: id, note: null }); // 65 minutes, 60 of them SPSE down

    const clockA = (await app.ok('visits.deskInfo', { visitId: a })).clock!;
    expect(clockA).toMatchObject({ state: 'done_in_time', excusedWorkingMinutes: 60, lateWithoutExcuse: true });
    expect((await app.ok('visits.deskInfo', { visitId: a })).disruptions[0]).toMatchObject({ scope: 'office', kind: 'spse', excused: true });
    expect((await app.ok('visits.deskInfo', { visitId: c })).clock!.state).toBe('done_late');
    // Service 2: one working day met, and the 30-minute guarantee too, SPSE time excused.
    expect((await app.ok('visits.deskInfo', { visitId: e })).clock!.guarantee).toMatchObject({ minutes: 30, state: 'met' });

    // Ten working days later LKPP answers; the case is closed, out of the 5-day limit.
    await at(app, '2026-12-08', '10:00');
    await app.ok('desk.lkppResult', { visitId: s7, result: 'answered', note: 'LKPP memperbaiki server' });
    await app.ok('desk.complete', { vendorRecord: VENDOR_VALUES, visitId: s7, note: null });
    expect((await app.ok('visits.deskInfo', { visitId: s7 })).clock).toMatchObject({ state: 'outside_limit', late: false });

    const r = await app.ok('report.monthly', { month: '2026-11' });
    expect(r.totals).toMatchObject({
      finished: 5,
      finishedInTime: 3,
      finishedLate: 1,
      outsideLimit: 1,
      // Counting every minute, only the one-working-day service 2 is still in time.
      finishedInTimeWithoutExcuse: 1,
      finishedLateWithoutExcuse: 3,
      excusedVisits: 3,
      inTimePct: 75,
      inTimePctWithoutExcuse: 25,
    });
    expect(r.outages).toEqual([expect.objectContaining({ kind: 'spse', reason: 'SPSE LPSE tidak dapat diakses (server pusat)' })]);
    // The printed report (PDF) states both figures and the outage.
    const printed = reportHtml(r, officeSettingsOf(null), 'Kepala Sub Bagian').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(printed).toContain('Tepat waktu: 3 dari 4 berkas (75,0%)');
    expect(printed).toContain('tanpa pengecualian itu 1 dari 4 (25,0%)');
    expect(printed).toContain('Di luar jangka waktu layanan (diteruskan ke helpdesk LKPP): 1 berkas');
    expect(printed).toContain('Layanan 2: jaminan 30 menit terpenuhi 1 dari 1 berkas (100,0%)');
    expect(printed).toContain('SPSE LPSE tidak dapat diakses (server pusat)');
    const email = r.services.find((s) => s.code === 'perubahan_email')!;
    expect(email.guarantee).toEqual({ minutes: 30, met: 1, timed: 1, pct: 100 });
    expect(r.services.find((s) => s.code === 'pendampingan_spse')).toMatchObject({ outsideLimit: 1, finishedLate: 0 });

    // Withdrawn (declared by mistake): the figures count every minute again, the outage stays listed.
    await app.ok('outages.withdraw', { id: outage.id, reason: 'Ternyata hanya komputer verifikator yang bermasalah' });
    const after = await app.ok('report.monthly', { month: '2026-11' });
    expect(after.totals).toMatchObject({ finishedInTime: 1, finishedInTimeWithoutExcuse: 1, excusedVisits: 0 });
    expect((await app.ok('outages.list', { includeWithdrawn: true })).outages[0]).toMatchObject({ withdrawn: true });
  });

  it('refuses excused-time actions to the helpdesk', async () => {
    app = await startTestApp();
    await signInAsSupervisor(app);
    await app.ok('users.create', { username: 'siti', displayName: 'Siti', roles: ['helpdesk'], password: 'rahasia-123' });
    const s = await app.ok('auth.signIn', { username: 'siti', password: 'rahasia-123' });
    app.token = s.token;
    const r = await app.call('outages.declare', { kind: 'internet', from: app.clock.ms - 60_000, to: null, reason: 'Internet kantor mati' });
    expect(!r.ok && r.error.code).toBe('forbidden');
  });
});

describe('documents valid without a time limit', () => {
  it('accepts "berlaku tanpa batas waktu" for an item that must be valid and prints it on the receipt', async () => {
    app = await startTestApp();
    await at(app, '2026-11-24', '09:00');
    const visitId = await registerVisit(app, 'aktivasi_user_id');
    await app.ok('visits.startChecklist', { visitId });
    await tickAll(app, visitId);
    const detail = await app.ok('visits.get', { visitId });
    // The business licence must be "masih berlaku"; an NIB issued through OSS has no expiry date.
    const akta = detail.checklist.find((i) => i.code === 'izin_usaha')!;
    expect(akta.mustBeValid).toBe(true);
    const base = { visitId, itemCode: akta.code, originalSeen: true, copyReceived: true, meteraiOk: false, notBrought: false, note: '' };
    const both = await app.call('visits.markItem', { ...base, validUntil: '2030-01-01', noExpiry: true });
    expect(!both.ok && both.error.issues?.[0]?.path).toBe('noExpiry');
    const none = await app.ok('visits.markItem', { ...base, validUntil: null });
    expect(none.checklist.find((i) => i.code === akta.code)!.verdict).toBe('no_validity_date');
    const ok = await app.ok('visits.markItem', { ...base, validUntil: null, noExpiry: true });
    expect(ok.checklist.find((i) => i.code === akta.code)).toMatchObject({ verdict: 'ok', mark: { noExpiry: true, validUntil: null } });
    const folder = detail.checklist.find((i) => !i.mustBeValid)!;
    const wrong = await app.call('visits.markItem', { ...base, itemCode: folder.code, validUntil: null, noExpiry: true });
    expect(!wrong.ok && wrong.error.issues?.[0]?.path).toBe('noExpiry');
    await app.ok('visits.handOver', { visitId });
    expect(await receiptText(app, visitId)).toMatch(/SIUP\/SIUJK\/Izin Usaha Diperlihatkan Diterima berlaku tanpa batas waktu/);
  });
});
