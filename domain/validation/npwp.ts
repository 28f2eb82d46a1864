/**
 * NPWP (Nomor Pokok Wajib Pajak). Both formats are accepted and stored as digits only:
 *
 * - Old 15-digit format `ST.sss.sss.C-OOO.BBB`: `ST` taxpayer identity, 6-digit serial, check digit `C`,
 *   tax office (KPP) code, branch code (000 = head office / single taxpayer).
 * - 16-digit format (PMK 112/2022, in full use since 1 July 2024): individuals who are residents use their
 *   NIK; companies, agencies and non-resident individuals use a 16-digit NPWP, which for an existing
 *   taxpayer is its 15 digits with a leading 0.
 *
 * Interpretation of a 16-digit number: a leading 0 means "0 + old 15-digit NPWP" (a NIK never starts with 0,
 * since province codes start at 11); anything else is a NIK-based individual NPWP.
 *
 * Taxpayer type: the type digit is `T`, the second digit of the 15-digit number (third of a 16-digit one
 * with the leading 0): 0 bendahara pemerintah, 1–3 badan, 4/6 orang pribadi pengusaha, 5 PNS,
 * 7–9 karyawan. Popular sources write it as the two digits "01–03 badan, 04/06 pengusaha, ..."; real
 * numbers such as 21.xxx / 31.xxx (companies) and 24.xxx, 58.xxx, 97.xxx (individuals) show that the
 * first digit does not carry the type. The sample 01.312.166.0-091.000 is thus a company (01).
 *
 * The check digit is verified with the Luhn (mod 10) algorithm over the first 9 digits. This is
 * *unofficial* (reverse-engineered), so a mismatch is a warning and never blocks. Pure: no I/O.
 */
import { validateNik, type NikInfo } from './nik';
import {
  fail,
  issue,
  ok,
  type NikContentIssueCode,
  type NikIssueCode,
  type NpwpIssueCode,
  type ValidationIssue,
  type ValidationResult,
} from './result';

/** How the number was read: old 15 digits, 16 digits = 0 + old 15 digits, or 16 digits = NIK. */
export type NpwpBasis = 'legacy15' | 'entity16' | 'nik16';

export type NpwpTaxpayerType =
  | 'bendahara_pemerintah'
  | 'badan'
  | 'orang_pribadi_pengusaha'
  | 'pegawai_negeri_sipil'
  | 'karyawan'
  /** A 16-digit NIK-based NPWP: a resident individual; the old type is not encoded in it. */
  | 'orang_pribadi';

export const NPWP_TAXPAYER_TYPE_LABELS: Readonly<Record<NpwpTaxpayerType, string>> = {
  bendahara_pemerintah: 'Bendahara Pemerintah',
  badan: 'Wajib Pajak Badan',
  orang_pribadi_pengusaha: 'Wajib Pajak Orang Pribadi Pengusaha',
  pegawai_negeri_sipil: 'Wajib Pajak Pegawai Negeri Sipil',
  karyawan: 'Wajib Pajak Karyawan',
  orang_pribadi: 'Wajib Pajak Orang Pribadi (NPWP berupa NIK)',
};

/** Parts of an old-format number (also of a 16-digit "0 + 15 digits" one). */
export interface NpwpLegacyParts {
  /** `ST`, the first two digits of the 15-digit number, e.g. "01". */
  identityCode: string;
  /** Type digit `T` (second digit of the 15-digit number). */
  typeDigit: string;
  /** 6-digit serial assigned by the DJP head office. */
  serial: string;
  /** 9th digit of the 15-digit number. */
  checkDigit: string;
  /** Tax office (KPP) code, e.g. "091". */
  taxOfficeCode: string;
  /** Branch code: "000" head office or single taxpayer, "001"… branch (or family member). */
  branchCode: string;
  isHeadOffice: boolean;
}

export interface NpwpInfo {
  /** Digits only (15 or 16). This is what is stored. */
  digits: string;
  basis: NpwpBasis;
  /** Display form, see `formatNpwp`. */
  formatted: string;
  taxpayerType: NpwpTaxpayerType;
  /** Indonesian label of `taxpayerType`. */
  taxpayerTypeLabel: string;
  /** Decoded old-format parts, for `legacy15` and `entity16`; null for `nik16`. */
  legacy: NpwpLegacyParts | null;
  /** The old 15-digit number this one corresponds to (for `legacy15` and `entity16`), else null. */
  npwp15: string | null;
  /** For `nik16`: the decoded NIK when it passes the NIK checks, else null (the NPWP is still accepted). */
  nik: NikInfo | null;
}

/** Strips everything but the digits 0–9; for type-ahead search on a partly typed NPWP. */
export function npwpPrefixDigits(input: string): string {
  return input.replace(/[^0-9]/g, '');
}

/** Luhn (mod 10): true when the last digit of `digits` is the Luhn check digit of the ones before it. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Display form of an NPWP, from digits or any punctuated input:
 * - 15 digits → `01.312.166.0-091.000` (the format printed on the old NPWP card);
 * - 16 digits → four groups of four joined by dots, `0013.1216.6009.1000`. DJP itself shows 16-digit
 *   numbers unpunctuated; groups of four are chosen for reading aloud at the counter, and the dots keep
 *   the same separator as the old format while the group lengths make the two formats impossible to
 *   confuse. Pasting either form back into a validator gives the same digits.
 * Any other length is returned unchanged (a value that is not a valid NPWP is shown as it is).
 */
