/**
 * The survey code of a visit (kode survei): 16 Crockford base-32 characters (80 random bits), printed on the
 * receipt as "K7QM-3XD9-PA2F-HV8C" and inside its QR code. What the log stores of it, and why 80 bits, is in
 * docs/adr/0010; the hashing lives in the backend (backend/survey/token.ts). This module only writes, reads
 * and recognises the code as people and scanners present it. Pure.
 */

/** The answer to a code whose response is already taken, the same at the kiosk, on the phone page and on every PC. */
export const USED_CODE_MESSAGE = 'Kode survei ini sudah digunakan. Setiap kunjungan dapat mengisi survei satu kali. Terima kasih atas partisipasi Anda.';

export const TOKEN_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TOKEN_LENGTH = 16;

/** Path of the central server's public survey page for an office (phase 2 serves it). */
export function surveyPagePath(officeId: string): string {
  return `/kantor/${encodeURIComponent(officeId)}/survei`;
}

/**
 * The URL in the receipt's QR code. The code travels in the fragment (`#t=`), which a browser never sends to
 * a server: it cannot end up in a web server's access log, a proxy's log or a Referer header.
 */
export function surveyUrl(serverUrl: string, officeId: string, token: string): string {
  return `${serverUrl.replace(/\/+$/, '')}${surveyPagePath(officeId)}#t=${token}`;
}

/** The QR payload when the workstation is not enrolled with a server: readable by the counter's kiosk only. */
export function kioskQrText(token: string): string {
  return `LPSE-SKM:${token}`;
}

export function formatToken(token: string): string {
  return token.match(/.{1,4}/g)!.join('-');
}

/** Case, spaces and hyphens as typed; the letters Crockford reads as digits (O → 0, I and L → 1). */
export function normalizeTokenText(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export function isToken(s: string): boolean {
  if (s.length !== TOKEN_LENGTH) return false;
  for (const ch of s) if (!TOKEN_ALPHABET.includes(ch)) return false;
  return true;
}

/**
 * The code from what a person typed or a scanner read: the bare code (with or without hyphens), the kiosk's
 * QR text `LPSE-SKM:<code>`, or the server URL with `#t=<code>`. Null when it is none of these.
 */
export function parseTokenInput(input: string): string | null {
  const text = input.trim();
  if (text === '' || text.length > 500) return null;
  const fromUrl = /[#&?]t=([0-9A-Za-z-]+)/.exec(text);
  const fromKiosk = /^LPSE-SKM:([0-9A-Za-z-]+)$/i.exec(text);
  const raw = fromUrl?.[1] ?? fromKiosk?.[1] ?? text;
  const t = normalizeTokenText(raw);
  return isToken(t) ? t : null;
}
