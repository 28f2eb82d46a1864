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
    expect(cal.holidays.find((h) => h.date === '2026-03-20')).toEqual({ date: '2026-03-20', name: 'Cuti Bersama Idul Fitri', kind: 'cuti_bersama', dayName: 'Jumat' });
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

  it('imports a year from CSV (replacing that year) and from JSON, with line-precise errors', async () => {
    app = await startTestApp();
    await signInAsSupervisor(app);
    const before = eventCount(app);
    const bad = await app.call('calendar.import', {
      format: 'csv',
      text: 'tanggal,nama,jenis\n2027-01-01,Tahun Baru 2027 Masehi,libur_nasional\n2027-02-30,Tidak ada,libur_nasional\n2027-03-10,Nyepi,libur\n',
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('invalid_input');
      expect(bad.error.issues?.map((i) => i.path)).toEqual(['line.3', 'line.4']);
      expect(bad.error.message).toContain('Baris 3');
    }
    expect(eventCount(app)).toBe(before);

    const csv = '2026-01-01,Tahun Baru 2026 Masehi,libur_nasional\n2026-12-31,"Libur akhir tahun, daerah",lainnya\n';
    const preview = await app.ok('calendar.import', { format: 'csv', text: csv, dryRun: true });
    expect(preview).toMatchObject({ count: 2, years: [2026], recorded: false });
    expect(preview.removed).toHaveLength(24); // the rest of 2026 would go
    expect(eventCount(app)).toBe(before);
    const merged = await app.ok('calendar.import', { format: 'csv', text: csv, mode: 'merge' });
    expect(merged.recorded).toBe(true);
    expect(merged.calendar.holidays).toHaveLength(26);

    const json = JSON.stringify([
      { date: '2027-01-01', name: 'Tahun Baru 2027 Masehi', kind: 'libur_nasional' },
      { date: '2027-02-06', name: 'Tahun Baru Imlek', kind: 'libur_nasional' },
    ]);
    const y2027 = await app.ok('calendar.import', { format: 'json', text: json });
    expect(y2027.years).toEqual([2027]);
    const all = await app.ok('calendar.get', {});
    expect(all.years).toEqual([2025, 2026, 2027]);
    expect(all.holidays.filter((h) => h.date.startsWith('2027'))).toHaveLength(2);
    const notJson = await app.call('calendar.import', { format: 'json', text: '{ years: ' });
    expect(!notJson.ok && notJson.error.message).toContain('JSON');
  });
});
