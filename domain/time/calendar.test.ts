import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOLIDAY_SEED_2025_2026 } from './__fixtures__/holidays-id';
import {
  CalendarError,
  DEFAULT_COUNTER_HOURS,
  type WorkCalendar,
  addWorkingDays,
  addWorkingMinutes,
  calendarFromHolidaySeed,
  countingStartMs,
  holidayOn,
  isWorkingDay,
  mergeHolidays,
  nextWorkingDay,
  parseCalendarCsv,
  parseCalendarJson,
  workingMinutesBetween,
  workingMsBetween,
  workingMsBetweenDayByDay,
} from './calendar';
import { formatWita, witaDateTimeToMs } from './wita';

const cal: WorkCalendar = calendarFromHolidaySeed(HOLIDAY_SEED_2025_2026);
const at = (date: string, time: string): number => witaDateTimeToMs(date, time);
const show = (ms: number): string => formatWita(ms);

function catchError(fn: () => unknown): CalendarError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CalendarError) return e;
    throw e;
  }
  throw new Error('expected a CalendarError');
}

describe('calendarFromHolidaySeed', () => {
  it('reads every holiday of the 2025–2026 seed with its kind, sorted by date', () => {
    expect(cal.holidays).toHaveLength(53);
    expect(cal.holidays.filter((h) => h.kind === 'cuti_bersama')).toHaveLength(19);
    expect(cal.holidays[0]).toEqual({ date: '2025-01-01', name: 'Tahun Baru 2025 Masehi', kind: 'libur_nasional' });
    const dates = cal.holidays.map((h) => h.date);
    expect([...dates].sort()).toEqual(dates);
  });

  it("takes the seed's office hours, which match the default counter hours", () => {
    expect(cal.hours).toEqual(DEFAULT_COUNTER_HOURS);
    expect(cal.hours[5]).toEqual({ open: '07:30', close: '16:30' });
    expect(cal.hours[6]).toBeNull();
  });

  it('rejects a bad shape with an Indonesian, located message', () => {
    expect(() => calendarFromHolidaySeed(null)).toThrow(CalendarError);
    expect(() => calendarFromHolidaySeed([])).toThrow(/harus berupa objek JSON/);
    const err = catchError(() =>
      calendarFromHolidaySeed({
        years: {
          '2026': {
            libur_nasional: [{ date: '2026-02-30', name: 'Salah' }, { date: '2027-01-01', name: 'Tahun lain' }],
            cuti_besama: [],
          },
          '2027': 'bukan objek',
        },
      }),
    );
    expect(err.code).toBe('invalid_date');
    expect(err.issues.map((i) => i.path)).toEqual([
      'years.2026.libur_nasional[0]',
      'years.2026.libur_nasional[1]',
      'years.2026.cuti_besama',
      'years.2027',
    ]);
    expect(err.message).toContain('years.2026.libur_nasional[0]: tanggal "2026-02-30" tidak valid');
    expect(err.message).toContain('tidak termasuk tahun 2026');
    expect(err.message).toContain('jenis "cuti_besama" tidak dikenal');
  });

  it('rejects malformed office hours in the seed', () => {
    expect(() =>
      calendarFromHolidaySeed({ years: {}, office_hours_default: { mon_thu: ['16:00', '07:30'], fri: ['07:30', '16:30'] } }),
    ).toThrow(/office_hours_default.mon_thu/);
  });
});

describe('working days', () => {
  it('knows cuti bersama, libur nasional and weekends', () => {
    expect(holidayOn(cal, '2026-02-16')).toEqual({
      date: '2026-02-16',
      name: 'Cuti Bersama Tahun Baru Imlek',
      kind: 'cuti_bersama',
    });
    expect(isWorkingDay(cal, '2026-02-16')).toBe(false); // Monday, cuti bersama
    expect(isWorkingDay(cal, '2026-02-17')).toBe(false); // Tuesday, Imlek
    expect(isWorkingDay(cal, '2026-02-14')).toBe(false); // Saturday
    expect(isWorkingDay(cal, '2026-02-18')).toBe(true);
    expect(holidayOn(cal, '2026-02-18')).toBeNull();
  });

  it('finds the next working day across long holiday runs', () => {
    expect(nextWorkingDay(cal, '2026-02-13')).toBe('2026-02-18');
    // Nyepi + Idul Fitri 2026: cuti 18, libur 19, cuti 20, weekend, cuti 23 and 24 March.
    expect(nextWorkingDay(cal, '2026-03-17')).toBe('2026-03-25');
    expect(nextWorkingDay(cal, '2025-12-31')).toBe('2026-01-02');
  });

  it('fails clearly instead of looping when nothing is ever open', () => {
    const closed: WorkCalendar = { hours: { 1: null, 2: null, 3: null, 4: null, 5: null, 6: null, 7: null }, holidays: [] };
    expect(() => nextWorkingDay(closed, '2026-01-01')).toThrow(/Tidak ada hari kerja/);
  });

  it('rejects counter hours where closing is not after opening', () => {
    const bad: WorkCalendar = { ...cal, hours: { ...cal.hours, 3: { open: '16:00', close: '07:30' } } };
    expect(() => isWorkingDay(bad, '2026-02-18')).toThrow(/Jam layanan hari ke-3 tidak valid/);
  });
});

