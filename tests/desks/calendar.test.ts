/** The supervisor edits the working-day calendar; the service clock follows the edits. */
import { afterEach, describe, expect, it } from 'vitest';
import { witaDateTimeToMs } from '../../domain/time/wita';
import { signInAsSupervisor, startTestApp, type TestApp } from '../helpers';
import { addStaff, at, eventCount, handedOverFile, signInAs } from './desk-helpers';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.backend.close();
  app = null;
});

describe('working-day calendar', () => {
  it('is seeded from the 2025–2026 decree with the counter hours', async () => {
    app = await startTestApp();
    await signInAsSupervisor(app);
    const cal = await app.ok('calendar.get', { year: 2026 });
    expect(cal.years).toEqual([2025, 2026]);
    expect(cal.holidays).toHaveLength(25);
    expect(cal.holidays.find((h) => h.date === '2026-03-20')).toEqual({ date: '2026-03-20', name: 'Cuti Bersama Idul Fitri', kind: 'cuti_bersama', dayName: 'Jumat', provisional: false });
    expect(cal.yearStatus).toMatchObject({ year: 2026, status: 'set', missing: [] });
    expect(cal.hours.map((h) => [h.dayName, h.open, h.close])).toEqual([
      ['Senin', '07:30', '16:00'],
      ['Selasa', '07:30', '16:00'],
      ['Rabu', '07:30', '16:00'],
      ['Kamis', '07:30', '16:00'],
      ['Jumat', '07:30', '16:30'],
      ['Sabtu', null, null],
      ['Minggu', null, null],
    ]);
  });

  it('adds and removes a day, and deadlines move with it', async () => {
    app = await startTestApp();
    await signInAsSupervisor(app);
    await addStaff(app, 'helpdesk1', ['helpdesk']);
    at(app, '2026-11-23', '10:00');
    await signInAs(app, 'helpdesk1');
    const visitId = await handedOverFile(app, 'perubahan_email');
    const due = async () => (await app!.ok('visits.deskInfo', { visitId })).clock!.deadlineMs;
    expect(await due()).toBe(witaDateTimeToMs('2026-11-24', '10:00'));

    await signInAsSupervisor(app);
    const added = await app.ok('calendar.addHoliday', { date: '2026-11-24', name: 'Hari Jadi Kota Banjarmasin', kind: 'lainnya' });
    expect(added.holidays.map((h) => h.date)).toContain('2026-11-24');
    expect(await due()).toBe(witaDateTimeToMs('2026-11-25', '10:00'));
    const invalid = await app.call('calendar.addHoliday', { date: '2026-02-30', name: 'Tidak ada', kind: 'lainnya' });
    expect(!invalid.ok && invalid.error.code).toBe('invalid_input');
    await app.ok('calendar.removeHoliday', { date: '2026-11-24' });
    expect(await due()).toBe(witaDateTimeToMs('2026-11-24', '10:00'));
    const missing = await app.call('calendar.removeHoliday', { date: '2026-11-24' });
    expect(!missing.ok && missing.error.code).toBe('not_found');
  });

  it('changes counter hours per weekday, validating them', async () => {
    app = await startTestApp();
    await signInAsSupervisor(app);
    const week = (fri: [string | null, string | null]) =>
      [1, 2, 3, 4, 5, 6, 7].map((weekday) =>
        weekday === 5 ? { weekday, open: fri[0], close: fri[1] } : { weekday, open: weekday < 6 ? '07:30' : null, close: weekday < 6 ? '16:00' : null },
      );
    const before = eventCount(app);
    const backwards = await app.call('calendar.setHours', { hours: week(['15:00', '08:00']) });
    expect(!backwards.ok && backwards.error.issues?.[0]).toEqual({ path: 'hours.4.close', message: 'Jumat: jam tutup harus setelah jam buka.' });
    const half = await app.call('calendar.setHours', { hours: week(['08:00', null]) });
    expect(!half.ok && half.error.code).toBe('invalid_input');
    const badFormat = await app.call('calendar.setHours', { hours: week(['8 pagi', '16:00']) });
    expect(!badFormat.ok && badFormat.error.code).toBe('invalid_input');
    expect(eventCount(app)).toBe(before);
    const cal = await app.ok('calendar.setHours', { hours: week(['07:30', '11:00']) });
    expect(cal.hours[4]).toEqual({ weekday: 5, dayName: 'Jumat', open: '07:30', close: '11:00' });
    expect(eventCount(app)).toBe(before + 1); // only Friday changed
  });

  it('imports a year from CSV and JSON with line-precise errors; the mode is always chosen', async () => {
    app = await startTestApp();
    at(app, '2026-12-01', '09:00');
    await signInAsSupervisor(app);
    const before = eventCount(app);
    const bad = await app.call('calendar.import', {
      format: 'csv',
      mode: 'merge',
      text: 'tanggal,nama,jenis\n2027-01-01,Tahun Baru 2027 Masehi,libur_nasional\n2027-02-30,Tidak ada,libur_nasional\n2027-03-10,Nyepi,libur\n',
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('invalid_input');
      expect(bad.error.issues?.map((i) => i.path)).toEqual(['line.3', 'line.4']);
      expect(bad.error.message).toContain('Baris 3');
    }
    // No default mode: an import that could replace a year is never chosen by omission.
    const noMode = await app.call('calendar.import', { format: 'csv', text: '2027-01-01,Tahun Baru 2027 Masehi,libur_nasional' } as never);
    expect(!noMode.ok && noMode.error.issues?.[0]?.path).toBe('mode');
    expect(eventCount(app)).toBe(before);

    const json = JSON.stringify([
      { date: '2027-01-01', name: 'Tahun Baru 2027 Masehi', kind: 'libur_nasional' },
      { date: '2027-02-06', name: 'Tahun Baru Imlek 2578 Kongzili', kind: 'libur_nasional' },
    ]);
    const y2027 = await app.ok('calendar.import', { format: 'json', text: json, mode: 'replace_years', dryRun: false });
    expect(y2027.years).toEqual([2027]);
    expect(y2027.yearsSet).toEqual([2027]);
    const all = await app.ok('calendar.get', {});
    expect(all.years).toEqual([2025, 2026, 2027]);
    expect(all.holidays.filter((h) => h.date.startsWith('2027'))).toHaveLength(2);
    const notJson = await app.call('calendar.import', { format: 'json', text: '{ years: ', mode: 'merge' });
    expect(!notJson.ok && notJson.error.message).toContain('JSON');
  });

  it('previews merge versus replace: a one-line amendment merged keeps the year, replacing lists every day it removes', async () => {
    app = await startTestApp();
    at(app, '2026-06-01', '09:00');
    await signInAsSupervisor(app);
    const before = eventCount(app);
    const amendment = '2026-12-31,"Libur akhir tahun, daerah",lainnya\n2026-12-24,Cuti Bersama Natal (diubah),cuti_bersama\n';

    const merge = await app.ok('calendar.import', { format: 'csv', text: amendment, mode: 'merge' });
    expect(merge).toMatchObject({ count: 2, years: [2026], mode: 'merge', recorded: false, yearsSet: [] });
    expect(merge.added).toEqual([{ date: '2026-12-31', name: 'Libur akhir tahun, daerah', kind: 'lainnya' }]);
    expect(merge.changed).toEqual([
      {
        date: '2026-12-24',
        before: { date: '2026-12-24', name: 'Cuti Bersama Kelahiran Yesus Kristus', kind: 'cuti_bersama', provisional: false },
        after: { date: '2026-12-24', name: 'Cuti Bersama Natal (diubah)', kind: 'cuti_bersama' },
      },
    ]);
    expect(merge.removed).toEqual([]);

    const replace = await app.ok('calendar.import', { format: 'csv', text: amendment, mode: 'replace_years' });
    expect(replace.removed).toHaveLength(24); // every other day of 2026, each listed
    expect(replace.removed[0]).toEqual({ date: '2026-01-01', name: 'Tahun Baru 2026 Masehi', kind: 'libur_nasional', provisional: false });
    expect(eventCount(app)).toBe(before); // previews record nothing

    // Replacing would change days already past (January–May 2026): recording needs a reason.
    expect(replace.pastDates.length).toBeGreaterThan(0);
    const noReason = await app.call('calendar.import', { format: 'csv', text: amendment, mode: 'replace_years', dryRun: false, revision: replace.revision });
    expect(!noReason.ok && noReason.error.issues?.[0]?.path).toBe('reason');
    expect(eventCount(app)).toBe(before);

    const done = await app.ok('calendar.import', { format: 'csv', text: amendment, mode: 'merge', dryRun: false, revision: merge.revision });
    expect(done.recorded).toBe(true);
    expect(done.calendar.holidays).toHaveLength(26);
    // A preview made before that import is stale now: recording it is refused.
    const stale = await app.call('calendar.import', { format: 'csv', text: amendment, mode: 'replace_years', dryRun: false, revision: replace.revision, reason: 'Uji pratinjau kedaluwarsa' });
    expect(!stale.ok && stale.error.code).toBe('conflict');
    expect(eventCount(app)).toBe(before + 1);
  });

  it('asks a reason for a holiday on a past date and keeps it in the calendar history', async () => {
    app = await startTestApp();
    at(app, '2026-11-30', '09:00');
    await signInAsSupervisor(app);
    const noReason = await app.call('calendar.addHoliday', { date: '2026-11-27', name: 'Libur daerah mendadak', kind: 'lainnya' });
    expect(!noReason.ok && noReason.error.issues?.[0]?.path).toBe('reason');
    const cal = await app.ok('calendar.addHoliday', { date: '2026-11-27', name: 'Libur daerah mendadak', kind: 'lainnya', reason: 'Surat Edaran Wali Kota tentang banjir, diterima terlambat' });
    expect(cal.history[0]).toMatchObject({ summary: '27 November 2026 ditetapkan sebagai hari libur (Lainnya): Libur daerah mendadak', reason: 'Surat Edaran Wali Kota tentang banjir, diterima terlambat', affectsPast: true });
    const future = await app.ok('calendar.addHoliday', { date: '2026-12-31', name: 'Libur akhir tahun', kind: 'lainnya' });
    expect(future.history[0]).toMatchObject({ reason: null, affectsPast: false });
  });

  it('takes counter hours from a date on and never for a past day; Ramadan hours for a period', async () => {
    app = await startTestApp();
    at(app, '2026-12-01', '09:00');
    await signInAsSupervisor(app);
    const week = (open: string, close: string) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => (weekday < 6 ? { weekday, open, close } : { weekday, open: null, close: null }));
    const past = await app.call('calendar.setHours', { hours: week('08:00', '14:00'), effectiveFrom: '2026-11-30' });
    expect(!past.ok && past.error.issues?.[0]?.path).toBe('effectiveFrom');
    const cal = await app.ok('calendar.setHours', { hours: week('08:00', '14:00'), effectiveFrom: '2027-02-08', effectiveUntil: '2027-03-08', label: 'Jam layanan Ramadan 1448 H' });
    expect(cal.hours[0]).toMatchObject({ open: '07:30', close: '16:00' }); // today's hours unchanged
    expect(cal.hoursPeriods.filter((p) => p.label === 'Jam layanan Ramadan 1448 H')).toHaveLength(5);
    const due = await app.ok('calendar.due', { from: witaDateTimeToMs('2027-02-08', '13:50'), minutes: 30 });
    expect(due.due).toBe(witaDateTimeToMs('2027-02-09', '08:20')); // 10 minutes before 14:00, 20 the next morning
  });
});
