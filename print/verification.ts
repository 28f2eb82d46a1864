/**
 * Verification code of a handover receipt (tanda terima berkas).
 *
 * code = first 40 bits of HMAC-SHA256(key = the visit's id, message = "LPSE-TT|" + receipt number), written
 * as 8 Crockford base-32 characters ("K7M2-Q9XD").
 *
 * Why the visit id as the key: it is a UUIDv7 with 74 random bits, it exists on every workstation that holds
 * the visit (synced with it), and it is never printed. So the code needs no secret to distribute or rotate,
 * two workstations offline can never disagree on it, and someone who invents or alters a receipt number
 * cannot produce a matching code without the office's database. Checking a receipt means looking its number
 * up and recomputing the code from the stored visit — which also shows the true record (date, vendor,
 * service) to compare with the paper. A per-office secret key would add nothing: it would live in the same
 * database as the visit ids. 40 bits make guessing a valid code for a given number a 1-in-10^12 chance.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function receiptVerificationCode(visitId: string, receiptNo: string): string {
  const mac = createHmac('sha256', visitId).update(`LPSE-TT|${receiptNo}`).digest();
  // 40 bits → 8 base-32 characters.
  let bits = 0n;
  for (let i = 0; i < 5; i++) bits = (bits << 8n) | BigInt(mac[i]!);
  let out = '';
  for (let i = 7; i >= 0; i--) out += CROCKFORD[Number((bits >> BigInt(i * 5)) & 31n)];
  return `${out.slice(0, 4)}-${out.slice(4)}`;
}

/** Normalises what a person typed: case, spaces, hyphens, and the letters Crockford reads as digits. */
export function normalizeVerificationCode(input: string): string {
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return s.length === 8 ? `${s.slice(0, 4)}-${s.slice(4)}` : s;
}

export function verifyReceiptCode(visitId: string, receiptNo: string, code: string): boolean {
  const expected = Buffer.from(receiptVerificationCode(visitId, receiptNo));
  const given = Buffer.from(normalizeVerificationCode(code));
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The QR payload: compact, machine-readable, and readable by a person scanning it with a phone. */
export function receiptQrText(receiptNo: string, code: string): string {
  return `LPSE-TT:${receiptNo}:${code}`;
}

/** Parses a scanned QR payload; null when it is not a receipt code. */
export function parseReceiptQr(text: string): { receiptNo: string; code: string } | null {
  const m = /^LPSE-TT:([A-Z0-9-]{1,64}):([0-9A-Z]{4}-[0-9A-Z]{4})$/.exec(text.trim());
  return m ? { receiptNo: m[1]!, code: m[2]! } : null;
}
