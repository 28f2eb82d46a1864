/**
 * Protection of the public pages against abuse, without any third-party service (issue 12; reused by the
 * satisfaction survey's page):
 * - **rate limits** per client address and purpose (viewing, submitting, looking up a status), counted by
 *   @fastify/rate-limit (the device routes' limiter, ADR 0011) in stores of their own, apart from the device
 *   routes' (`index.ts`); in memory per server instance (behind a load balancer each instance limits on its
 *   own, which still bounds a flood to N × the rate). The address is Fastify's `req.ip`, which believes
 *   X-Forwarded-For only from the proxies named in TRUST_PROXY;
 * - a **honeypot**: a text field people never see or reach (off-screen, `tabindex=-1`, `aria-hidden`, no
 *   autocomplete); a form that fills it is refused and nothing is recorded;
 * - a **form token**: the time the form was served and the office, signed with the server's own secret
 *   (HMAC-SHA256). A submission must carry a valid token of the same office, sent at least a few seconds and
 *   at most two hours after the form was served: a bot posting blind, or instantly, is refused.
 * Size limits are the route's body limit and each field's maximum length (`complaint-form.ts`).
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { html, raw, type SafeHtml } from '../../print/html';
import type { ServerDB } from '../schema';

export const HONEYPOT_FIELD = 'situs_web';
export const TOKEN_FIELD = 'token_formulir';

export interface RateRule {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
}

export const DEFAULT_PUBLIC_RULES = {
  /** Viewing pages. */
  view: { limit: 120, windowMs: 60_000 },
  /** Sending a complaint, a suggestion or a supplement. */
  submit: { limit: 5, windowMs: 10 * 60_000 },
  /** Looking up a complaint's status with its number and code (guessing must stay hopeless). */
  lookup: { limit: 10, windowMs: 10 * 60_000 },
} as const satisfies Record<string, RateRule>;

export type RateKind = keyof typeof DEFAULT_PUBLIC_RULES;

/** The server's secret for form tokens, created once and shared by every instance on the same database. */
export async function loadFormSecret(db: Kysely<ServerDB>): Promise<Buffer> {
  const read = () => db.selectFrom('server_meta').select('value').where('key', '=', 'public_form_secret').executeTakeFirst();
  let row = await read();
  if (!row) {
    await db
      .insertInto('server_meta')
      .values({ key: 'public_form_secret', value: crypto.randomBytes(32).toString('base64url') })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    row = await read();
  }
  return Buffer.from(row!.value, 'base64url');
}

export type TokenProblem = 'missing' | 'invalid' | 'too_fast' | 'expired';

export interface FormTokenOptions {
  /** A person needs at least this long to fill a form. */
  minAgeMs: number;
  maxAgeMs: number;
}

export const DEFAULT_TOKEN_OPTIONS: FormTokenOptions = { minAgeMs: 3_000, maxAgeMs: 2 * 60 * 60_000 };

export class FormTokens {
  constructor(
    private readonly secret: Buffer,
    private readonly opts: FormTokenOptions = DEFAULT_TOKEN_OPTIONS,
  ) {}

  private mac(scope: string, issuedAt: number): string {
    return crypto.createHmac('sha256', this.secret).update(`${scope}|${issuedAt}`).digest('base64url').slice(0, 32);
  }

  /** `scope` ties the token to one office's one form, e.g. `<office id>|pengaduan`. */
  issue(scope: string, now: number): string {
    return `${now.toString(36)}.${this.mac(scope, now)}`;
  }

  check(scope: string, token: unknown, now: number): TokenProblem | null {
    if (typeof token !== 'string' || token === '') return 'missing';
    const m = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{32})$/.exec(token);
    if (!m) return 'invalid';
    const issuedAt = parseInt(m[1]!, 36);
    const expected = Buffer.from(this.mac(scope, issuedAt));
    const given = Buffer.from(m[2]!);
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return 'invalid';
    if (now - issuedAt < this.opts.minAgeMs) return 'too_fast';
    if (now - issuedAt > this.opts.maxAgeMs) return 'expired';
    return null;
  }
}

export const TOKEN_MESSAGES: Record<TokenProblem, string> = {
  missing: 'Formulir tidak lengkap. Muat ulang halaman lalu isi kembali.',
  invalid: 'Formulir tidak dikenali. Muat ulang halaman lalu isi kembali.',
  too_fast: 'Formulir terkirim terlalu cepat. Periksa isian Anda, lalu kirim sekali lagi.',
  expired: 'Formulir sudah terlalu lama dibuka (lebih dari 2 jam). Muat ulang halaman lalu isi kembali.',
};

/** The hidden fields every public form carries: its token, and the honeypot people never see. */
export function guardFields(token: string): SafeHtml {
  return html`<input type="hidden" name="${TOKEN_FIELD}" value="${token}"><div class="hp" aria-hidden="true"><label for="f-${HONEYPOT_FIELD}">Jangan diisi</label><input type="text" id="f-${HONEYPOT_FIELD}" name="${HONEYPOT_FIELD}" value="" tabindex="-1" autocomplete="off"></div>${raw('')}`;
}

/** True when the honeypot was filled: a bot. */
export function honeypotFilled(body: Record<string, unknown>): boolean {
  const v = body[HONEYPOT_FIELD];
  return typeof v === 'string' ? v.trim() !== '' : v !== undefined;
}

