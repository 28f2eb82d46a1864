/**
 * NIK (Nomor Induk Kependudukan), the 16-digit number on the KTP: `PPKKCC DDMMYY SSSS` = province (2),
 * regency/city (2), district (2), day of birth (+40 for women, so 41–71), month, 2-digit year, serial (4).
 * There is no check digit, so only the shape and the birth date can be checked. Region codes are not
 * checked against a list (not confirmed; a region part of 00 only gives a warning). Pure: no I/O.
 */
import { fail, issue, ok, type NikIssueCode, type ValidationIssue, type ValidationResult } from './result';

export type Sex = 'L' | 'P';

export interface NikInfo {
  /** The 16 digits, without separators. This is what is stored. */
  digits: string;
  /** Province code, digits 1–2, e.g. "63" (Kalimantan Selatan). */
  provinceCode: string;
  /**
   * Full regency/city code, digits 1–4, e.g. "6371" (Kota Banjarmasin; "63.71" in Kemendagri notation).
   * Full hierarchical codes are used so that each one is a key on its own.
   */
  regencyCode: string;
  /** Full district (kecamatan) code, digits 1–6, e.g. "637101". */
  districtCode: string;
  /** Serial number, digits 13–16. */
  serial: string;
  /** 'L' laki-laki, 'P' perempuan (day of birth + 40). */
  sex: Sex;
  /**
   * Real calendar dates (ISO `YYYY-MM-DD`) the 2-digit year can stand for, ascending: 19YY and/or 20YY.
   * Usually two; one when only one century gives a real date (29-02-00 → only 2000-02-29). The validator
   * has no clock: a caller that knows today's date drops future candidates.
   */
  birthDateCandidates: string[];
}

/** Spaces (any white space), dots, hyphens and Unicode dashes typed or pasted between digit groups. */
const SEPARATORS = /[\s.\-\u2010-\u2015\u2212]/g;

export function stripNikSeparators(input: string): string {
  return input.replace(SEPARATORS, '');
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * Checks the content of a string of exactly 16 digits: birth date (errors), region parts and serial
 * (warnings).
 */
function nikContentIssues(digits: string): {
  errors: ValidationIssue<NikIssueCode>[];
  warnings: ValidationIssue<NikIssueCode>[];
  sex: Sex | null;
  birthDateCandidates: string[];
} {
  const errors: ValidationIssue<NikIssueCode>[] = [];
  const warnings: ValidationIssue<NikIssueCode>[] = [];

  const dayField = Number(digits.slice(6, 8));
  const month = Number(digits.slice(8, 10));
  const yy = Number(digits.slice(10, 12));

  const dayOk = (dayField >= 1 && dayField <= 31) || (dayField >= 41 && dayField <= 71);
  if (!dayOk) {
    errors.push(
      issue(
        'nik_day',
        `Tanggal lahir pada NIK (digit ke-7 dan ke-8, yaitu ${digits.slice(6, 8)}) harus bernilai 01 sampai ` +
          '31 untuk laki-laki atau 41 sampai 71 untuk perempuan.',
      ),
    );
  }
  const monthOk = month >= 1 && month <= 12;
  if (!monthOk) {
    errors.push(
      issue(
        'nik_month',
        `Bulan lahir pada NIK (digit ke-9 dan ke-10, yaitu ${digits.slice(8, 10)}) harus bernilai 01 sampai 12.`,
      ),
    );
  }

  const sex: Sex | null = dayOk ? (dayField > 40 ? 'P' : 'L') : null;
  const birthDateCandidates: string[] = [];
  if (dayOk && monthOk) {
    const day = dayField > 40 ? dayField - 40 : dayField;
    for (const year of [1900 + yy, 2000 + yy]) {
      if (day <= daysInMonth(year, month)) birthDateCandidates.push(`${year}-${pad2(month)}-${pad2(day)}`);
    }
    if (birthDateCandidates.length === 0) {
      const shown = `${pad2(day)}-${pad2(month)}-${pad2(yy)}`;
      errors.push(
        issue(
          'nik_date',
          `Tanggal lahir pada NIK (${shown}) tidak terdapat dalam kalender, baik untuk tahun ${1900 + yy} ` +
            `maupun ${2000 + yy}.`,
        ),
      );
    }
  }

  const regionParts = [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4, 6)];
  if (regionParts.includes('00')) {
    warnings.push(
      issue(
        'nik_region_code',
        'Kode wilayah pada NIK (digit ke-1 sampai ke-6) memuat angka 00 yang tidak lazim. ' +
          'Mohon periksa kembali NIK pada KTP.',
      ),
    );
  }
  if (digits.slice(12) === '0000') {
    warnings.push(
      issue(
        'nik_serial',
        'Nomor urut pada NIK (empat digit terakhir) bernilai 0000, padahal nomor urut dimulai dari 0001. ' +
          'Mohon periksa kembali NIK pada KTP.',
      ),
    );
  }

  return { errors, warnings, sex, birthDateCandidates };
}

export function validateNik(input: string): ValidationResult<NikInfo, NikIssueCode> {
  const digits = stripNikSeparators(input);
  if (digits === '') return fail([issue('nik_empty', 'NIK wajib diisi.')]);
  if (!/^[0-9]+$/.test(digits)) {
    return fail([issue('nik_not_digits', 'NIK hanya boleh berisi angka.')]);
  }
  if (digits.length !== 16) {
    return fail([
      issue(
        'nik_length',
        `NIK harus terdiri atas 16 digit angka, sedangkan yang dimasukkan berjumlah ${digits.length} digit.`,
      ),
    ]);
  }

  const content = nikContentIssues(digits);
  if (content.errors.length > 0 || content.sex === null) return fail(content.errors, content.warnings);
  return ok(
    {
      digits,
      provinceCode: digits.slice(0, 2),
      regencyCode: digits.slice(0, 4),
      districtCode: digits.slice(0, 6),
      serial: digits.slice(12),
      sex: content.sex,
      birthDateCandidates: content.birthDateCandidates,
    },
    content.warnings,
  );
}
