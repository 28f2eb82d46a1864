/**
 * The HTTP face of the sync server (Fastify). Requests are validated with the zod schemas of the wire
 * protocol; every error is `{ error: { code, message } }` with an Indonesian message; the office is always
 * taken from the device token.
 */
import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import zlib from 'node:zlib';
import { Transform, type Readable } from 'node:stream';
import { promisify } from 'node:util';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import type { z } from 'zod';
import {
  deviceKeyRequest,
  enrollRequest,
  pullQuery,
  surveyClaimRequest,
  waitQuery,
  isValidPushRequest,
  MAX_PULL_LIMIT,
  MAX_PUSH_EVENTS,
  pushRequest,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  type ServerErrorCode,
} from '../contract/sync-protocol';
import { pulledEventJson } from '../domain/events/codec';
import { readEpoch, type ServerDatabase } from './db';
import {
  authenticate,
  deviceSession,
  enrollDevice,
  getOffice,
  ping,
  pullEvents,
  pushEvents,
  registerDeviceKey,
  serverKeyOf,
  touchDevice,
  type AuthedDevice,
  type Store,
} from './store';
import { serverScrubIdle } from './privacy';
import { parseBearer } from './tokens';
import { registerPublicRoutes, type PublicOptions } from './public';
import { claimForKiosk, releaseHeldAnswers, type ReleaseReport } from './survey';
import { attestLegacyEvents, type EventRefusalCode } from './trust';
import { OfficeSignals } from './wait';

const gzip = promisify(zlib.gzip);

/** How often held phone survey answers are checked for release. */
const SURVEY_RELEASE_MS = 10 * 60_000;

export interface ServerOptions {
  database: ServerDatabase;
  now?: () => number;
  /** Largest request body after decompression, in bytes. */
  bodyLimit?: number;
  /** Enrollment attempts per client address per minute. */
  enrollPerMinute?: number;
  /** Requests without a valid device token, per client address per minute (a valid device is never counted here). */
  authFailPerMinute?: number;
  /** Requests per authenticated device per minute. */
  devicePerMinute?: number;
  /**
   * Addresses (or CIDR ranges) of the reverse proxies whose X-Forwarded-For is believed (see README). Never
   * "any": a client could then name its own address and slip past the per-address limits.
   */
  trustProxy?: readonly string[];
  /** Whole request (headers and body) must arrive within this (ms): stalled uploads are cut off with 408. */
  requestTimeoutMs?: number;
  /**
   * Under load (event-loop delay beyond this, ms) new requests get 503 with Retry-After instead of queuing
   * (@fastify/under-pressure). Set by the server process (`MAX_EVENT_LOOP_DELAY_MS`); off when a server is
   * built inside another program (tests, bench), whose own work would count as the server's load.
   */
  maxEventLoopDelayMs?: number;
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** Where the JSON log lines go (default stdout); tests capture them. */
  logStream?: { write(line: string): void };
  /** Built-in TLS: PEM certificate and key. */
  https?: { cert: Buffer; key: Buffer };
  /**
   * Called after each stored push (the bench times ingest with it): `ingestMs` runs from the handler's
   * start (body received, inflated and parsed) through validation, dedupe, insert and commit; `requestMs` is
   * Fastify's whole request time, including receiving the body while the client still sends it.
   */
  onPushTimed?: (t: { ingestMs: number; requestMs: number; events: number }) => void;
  /** The public complaint and suggestion pages (issue 12): rate limits and the shortest fill time. */
  publicPages?: Pick<PublicOptions, 'rules' | 'minFillMs'>;
}

export interface SyncServer {
  app: FastifyInstance;
  store: Store;
  epoch: string;
  /** Long-polling workstations waiting for their office's next events (GET /v1/wait). */
  signals: OfficeSignals;
  /** Writes the held phone survey answers that are due (server/survey.ts); also run every ten minutes. */
  releaseSurvey(): Promise<ReleaseReport>;
}

