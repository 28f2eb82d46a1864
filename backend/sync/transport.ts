/**
 * How the workstation talks to the sync server. `HttpTransport` is the real one (fetch, gzip both ways,
 * timeouts); tests wrap it or put a fault-injecting proxy in front of the server. Every failure is a
 * `SyncTransportError` with a closed `kind`, so the engine can decide between retrying, re-sending and
 * telling the user plainly.
 */
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import type { z } from 'zod';
import { fetchTextInWorker } from './fetch-worker';
import {
  deviceKeyResponse,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  type DeviceKeyResponse,
  enrollResponse,
  errorResponse,
  fastPullResponse,
  pullResponse,
  pushResponse,
  sessionResponse,
  surveyClaimResponse,
  waitResponse,
  type EnrollRequest,
  type EnrollResponse,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type SessionResponse,
  type SurveyClaimRequest,
  type SurveyClaimResponse,
  type WaitResponse,
} from '../../contract/sync-protocol';

const gzip = promisify(zlib.gzip);

export type TransportErrorKind =
  /** Could not reach the server, or the connection broke: retry later. */
  | 'network'
  /** The server answered 5xx or 429: retry later. */
  | 'server'
  /** The device token is unknown or revoked (401). */
  | 'unauthorized'
  /** The server lacks some of this device's earlier events (409 sequence_gap). */
  | 'sequence_gap'
  /** The server does not hold the event at this client's cursor (409 cursor_unknown): it was rolled back. */
  | 'cursor_unknown'
  /** The enrollment code was refused. */
  | 'enrollment_refused'
  /** The server refused the request (4xx): a bug or a version mismatch, not fixed by retrying soon. */
  | 'rejected'
  /** The answer was not what the protocol promises (a proxy page, a different service). */
  | 'protocol'
  /** The server refused an event of this device (signature, label, key) — 403 event_refused. */
  | 'event_refused'
  /** An event of this device is stamped more than the drift bound ahead of the server's clock. */
  | 'clock_ahead'
  /** The device already registered another signing key on the server. */
  | 'key_conflict'
  /** The server (or this app) is too old for the other side. */
  | 'outdated';

export class SyncTransportError extends Error {
  constructor(
    readonly kind: TransportErrorKind,
    message: string,
    readonly details: { status?: number; code?: string; expectedDeviceSeq?: number; epoch?: string; serverTime?: number; eventId?: string; reason?: string } = {},
  ) {
    super(message);
  }
}

export interface PullParams {
  after: number;
  afterId: string | null;
  limit: number;
}

export interface SyncTransport {
  enroll(serverUrl: string, req: EnrollRequest, signal?: AbortSignal): Promise<EnrollResponse>;
  session(serverUrl: string, token: string, signal?: AbortSignal): Promise<SessionResponse>;
  push(serverUrl: string, token: string, req: PushRequest, signal?: AbortSignal): Promise<PushResponse>;
  /**
   * Optional, together: a push body serialised and compressed ahead (the engine prepares batch n + 1 while
   * the server handles batch n, ADR 0039), then sent as it is. A transport without them gets `push`.
   */
  encodePush?(req: PushRequest): Promise<EncodedBody>;
  pushEncoded?(serverUrl: string, token: string, body: EncodedBody, signal?: AbortSignal): Promise<PushResponse>;
  pull(serverUrl: string, token: string, params: PullParams, signal?: AbortSignal): Promise<PullResponse>;
  registerKey(serverUrl: string, token: string, publicKey: string, signal?: AbortSignal): Promise<DeviceKeyResponse>;
  /**
   * Answers when the office's log grows past `after` or after `timeoutMs` (GET /v1/wait). Optional: an
   * engine whose transport lacks it syncs at its interval only.
   */
  wait?(serverUrl: string, token: string, params: { after: number; timeoutMs: number }, signal?: AbortSignal): Promise<WaitResponse>;
  /** Takes a survey response id at the server before the kiosk accepts an answer (POST /v1/survey/claim). Optional. */
  claimSurveyResponse?(serverUrl: string, token: string, req: SurveyClaimRequest, signal?: AbortSignal): Promise<SurveyClaimResponse>;
}