describe('workingMinutesBetween', () => {
  it('counts Friday until 16:30 but Monday–Thursday only until 16:00', () => {
    expect(workingMinutesBetween(cal, at('2026-02-12', '15:30'), at('2026-02-12', '17:00'))).toBe(30); // Thursday
    expect(workingMinutesBetween(cal, at('2026-02-13', '15:30'), at('2026-02-13', '17:00'))).toBe(60); // Friday
  });

  it('counts a normal week as 4 × 510 + 540 minutes', () => {
    expect(workingMinutesBetween(cal, at('2026-02-02', '00:00'), at('2026-02-09', '00:00'))).toBe(2580);
  });

  it('skips holidays and weekends', () => {
    // Friday 13 Feb 16:00 → Wednesday 18 Feb 08:00: 30 (Fri) + 30 (Wed).
    expect(workingMinutesBetween(cal, at('2026-02-13', '16:00'), at('2026-02-18', '08:00'))).toBe(60);
    expect(workingMinutesBetween(cal, at('2026-02-18', '08:00'), at('2026-02-13', '16:00'))).toBe(0);
  });

  it('does not round partial minutes', () => {
    const from = at('2026-02-18', '08:00');
    expect(workingMinutesBetween(cal, from, from + 90_000)).toBe(1.5);
  });
});

describe('workingMsBetween from the per-day index', () => {
  const span = { min: Date.UTC(2024, 6, 1), max: Date.UTC(2027, 6, 1) };
  // A calendar with dated hours (a Ramadan period) and a single day entered by the supervisor, besides the
  // decreed years: the index must see every kind of day the day-by-day count sees.
  const edited: WorkCalendar = {
    ...cal,
    holidays: [...cal.holidays, { date: '2026-03-10', name: 'Libur daerah', kind: 'lainnya' }],
    hoursPeriods: ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, from: '2026-02-18', until: '2026-03-19', hours: { open: '08:00', close: '14:00' }, label: 'Ramadan' })),
  };

  it('equals the day-by-day count on any span, minutes to years', () => {
    fc.assert(
      fc.property(fc.integer(span), fc.integer({ min: 0, max: 800 * 86_400_000 }), fc.boolean(), (from, len, useEdited) => {
        const c = useEdited ? edited : cal;
        expect(workingMsBetween(c, from, from + len)).toBe(workingMsBetweenDayByDay(c, from, from + len));
      }),
      { numRuns: 2000 },
    );
  });

  it('follows a calendar change: a holiday added later counts as closed at once', () => {
    const before: WorkCalendar = { ...cal, holidays: [...cal.holidays] };
    const from = at('2026-05-04', '07:30');
    const to = at('2026-05-09', '00:00');
    const week = workingMsBetween(before, from, to);
    // The supervisor declares Wednesday 6 May a holiday: a new calendar value (as every edit builds one).
    const after: WorkCalendar = { ...before, holidays: [...before.holidays, { date: '2026-05-06', name: 'Libur daerah', kind: 'lainnya' }] };
    expect(workingMsBetween(after, from, to)).toBe(week - 510 * 60_000);
    // The same object edited in place (a new holidays array) also drops the index.
    before.holidays = after.holidays;
    expect(workingMsBetween(before, from, to)).toBe(week - 510 * 60_000);
  });
});

