import { describe, it, expect } from 'vitest';
import { validateEmail } from './email';
import type { ValidationResult } from './result';

function errorCodes(r: ValidationResult<unknown>): string[] {
  return r.ok ? [] : r.errors.map((e) => e.code);
}
function warningCodes(r: ValidationResult<unknown>): string[] {
  return r.warnings.map((w) => w.code);
}

describe('validateEmail: valid addresses', () => {
  it('accepts common addresses', () => {
    for (const input of [
      'budi@example.com',
      'budi.santoso@gmail.com',
      'lpse@banjarmasinkota.go.id',
      'a+tag@sub.domain.co.id',
      "o'brien@example.org",
      'user_name-1@mail-server.example.net',
      'x@ab.cd',
      '1234@163.com',
    ]) {
      const r = validateEmail(input);
      expect(r.ok, input).toBe(true);
      expect(r.ok && r.value.address, input).toBe(input);
      expect(warningCodes(r), input).toEqual([]);
    }
  });

  it('lowercases the domain only and trims the input', () => {
    const r = validateEmail('  Budi.Santoso@BanjarmasinKota.GO.ID ');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual({
      address: 'Budi.Santoso@banjarmasinkota.go.id',
      local: 'Budi.Santoso',
      domain: 'banjarmasinkota.go.id',
    });
  });

  it('accepts 254 characters but not 255', () => {
    const domain = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.com`; // 195
    const at254 = `${'x'.repeat(254 - 1 - domain.length)}@${domain}`;
    expect(at254.length).toBe(254);
    expect(validateEmail(at254).ok).toBe(true);
    const at255 = `y${at254}`;
    expect(errorCodes(validateEmail(at255))).toEqual(['email_too_long']);
  });

  it('warns on a misspelt common domain without blocking', () => {
    const r = validateEmail('budi@gmail.con');
    expect(r.ok).toBe(true);
    expect(warningCodes(r)).toEqual(['email_domain_typo']);
    expect(r.warnings[0]?.message).toBe('Nama domain gmail.con kemungkinan salah ketik. Apakah yang dimaksud budi@gmail.com?');
    expect(warningCodes(validateEmail('budi@GMIAL.com'))).toEqual(['email_domain_typo']);
    expect(warningCodes(validateEmail('budi@yahoo.co.id'))).toEqual([]);
  });
});

describe('validateEmail: invalid addresses', () => {
  it('requires a value', () => {
    expect(errorCodes(validateEmail(''))).toEqual(['email_empty']);
    expect(errorCodes(validateEmail('   '))).toEqual(['email_empty']);
  });

  it('requires exactly one @', () => {
    expect(errorCodes(validateEmail('budi'))).toEqual(['email_at']);
    expect(errorCodes(validateEmail('budi.gmail.com'))).toEqual(['email_at']);
    expect(errorCodes(validateEmail('a@b@example.com'))).toEqual(['email_at']);
  });

  it('rejects spaces inside', () => {
    expect(errorCodes(validateEmail('budi @gmail.com'))).toEqual(['email_spaces']);
    expect(errorCodes(validateEmail('budi santoso@gmail.com'))).toEqual(['email_spaces']);
    expect(errorCodes(validateEmail('budi@gmail .com'))).toEqual(['email_spaces']);
    expect(errorCodes(validateEmail('budi gmail.com'))).toEqual(['email_spaces', 'email_at']);
  });

  it('checks the local part', () => {
    expect(errorCodes(validateEmail('@gmail.com'))).toEqual(['email_local']);
    expect(errorCodes(validateEmail('.budi@gmail.com'))).toEqual(['email_local']);
    expect(errorCodes(validateEmail('budi.@gmail.com'))).toEqual(['email_local']);
    expect(errorCodes(validateEmail('bu..di@gmail.com'))).toEqual(['email_local']);
    expect(errorCodes(validateEmail('budi,santoso@gmail.com'))).toEqual(['email_local']);
    expect(errorCodes(validateEmail('"budi"@gmail.com'))).toEqual(['email_local']);
    expect(errorCodes(validateEmail('búdi@gmail.com'))).toEqual(['email_local']);
    expect(errorCodes(validateEmail(`${'a'.repeat(65)}@gmail.com`))).toEqual(['email_local']);
    expect(validateEmail(`${'a'.repeat(64)}@gmail.com`).ok).toBe(true);
  });

  it('checks the domain', () => {
    expect(errorCodes(validateEmail('budi@'))).toEqual(['email_domain']);
    expect(errorCodes(validateEmail('budi@gmail'))).toEqual(['email_domain']);
    expect(errorCodes(validateEmail('budi@.gmail.com'))).toEqual(['email_domain']);
    expect(errorCodes(validateEmail('budi@gmail..com'))).toEqual(['email_domain']);
    expect(errorCodes(validateEmail('budi@gmail.com.'))).toEqual(['email_domain']);
    expect(errorCodes(validateEmail('budi@-gmail.com'))).toEqual(['email_domain']);
    expect(errorCodes(validateEmail('budi@gmail-.com'))).toEqual(['email_domain']);
    expect(errorCodes(validateEmail('budi@gma_il.com'))).toEqual(['email_domain']);
    expect(errorCodes(validateEmail('budi@[10.0.0.1]'))).toEqual(['email_domain']);
  });

  it('requires a top-level domain of at least two letters', () => {
    expect(errorCodes(validateEmail('budi@gmail.c'))).toEqual(['email_tld']);
    expect(errorCodes(validateEmail('budi@example.123'))).toEqual(['email_tld']);
    expect(errorCodes(validateEmail('budi@example.c0m'))).toEqual(['email_tld']);
  });

  it('reports local and domain problems together', () => {
    expect(errorCodes(validateEmail('.budi@gmail'))).toEqual(['email_local', 'email_domain']);
  });
});
