import { describe, it, expect } from 'vitest';
import { formatNpwp, luhnValid, npwpPrefixDigits, validateNpwp } from './npwp';
import type { ValidationResult } from './result';

function errorCodes(r: ValidationResult<unknown>): string[] {
  return r.ok ? [] : r.errors.map((e) => e.code);
}
function warningCodes(r: ValidationResult<unknown>): string[] {
  return r.warnings.map((w) => w.code);
}

describe('validateNpwp: old 15-digit format', () => {
  it('accepts the samples from the domain rules without warnings', () => {
    for (const input of ['01.312.166.0-091.000', '02.183.241.5-000.000']) {
      const r = validateNpwp(input);
      expect(r.ok, input).toBe(true);
      expect(warningCodes(r), input).toEqual([]);
    }
  });

  it('decodes the parts and stores digits only', () => {
    const r = validateNpwp('01.312.166.0-091.000');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual({
      digits: '013121660091000',
      basis: 'legacy15',
      formatted: '01.312.166.0-091.000',
      taxpayerType: 'badan',
      taxpayerTypeLabel: 'Wajib Pajak Badan',
      legacy: {
        identityCode: '01',
        typeDigit: '1',
        serial: '312166',
        checkDigit: '0',
        taxOfficeCode: '091',
        branchCode: '000',
        isHeadOffice: true,
      },
      npwp15: '013121660091000',
      nik: null,
    });
  });

  it('accepts punctuation variants', () => {
    for (const input of [
      '013121660091000',
      '01 312 166 0 091 000',
      '01.312.166.0.091.000',
      '01-312-166-0-091-000',
      ' 01.312.166.0 - 091.000 ',
      '01.312.166.0\u2013091.000',
    ]) {
      const r = validateNpwp(input);
      expect(r.ok, input).toBe(true);
      expect(r.ok && r.value.digits, input).toBe('013121660091000');
      expect(warningCodes(r), input).toEqual([]);
    }
  });

  it('warns, but does not block, when the unofficial Luhn check fails', () => {
    const r = validateNpwp('01.312.166.1-091.000');
    expect(r.ok).toBe(true);
    expect(warningCodes(r)).toEqual(['npwp_check_digit']);
    expect(r.warnings[0]?.message).toMatch(/^Digit ke-9 NPWP/);
    expect(r.ok && r.value.digits).toBe('013121661091000');
    expect(warningCodes(validateNpwp('02.183.241.6-000.000'))).toEqual(['npwp_check_digit']);
    expect(warningCodes(validateNpwp('10.312.166.0-091.000'))).toEqual(['npwp_check_digit']);
  });

  it('decodes the taxpayer type from the type digit (second digit)', () => {
    const cases: [string, string][] = [
      ['00.123.456.6-731.000', 'bendahara_pemerintah'],
      ['01.312.166.0-091.000', 'badan'],
      ['21.123.456.2-731.000', 'badan'],
      ['31.654.321.4-731.000', 'badan'],
      ['03.000.001.2-731.000', 'badan'],
      ['44.123.456.4-731.000', 'orang_pribadi_pengusaha'],
      ['24.123.456.6-731.000', 'orang_pribadi_pengusaha'],
      ['06.123.456.3-731.000', 'orang_pribadi_pengusaha'],
      ['05.123.456.5-731.000', 'pegawai_negeri_sipil'],
      ['25.123.456.3-731.000', 'pegawai_negeri_sipil'],
      ['58.123.456.4-731.000', 'karyawan'],
      ['97.123.456.2-731.000', 'karyawan'],
    ];
    for (const [input, type] of cases) {
      const r = validateNpwp(input);
      expect(r.ok, input).toBe(true);
      expect(warningCodes(r), input).toEqual([]);
      expect(r.ok && r.value.taxpayerType, input).toBe(type);
    }
  });

  it('recognises a branch', () => {
    const r = validateNpwp('01.312.166.0-091.001');
    expect(r.ok && r.value.legacy?.isHeadOffice).toBe(false);
    expect(r.ok && r.value.legacy?.branchCode).toBe('001');
  });
});