const MESSAGES: Record<ServerErrorCode, string> = {
  invalid_request: 'Permintaan tidak valid.',
  unauthorized: 'Perangkat ini tidak lagi terdaftar di server pusat. Hubungi supervisor untuk mendaftarkan ulang.',
  device_revoked: 'Perangkat ini tidak lagi terdaftar di server pusat. Hubungi supervisor untuk mendaftarkan ulang.',
  enrollment_code_invalid: 'Kode pendaftaran tidak valid, sudah dipakai, atau sudah kedaluwarsa. Minta kode baru kepada admin server.',
  rate_limited: 'Terlalu banyak percobaan. Silakan tunggu sebentar lalu coba lagi.',
  body_too_large: 'Data yang dikirim terlalu besar.',
  unsupported_media_type: 'Jenis data yang dikirim tidak didukung.',
  not_found: 'Alamat tidak ditemukan di server pusat.',
  sequence_gap: 'Server pusat belum menerima sebagian data perangkat ini; data akan dikirim ulang.',
  cursor_unknown: 'Server pusat tidak mengenali posisi sinkronisasi perangkat ini (kemungkinan dipulihkan dari cadangan); sinkronisasi diulang dari awal.',
  unavailable: 'Basis data server pusat tidak dapat dihubungi.',
  internal: 'Terjadi kesalahan pada server pusat.',
  event_refused: 'Server pusat menolak data dari perangkat ini karena tanda tangan atau asal datanya tidak sah.',
  clock_ahead: 'Server pusat menolak data yang waktunya lebih dari 24 jam di depan jam server. Periksa tanggal dan jam komputer ini.',
  key_conflict: 'Perangkat ini sudah terdaftar dengan kunci tanda tangan lain di server pusat. Hubungi admin server untuk mencabut dan mendaftarkan ulang perangkat ini.',
  app_outdated: 'Versi aplikasi di komputer ini terlalu lama untuk server pusat. Perbarui aplikasi LPSE Counter, lalu daftarkan lagi.',
  timeout: 'Permintaan terlalu lama diterima server pusat.',
};

/** Why an event of a push was refused, said to the person at the sending PC. */
const REFUSAL_TEXT: Record<EventRefusalCode, string> = {
  device_mismatch: 'data itu tercatat atas nama perangkat lain',
  unsigned: 'data itu tidak ditandatangani',
  bad_signature: 'tanda tangan data itu tidak sah',
  unknown_key: 'kunci tanda tangannya tidak dikenal server',
  key_revoked: 'kunci tanda tangannya sudah dicabut',
  clock_ahead: 'waktunya lebih dari 24 jam di depan jam server',
  payload_too_deep: 'isinya bertingkat terlalu dalam',
  payload_too_large: 'isinya terlalu besar',
  payload_number_out_of_range: 'isinya memuat angka di luar rentang',
  payload_invalid_value: 'isinya memuat nilai yang tidak sah',
  payload_too_wide: 'isinya memuat daftar yang terlalu panjang',
};

const STATUS: Record<ServerErrorCode, number> = {
  invalid_request: 400,
  unauthorized: 401,
  device_revoked: 401,
  enrollment_code_invalid: 400,
  rate_limited: 429,
  body_too_large: 413,
  unsupported_media_type: 415,
  not_found: 404,
  sequence_gap: 409,
  cursor_unknown: 409,
  unavailable: 503,
  internal: 500,
  event_refused: 403,
  clock_ahead: 422,
  key_conflict: 409,
  app_outdated: 426,
  timeout: 408,
};

declare module 'fastify' {
  interface FastifyRequest {
    device: AuthedDevice | null;
    /** Why the token was refused, when it was (the handler answers 401 after the rate limit counted it). */
    authFailure: 'unknown' | 'revoked' | null;
  }
}

class HttpError extends Error {
  constructor(
    readonly code: ServerErrorCode,
    message?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message ?? MESSAGES[code]);
  }
}

