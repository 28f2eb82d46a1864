/**
 * The central server's public pages, apart from the device routes (`/v1/…`): `/kantor/<slug>/…` for an
 * office that switched them on (`office public --office ID --slug SLUG --on`), and `/publik/gaya.css`.
 * Forms are `application/x-www-form-urlencoded` only, with a small body limit; every refusal is an
 * Indonesian HTML page with a 4xx status and records nothing.
 *
 * The shell is shared by every set of public pages (`PublicPageModule`): the complaint and suggestion pages
 * (`complaint-form.ts`, ADR 0012) now, the satisfaction survey's page next. A module gets `PublicRoutes`: the
 * office of the address, the rate limits, the form checks (shape, honeypot, token), the page shell, and
 * `write`, which records the server's own events in the office's log with issue 10's signed
 * `appendServerEventIn` (ADR 0011) under the office lock and wakes the office's waiting workstations.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import type { EventType, PayloadOf, StoredEvent } from '../../domain/events/schema';
import { html, type SafeHtml } from '../../print/html';
import type { ServerDB } from '../schema';
import type { Store } from '../store';
import { appendServerEventIn, lockOffice, type ServerKey } from '../trust';
import { complaintPages } from './complaint-form';
import { maklumatOfOffice, maklumatSection, registerMaklumatPage } from './maklumat-page';
import { SURVEY_SCRIPT, SURVEY_SCRIPT_PATH, surveyPages } from './survey-page';
import { DEFAULT_PUBLIC_RULES, FormTokens, honeypotFilled, HONEYPOT_FIELD, loadFormSecret, TOKEN_FIELD, TOKEN_MESSAGES, type RateKind, type RateRule } from './guard';
import { officeHeader, publicOfficeBySlug, type PublicOffice } from './office-log';
import { PUBLIC_CSS, PUBLIC_CSS_PATH, PUBLIC_HEADERS, publicPage, type PageLink, type PageOffice } from './page';

/** Largest form body: the longest complaint (5,000 characters of text plus the other fields) fits easily. */
export const PUBLIC_BODY_LIMIT = 64 * 1024;

export interface PublicOptions {
  store: Store;
  serverKey: ServerKey;
  epoch: string;
  now: () => number;
  rules?: Partial<Record<RateKind, RateRule>>;
  /** Shortest time between serving a form and its submission (default 3 s; tests set 0). */
  minFillMs?: number;
}

/** What a module's handlers write with: the transaction (office locked) and the signed append. */
export interface ServerWriter {
  tx: Transaction<ServerDB>;
  append<T extends EventType>(input: { type: T; aggregateId: string; payload: PayloadOf<T> }): Promise<StoredEvent>;
}

/** What every public page handler gets: the office, its header, and the guards. */
export interface PublicRoutes {
  options: PublicOptions;
  tokens: FormTokens;
  /** Resolves the office of `:slug`, or answers 404 (unknown, or pages switched off) and returns null. */
  office(req: FastifyRequest, reply: FastifyReply): Promise<{ office: PublicOffice; header: PageOffice } | null>;
  /** Counts the request against a limit of its address; answers 429 and returns false when over it. */
  allow(req: FastifyRequest, reply: FastifyReply, kind: RateKind, header: PageOffice | null): Promise<boolean>;
  /**
   * Checks a posted form's shape, honeypot and token; answers 400 and returns null when it fails. A token
   * sent too soon or too late is not answered here: the form comes back with what was typed (`timing`).
   */
  form(req: FastifyRequest, reply: FastifyReply, scope: string, allowed: readonly string[], header: PageOffice): { fields: Record<string, string>; timing: string | null } | null;
  /**
   * Records the server's own events in the office's log, in one transaction holding the office lock (so a
   * number drawn inside is the office's next), each signed with the server's key; the office's workstations
   * are woken once it has committed.
   */
  write<T>(officeId: string, now: number, work: (w: ServerWriter) => Promise<T>): Promise<T>;
  /** Answers with a page; `headers` replaces the default ones (a page with its own scripts: PUBLIC_SCRIPT_HEADERS). */
  send(reply: FastifyReply, status: number, page: string, headers?: Readonly<Record<string, string>>): FastifyReply;
  messagePage(header: PageOffice | null, title: string, message: string | SafeHtml, links?: PageLink[]): string;
}

