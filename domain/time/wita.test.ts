import { afterEach, describe, expect, it } from 'vitest';
import {
  WitaFormatError,
  addDaysIso,
  formatWita,
  formatWitaCompact,
  parseIsoInstant,
  isValidIsoDate,
  toWitaParts,
  weekdayOfIso,
  witaDateTimeToMs,
  witaDayStartMs,
  witaIsoDate,
  witaIsoDateTime,
  witaWallClockAsUtcDate,
} from './wita';

const ORIGINAL_TZ = process.env.TZ;

afterEach(() => {
  if (ORIGINAL_TZ === undefined) delete process.env.TZ;
  else process.env.TZ = ORIGINAL_TZ;
});

describe('toWitaParts', () => {
  it('converts a UTC instant to Banjarmasin wall-clock time (UTC+8)', () => {
    const p = toWitaParts(Date.parse('2026-11-26T05:05:09Z'));
    expect(p).toEqual({
      year: 2026,
      month: 11,
      day: 26,
      hour: 13,
      minute: 5,
      second: 9,
      weekday: 4,
      isoDate: '2026-11-26',
    });
  });

  it('crosses the date line at 16:00 UTC, including the year boundary', () => {
    expect(toWitaParts(Date.parse('2025-12-31T15:59:59.999Z')).isoDate).toBe('2025-12-31');
    const newYear = toWitaParts(Date.parse('2025-12-31T16:00:00Z'));
    expect(newYear.isoDate).toBe('2026-01-01');
    expect(newYear.hour).toBe(0);
    expect(newYear.weekday).toBe(4); // 1 Jan 2026 is a Thursday
  });

  it('numbers Sunday 7 and Monday 1', () => {
    expect(weekdayOfIso('2026-02-15')).toBe(7);
    expect(weekdayOfIso('2026-02-16')).toBe(1);
  });
});

describe('independence from the machine time zone', () => {
  it.each(['America/New_York', 'Pacific/Kiritimati', 'Asia/Jakarta', 'UTC'])(
    'gives the same WITA values with TZ=%s',
    (tz) => {
      const ms = Date.parse('2026-01-01T23:30:00Z'); // 2 Jan 2026 07:30 WITA
      process.env.TZ = tz;
      // Sanity check that the zone switch took effect for local-time Date methods, so the test means something.
      if (tz === 'America/New_York') expect(new Date(ms).getHours()).toBe(18);
      if (tz === 'Pacific/Kiritimati') expect(new Date(ms).getHours()).toBe(13);
      expect(toWitaParts(ms)).toMatchObject({ isoDate: '2026-01-02', hour: 7, minute: 30, weekday: 5 });
      expect(witaDateTimeToMs('2026-01-02', '07:30')).toBe(ms);
      expect(witaDayStartMs('2026-01-02')).toBe(Date.parse('2026-01-01T16:00:00Z'));
      expect(formatWita(ms)).toBe('Jumat, 2 Januari 2026 07:30 WITA');
      expect(addDaysIso('2026-03-28', 1)).toBe('2026-03-29'); // a DST weekend in Europe / the US is irrelevant
    },
  );
});

describe('witaDateTimeToMs / witaDayStartMs', () => {
  it('round-trips with toWitaParts', () => {
    const ms = witaDateTimeToMs('2026-02-13', '15:55');
    expect(ms).toBe(Date.parse('2026-02-13T07:55:00Z'));
    expect(toWitaParts(ms)).toMatchObject({ isoDate: '2026-02-13', hour: 15, minute: 55, weekday: 5 });
  });

  it('rejects impossible dates and times with an Indonesian message', () => {
    expect(() => witaDayStartMs('2026-02-29')).toThrow(WitaFormatError);
    expect(() => witaDayStartMs('2026-2-3')).toThrow(/Tanggal tidak valid/);
    expect(() => witaDateTimeToMs('2026-02-13', '25:00')).toThrow(/Jam tidak valid/);
    expect(() => witaDateTimeToMs('2026-02-13', '7:30')).toThrow(WitaFormatError);
    expect(isValidIsoDate('2028-02-29')).toBe(true);
    expect(isValidIsoDate('2100-02-29')).toBe(false);
  });
});

describe('addDaysIso', () => {
  it('moves across months, leap days and years', () => {
    expect(addDaysIso('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDaysIso('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDaysIso('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDaysIso('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDaysIso('2026-01-01', 365)).toBe('2027-01-01');
    expect(addDaysIso('2026-05-05', 0)).toBe('2026-05-05');
  });

  it('rejects fractional day counts', () => {
    expect(() => addDaysIso('2026-01-01', 0.5)).toThrow(RangeError);
  });
});

describe('formatWita', () => {
  const ms = witaDateTimeToMs('2026-11-26', '13:05');
  it('formats in Indonesian with WITA', () => {
    expect(formatWita(ms, 'datetime')).toBe('Kamis, 26 November 2026 13:05 WITA');
    expect(formatWita(ms, 'date')).toBe('Kamis, 26 November 2026');
    expect(formatWita(ms, 'time')).toBe('13:05 WITA');
  });

  it('uses Indonesian day and month names at a day boundary', () => {
    expect(formatWita(Date.parse('2026-08-16T16:00:00Z'))).toBe('Senin, 17 Agustus 2026 00:00 WITA');
    expect(formatWita(witaDateTimeToMs('2026-03-01', '07:05'))).toBe('Minggu, 1 Maret 2026 07:05 WITA');
    expect(witaIsoDate(witaDateTimeToMs('2026-03-01', '23:59'))).toBe('2026-03-01');
  });
});

describe('ISO instants with the WITA offset', () => {
  it('writes and reads +08:00, Z and offset-less (WITA) instants', () => {
    const ms = witaDateTimeToMs('2027-01-04', '09:00');
    expect(witaIsoDateTime(ms)).toBe('2027-01-04T09:00:00+08:00');
    expect(parseIsoInstant('2027-01-04T09:00:00+08:00')).toBe(ms);
    expect(parseIsoInstant('2027-01-04T01:00:00Z')).toBe(ms);
    expect(parseIsoInstant('2027-01-04T09:00')).toBe(ms);
    expect(parseIsoInstant('2027-01-04T08:00:00+07:00')).toBe(ms);
    expect(parseIsoInstant('2027-01-04T09:00:00.250+0800')).toBe(ms + 250);
    expect(parseIsoInstant('2026-12-31T23:59:59+08:00')).toBe(witaDayStartMs('2027-01-01') - 1000);
  });

  it('refuses impossible dates and times', () => {
    for (const bad of ['2026-02-30T10:00', '2026-12-23T24:30', '2026-12-23', 'besok', '2026-12-23T10:00+25:00', '']) {
      expect(parseIsoInstant(bad)).toBeNull();
    }
  });

  it('formats compactly and as a wall-clock Date for spreadsheets', () => {
    const ms = witaDateTimeToMs('2026-11-26', '13:05');
    expect(formatWitaCompact(ms)).toBe('2026-11-26 13:05 WITA');
    expect(witaWallClockAsUtcDate(ms).toISOString()).toBe('2026-11-26T13:05:00.000Z');
  });
});
