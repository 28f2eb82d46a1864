/**
 * Email addresses, checked pragmatically rather than by the full RFC 5322 grammar: exactly one @, a local
 * part of the usual characters, a domain name with at least one dot and a top-level domain of two or more
 * letters, no spaces, at most 254 characters. Leading and trailing white space is trimmed; the domain is
 * lowercased (domains are case-insensitive), the local part is kept as typed. Well-known misspellings of
 * common mail domains (gmail.con, yahoo.co.od…) give a warning only. Pure: no I/O.
 */
import { fail, issue, ok, type EmailIssueCode, type ValidationIssue, type ValidationResult } from './result';

export interface EmailInfo {
  /** Normalised address: local part as typed + "@" + lowercased domain. This is what is stored. */
  address: string;
  local: string;
  /** Lowercased domain. */
  domain: string;
}

export const EMAIL_MAX_LENGTH = 254;
export const EMAIL_LOCAL_MAX_LENGTH = 64;

/** Characters allowed in the local part (RFC 5322 atext) besides the dot. */
const LOCAL_CHARS = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$/;
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Common misspellings of the mail domains visitors use most, and what was probably meant. */
const DOMAIN_TYPOS: Readonly<Record<string, string>> = {
  'gmail.con': 'gmail.com',
  'gmail.co': 'gmail.com',
  'gmail.cm': 'gmail.com',
  'gmail.om': 'gmail.com',
  'gmail.comm': 'gmail.com',
  'gmail.co.id': 'gmail.com',
  'gmial.com': 'gmail.com',
  'gmai.com': 'gmail.com',
  'gamil.com': 'gmail.com',
  'gnail.com': 'gmail.com',
  'gmaill.com': 'gmail.com',
  'yahoo.con': 'yahoo.com',
  'yaho.com': 'yahoo.com',
  'yahooo.com': 'yahoo.com',
  'yahoo.co.od': 'yahoo.co.id',
  'yahoo.co.is': 'yahoo.co.id',
  'hotmail.con': 'hotmail.com',
  'hotmial.com': 'hotmail.com',
  'outlook.con': 'outlook.com',
};

export function validateEmail(input: string): ValidationResult<EmailInfo, EmailIssueCode> {
  const text = input.trim();
  if (text === '') return fail([issue('email_empty', 'Alamat email wajib diisi.')]);

  const errors: ValidationIssue<EmailIssueCode>[] = [];
  if (text.length > EMAIL_MAX_LENGTH) {
    errors.push(issue('email_too_long', `Alamat email tidak boleh lebih dari ${EMAIL_MAX_LENGTH} karakter.`));
  }
  if (/\s/.test(text)) {
    errors.push(issue('email_spaces', 'Alamat email tidak boleh mengandung spasi.'));
  }
  const parts = text.split('@');
  if (parts.length !== 2) errors.push(issue('email_at', 'Alamat email harus memuat tepat satu tanda @.'));
  // With a space or a wrong number of @ the parts are not meaningful: report only that.
  if (errors.some((e) => e.code === 'email_spaces' || e.code === 'email_at')) return fail(errors);
  const [local = '', rawDomain = ''] = parts;
  const domain = rawDomain.toLowerCase();

  const localError = checkLocal(local);
  if (localError !== null) errors.push(issue('email_local', localError));
  errors.push(...checkDomain(domain));
  if (errors.length > 0) return fail(errors);

  const warnings: ValidationIssue<EmailIssueCode>[] = [];
  const suggestion = DOMAIN_TYPOS[domain];
  if (suggestion !== undefined) {
    warnings.push(
      issue(
        'email_domain_typo',
        `Nama domain ${domain} kemungkinan salah ketik. Apakah yang dimaksud ${local}@${suggestion}?`,
      ),
    );
  }
  return ok({ address: `${local}@${domain}`, local, domain }, warnings);
}

function checkLocal(local: string): string | null {
  if (local === '') return 'Bagian sebelum tanda @ pada alamat email wajib diisi.';
  if (local.length > EMAIL_LOCAL_MAX_LENGTH) {
    return `Bagian sebelum tanda @ pada alamat email paling banyak ${EMAIL_LOCAL_MAX_LENGTH} karakter.`;
  }
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return (
      'Bagian sebelum tanda @ pada alamat email tidak boleh diawali atau diakhiri tanda titik dan tidak ' +
      'boleh memuat dua tanda titik berurutan.'
    );
  }
  if (!local.split('.').every((atom) => LOCAL_CHARS.test(atom))) {
    return 'Bagian sebelum tanda @ pada alamat email memuat karakter yang tidak diperbolehkan.';
  }
  return null;
}

function checkDomain(domain: string): ValidationIssue<EmailIssueCode>[] {
  const labels = domain.split('.');
  const tld = labels[labels.length - 1] ?? '';
  const wellFormed =
    domain.length <= 253 && labels.length >= 2 && labels.every((label) => DOMAIN_LABEL.test(label));
  if (!wellFormed) {
    return [
      issue(
        'email_domain',
        'Nama domain pada alamat email (bagian setelah tanda @) tidak sah. Contoh yang benar: nama@gmail.com ' +
          'atau nama@banjarmasinkota.go.id.',
      ),
    ];
  }
  if (!/^[a-z]{2,}$/.test(tld)) {
    return [
      issue(
        'email_tld',
        'Akhiran domain pada alamat email (misalnya .com atau .id) harus terdiri atas sekurang-kurangnya ' +
          'dua huruf.',
      ),
    ];
  }
  return [];
}
