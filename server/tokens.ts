/**
 * Secrets the server hands out. Enrollment codes are short enough to type (80 random bits, Crockford
 * base32, grouped), one-time and expiring; device tokens are 256 random bits. Both are high-entropy, so a
 * plain SHA-256 is the right at-rest hash (a slow password hash adds nothing against brute force of 2^80,
 * and would cost every authenticated request).
 */
import crypto from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newEnrollmentCode(): string {
  const bytes = crypto.randomBytes(10); // 80 bits → 16 base32 characters
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{4}/g)!.join('-');
}

/**
 * What a person may type for a code: lower case, spaces or dashes anywhere, and the letters Crockford
 * base32 reads as digits (O → 0, I and L → 1). Returns null when it cannot be a code.
 */
export function normalizeEnrollmentCode(input: string): string | null {
  const s = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{16}$/.test(s)) return null;
  return s;
}

export function hashSecret(secret: string): string {
  return crypto.createHash('sha256').update(secret).digest('hex');
}

export const DEVICE_TOKEN_PREFIX = 'lpsd_';

export function newDeviceToken(): string {
  return DEVICE_TOKEN_PREFIX + crypto.randomBytes(32).toString('base64url');
}

/** A token as the Authorization header must carry it, or null. */
export function parseBearer(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer ([A-Za-z0-9_-]{10,200})$/.exec(header);
  return m ? m[1]! : null;
}