/** A set of public pages: its section of the office's start page, and its routes (under `/kantor`). */
export interface PublicPageModule {
  startSection(office: PublicOffice): SafeHtml;
  register(scope: FastifyInstance, routes: PublicRoutes): void;
}

/** The public pages this server offers. */
const MODULES: readonly PublicPageModule[] = [complaintPages, surveyPages];

class PublicRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function registerPublicRoutes(app: FastifyInstance, opts: PublicOptions): Promise<void> {
  const { store } = opts;
  const secret = await loadFormSecret(store.db);
  const tokens = new FormTokens(secret, { minAgeMs: opts.minFillMs ?? 3_000, maxAgeMs: 2 * 60 * 60_000 });
  const rules: Record<RateKind, RateRule> = { ...DEFAULT_PUBLIC_RULES, ...opts.rules };
  // @fastify/rate-limit (registered by the sync server, ADR 0011), one limiter per purpose shared by every
  // public route of that purpose, keyed by the client's address, in stores apart from the device routes'.
  const limiters = new Map(
    (Object.keys(rules) as RateKind[]).map((kind) => [kind, app.createRateLimit({ keyGenerator: (req) => `publik:${kind}:${req.ip}`, max: rules[kind].limit, timeWindow: rules[kind].windowMs })]),
  );

  const send = (reply: FastifyReply, status: number, page: string, headers: Readonly<Record<string, string>> = PUBLIC_HEADERS) =>
    reply.code(status).headers(headers).type('text/html; charset=utf-8').send(page);
  const messagePage = (header: PageOffice | null, title: string, message: string | SafeHtml, links?: PageLink[]) =>
    publicPage({ title, office: header, links, body: html`<h1>${title}</h1><p>${message}</p>` });

  const routes: PublicRoutes = {
    options: opts,
    tokens,
    async office(req, reply) {
      const slug = (req.params as { slug?: string }).slug ?? '';
      const office = await publicOfficeBySlug(store.db, slug);
      if (!office) {
        send(reply, 404, messagePage(null, 'Halaman tidak ditemukan', 'Alamat ini tidak dikenal, atau layanan daring kantor ini sedang tidak dibuka. Silakan hubungi kantor secara langsung.'));
        return null;
      }
      return { office, header: await officeHeader(store.db, office) };
    },
    async allow(req, reply, kind, header) {
      const limit = await limiters.get(kind)!(req);
      if (limit.isAllowed || !limit.isExceeded) return true;
      const wait = Math.max(1, limit.ttlInSeconds);
      reply.header('retry-after', String(wait));
      send(reply, 429, messagePage(header, 'Terlalu banyak permintaan', `Terlalu banyak permintaan dari jaringan Anda. Silakan coba lagi sekitar ${Math.ceil(wait / 60)} menit lagi.`));
      return false;
    },
    form(req, reply, scope, allowed, header) {
      const body = req.body;
      if (!body || typeof body !== 'object' || Array.isArray(body)) {
        send(reply, 400, messagePage(header, 'Permintaan tidak valid', 'Formulir tidak terbaca. Muat ulang halaman lalu isi kembali.'));
        return null;
      }
      const fields = body as Record<string, unknown>;
      // A bot: refused without recording anything (a person never sees this field).
      if (honeypotFilled(fields)) {
        send(reply, 400, messagePage(header, 'Permintaan ditolak', 'Formulir ini tidak dapat diterima. Bila Anda mengisinya sendiri, muat ulang halaman lalu isi kembali.'));
        return null;
      }
      const unknown = Object.keys(fields).filter((k) => !allowed.includes(k) && k !== TOKEN_FIELD && k !== HONEYPOT_FIELD);
      if (unknown.length > 0 || Object.values(fields).some((v) => typeof v !== 'string')) {
        send(reply, 400, messagePage(header, 'Permintaan tidak valid', 'Formulir berisi isian yang tidak dikenal. Muat ulang halaman lalu isi kembali.'));
        return null;
      }
      const problem = tokens.check(scope, fields[TOKEN_FIELD], opts.now());
      if (problem === 'missing' || problem === 'invalid') {
        send(reply, 400, messagePage(header, 'Formulir perlu diisi ulang', TOKEN_MESSAGES[problem]));
        return null;
      }
      return { fields: fields as Record<string, string>, timing: problem ? TOKEN_MESSAGES[problem] : null };
    },
    async write(officeId, now, work) {
      let appended = 0;
      const out = await store.db.transaction().execute(async (tx) => {
        await lockOffice(tx, store.dialect, officeId);
        return work({
          tx,
          append: async (input) => {
            const { event } = await appendServerEventIn(tx, store.dialect, opts.serverKey, officeId, input, now);
            appended++;
            return event;
          },
        });
      });
      if (appended > 0) store.onAppended?.(officeId);
      return out;
    },
    send,
    messagePage,
  };