/** A request body as it goes on the wire: the JSON text, gzipped when large. */
export interface EncodedBody {
  payload: Uint8Array<ArrayBuffer> | string;
  gzipped: boolean;
}

export interface HttpTransportOptions {
  /** Per-request timeout. */
  timeoutMs?: number;
  /** Bodies larger than this are gzipped. */
  compressAbove?: number;
}

export class HttpTransport implements SyncTransport {
  private readonly timeoutMs: number;
  private readonly compressAbove: number;

  constructor(opts: HttpTransportOptions = {}) {
    this.timeoutMs = opts.timeoutMs ?? 60_000;
    this.compressAbove = opts.compressAbove ?? 4096;
  }

  enroll(serverUrl: string, req: EnrollRequest, signal?: AbortSignal): Promise<EnrollResponse> {
    return this.request(serverUrl, 'POST', '/v1/enroll', null, req, enrollResponse, signal);
  }

  session(serverUrl: string, token: string, signal?: AbortSignal): Promise<SessionResponse> {
    return this.request(serverUrl, 'GET', '/v1/session', token, undefined, sessionResponse, signal);
  }

  push(serverUrl: string, token: string, req: PushRequest, signal?: AbortSignal): Promise<PushResponse> {
    return this.request(serverUrl, 'POST', '/v1/events', token, req, pushResponse, signal);
  }

  encodePush(req: PushRequest): Promise<EncodedBody> {
    return this.encode(req);
  }

  pushEncoded(serverUrl: string, token: string, body: EncodedBody, signal?: AbortSignal): Promise<PushResponse> {
    return this.request(serverUrl, 'POST', '/v1/events', token, body, pushResponse, signal, undefined, false, true);
  }

  registerKey(serverUrl: string, token: string, publicKey: string, signal?: AbortSignal): Promise<DeviceKeyResponse> {
    return this.request(serverUrl, 'POST', '/v1/device-key', token, { publicKey }, deviceKeyResponse, signal);
  }

  pull(serverUrl: string, token: string, p: PullParams, signal?: AbortSignal): Promise<PullResponse> {
    const qs = new URLSearchParams({ after: String(p.after), limit: String(p.limit) });
    if (p.afterId && p.after > 0) qs.set('afterId', p.afterId);
    return this.request(serverUrl, 'GET', `/v1/events?${qs.toString()}`, token, undefined, pullResponse, signal, fastPullResponse, true);
  }

  wait(serverUrl: string, token: string, p: { after: number; timeoutMs: number }, signal?: AbortSignal): Promise<WaitResponse> {
    const qs = new URLSearchParams({ after: String(p.after), timeoutMs: String(p.timeoutMs) });
    return this.request(serverUrl, 'GET', `/v1/wait?${qs.toString()}`, token, undefined, waitResponse, signal);
  }

  claimSurveyResponse(serverUrl: string, token: string, req: SurveyClaimRequest, signal?: AbortSignal): Promise<SurveyClaimResponse> {
    return this.request(serverUrl, 'POST', '/v1/survey/claim', token, req, surveyClaimResponse, signal);
  }

  /** JSON, gzipped (level 1, on the thread pool) when larger than `compressAbove`. */
  private async encode(body: unknown): Promise<EncodedBody> {
    const json = JSON.stringify(body);
    if (json.length <= this.compressAbove) return { payload: json, gzipped: false };
    return { payload: new Uint8Array(await gzip(json, { level: 1 })), gzipped: true };
  }