export function formatNpwp(input: string): string {
  const d = npwpPrefixDigits(input);
  if (d.length === 15) {
    return `${d.slice(0, 2)}.${d.slice(2, 5)}.${d.slice(5, 8)}.${d.slice(8, 9)}-${d.slice(9, 12)}.${d.slice(12)}`;
  }
  if (d.length === 16) return `${d.slice(0, 4)}.${d.slice(4, 8)}.${d.slice(8, 12)}.${d.slice(12)}`;
  return input;
}

export function taxpayerTypeFromDigit(typeDigit: string): Exclude<NpwpTaxpayerType, 'orang_pribadi'> {
  switch (typeDigit) {
    case '0':
      return 'bendahara_pemerintah';
    case '1':
    case '2':
    case '3':
      return 'badan';
    case '4':
    case '6':
      return 'orang_pribadi_pengusaha';
    case '5':
      return 'pegawai_negeri_sipil';
    default:
      return 'karyawan';
  }
}

function legacyParts(d15: string): NpwpLegacyParts {
  return {
    identityCode: d15.slice(0, 2),
    typeDigit: d15.slice(1, 2),
    serial: d15.slice(2, 8),
    checkDigit: d15.slice(8, 9),
    taxOfficeCode: d15.slice(9, 12),
    branchCode: d15.slice(12, 15),
    isHeadOffice: d15.slice(12, 15) === '000',
  };
}

const NIK_CONTENT_CODES: readonly string[] = [
  'nik_day',
  'nik_month',
  'nik_date',
  'nik_region_code',
  'nik_serial',
] satisfies readonly NikContentIssueCode[];

function isNikContentCode(code: NikIssueCode): code is NikContentIssueCode {
  return NIK_CONTENT_CODES.includes(code);
}

/** NPWP separators: white space, dots, hyphens and Unicode dashes. */
const SEPARATORS = /[\s.\-\u2010-\u2015\u2212]/g;

export function validateNpwp(input: string): ValidationResult<NpwpInfo, NpwpIssueCode> {
  const digits = input.replace(SEPARATORS, '');
  if (digits === '') return fail([issue('npwp_empty', 'NPWP wajib diisi.')]);
  if (!/^[0-9]+$/.test(digits)) {
    return fail([
      issue('npwp_not_digits', 'NPWP hanya boleh berisi angka, dengan atau tanpa tanda titik dan tanda hubung.'),
    ]);
  }
  if (digits.length !== 15 && digits.length !== 16) {
    const message =
      digits.length === 22
        ? 'Nomor 22 digit adalah NITKU (Nomor Identitas Tempat Kegiatan Usaha), bukan NPWP. ' +
          'NPWP adalah 16 digit pertama dari NITKU tersebut.'
        : 'NPWP harus terdiri atas 15 digit (format lama) atau 16 digit angka, sedangkan yang dimasukkan ' +
          `berjumlah ${digits.length} digit.`;
    return fail([issue('npwp_length', message)]);
  }
  if (/^0+$/.test(digits)) {
    return fail([issue('npwp_zero', 'NPWP yang seluruhnya berisi angka 0 bukan NPWP yang sah.')]);
  }

  const warnings: ValidationIssue<NpwpIssueCode>[] = [];

  if (digits.length === 16 && !digits.startsWith('0')) {
    // An individual's NPWP is their NIK: check it as a NIK, but turn every problem into a warning.
    const nik = validateNik(digits);
    for (const nikIssue of nik.ok ? nik.warnings : [...nik.errors, ...nik.warnings]) {
      // Always a content code here: the input is already known to be 16 digits.
      if (!isNikContentCode(nikIssue.code)) continue;
      warnings.push(
        issue(
          `npwp_${nikIssue.code}` as const,
          `NPWP 16 digit orang pribadi sama dengan NIK pemiliknya. ${nikIssue.message}`,
        ),
      );
    }
    return ok(
      {
        digits,
        basis: 'nik16',
        formatted: formatNpwp(digits),
        taxpayerType: 'orang_pribadi',
        taxpayerTypeLabel: NPWP_TAXPAYER_TYPE_LABELS.orang_pribadi,
        legacy: null,
        npwp15: null,
        nik: nik.ok ? nik.value : null,
      },
      warnings,
    );
  }

  const d15 = digits.length === 15 ? digits : digits.slice(1);
  if (!luhnValid(d15.slice(0, 9))) {
    const position = digits.length === 15 ? 9 : 10;
    warnings.push(
      issue(
        'npwp_check_digit',
        `Digit ke-${position} NPWP (digit pemeriksa) tidak cocok menurut pemeriksaan tidak resmi. ` +
          'Mohon periksa kembali nomor pada kartu atau dokumen NPWP; data tetap dapat disimpan.',
      ),
    );
  }
  const legacy = legacyParts(d15);
  const taxpayerType = taxpayerTypeFromDigit(legacy.typeDigit);
  return ok(
    {
      digits,
      basis: digits.length === 15 ? 'legacy15' : 'entity16',
      formatted: formatNpwp(digits),
      taxpayerType,
      taxpayerTypeLabel: NPWP_TAXPAYER_TYPE_LABELS[taxpayerType],
      legacy,
      npwp15: d15,
      nik: null,
    },
    warnings,
  );
}
