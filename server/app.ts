/**
 * The HTTP face of the sync server (Fastify). Requests are validated with the zod schemas of the wire
 * protocol; every error is `{ error: { code, message } }` with an Indonesian message; the office is always
 * taken from the device token.
 */
import { performance } from 'node:perf_hooks';
import zlib from 'node:zlib';
import { Transform, type Readable } from 'node:stream';
import { promisify } from 'node:util';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  enrollRequest,
  pullQuery,
  waitQuery,
  isValidPushRequest,
  pushRequest,
  PROTOCOL_VERSION,
  type ServerErrorCode,
} from '../contract/sync-protocol';
import { readEpoch, type ServerDatabase } from './db';
import { TokenBucketLimiter } from './rate-limit';
import {
  authenticate,
  deviceSession,
  enrollDevice,
  getOffice,
  ping,
  pullEvents,
  pushEvents,
  touchDevice,
  type AuthedDevice,
  type StoredServerEvent,
  type Store,
} from './store';
import { parseBearer } from './tokens';
import { OfficeSignals } from './wait';

const gzip = promisify(zlib.gzip);

export interface ServerOptions {
  database: ServerDatabase;
  now?: () => number;
  /** Largest request body after decompression, in bytes. */
  bodyLimit?: number;
  /** Enrollment attempts per client address: burst and sustained rate per minute. */
  enrollBurst?: number;
  enrollPerMinute?: number;
  /** Failed authentications per client address: burst and sustained rate per minute. */
  authFailBurst?: number;
  authFailPerMinute?: number;
  /** Trust X-Forwarded-For from a reverse proxy (see README). */
  trustProxy?: boolean | string;
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
}

export interface SyncServer {
  app: FastifyInstance;
  store: Store;
  epoch: string;
  /** Long-polling workstations waiting for their office's next events (GET /v1/wait). */
  signals: OfficeSignals;
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
};

declare module 'fastify' {
  interface FastifyRequest {
    device: AuthedDevice | null;
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
  const store: Store = { db: opts.database.db, dialect: opts.database.dialect };
  const epoch = await readEpoch(store.db);
  const signals = new OfficeSignals();
  const bodyLimit = opts.bodyLimit ?? 16 * 1024 * 1024;
  const enrollLimiter = new TokenBucketLimiter({ capacity: opts.enrollBurst ?? 10, refillPerSecond: (opts.enrollPerMinute ?? 5) / 60 }, now);
  const authFailLimiter = new TokenBucketLimiter({ capacity: opts.authFailBurst ?? 20, refillPerSecond: (opts.authFailPerMinute ?? 20) / 60 }, now);
  const lastTouched = new Map<string, number>();

  const app = Fastify({
    bodyLimit,
    trustProxy: opts.trustProxy ?? false,
    ...(opts.https ? { https: opts.https } : {}),
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

  function clientKey(req: FastifyRequest): string {
    return req.ip;
  }

  /** `touch: false` when the request writes the device row anyway (a push records last_seen_at itself). */
  async function requireDevice(req: FastifyRequest, touch = true): Promise<AuthedDevice> {
    const key = clientKey(req);
    if (!authFailLimiter.peek(key)) {
      throw new HttpError('rate_limited', undefined, { retryAfterSeconds: authFailLimiter.retryAfterSeconds(key) });
    }
    const token = parseBearer(req.headers.authorization);
    const res = token ? await authenticate(store, token) : ({ ok: false, reason: 'unknown' } as const);
    if (!res.ok) {
      authFailLimiter.take(key);
      req.log.warn({ reason: res.reason }, 'auth_failed');
      throw new HttpError(res.reason === 'revoked' ? 'device_revoked' : 'unauthorized');
    }
    // last_seen_at is a write: at most once a minute per device, so polling stays read-only.
    const t = now();
    if (touch && (lastTouched.get(res.device.id) ?? 0) < t - 60_000) {
      lastTouched.set(res.device.id, t);
      await touchDevice(store, res.device.id, t);
    }
    return res.device;
  }

  app.get('/health', async (_req, reply) => {
    try {
      await ping(store);
      return reply.send({ status: 'ok', serverTime: now(), protocolVersion: PROTOCOL_VERSION });
    } catch {
      return sendError(reply, 'unavailable');
    }
  });

  app.post('/v1/enroll', async (req, reply) => {
    const key = clientKey(req);
    if (!enrollLimiter.take(key)) {
      throw new HttpError('rate_limited', undefined, { retryAfterSeconds: enrollLimiter.retryAfterSeconds(key) });
    }
    const input = parse(enrollRequest, req.body);
    const res = await enrollDevice(store, { code: input.code, clientDeviceId: input.deviceId, name: input.deviceName, appVersion: input.appVersion }, now());
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
    });
  });

  app.get('/v1/session', async (req, reply) => {
    const device = await requireDevice(req);
    const s = await deviceSession(store, device);
    return reply.send({
      serverDeviceId: device.id,
      office: { id: s.office.id, name: s.office.name },
      epoch,
      serverTime: now(),
      head: s.office.lastSeq,
      lastDeviceSeq: s.lastDeviceSeq,
    });
  });

  app.post('/v1/events', async (req, reply) => {
    const t0 = performance.now();
    const device = await requireDevice(req, false);
    const input = isValidPushRequest(req.body) ? req.body : parse(pushRequest, req.body);
    const out = await pushEvents(store, device, input, now());
    if (opts.onPushTimed && out.kind === 'ok') pushTimes.set(req, performance.now() - t0);
    if (out.kind === 'payload_too_large') throw new HttpError('body_too_large', `Isi data ${out.id} terlalu besar.`);
    if (out.kind === 'gap') throw new HttpError('sequence_gap', undefined, { expectedDeviceSeq: out.expectedDeviceSeq });
    req.log.info({ device: device.id, events: input.events.length, accepted: out.accepted }, 'push');
    // Committed: wake the office's other workstations waiting for new events.
    if (out.accepted > 0) signals.notify(device.officeId);
    return reply.send({ epoch, serverTime: now(), accepted: out.accepted, acks: out.acks, lastDeviceSeq: out.lastDeviceSeq });
  });

  app.get('/v1/events', async (req, reply) => {
    const device = await requireDevice(req);
    const q = parse(pullQuery, req.query);
    const out = await pullEvents(store, device, q);
    if (out.kind === 'cursor_unknown') throw new HttpError('cursor_unknown');
    if (out.events.length > 0) req.log.info({ device: device.id, events: out.events.length }, 'pull');
    // Built by hand so stored payloads are embedded as they are, without a parse/serialise round trip.
    const body = `{"epoch":${JSON.stringify(epoch)},"serverTime":${now()},"more":${out.more},"events":[${out.events.map(eventJson).join(',')}]}`;
    return reply.type('application/json; charset=utf-8').send(body);
  });

  app.get('/v1/wait', async (req, reply) => {
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

  return { app, store, epoch, signals };
}

function eventJson(e: StoredServerEvent): string {
  return (
    `{"serverSeq":${e.serverSeq},"id":${JSON.stringify(e.id)},"hlc":${JSON.stringify(e.hlc)},"deviceId":${JSON.stringify(e.deviceId)},` +
    `"actorId":${JSON.stringify(e.actorId)},"type":${JSON.stringify(e.type)},"aggregateType":${JSON.stringify(e.aggregateType)},` +
    `"aggregateId":${JSON.stringify(e.aggregateId)},"payload":${e.payloadJson},"schemaVersion":${e.schemaVersion},"recordedAt":${e.recordedAt}}`
  );
}
