import { describe, it, expect } from 'vitest';
import { formatPhoneNational, validatePhone } from './phone';
import type { ValidationResult } from './result';

function errorCodes(r: ValidationResult<unknown>): string[] {
  return r.ok ? [] : r.errors.map((e) => e.code);
}

describe('validatePhone: mobile numbers', () => {
  it('normalises every accepted notation to E.164', () => {
    for (const input of [
      '081234567890',
      '0812-3456-7890',
      '0812 3456 7890',
      '0812.3456.7890',
      '(0812) 3456 7890',
      '+6281234567890',
      '+62 812-3456-7890',
      '+62 (812) 3456 7890',
      '(+62) 812 3456 7890',
      '6281234567890',
      '62 812 3456 7890',
      '0062 812 3456 7890',
      '+62 (0)812 3456 7890',
      '+62 0812 3456 7890',
      ' 081234567890 ',
    ]) {
      const r = validatePhone(input);
      expect(r.ok, input).toBe(true);
      if (!r.ok) continue;
      expect(r.value.e164, input).toBe('+6281234567890');
      expect(r.value.national, input).toBe('081234567890');
      expect(r.value.kind, input).toBe('mobile');
      expect(r.value.areaCode, input).toBeNull();
      expect(r.warnings, input).toEqual([]);
    }
  });

  it('accepts 10 to 13 digits in national form', () => {
    expect(validatePhone('0812345678').ok).toBe(true); // 10
    expect(validatePhone('08123456789').ok).toBe(true); // 11
    expect(validatePhone('0812345678901').ok).toBe(true); // 13
    expect(validatePhone('+62812345678901').ok).toBe(true); // 13 national
    expect(validatePhone('08951234567').ok).toBe(true);
  });

  it('rejects too short and too long mobile numbers', () => {
    expect(errorCodes(validatePhone('081234567'))).toEqual(['phone_too_short']); // 9
    expect(errorCodes(validatePhone('+6281234567'))).toEqual(['phone_too_short']);
    expect(errorCodes(validatePhone('08'))).toEqual(['phone_too_short']);
    expect(errorCodes(validatePhone('08123456789012'))).toEqual(['phone_too_long']); // 14
    expect(errorCodes(validatePhone('+628123456789012'))).toEqual(['phone_too_long']);
  });
});

describe('validatePhone: fixed-line numbers', () => {
  it('accepts a Banjarmasin number in several notations', () => {
    for (const input of ['(0511) 3252123', '0511-3252123', '0511 325 2123', '05113252123', '+62 511 3252123', '62-511-3252123']) {
      const r = validatePhone(input);
      expect(r.ok, input).toBe(true);
      if (!r.ok) continue;
      expect(r.value.e164, input).toBe('+625113252123');
      expect(r.value.kind, input).toBe('landline');
      expect(r.value.areaCode, input).toBe('0511');
      expect(r.value.formatted, input).toBe('(0511) 3252123');
    }
  });

  it('knows the two-digit area codes', () => {
    const jakarta = validatePhone('(021) 2345 6789');
    expect(jakarta.ok && jakarta.value.areaCode).toBe('021');
    expect(jakarta.ok && jakarta.value.e164).toBe('+622123456789');
    const medan = validatePhone('061-4567890');
    expect(medan.ok && medan.value.areaCode).toBe('061');
    const papua = validatePhone('(0967) 533123');
    expect(papua.ok && papua.value.areaCode).toBe('0967');
  });

  it('accepts subscriber numbers of 5 to 8 digits', () => {
    expect(validatePhone('0511 12345').ok).toBe(true);
    expect(validatePhone('0511 12345678').ok).toBe(true);
    expect(validatePhone('021 12345').ok).toBe(true);
  });

  it('rejects too short and too long subscriber numbers', () => {
    expect(errorCodes(validatePhone('0511 1234'))).toEqual(['phone_too_short']);
    expect(errorCodes(validatePhone('0511'))).toEqual(['phone_too_short']);
    expect(errorCodes(validatePhone('05'))).toEqual(['phone_too_short']);
    expect(errorCodes(validatePhone('0511 123456789'))).toEqual(['phone_too_long']);
    expect(errorCodes(validatePhone('021 123456789'))).toEqual(['phone_too_long']);
  });
});

describe('validatePhone: other errors', () => {
  it('requires a value', () => {
    expect(errorCodes(validatePhone(''))).toEqual(['phone_empty']);
    expect(errorCodes(validatePhone(' ( ) - '))).toEqual(['phone_empty']);
  });

  it('rejects letters and a + that is not in front', () => {
    expect(errorCodes(validatePhone('0812-3456-78a0'))).toEqual(['phone_invalid_chars']);
    expect(errorCodes(validatePhone('telp 081234567890'))).toEqual(['phone_invalid_chars']);
    expect(errorCodes(validatePhone('0812+34567890'))).toEqual(['phone_invalid_chars']);
    expect(errorCodes(validatePhone('0812/34567890'))).toEqual(['phone_invalid_chars']);
  });

  it('rejects foreign country codes', () => {
    expect(errorCodes(validatePhone('+1 212 555 0100'))).toEqual(['phone_country_code']);
    expect(errorCodes(validatePhone('+60 12-345 6789'))).toEqual(['phone_country_code']);
    expect(errorCodes(validatePhone('0065 6123 4567'))).toEqual(['phone_country_code']);
  });

  it('rejects numbers without a valid prefix', () => {
    expect(errorCodes(validatePhone('81234567890'))).toEqual(['phone_prefix']);
    expect(errorCodes(validatePhone('5113252123'))).toEqual(['phone_prefix']);
    expect(errorCodes(validatePhone('0800 1234 567'))).toEqual(['phone_prefix']);
    expect(errorCodes(validatePhone('0111 234567'))).toEqual(['phone_prefix']);
  });
});

describe('formatPhoneNational', () => {
  it('formats mobile numbers in groups', () => {
    expect(formatPhoneNational('+6281234567890')).toBe('0812-3456-7890');
    expect(formatPhoneNational('0812345678')).toBe('0812-345-678');
    expect(formatPhoneNational('08123456789')).toBe('0812-3456-789');
    expect(formatPhoneNational('0812345678901')).toBe('0812-3456-78901');
  });

  it('puts the area code of a fixed line in parentheses', () => {
    expect(formatPhoneNational('+625113252123')).toBe('(0511) 3252123');
    expect(formatPhoneNational('+622123456789')).toBe('(021) 23456789');
  });

  it('returns invalid input unchanged', () => {
    expect(formatPhoneNational('12345')).toBe('12345');
    expect(formatPhoneNational('')).toBe('');
  });
});