describe('addWorkingMinutes (30-minute services)', () => {
  it('Friday 15:55 before cuti bersama: Friday closes 16:30, so the 30 minutes fit on the same day', () => {
    // Monday 16 Feb 2026 is cuti bersama Imlek, Tuesday 17 Feb is Imlek.
    expect(show(addWorkingMinutes(cal, at('2026-02-13', '15:55'), 30))).toBe('Jumat, 13 Februari 2026 16:25 WITA');
  });

  it('Friday 16:15 before cuti bersama: 15 minutes on Friday, the rest on the next working day after the holidays', () => {
    expect(show(addWorkingMinutes(cal, at('2026-02-13', '16:15'), 30))).toBe('Rabu, 18 Februari 2026 07:45 WITA');
  });

  it('Thursday 15:55 (closes 16:00) continues on the next working day', () => {
    expect(show(addWorkingMinutes(cal, at('2026-02-12', '15:55'), 30))).toBe('Jumat, 13 Februari 2026 07:55 WITA');
    // Wednesday 13 May 2026, before libur Kenaikan (Thu 14) and cuti bersama (Fri 15).
    expect(show(addWorkingMinutes(cal, at('2026-05-13', '15:55'), 30))).toBe('Senin, 18 Mei 2026 07:55 WITA');
    // Tuesday 17 March 2026, before the Nyepi + Idul Fitri run.
    expect(show(addWorkingMinutes(cal, at('2026-03-17', '15:55'), 30))).toBe('Rabu, 25 Maret 2026 07:55 WITA');
  });

  it('ends at closing time when the budget runs out exactly then', () => {
    expect(show(addWorkingMinutes(cal, at('2026-02-12', '15:30'), 30))).toBe('Kamis, 12 Februari 2026 16:00 WITA');
  });

  it('starts at the next opening when started outside counter hours', () => {
    expect(show(addWorkingMinutes(cal, at('2026-02-12', '06:00'), 30))).toBe('Kamis, 12 Februari 2026 08:00 WITA');
    expect(show(addWorkingMinutes(cal, at('2026-02-12', '16:00'), 30))).toBe('Jumat, 13 Februari 2026 08:00 WITA');
    expect(show(addWorkingMinutes(cal, at('2026-02-14', '10:00'), 30))).toBe('Rabu, 18 Februari 2026 08:00 WITA');
    expect(show(countingStartMs(cal, at('2026-02-13', '16:29')))).toBe('Jumat, 13 Februari 2026 16:29 WITA');
  });

  it('crosses the year boundary over the 1 January holiday', () => {
    expect(show(addWorkingMinutes(cal, at('2025-12-31', '15:50'), 30))).toBe('Jumat, 2 Januari 2026 07:50 WITA');
  });

  it('rejects negative minutes', () => {
    expect(() => addWorkingMinutes(cal, at('2026-02-12', '10:00'), -1)).toThrow(RangeError);
  });
});

