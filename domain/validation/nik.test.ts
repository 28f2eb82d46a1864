import { describe, it, expect } from 'vitest';
import { validateNik, isLeapYear, daysInMonth } from './nik';
import type { ValidationResult } from './result';

function errorCodes(r: ValidationResult<unknown>): string[] {
  return r.ok ? [] : r.errors.map((e) => e.code);
}
function warningCodes(r: ValidationResult<unknown>): string[] {
  return r.warnings.map((w) => w.code);
}

describe('validateNik: valid numbers', () => {
  it('decodes a man born 15-08-95 in Kota Banjarmasin', () => {
    const r = validateNik('6371011508950001');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual({
      digits: '6371011508950001',
      provinceCode: '63',
      regencyCode: '6371',
      districtCode: '637101',
      serial: '0001',
      sex: 'L',
      birthDateCandidates: ['1995-08-15', '2095-08-15'],
    });
    expect(r.warnings).toEqual([]);
  });

  it('reads a day + 40 as a woman', () => {
    const r = validateNik('6371015508950002');
    expect(r.ok && r.value.sex).toBe('P');
    expect(r.ok && r.value.birthDateCandidates).toEqual(['1995-08-15', '2095-08-15']);
  });

  it('accepts the women range bounds 41 and 71', () => {
    const first = validateNik('6371024101880003');
    expect(first.ok && first.value.sex).toBe('P');
    expect(first.ok && first.value.birthDateCandidates).toEqual(['1988-01-01', '2088-01-01']);
    const last = validateNik('6371027112880004');
    expect(last.ok && last.value.birthDateCandidates).toEqual(['1988-12-31', '2088-12-31']);
  });

  it('accepts the men range bounds 01 and 31', () => {
    expect(validateNik('6371020101000001').ok).toBe(true);
    expect(validateNik('6371023101000001').ok).toBe(true);
  });

  it('29-02-00 exists only as 2000-02-29 (1900 is not a leap year)', () => {
    const r = validateNik('6371012902000001');
    expect(r.ok && r.value.birthDateCandidates).toEqual(['2000-02-29']);
    const woman = validateNik('6371016902000001');
    expect(woman.ok && woman.value.sex).toBe('P');
    expect(woman.ok && woman.value.birthDateCandidates).toEqual(['2000-02-29']);
  });

  it('29-02-04 exists in both centuries', () => {
    const r = validateNik('6371012902040001');
    expect(r.ok && r.value.birthDateCandidates).toEqual(['1904-02-29', '2004-02-29']);
  });

  it('strips spaces, dots and dashes', () => {
    for (const input of [
      '6371 0155 0895 0002',
      '6371.0155.0895.0002',
      '637101-550895-0002',
      ' 637101 550895 0002 ',
      '63.71.01 550895 0002',
      '6371\u00a00155\u20130895 0002',
    ]) {
      const r = validateNik(input);
      expect(r.ok, input).toBe(true);
      expect(r.ok && r.value.digits, input).toBe('6371015508950002');
    }
  });

  it('does not block on region codes, but warns on a 00 part', () => {
    const unknownProvince = validateNik('9901011508950001');
    expect(unknownProvince.ok).toBe(true);
    expect(warningCodes(unknownProvince)).toEqual([]);

    const zeroRegency = validateNik('6300011508950001');
    expect(zeroRegency.ok).toBe(true);
    expect(warningCodes(zeroRegency)).toEqual(['nik_region_code']);
  });

  it('warns on serial 0000', () => {
    const r = validateNik('6371011508950000');
    expect(r.ok).toBe(true);
    expect(warningCodes(r)).toEqual(['nik_serial']);
  });
});