describe('validateNpwp: 16-digit format', () => {
  it('reads a leading 0 as a company number: 0 + the old 15 digits', () => {
    for (const input of ['0013121660091000', '0013.1216.6009.1000', '0013 1216 6009 1000', '0 01.312.166.0-091.000']) {
      const r = validateNpwp(input);
      expect(r.ok, input).toBe(true);
      expect(warningCodes(r), input).toEqual([]);
      if (!r.ok) continue;
      expect(r.value.digits).toBe('0013121660091000');
      expect(r.value.basis).toBe('entity16');
      expect(r.value.npwp15).toBe('013121660091000');
      expect(r.value.taxpayerType).toBe('badan');
      expect(r.value.legacy?.taxOfficeCode).toBe('091');
      expect(r.value.formatted).toBe('0013.1216.6009.1000');
    }
    expect(warningCodes(validateNpwp('0021832415000000'))).toEqual([]);
  });

  it('applies the Luhn warning over the first 10 digits of a leading-0 number', () => {
    const r = validateNpwp('0013121661091000');
    expect(r.ok).toBe(true);
    expect(warningCodes(r)).toEqual(['npwp_check_digit']);
    expect(r.warnings[0]?.message).toMatch(/^Digit ke-10 NPWP/);
  });

  it('reads any other 16 digits as an individual NIK-based NPWP', () => {
    const r = validateNpwp('6371015508950002');
    expect(r.ok).toBe(true);
    expect(warningCodes(r)).toEqual([]);
    if (!r.ok) return;
    expect(r.value.basis).toBe('nik16');
    expect(r.value.taxpayerType).toBe('orang_pribadi');
    expect(r.value.legacy).toBeNull();
    expect(r.value.npwp15).toBeNull();
    expect(r.value.nik?.sex).toBe('P');
    expect(r.value.nik?.regencyCode).toBe('6371');
    expect(r.value.formatted).toBe('6371.0155.0895.0002');
  });

  it('turns NIK errors into warnings for an individual NPWP', () => {
    const month = validateNpwp('6371 0115 1395 0001');
    expect(month.ok).toBe(true);
    expect(warningCodes(month)).toEqual(['npwp_nik_month']);
    expect(month.ok && month.value.nik).toBeNull();
    expect(month.warnings[0]?.message).toMatch(/^NPWP 16 digit orang pribadi sama dengan NIK pemiliknya\. Bulan/);

    const date = validateNpwp('6371013104950000');
    expect(date.ok).toBe(true);
    expect(warningCodes(date)).toEqual(['npwp_nik_date', 'npwp_nik_serial']);

    const day = validateNpwp('6371010008950001');
    expect(warningCodes(day)).toEqual(['npwp_nik_day']);

    const region = validateNpwp('6300011508950001');
    expect(region.ok && region.value.nik?.districtCode).toBe('630001');
    expect(warningCodes(region)).toEqual(['npwp_nik_region_code']);
  });
});

describe('validateNpwp: errors', () => {
  it('requires a value', () => {
    expect(errorCodes(validateNpwp(''))).toEqual(['npwp_empty']);
    expect(errorCodes(validateNpwp(' .-. '))).toEqual(['npwp_empty']);
  });

  it('rejects letters and other characters', () => {
    expect(errorCodes(validateNpwp('O1.312.166.0-091.000'))).toEqual(['npwp_not_digits']);
    expect(errorCodes(validateNpwp('01/312/166/0/091/000'))).toEqual(['npwp_not_digits']);
    expect(errorCodes(validateNpwp('NPWP 013121660091000'))).toEqual(['npwp_not_digits']);
  });

  it('rejects lengths other than 15 and 16', () => {
    expect(errorCodes(validateNpwp('01.312.166.0-091.00'))).toEqual(['npwp_length']); // 14
    expect(errorCodes(validateNpwp('01312166009100011'))).toEqual(['npwp_length']); // 17
    expect(errorCodes(validateNpwp('013121660'))).toEqual(['npwp_length']);
    const r = validateNpwp('01.312.166.0-091.00');
    expect(!r.ok && r.errors[0]?.message).toBe(
      'NPWP harus terdiri atas 15 digit (format lama) atau 16 digit angka, sedangkan yang dimasukkan berjumlah 14 digit.',
    );
  });

  it('explains a 22-digit NITKU', () => {
    const r = validateNpwp('0013121660091000000001');
    expect(errorCodes(r)).toEqual(['npwp_length']);
    expect(!r.ok && r.errors[0]?.message).toMatch(/NITKU/);
  });

  it('rejects the all-zero placeholder', () => {
    expect(errorCodes(validateNpwp('00.000.000.0-000.000'))).toEqual(['npwp_zero']);
    expect(errorCodes(validateNpwp('0000000000000000'))).toEqual(['npwp_zero']);
  });
});

describe('formatNpwp and npwpPrefixDigits', () => {
  it('formats 15 digits in the card format', () => {
    expect(formatNpwp('013121660091000')).toBe('01.312.166.0-091.000');
    expect(formatNpwp('02 183 241 5 000 000')).toBe('02.183.241.5-000.000');
  });

  it('formats 16 digits in dotted groups of four', () => {
    expect(formatNpwp('0013121660091000')).toBe('0013.1216.6009.1000');
    expect(formatNpwp('6371015508950002')).toBe('6371.0155.0895.0002');
  });

  it('returns other input unchanged', () => {
    expect(formatNpwp('01312')).toBe('01312');
    expect(formatNpwp('')).toBe('');
    expect(formatNpwp('01.312.1')).toBe('01.312.1');
  });

  it('round-trips through validateNpwp', () => {
    for (const digits of ['013121660091000', '0013121660091000', '6371015508950002']) {
      const r = validateNpwp(formatNpwp(digits));
      expect(r.ok && r.value.digits).toBe(digits);
    }
  });

  it('keeps only digits for type-ahead', () => {
    expect(npwpPrefixDigits('01.312.16')).toBe('0131216');
    expect(npwpPrefixDigits('01.312.166.0-')).toBe('013121660');
    expect(npwpPrefixDigits(' abc ')).toBe('');
  });

  it('computes Luhn', () => {
    expect(luhnValid('013121660')).toBe(true);
    expect(luhnValid('021832415')).toBe(true);
    expect(luhnValid('0013121660')).toBe(true);
    expect(luhnValid('013121661')).toBe(false);
    expect(luhnValid('79927398713')).toBe(true); // the textbook Luhn example
  });
});
