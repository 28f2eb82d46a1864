/**
 * Result type shared by the identity and contact validators (NIK, NPWP, telephone, email). Pure: no I/O.
 *
 * A validator never throws on bad input. It returns either the normalised value (`ok: true`) or the errors
 * that block saving (`ok: false`). Warnings never block: they carry *unofficial* checks (e.g. the NPWP Luhn
 * digit) and likely typing mistakes, and the counter officer decides. `code` is stable and machine-readable
 * (closed union per validator, below); `message` is a formal Indonesian sentence ready for the counter UI.
 */

export interface ValidationIssue<C extends string = string> {
  code: C;
  /** Formal Indonesian sentence, shown as is to the counter officer or the visitor. */
  message: string;
}

export type ValidationResult<T, C extends string = string> =
  | { ok: true; value: T; warnings: ValidationIssue<C>[] }
  | { ok: false; errors: ValidationIssue<C>[]; warnings: ValidationIssue<C>[] };

/** NIK problems about the shape of the input; they are always errors. */
export type NikFormatIssueCode = 'nik_empty' | 'nik_not_digits' | 'nik_length';

/**
 * NIK problems about the content of a 16-digit number.
 * Errors: `nik_day`, `nik_month`, `nik_date`. Warnings: `nik_region_code` (a region part is 00),
 * `nik_serial` (serial 0000).
 */
export type NikContentIssueCode = 'nik_day' | 'nik_month' | 'nik_date' | 'nik_region_code' | 'nik_serial';

export type NikIssueCode = NikFormatIssueCode | NikContentIssueCode;

/**
 * NPWP problems. Errors: `npwp_empty`, `npwp_not_digits`, `npwp_length`, `npwp_zero`.
 * Warnings: `npwp_check_digit` (unofficial Luhn check) and `npwp_nik_*` (a 16-digit individual NPWP is the
 * holder's NIK; NIK problems found in it are reported as warnings only).
 */
export type NpwpIssueCode =
  | 'npwp_empty'
  | 'npwp_not_digits'
  | 'npwp_length'
  | 'npwp_zero'
  | 'npwp_check_digit'
  | `npwp_${NikContentIssueCode}`;

/** Telephone problems; all are errors. */
export type PhoneIssueCode =
  | 'phone_empty'
  | 'phone_invalid_chars'
  | 'phone_country_code'
  | 'phone_prefix'
  | 'phone_too_short'
  | 'phone_too_long';

/** Email problems. Errors: all but `email_domain_typo`, which is a warning (a likely misspelt common domain). */
export type EmailIssueCode =
  | 'email_empty'
  | 'email_too_long'
  | 'email_spaces'
  | 'email_at'
  | 'email_local'
  | 'email_domain'
  | 'email_tld'
  | 'email_domain_typo';

export type ValidationIssueCode = NikIssueCode | NpwpIssueCode | PhoneIssueCode | EmailIssueCode;

export function issue<C extends string>(code: C, message: string): ValidationIssue<C> {
  return { code, message };
}

export function ok<T, C extends string>(value: T, warnings: ValidationIssue<C>[] = []): ValidationResult<T, C> {
  return { ok: true, value, warnings };
}

export function fail<T, C extends string>(
  errors: ValidationIssue<C>[],
  warnings: ValidationIssue<C>[] = [],
): ValidationResult<T, C> {
  return { ok: false, errors, warnings };
}
