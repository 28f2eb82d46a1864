/**
 * The complainant's secret code for the status page of their own complaint: 10 characters of Crockford
 * base 32 (50 random bits), shown as `XXXXX-XXXXX`, typed loosely (lower case, spaces, O for 0, I/L for 1).
 * Only its SHA-256, bound to the complaint's id, is stored (in the event and the server's index): a code
 * opens its own complaint and nothing else, and cannot be read back from the log.
 */
import crypto from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newStatusCode(): string {
  const bytes = crypto.randomBytes(10);
  let out = '';
  for (const b of bytes) out += ALPHABET[b & 31];
  return `${out.slice(0, 5)}-${out.slice(5)}`;
}

export function normalizeStatusCode(text: string): string | null {
  const s = text
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return /^[0-9A-HJKMNP-TV-Z]{10}$/.test(s) ? s : null;
}

export function statusCodeHash(complaintId: string, code: string): string {
  return crypto.createHash('sha256').update(`LPSE-PGD|${complaintId}|${normalizeStatusCode(code) ?? ''}`).digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && crypto.timingSafeEqual(x, y);
}