  app.get(SURVEY_SCRIPT_PATH, async (_req, reply) => reply.headers({ 'cache-control': 'public, max-age=3600', 'x-content-type-options': 'nosniff' }).type('text/javascript; charset=utf-8').send(SURVEY_SCRIPT));
  app.get(PUBLIC_CSS_PATH, async (_req, reply) => reply.headers({ 'cache-control': 'public, max-age=3600', 'x-content-type-options': 'nosniff' }).type('text/css; charset=utf-8').send(PUBLIC_CSS));

  await app.register(
    async (scope) => {
      // Forms only; the limit applies to the raw body. A JSON body, a file upload or a huge post is refused.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: PUBLIC_BODY_LIMIT }, (_req, body, done) => {
        try {
          const params = new URLSearchParams(body as string);
          const out: Record<string, string | string[]> = {};
          for (const [k, v] of params) {
            const prev = out[k];
            out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
          }
          done(null, out);
        } catch {
          done(new PublicRefusal(400, 'Formulir tidak terbaca.'), undefined);
        }
      });
      scope.setErrorHandler((err: Error & { code?: string; statusCode?: number }, _req, reply) => {
        if (err instanceof PublicRefusal) return send(reply, err.status, messagePage(null, 'Permintaan tidak valid', err.message));
        if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return send(reply, 413, messagePage(null, 'Isian terlalu panjang', 'Isian formulir melebihi batas. Persingkat uraian Anda lalu kirim kembali.'));
        if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return send(reply, 415, messagePage(null, 'Permintaan tidak valid', 'Kirim melalui formulir pada halaman ini.'));
        if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) return send(reply, err.statusCode, messagePage(null, 'Permintaan tidak valid', 'Permintaan tidak dapat diproses.'));
        reply.log.error({ err: { message: err.message, code: err.code } }, 'public_page_failed');
        return send(reply, 500, messagePage(null, 'Terjadi kesalahan', 'Maaf, terjadi kesalahan pada server. Silakan coba beberapa saat lagi atau sampaikan langsung di kantor.'));
      });
      scope.setNotFoundHandler((_req, reply) => send(reply, 404, messagePage(null, 'Halaman tidak ditemukan', 'Alamat ini tidak dikenal.')));

      // The office's start page: what it offers online, a section per module.
      scope.get('/:slug', async (req, reply) => {
        const o = await routes.office(req, reply);
        if (!o || !(await routes.allow(req, reply, 'view', o.header))) return reply;
        // Issue 14 (Perwali Pasal 7): the maklumat pelayanan in force opens the office's page.
        const maklumat = await maklumatOfOffice(store.db, o.office.id, opts.now());
        const body = html`<h1>Layanan daring</h1>${maklumat ? maklumatSection(maklumat, 'h2') : ''}${MODULES.map((m) => m.startSection(o.office))}`;
        return send(reply, 200, publicPage({ title: 'Layanan daring', office: o.header, body }));
      });
      for (const m of MODULES) m.register(scope, routes);
      registerMaklumatPage(scope, routes);
    },
    { prefix: '/kantor' },
  );
}