describe('addWorkingDays (1 and 5 working-day services)', () => {
  it('ends at the same time of day on the next working day', () => {
    expect(show(addWorkingDays(cal, at('2026-02-09', '10:00'), 1))).toBe('Selasa, 10 Februari 2026 10:00 WITA');
  });

  it('spans a holiday weekend (cuti bersama Monday + Imlek Tuesday)', () => {
    expect(show(addWorkingDays(cal, at('2026-02-13', '10:00'), 1))).toBe('Rabu, 18 Februari 2026 10:00 WITA');
  });

  it('spans the Christmas holiday + cuti bersama weekend of 2025', () => {
    expect(show(addWorkingDays(cal, at('2025-12-24', '11:00'), 1))).toBe('Senin, 29 Desember 2025 11:00 WITA');
  });

  it('crosses the year boundary over 1 January', () => {
    expect(show(addWorkingDays(cal, at('2025-12-31', '14:00'), 1))).toBe('Jumat, 2 Januari 2026 14:00 WITA');
  });

  it('clamps to closing time when the same time of day is after closing (Friday 16:20 → Monday 16:00)', () => {
    expect(show(addWorkingDays(cal, at('2026-01-09', '16:20'), 1))).toBe('Senin, 12 Januari 2026 16:00 WITA');
  });

  it('starts at the next opening when received after closing or on a non-working day', () => {
    expect(show(addWorkingDays(cal, at('2026-02-12', '17:00'), 1))).toBe('Rabu, 18 Februari 2026 07:30 WITA');
    expect(show(addWorkingDays(cal, at('2026-02-07', '09:00'), 1))).toBe('Selasa, 10 Februari 2026 07:30 WITA');
  });

  it('counts 5 working days across the Nyepi + Idul Fitri 2026 run', () => {
    // Working days after Mon 16 March: 17, 25, 26, 27 March, 30 March.
    expect(show(addWorkingDays(cal, at('2026-03-16', '09:00'), 5))).toBe('Senin, 30 Maret 2026 09:00 WITA');
  });

  it('rejects fractional or negative day counts', () => {
    expect(() => addWorkingDays(cal, at('2026-02-09', '10:00'), 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays(cal, at('2026-02-09', '10:00'), -1)).toThrow(RangeError);
  });
});

describe('parseCalendarCsv', () => {
  it('reads lines with an optional header, quotes, CRLF and a BOM', () => {
    const csv =
      '\uFEFFtanggal,nama,jenis\r\n' +
      '2027-01-01,Tahun Baru 2027 Masehi,libur_nasional\r\n' +
      '\r\n' +
      '# komentar\r\n' +
      '2026-12-31,"Rapat akhir tahun, kantor tutup",lainnya\r\n' +
      '2027-02-05,Cuti Bersama Imlek,Cuti Bersama\r\n';
    expect(parseCalendarCsv(csv)).toEqual([
      { date: '2026-12-31', name: 'Rapat akhir tahun, kantor tutup', kind: 'lainnya' },
      { date: '2027-01-01', name: 'Tahun Baru 2027 Masehi', kind: 'libur_nasional' },
      { date: '2027-02-05', name: 'Cuti Bersama Imlek', kind: 'cuti_bersama' },
    ]);
  });

  it('accepts semicolons (Excel with Indonesian regional settings)', () => {
    expect(parseCalendarCsv('2027-01-01;Tahun Baru;libur_nasional')).toEqual([
      { date: '2027-01-01', name: 'Tahun Baru', kind: 'libur_nasional' },
    ]);
  });

  it('reports every bad line with its line number, in Indonesian', () => {
    const csv = [
      'date,name,kind', // 1
      '2027-01-01,Tahun Baru,libur_nasional', // 2
      '2027-02-30,Tanggal mustahil,libur_nasional', // 3
      '2027-03-01,Oke,cuti_bersama', // 4
      '2027-03-02,Jenis salah,libur', // 5
      '2027-03-03,Kolom kurang', // 6
      '2027-01-01,Tahun Baru lagi,libur_nasional', // 7
      '01/04/2027,Format Excel,lainnya', // 8
    ].join('\n');
    const err = catchError(() => parseCalendarCsv(csv));
    expect(err.line).toBe(3);
    expect(err.code).toBe('invalid_date');
    expect(err.issues.map((i) => i.line)).toEqual([3, 5, 6, 7, 8]);
    expect(err.message.split('\n')).toEqual([
      'Baris 3: tanggal "2027-02-30" tidak valid (format YYYY-MM-DD, mis. 2026-02-16)',
      'Baris 5: jenis "libur" tidak dikenal (pilih: libur_nasional, cuti_bersama, lainnya)',
      'Baris 6: harus 3 kolom (tanggal,nama,jenis), ditemukan 2',
      'Baris 7: tanggal 2027-01-01 sudah tercantum (Baris 2)',
      'Baris 8: tanggal "01/04/2027" tidak valid (format YYYY-MM-DD, mis. 2026-02-16)',
    ]);
  });

  it('reports an unclosed quote and an empty file', () => {
    expect(() => parseCalendarCsv('2027-01-01,"Tahun Baru,libur_nasional')).toThrow(/Baris 1: tanda kutip/);
    expect(() => parseCalendarCsv('date,name,kind\n\n')).toThrow(/tidak berisi data/);
  });
});

describe('parseCalendarJson', () => {
  it('accepts the seed shape and a plain array (also as a JSON string)', () => {
    expect(parseCalendarJson(HOLIDAY_SEED_2025_2026)).toEqual(cal.holidays);
    const list = [{ date: '2027-01-01', name: 'Tahun Baru 2027 Masehi', kind: 'libur_nasional' }];
    expect(parseCalendarJson(list)).toEqual(list);
    expect(parseCalendarJson(JSON.stringify(list))).toEqual(list);
  });

  it('gives located Indonesian errors', () => {
    expect(() => parseCalendarJson('{oops')).toThrow(/bukan JSON yang valid/);
    expect(() => parseCalendarJson({ foo: 1 })).toThrow(/Format JSON tidak dikenal/);
    expect(() => parseCalendarJson([{ date: '2027-01-01', name: '', kind: 'lainnya' }])).toThrow(
      '[0]: nama hari libur kosong atau bukan teks',
    );
  });
});

describe('mergeHolidays', () => {
  it('replaces same-date entries and keeps the rest, sorted', () => {
    const merged = mergeHolidays(cal.holidays, [
      { date: '2026-12-24', name: 'Cuti Bersama Natal (diubah)', kind: 'cuti_bersama' },
      { date: '2027-01-01', name: 'Tahun Baru 2027 Masehi', kind: 'libur_nasional' },
    ]);
    expect(merged).toHaveLength(54);
    expect(merged.find((h) => h.date === '2026-12-24')?.name).toBe('Cuti Bersama Natal (diubah)');
    expect(merged[merged.length - 1]?.date).toBe('2027-01-01');
  });
});
