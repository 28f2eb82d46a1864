/**
 * The survey code's hashes (docs/adr/0010). From one secret code T (80 random bits) come two independent
 * SHA-256 values with different prefixes:
 *
 *   tokenHash = SHA-256("LPSE-SKM|token|"  + T)   stored in `survey.token_issued` on the visit's token aggregate
 *   nullifier = SHA-256("LPSE-SKM|respon|" + T)   the response's aggregate id is "skm:" + nullifier
 *
 * Whoever holds T (the visitor's receipt; this PC until the code is used) can compute both; the log holds
 * both but not T, and neither hash gives the other, so the log cannot say which visit a response belongs
 * to. 80 bits make recovering T from its hash by trying every code hopeless (2^80 SHA-256 evaluations),
 * while the code stays short enough to type at the kiosk (16 characters).
 */
import { createHash, randomBytes } from 'node:crypto';
import { SURVEY_RESPONSE_ID_PREFIX } from '../domain/survey/events';
import { TOKEN_ALPHABET, TOKEN_LENGTH } from '../domain/survey/token';

/** Days a code stays valid after it is issued (the complaint window of Perwali 67/2018 Pasal 8 is 30). */
export const TOKEN_VALID_DAYS = 30;

export function newToken(): string {
  // 10 random bytes = 80 bits = 16 base-32 characters.
  const bytes = randomBytes(10);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = TOKEN_LENGTH - 1; i >= 0; i--) out += TOKEN_ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return out;
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(`LPSE-SKM|token|${token}`).digest('hex');
}

export function tokenNullifier(token: string): string {
  return createHash('sha256').update(`LPSE-SKM|respon|${token}`).digest('hex');
}

/** The response aggregate a code answers into: the same id wherever and however often it is used. */
export function responseIdForToken(token: string): string {
  return `${SURVEY_RESPONSE_ID_PREFIX}${tokenNullifier(token)}`;
}

/** A paper questionnaire has no code: a random id of the same shape. */
export function randomResponseId(): string {
  return `${SURVEY_RESPONSE_ID_PREFIX}${randomBytes(32).toString('hex')}`;
}
