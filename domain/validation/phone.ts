/**
 * Indonesian telephone numbers, mobile and fixed line, normalised to E.164 (`+62…`). Pure: no I/O.
 *
 * Accepted input: national form `08…` / `0511…`, international `+62…`, `62…` or `0062…`, with spaces,
 * hyphens, dots and parentheses anywhere, e.g. `(0511) 3252123`, `+62 812-3456-7890`. A trunk 0 after the
 * country code (`+62 (0)812…`, `+62 0812…`) is tolerated and dropped.
 *
 * - Mobile: `08` followed by 8–11 digits (10–13 digits in national form). `080…` is not a mobile range
 *   (0800 toll-free, 0809 premium) and is rejected.
 * - Fixed line: `0` + area code of 2 or 3 digits (first digit 2–7 or 9) + subscriber number of 5–8 digits.
 *   The two-digit area codes are 21 Jakarta, 22 Bandung, 24 Semarang, 31 Surabaya and 61 Medan; all others
 *   (e.g. 511 Banjarmasin) have three digits.
 */
import { fail, issue, ok, type PhoneIssueCode, type ValidationResult } from './result';

export type PhoneKind = 'mobile' | 'landline';

export interface PhoneInfo {
  /** E.164 form, e.g. "+6281234567890" or "+625113252123". This is what is stored. */
  e164: string;
  /** National digits with the trunk 0, e.g. "081234567890". */
  national: string;
  kind: PhoneKind;
  /** Area code with its trunk 0 for a fixed line ("0511", "021"); null for mobile numbers. */
  areaCode: string | null;
  /** National display form, see `formatPhoneNational`. */
  formatted: string;
}

const TWO_DIGIT_AREA_CODES = ['21', '22', '24', '31', '61'];

/** Separators accepted between digits: white space, hyphens and Unicode dashes, dots, parentheses. */
const SEPARATORS = /[\s.\-\u2010-\u2015\u2212()]/g;

function formatNational(national: string, kind: PhoneKind, areaCode: string | null): string {
  if (kind === 'landline' && areaCode !== null) return `(${areaCode}) ${national.slice(areaCode.length)}`;
  // Mobile: 0812-345-678, 0812-3456-789, 0812-3456-7890, 0812-3456-78901.
  const head = national.slice(0, 4);
  const rest = national.slice(4);
  const middle = rest.length <= 6 ? 3 : 4;
  return `${head}-${rest.slice(0, middle)}-${rest.slice(middle)}`;
}

export function validatePhone(input: string): ValidationResult<PhoneInfo, PhoneIssueCode> {
  const compact = input.replace(SEPARATORS, '');
  if (compact === '') return fail([issue('phone_empty', 'Nomor telepon wajib diisi.')]);
  if (!/^\+?[0-9]+$/.test(compact)) {
    return fail([
      issue(
        'phone_invalid_chars',
        'Nomor telepon hanya boleh berisi angka, tanda + di awal, spasi, tanda hubung, titik, dan tanda kurung.',
      ),
    ]);
  }

  let afterCountryCode: string | null = null;
  if (compact.startsWith('+')) {
    if (!compact.startsWith('+62')) return fail([countryCodeIssue()]);
    afterCountryCode = compact.slice(3);
  } else if (compact.startsWith('00')) {
    if (!compact.startsWith('0062')) return fail([countryCodeIssue()]);
    afterCountryCode = compact.slice(4);
  } else if (compact.startsWith('62')) {
    afterCountryCode = compact.slice(2);
  } else if (!compact.startsWith('0')) {
    return fail([prefixIssue()]);
  }
  const national =
    afterCountryCode === null ? compact : afterCountryCode.startsWith('0') ? afterCountryCode : `0${afterCountryCode}`;

  const first = national.charAt(1);
  if (first === '') {
    return fail([issue('phone_too_short', 'Nomor telepon terlalu pendek.')]);
  }

  if (first === '8') {
    if (national.charAt(2) === '0') {
      return fail([
        issue(
          'phone_prefix',
          'Nomor yang diawali 080 adalah nomor layanan khusus, bukan nomor telepon seluler atau telepon ' +
            'rumah/kantor.',
        ),
      ]);
    }
    if (national.length < 10) {
      return fail([
        issue(
          'phone_too_short',
          'Nomor telepon seluler terlalu pendek. Nomor seluler terdiri atas 10 sampai 13 digit, diawali 08.',
        ),
      ]);
    }
    if (national.length > 13) {
      return fail([
        issue(
          'phone_too_long',
          'Nomor telepon seluler terlalu panjang. Nomor seluler terdiri atas 10 sampai 13 digit, diawali 08.',
        ),
      ]);
    }
    return ok(info(national, 'mobile', null));
  }

  if (!/[2-79]/.test(first)) return fail([prefixIssue()]);

  const areaDigits = TWO_DIGIT_AREA_CODES.includes(national.slice(1, 3)) ? 2 : 3;
  const areaCode = national.slice(0, 1 + areaDigits);
  const subscriber = national.slice(1 + areaDigits);
  if (areaCode.length < 1 + areaDigits || subscriber.length < 5) {
    return fail([
      issue(
        'phone_too_short',
        'Nomor telepon rumah/kantor terlalu pendek. Setelah kode wilayah (misalnya 0511) harus ada 5 sampai ' +
          '8 digit nomor pelanggan.',
      ),
    ]);
  }
  if (subscriber.length > 8) {
    return fail([
      issue(
        'phone_too_long',
        'Nomor telepon rumah/kantor terlalu panjang. Setelah kode wilayah (misalnya 0511) hanya boleh ada 5 ' +
          'sampai 8 digit nomor pelanggan.',
      ),
    ]);
  }
  return ok(info(national, 'landline', areaCode));
}

function info(national: string, kind: PhoneKind, areaCode: string | null): PhoneInfo {
  return {
    e164: `+62${national.slice(1)}`,
    national,
    kind,
    areaCode,
    formatted: formatNational(national, kind, areaCode),
  };
}

function countryCodeIssue() {
  return issue(
    'phone_country_code' as const,
    'Hanya nomor telepon Indonesia (kode negara +62) yang dapat diterima.',
  );
}

function prefixIssue() {
  return issue(
    'phone_prefix' as const,
    'Nomor telepon harus diawali 08 untuk telepon seluler, kode wilayah seperti 0511 untuk telepon ' +
      'rumah/kantor, atau kode negara +62.',
  );
}

/**
 * National display form of a telephone number given in any accepted form (including the stored E.164):
 * mobile `0812-3456-7890`, fixed line `(0511) 3252123`. Input that is not a valid number is returned
 * unchanged.
 */
export function formatPhoneNational(input: string): string {
  const result = validatePhone(input);
  return result.ok ? result.value.formatted : input;
}