describe('validateNik: invalid numbers', () => {
  it('requires a value', () => {
    expect(errorCodes(validateNik(''))).toEqual(['nik_empty']);
    expect(errorCodes(validateNik('  - . '))).toEqual(['nik_empty']);
  });

  it('rejects letters and other characters', () => {
    expect(errorCodes(validateNik('63710115O8950001'))).toEqual(['nik_not_digits']);
    expect(errorCodes(validateNik('NIK 6371011508950001'))).toEqual(['nik_not_digits']);
    expect(errorCodes(validateNik('6371/01/150895/0001'))).toEqual(['nik_not_digits']);
    expect(errorCodes(validateNik('abc'))).toEqual(['nik_not_digits']);
  });

  it('requires exactly 16 digits', () => {
    expect(errorCodes(validateNik('637101150895001'))).toEqual(['nik_length']); // 15
    expect(errorCodes(validateNik('63710115089500011'))).toEqual(['nik_length']); // 17
    expect(errorCodes(validateNik('6371'))).toEqual(['nik_length']);
    const r = validateNik('637101150895001');
    expect(!r.ok && r.errors[0]?.message).toBe(
      'NIK harus terdiri atas 16 digit angka, sedangkan yang dimasukkan berjumlah 15 digit.',
    );
  });

  it('rejects month 13 and month 00', () => {
    expect(errorCodes(validateNik('6371011513950001'))).toEqual(['nik_month']);
    expect(errorCodes(validateNik('6371011500950001'))).toEqual(['nik_month']);
  });

  it('rejects day 00, 32–40 and 72+', () => {
    expect(errorCodes(validateNik('6371010008950001'))).toEqual(['nik_day']);
    expect(errorCodes(validateNik('6371013208950001'))).toEqual(['nik_day']);
    expect(errorCodes(validateNik('6371014008950001'))).toEqual(['nik_day']);
    expect(errorCodes(validateNik('6371017208950001'))).toEqual(['nik_day']);
    expect(errorCodes(validateNik('6371019908950001'))).toEqual(['nik_day']);
  });

  it('reports day and month together', () => {
    expect(errorCodes(validateNik('6371010013950001'))).toEqual(['nik_day', 'nik_month']);
  });

  it('rejects 31-04 (also for a woman, 71-04)', () => {
    expect(errorCodes(validateNik('6371013104950001'))).toEqual(['nik_date']);
    expect(errorCodes(validateNik('6371017104950001'))).toEqual(['nik_date']);
    expect(errorCodes(validateNik('6371013111950001'))).toEqual(['nik_date']); // 31-11
  });

  it('rejects 30-02 in any year', () => {
    expect(errorCodes(validateNik('6371013002000001'))).toEqual(['nik_date']);
  });

  it('rejects 29-02 when the year is a leap year in neither century', () => {
    const r = validateNik('6371012902010001');
    expect(errorCodes(r)).toEqual(['nik_date']);
    expect(!r.ok && r.errors[0]?.message).toBe(
      'Tanggal lahir pada NIK (29-02-01) tidak terdapat dalam kalender, baik untuk tahun 1901 maupun 2001.',
    );
    expect(errorCodes(validateNik('6371016902990001'))).toEqual(['nik_date']); // woman, 1999/2099
  });

  it('keeps warnings on a failed result', () => {
    const r = validateNik('6300013104950000');
    expect(errorCodes(r)).toEqual(['nik_date']);
    expect(warningCodes(r)).toEqual(['nik_region_code', 'nik_serial']);
  });

  it('writes every message as a full Indonesian sentence', () => {
    for (const input of ['', 'x', '1', '6371010013950001', '6371013104950001', '6300013104950000']) {
      const r = validateNik(input);
      for (const i of [...(r.ok ? [] : r.errors), ...r.warnings]) {
        expect(i.message).toMatch(/^[A-Z].*[.?]$/);
      }
    }
  });
});

describe('calendar helpers', () => {
  it('follows the Gregorian leap-year rule', () => {
    expect(isLeapYear(2000)).toBe(true);
    expect(isLeapYear(1900)).toBe(false);
    expect(isLeapYear(2024)).toBe(true);
    expect(isLeapYear(2023)).toBe(false);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2024, 4)).toBe(30);
    expect(daysInMonth(2024, 12)).toBe(31);
  });
});