export async function buildServer(opts: ServerOptions): Promise<SyncServer> {
  const now = opts.now ?? (() => Date.now());
  const signals = new OfficeSignals();
  // Every commit that grows an office's log wakes its waiting workstations: pushes and the server's own
  // events (device keys at enrollment or registration, revocations) alike.
  const store: Store = { db: opts.database.db, dialect: opts.database.dialect, onAppended: (officeId) => signals.notify(officeId) };
  const epoch = await readEpoch(store.db);
  const serverKey = await serverKeyOf(store);
  // Events stored before signatures existed: vouched for by the server once, before it serves them.
  const attested = await attestLegacyEvents(store.db, serverKey);
  const bodyLimit = opts.bodyLimit ?? 16 * 1024 * 1024;
  const lastTouched = new Map<string, number>();
  const requestTimeout = opts.requestTimeoutMs ?? 120_000;

  const app = Fastify({
    bodyLimit,
    // Only the named proxies' X-Forwarded-For is believed (Fastify/proxy-addr semantics).
    trustProxy: opts.trustProxy && opts.trustProxy.length > 0 ? [...opts.trustProxy] : false,
    // A request (headers and body) that has not fully arrived in time is answered 408 and closed, so stalled
    // uploads cannot pile up; idle keep-alive connections close after a while too.
    requestTimeout,
    connectionTimeout: requestTimeout + 10_000,
    keepAliveTimeout: 65_000,
    // Node checks request timeouts only every `connectionsCheckingInterval` (30 s by default): checked
    // often enough here that the timeout means what it says.
    serverFactory: (handler) => {
      const o = { requestTimeout, connectionsCheckingInterval: Math.max(250, Math.min(5000, Math.floor(requestTimeout / 4))) };
      return opts.https ? https.createServer({ ...o, ...opts.https }, handler) : http.createServer(o, handler);
    },
    logger:
      opts.logLevel === 'silent'
        ? false
        : {
            level: opts.logLevel ?? 'info',
            ...(opts.logStream ? { stream: opts.logStream } : {}),
            // Method, path and status only: no headers (the token), no bodies (personal data), no query.
            serializers: {
              req: (req: { method: string; url: string }) => ({ method: req.method, path: req.url.split('?')[0] }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
          },
    // One line per request, written below, instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
  });
  app.decorateRequest('device', null);
  app.decorateRequest('authFailure', null);
  if (attested > 0) app.log.info({ events: attested }, 'legacy_events_attested');

  // Rate limits (@fastify/rate-limit), per route: enrollment per client address; authenticated routes per
  // device once the token is valid, and per address only for requests without a valid token, so a flood of
  // bad tokens from one address (or from behind one proxy) never locks out the valid devices there.
  await app.register(rateLimit, {
    global: false,
    hook: 'preHandler',
    cache: 10_000,
    errorResponseBuilder: (_req, ctx) => new HttpError('rate_limited', undefined, { retryAfterSeconds: Math.max(1, Math.ceil(ctx.ttl / 1000)) }),
  });
  // Under load, answer 503 with Retry-After at once rather than let requests queue without bound.
  if (opts.maxEventLoopDelayMs) await app.register(underPressure, {
    maxEventLoopDelay: opts.maxEventLoopDelayMs,
    retryAfter: 10,
    exposeStatusRoute: false,
    pressureHandler: (_req, reply) => {
      void sendError(reply.header('retry-after', '10'), 'unavailable', 'Server pusat sedang sibuk. Data tetap tersimpan di komputer ini dan dikirim otomatis nanti.');
    },
  });

  // Request decompression: a gzip body is inflated here; the body limit applies to the inflated size.
  app.addHook('preParsing', async (req, _reply, payload) => {
    const enc = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (enc === 'identity') return payload;
    if (enc !== 'gzip') throw new HttpError('unsupported_media_type', 'Kompresi data tidak didukung (gunakan gzip).');
    let encoded = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _e, cb) {
        encoded += chunk.length;
        cb(null, chunk);
      },
    });
    const gunzip = zlib.createGunzip();
    const out = (payload as Readable).pipe(counter).pipe(gunzip) as Readable & { receivedEncodedLength?: number };
    Object.defineProperty(out, 'receivedEncodedLength', { get: () => encoded });
    return out;
  });

  // Response compression for bodies worth it (pull pages); tiny answers stay plain.
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-server-time', String(now()));
    if (typeof payload !== 'string' || payload.length < 2048) return payload;
    if (!/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return payload;
    reply.header('content-encoding', 'gzip');
    reply.header('vary', 'accept-encoding');
    reply.removeHeader('content-length');
    return gzip(payload, { level: 1 });
  });

  // Polls that find nothing new are the bulk of the traffic (every PC, every few seconds): debug level.
  app.addHook('onResponse', async (req, reply) => {
    const path = req.url.split('?')[0];
    const routine = reply.statusCode === 200 && req.method === 'GET' && (path === '/v1/events' || path === '/health');
    const line = { method: req.method, path, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 };
    if (routine) req.log.debug(line, 'request');
    else req.log.info(line, 'request');
  });

  const pushTimes = new WeakMap<FastifyRequest, number>();
  if (opts.onPushTimed) {
    const onPushTimed = opts.onPushTimed;
    app.addHook('onResponse', async (req, reply) => {
      const ingestMs = pushTimes.get(req);
      if (ingestMs === undefined) return;
      const n = (req.body as { events?: unknown[] } | undefined)?.events?.length ?? 0;
      onPushTimed({ ingestMs, requestMs: reply.elapsedTime, events: n });
    });
  }

  app.setErrorHandler((err: Error & { code?: string; statusCode?: number }, req, reply) => {
    if (err instanceof HttpError) return sendError(reply, err.code, err.message, err.extra);
    switch (err.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendError(reply, 'body_too_large');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendError(reply, 'unsupported_media_type', 'Jenis data yang dikirim tidak didukung (gunakan application/json).');
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return sendError(reply, 'invalid_request');
      case 'Z_DATA_ERROR':
      case 'Z_BUF_ERROR':
        return sendError(reply, 'invalid_request', 'Data terkompresi rusak.');
      default:
        break;
    }
    if (err instanceof SyntaxError || err.statusCode === 400) return sendError(reply, 'invalid_request', 'Data yang dikirim bukan JSON yang valid.');
    // JSON nested deeper than the parser's stack: a malformed request, not a server failure.
    if (err instanceof RangeError) return sendError(reply, 'invalid_request', 'Data yang dikirim bertingkat terlalu dalam.');
    if (err.statusCode === 408) return sendError(reply, 'timeout');
    if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) return sendError(reply, 'invalid_request');
    req.log.error({ err: { message: err.message, code: err.code } }, 'request_failed');
    return sendError(reply, 'internal');
  });
  app.setNotFoundHandler((_req, reply) => sendError(reply, 'not_found'));

  function sendError(reply: FastifyReply, code: ServerErrorCode, message = MESSAGES[code], extra: Record<string, unknown> = {}) {
    return reply
      .code(STATUS[code])
      .type('application/json; charset=utf-8')
      .send(JSON.stringify({ error: { code, message, ...extra }, serverTime: now(), epoch }));
  }

  function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
    const r = schema.safeParse(value);
    if (!r.success) {
      const first = r.error.issues[0];
      const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : '';
      throw new HttpError('invalid_request', `Permintaan tidak valid${first ? ` (${where}${first.message})` : ''}.`);
    }
    return r.data;
  }

  /** Authenticates the token before the rate limit runs (it needs to know whether a device is asking). */
  async function authenticateRequest(req: FastifyRequest): Promise<void> {
    const token = parseBearer(req.headers.authorization);
    const res = token ? await authenticate(store, token) : ({ ok: false, reason: 'unknown' } as const);
    if (res.ok) req.device = res.device;
    else req.authFailure = res.reason;
  }

  const authed = {
    onRequest: authenticateRequest,
    config: {
      rateLimit: {
        keyGenerator: (req: FastifyRequest) => (req.device ? `device:${req.device.id}` : `addr:${req.ip}`),
        max: (req: FastifyRequest) => (req.device ? (opts.devicePerMinute ?? 600) : (opts.authFailPerMinute ?? 20)),
        timeWindow: 60_000,
      },
    },
  };

  /** `touch: false` when the request writes the device row anyway (a push records last_seen_at itself). */
  async function requireDevice(req: FastifyRequest, touch = true): Promise<AuthedDevice> {
    if (!req.device) {
      req.log.warn({ reason: req.authFailure ?? 'unknown' }, 'auth_failed');
      throw new HttpError(req.authFailure === 'revoked' ? 'device_revoked' : 'unauthorized');
    }
    const device = req.device;
    // last_seen_at is a write: at most once a minute per device, so polling stays read-only.
    const t = now();
    if (touch && (lastTouched.get(device.id) ?? 0) < t - 60_000) {
      lastTouched.set(device.id, t);
      await touchDevice(store, device.id, t);
    }
    return device;
  }

  const serverKeyInfo = { keyId: serverKey.key.keyId, publicKey: serverKey.key.publicKey };
  /** A workstation that predates protocol 2 gets pulled events without the trust fields it would refuse. */
  const speaksV2 = (req: FastifyRequest) => Number(req.headers[PROTOCOL_HEADER] ?? 1) >= 2;

  app.get('/health', async (_req, reply) => {
    try {
      await ping(store);
      return reply.send({ status: 'ok', serverTime: now(), protocolVersion: PROTOCOL_VERSION });
    } catch {
      return sendError(reply, 'unavailable');
    }
  });

  const enrollLimit = { config: { rateLimit: { keyGenerator: (req: FastifyRequest) => `addr:${req.ip}`, max: opts.enrollPerMinute ?? 5, timeWindow: 60_000 } } };

  app.post('/v1/enroll', enrollLimit, async (req, reply) => {
    const input = parse(enrollRequest, req.body);
    // Every device signs its events from now on: an app without a key cannot join (ADR 0011).
    if (!input.publicKey) throw new HttpError('app_outdated');
    const res = await enrollDevice(store, { code: input.code, clientDeviceId: input.deviceId, name: input.deviceName, appVersion: input.appVersion, publicKey: input.publicKey }, now());
    if (!res) {
      req.log.warn('enroll_refused');
      throw new HttpError('enrollment_code_invalid');
    }
    req.log.info({ device: res.device.id, office: res.office.id }, 'device_enrolled');
    return reply.send({
      deviceToken: res.token,
      serverDeviceId: res.device.id,
      office: { id: res.office.id, name: res.office.name },
      epoch,
      serverTime: now(),
      protocolVersion: PROTOCOL_VERSION,
      serverKey: serverKeyInfo,
      pushLimit: MAX_PUSH_EVENTS,
    });
  });

  // A device enrolled before keys existed registers its key once, with its token (the upgrade rule).
  app.post('/v1/device-key', authed, async (req, reply) => {
    const device = await requireDevice(req);
    const input = parse(deviceKeyRequest, req.body);
    const res = await registerDeviceKey(store, device, input.publicKey, now());
    if ('conflict' in res) {
      req.log.warn({ device: device.id }, 'device_key_conflict');
      throw new HttpError('key_conflict');
    }
    req.log.info({ device: device.id, keyId: res.keyId }, 'device_key_registered');
    return reply.send({ keyId: res.keyId, serverKey: serverKeyInfo, serverTime: now(), epoch });
  });

  // A kiosk takes a survey response id before it accepts an answer (server/survey.ts, ADR 0010 §6).
  app.post('/v1/survey/claim', authed, async (req, reply) => {
    const device = await requireDevice(req);
    const input = parse(surveyClaimRequest, req.body);
    const claimed = await claimForKiosk(store, device.officeId, input.responseId);
    return reply.send({ claimed, serverTime: now(), epoch });
  });

  app.get('/v1/session', authed, async (req, reply) => {
    const device = await requireDevice(req);
    const s = await deviceSession(store, device);
    return reply.send({
      serverDeviceId: device.id,
      office: { id: s.office.id, name: s.office.name },
      epoch,
      serverTime: now(),
      head: s.office.lastSeq,
      lastDeviceSeq: s.lastDeviceSeq,
      serverKey: serverKeyInfo,
      deviceKeyId: device.keyId ?? null,
    });
  });

  app.post('/v1/events', authed, async (req, reply) => {
    const t0 = performance.now();
    const device = await requireDevice(req, false);
    const input = isValidPushRequest(req.body) ? req.body : parse(pushRequest, req.body);
    const out = await pushEvents(store, device, input, now());
    if (opts.onPushTimed && out.kind === 'ok') pushTimes.set(req, performance.now() - t0);
    if (out.kind === 'gap') throw new HttpError('sequence_gap', undefined, { expectedDeviceSeq: out.expectedDeviceSeq });
    if (out.kind === 'refused') {
      const { id, code } = out.refusal;
      req.log.warn({ device: device.id, event: id, reason: code }, 'push_refused');
      if (code === 'clock_ahead') throw new HttpError('clock_ahead', undefined, { eventId: id, reason: code });
      if (code.startsWith('payload_')) throw new HttpError('invalid_request', `Permintaan tidak valid: data ${id} ditolak karena ${REFUSAL_TEXT[code]}.`, { eventId: id, reason: code });
      throw new HttpError('event_refused', `Server pusat menolak data ${id}: ${REFUSAL_TEXT[code]}.`, { eventId: id, reason: code });
    }
    if (out.refused.length > 0) req.log.warn({ device: device.id, refused: out.refused.length }, 'resend_refused');
    req.log.info({ device: device.id, events: input.events.length, accepted: out.accepted }, 'push');
    // The office's other workstations waiting for new events were woken once it committed (store.onAppended).
    return reply.send({
      epoch,
      serverTime: now(),
      accepted: out.accepted,
      acks: out.acks,
      lastDeviceSeq: out.lastDeviceSeq,
      ...(out.refused.length > 0 ? { refused: out.refused } : {}),
    });
  });

  app.get('/v1/events', authed, async (req, reply) => {
    const device = await requireDevice(req);
    const q = parse(pullQuery, req.query);
    const out = await pullEvents(store, device, q);
    if (out.kind === 'cursor_unknown') throw new HttpError('cursor_unknown');
    if (out.events.length > 0) req.log.info({ device: device.id, events: out.events.length }, 'pull');
    const legacy = !speaksV2(req);
    // The office's head only when more follows (a joining PC shows its progress); otherwise it is the last
    // event's sequence (or the cursor), with no extra query on every routine poll.
    const last = out.events[out.events.length - 1];
    const head = out.more ? ((await getOffice(store, device.officeId))?.lastSeq ?? 0) : (last?.serverSeq ?? q.after);
    // Built by hand so stored payloads are embedded as they are, without a parse/serialise round trip.
    const body = `{"epoch":${JSON.stringify(epoch)},"serverTime":${now()},"more":${out.more},"head":${head},"pageLimit":${MAX_PULL_LIMIT},"pushLimit":${MAX_PUSH_EVENTS},"events":[${out.events.map((e) => pulledEventJson(e.serverSeq, e, legacy)).join(',')}]}`;
    return reply.type('application/json; charset=utf-8').send(body);
  });

  // Authenticated like the other device routes: rate-limited per device, per address only without a valid token.
  app.get('/v1/wait', authed, async (req, reply) => {
    const device = await requireDevice(req);
    const q = parse(waitQuery, req.query);
    // Listen before reading the head: a push committed in between still wakes this request.
    const closed = new AbortController();
    // The response's 'close' before it was sent: the workstation went away (the request's own 'close' fires
    // as soon as its body has been read).
    reply.raw.once('close', () => closed.abort());
    const woken = signals.wait(device.officeId, q.timeoutMs, closed.signal);
    let head = (await getOffice(store, device.officeId))?.lastSeq ?? 0;
    if (head <= q.after && q.timeoutMs > 0) {
      await woken;
      if (closed.signal.aborted) return reply;
      head = (await getOffice(store, device.officeId))?.lastSeq ?? 0;
    } else closed.abort();
    return reply.send({ epoch, serverTime: now(), head });
  });
  // Before Fastify waits for requests in flight: open waits are answered at once instead of at their timeout.
  app.addHook('preClose', async () => signals.releaseAll());

  // Public pages of the offices that opened them (`/kantor/<slug>/…`), apart from the device routes.
  await registerPublicRoutes(app, { store, serverKey, epoch, now, ...opts.publicPages });

  // Phone survey answers enter the log once their day is over and their code is known (server/survey.ts):
  // checked at start and every ten minutes. A run that fails is logged and tried again at the next one.
  const releaseSurvey = () => releaseHeldAnswers(store, serverKey, now(), (officeId) => signals.notify(officeId));
  const runRelease = () =>
    releaseSurvey().then(
      (r) => (r.released > 0 || r.dropped > 0) && app.log.info(r, 'survey_answers_released'),
      (err: unknown) => app.log.warn({ error: err instanceof Error ? err.message : String(err) }, 'survey_release_failed'),
    );
  const releaseTimer = setInterval(() => void runRelease(), SURVEY_RELEASE_MS);
  releaseTimer.unref();
  app.addHook('onReady', async () => void runRelease());
  app.addHook('onClose', async () => clearInterval(releaseTimer));
  store.onScrubError = (err, willRetry) => app.log.warn({ error: err instanceof Error ? err.message : String(err), willRetry }, 'erasure_scrub_failed');
  // A rewrite after an erasure (server/privacy.ts) finishes before the database is closed.
  app.addHook('onClose', async () => serverScrubIdle(store.db));

  return { app, store, epoch, signals, releaseSurvey };
}