  private async request<S extends z.ZodType>(
    serverUrl: string,
    method: 'GET' | 'POST',
    path: string,
    token: string | null,
    body: unknown,
    schema: S,
    signal?: AbortSignal,
    /** The same check as `schema` written by hand (a pull page); null sends the answer to `schema`. */
    fast?: (json: unknown) => z.output<S> | null,
    /** Fetched on the pull worker (backend/sync/fetch-worker.ts): a pull page arrives while the one before is applied. */
    inWorker = false,
    /** `body` is already an `EncodedBody` (from `encode`). */
    encoded = false,
  ): Promise<z.output<S>> {
    const headers: Record<string, string> = { accept: 'application/json', 'accept-encoding': 'gzip', [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
    if (token) headers.authorization = `Bearer ${token}`;
    let payload: Uint8Array<ArrayBuffer> | string | undefined;
    if (body !== undefined) {
      const enc = encoded ? (body as EncodedBody) : await this.encode(body);
      headers['content-type'] = 'application/json';
      if (enc.gzipped) headers['content-encoding'] = 'gzip';
      payload = enc.payload;
    }
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signals = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let res: { status: number; ok: boolean };
    let text: string;
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          if (inWorker && method === 'GET') {
            ({ text, ...res } = await fetchTextInWorker(joinUrl(serverUrl, path), headers, signals));
            break;
          }
          const r = await fetch(joinUrl(serverUrl, path), { method, headers, body: payload, signal: signals, redirect: 'error' });
          text = await r.text();
          res = r;
          break;
        } catch (err) {
          // A connection the server closed as this request went out or while its answer came ("other side
          // closed": a kept-alive connection timed out at the server, or the answer sat unread while a page
          // was applied): a read (GET) is sent once more on a new connection instead of failing the whole
          // cycle, which would then wait for its backoff (a joining PC pulls hundreds of pages in a row).
          // Writes are not repeated here: the engine's own retry keeps them idempotent.
          if (method !== 'GET' || attempt >= 2 || signals.aborted || !isClosedConnection(err)) throw err;
        }
      }
    } catch (err) {
      const reason = err instanceof Error ? (err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message) : String(err);
      throw new SyncTransportError('network', timeout.aborted ? `timeout after ${this.timeoutMs} ms` : reason);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      if (res.status >= 500 || res.status === 429) throw new SyncTransportError('server', `HTTP ${res.status}`, { status: res.status });
      throw new SyncTransportError('protocol', `HTTP ${res.status}: not JSON`, { status: res.status });
    }
    if (!res.ok) {
      const e = errorResponse.safeParse(json);
      const code = e.success ? e.data.error.code : undefined;
      const details = {
        status: res.status,
        ...(code ? { code } : {}),
        ...(e.success && e.data.error.expectedDeviceSeq ? { expectedDeviceSeq: e.data.error.expectedDeviceSeq } : {}),
        ...(e.success && e.data.epoch ? { epoch: e.data.epoch } : {}),
        ...(e.success && e.data.serverTime ? { serverTime: e.data.serverTime } : {}),
        ...(e.success && e.data.error.eventId ? { eventId: e.data.error.eventId } : {}),
        ...(e.success && e.data.error.reason ? { reason: e.data.error.reason } : {}),
      };
      const msg = e.success ? e.data.error.message : `HTTP ${res.status}`;
      if (res.status === 401) throw new SyncTransportError('unauthorized', msg, details);
      if (code === 'sequence_gap') throw new SyncTransportError('sequence_gap', msg, details);
      if (code === 'cursor_unknown') throw new SyncTransportError('cursor_unknown', msg, details);
      if (code === 'enrollment_code_invalid') throw new SyncTransportError('enrollment_refused', msg, details);
      if (code === 'event_refused') throw new SyncTransportError('event_refused', msg, details);
      if (code === 'clock_ahead') throw new SyncTransportError('clock_ahead', msg, details);
      if (code === 'key_conflict') throw new SyncTransportError('key_conflict', msg, details);
      if (code === 'app_outdated') throw new SyncTransportError('outdated', msg, details);
      if (res.status >= 500 || res.status === 429) throw new SyncTransportError('server', msg, details);
      throw new SyncTransportError('rejected', msg, details);
    }
    const quick = fast?.(json);
    if (quick) return quick;
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new SyncTransportError('protocol', `unexpected response to ${method} ${path.split('?')[0]}`, { status: res.status });
    return parsed.data;
  }
}

/** undici's error for a connection the other side closed or reset before an answer came. */
function isClosedConnection(err: unknown): boolean {
  const cause = err instanceof Error ? (err.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  return cause?.code === 'UND_ERR_SOCKET' || cause?.code === 'ECONNRESET' || cause?.message === 'other side closed' || (err instanceof Error && err.message.includes('other side closed'));
}

function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + path;
}
