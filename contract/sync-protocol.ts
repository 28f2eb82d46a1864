/**
 * The wire protocol between a workstation and the central sync server (HTTP + JSON, optionally gzip).
 * Declared once, used by the server to validate requests and by the workstation to validate responses.
 * Pure zod: no I/O.
 *
 *   POST /v1/enroll      { code, deviceId, deviceName, appVersion }           → EnrollResponse
 *   GET  /v1/session                                                          → SessionResponse
 *   POST /v1/events      { firstDeviceSeq, events }                           → PushResponse
 *   GET  /v1/events?after=N&afterId=ID&limit=M                                → PullResponse
 *   GET  /v1/wait?after=N&timeoutMs=T         (answers when the log grows past N) → WaitResponse
 *   GET  /health                                                              → { status, serverTime }
 *
 * Authenticated requests carry `Authorization: Bearer <device token>`; the office is taken from that
 * token, never from the request. Every JSON response carries `serverTime` (epoch ms, for clock-drift
 * warnings); every response of an authenticated endpoint carries the server `epoch`.
 */
import { z } from 'zod';
import { HLC_RE } from '../domain/events/hlc';
import { MAX_PAYLOAD_CHARS as MAX_PAYLOAD_CHARS_LIMIT } from '../domain/events/limits';

/**
 * 2 (ADR 0011): events carry `prev` and `signature`; enrollment sends the device's public key; the server
 * names its own key. A workstation says which version it speaks in the `x-lpse-protocol` header; to one that
 * does not (an older app), the server answers in version 1 (pulled events without the two fields).
 */
export const PROTOCOL_VERSION = 2;
export const PROTOCOL_HEADER = 'x-lpse-protocol';

/**
 * Largest accepted push batch, in events; the server says so at enrollment and in each pull answer
 * (`pushLimit`). A workstation sends more than {@link LEGACY_PUSH_EVENTS} only to a server that said it
 * accepts it: fewer, larger batches commit less often on both sides (issue 17).
 */
export const MAX_PUSH_EVENTS = 5000;
/** The largest push batch every server accepts (servers before `pushLimit` refuse more). */
export const LEGACY_PUSH_EVENTS = 1000;
/**
 * Largest pull page, in events, that this server accepts; it says so in each pull answer (`pageLimit`). A
 * workstation asks for more than {@link LEGACY_PULL_LIMIT} only from a server that said it accepts it.
 * Bigger pages let a workstation joining an office with a long history (issue 17) commit fewer, larger
 * transactions and stay within its per-device request limit (a 1,000,000-event history is 200 pages).
 */
export const MAX_PULL_LIMIT = 5000;
/** The largest page every server accepts (servers before `pageLimit` refuse more). */
export const LEGACY_PULL_LIMIT = 1000;
/** Largest serialized payload of one event: one of the shared limits (domain/events/limits.ts). */
export const MAX_PAYLOAD_CHARS = MAX_PAYLOAD_CHARS_LIMIT;

const idLike = z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, 'must be 1–100 letters, digits or ._:-');
const eventId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a lower-case UUID');
const epochMs = z.number().int().min(0).max(8.64e15);
const hash = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be a base64url SHA-256');
const signature = z.string().regex(/^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{86}$/, 'must be <key id>.<signature>');
const publicKey = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be a base64url Ed25519 public key');
export const serverKeyInfo = z.object({ keyId: z.string(), publicKey: z.string() });
export type ServerKeyInfo = z.infer<typeof serverKeyInfo>;

export const wireEvent = z
  .object({
    id: eventId,
    hlc: z.string().regex(HLC_RE, 'must be an HLC timestamp'),
    deviceId: idLike,
    actorId: idLike.nullable(),
    type: z.string().regex(/^[a-z][a-z0-9_.]{0,99}$/, 'must be a dotted lower-case event type'),
    aggregateType: z.string().regex(/^[a-z][a-z0-9_]{0,49}$/, 'must be a lower-case aggregate type'),
    aggregateId: idLike,
    payload: z.unknown().refine((p) => p !== undefined, 'is required'),
    schemaVersion: z.number().int().min(1).max(10_000),
    recordedAt: epochMs,
    /** Protocol 2: hash of the previous event of the same device, and the signature (ADR 0011). */
    prev: hash.nullable().optional(),
    signature: signature.nullable().optional(),
  })
  .strict();
export type WireEvent = z.infer<typeof wireEvent>;

export const pulledEvent = wireEvent.extend({ serverSeq: z.number().int().positive() }).strict();
export type PulledEvent = z.infer<typeof pulledEvent>;

export const enrollRequest = z
  .object({
    code: z.string().min(1).max(64),
    deviceId: idLike,
    deviceName: z.string().trim().min(1).max(100),
    appVersion: z.string().min(1).max(40),
    /** Protocol 2: the device's Ed25519 public key (an older app sends none and is refused). */
    publicKey: publicKey.optional(),
  })
  .strict();
export type EnrollRequest = z.infer<typeof enrollRequest>;

/** Protocol 2: a device enrolled by an older app registers its key once, with its token. */
export const deviceKeyRequest = z.object({ publicKey }).strict();
export type DeviceKeyRequest = z.infer<typeof deviceKeyRequest>;
export const deviceKeyResponse = z.object({ keyId: z.string(), serverKey: serverKeyInfo, serverTime: z.number(), epoch: z.string() });
export type DeviceKeyResponse = z.infer<typeof deviceKeyResponse>;

export const enrollResponse = z.object({
  deviceToken: z.string().min(10).max(200),
  serverDeviceId: z.string(),
  office: z.object({ id: z.string(), name: z.string() }),
  epoch: z.string(),
  serverTime: z.number(),
  protocolVersion: z.number(),
  /** Protocol 2: the key that signs the server's own events and its attestations. */
  serverKey: serverKeyInfo.optional(),
  /** The largest push batch this server accepts (absent from older servers: {@link LEGACY_PUSH_EVENTS}). */
  pushLimit: z.number().int().positive().optional(),
});
export type EnrollResponse = z.infer<typeof enrollResponse>;

export const sessionResponse = z.object({
  serverDeviceId: z.string(),
  office: z.object({ id: z.string(), name: z.string() }),
  epoch: z.string(),
  serverTime: z.number(),
  head: z.number(),
  lastDeviceSeq: z.number(),
  serverKey: serverKeyInfo.optional(),
  /** The key this device signs with as the server knows it; null for a device that has registered none. */
  deviceKeyId: z.string().nullable().optional(),
});
export type SessionResponse = z.infer<typeof sessionResponse>;

export const pushRequest = z
  .object({
    /**
     * Per-device sequence number of the first event when the batch is the device's own events, in their
     * local order (1 = the first event this device ever recorded); null when re-sending other devices'
     * events after the server lost them. The server refuses a batch that would leave a gap.
     */
    firstDeviceSeq: z.number().int().positive().nullable(),
    events: z.array(wireEvent).min(1).max(MAX_PUSH_EVENTS),
  })
  .strict();
export type PushRequest = z.infer<typeof pushRequest>;

export const pushResponse = z.object({
  epoch: z.string(),
  serverTime: z.number(),
  /** Events that were new to the server (the rest were already there: duplicates are acknowledged too). */
  accepted: z.number().int().nonnegative(),
  acks: z.array(z.object({ id: z.string(), serverSeq: z.number().int().positive() })),
  lastDeviceSeq: z.number().int().nonnegative(),
  /** A re-send of other devices' events: the ones the server would not take, with the reason. */
  refused: z.array(z.object({ id: z.string(), code: z.string() })).optional(),
});
export type PushResponse = z.infer<typeof pushResponse>;

export const pullQuery = z
  .object({
    after: z.coerce.number().int().min(0).default(0),
    /** Id of the event at `after` as the client received it: a mismatch means the server was rolled back. */
    afterId: eventId.optional(),
    limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(500),
  })
  .strict();
export type PullQuery = z.infer<typeof pullQuery>;

export const pullResponse = z.object({
  epoch: z.string(),
  serverTime: z.number(),
  events: z.array(pulledEvent),
  /** True when more events follow the last one returned. */
  more: z.boolean(),
  /**
   * The office's newest server sequence number (issue 17): with the cursor, how much of the office's log a
   * joining workstation has received. Absent from older servers.
   */
  head: z.number().int().nonnegative().optional(),
  /** The largest `limit` this server accepts (absent from older servers: {@link LEGACY_PULL_LIMIT}). */
  pageLimit: z.number().int().positive().optional(),
  /** The largest push batch this server accepts (absent from older servers: {@link LEGACY_PUSH_EVENTS}). */
  pushLimit: z.number().int().positive().optional(),
});
export type PullResponse = z.infer<typeof pullResponse>;

/** Longest a workstation may hold a wait open; proxies commonly cut idle requests at 30–60 s. */
export const MAX_WAIT_MS = 25_000;

export const waitQuery = z
  .object({
    /** The server sequence number the workstation has pulled up to. */
    after: z.coerce.number().int().min(0),
    timeoutMs: z.coerce.number().int().min(0).max(MAX_WAIT_MS).default(MAX_WAIT_MS),
  })
  .strict();
export type WaitQuery = z.infer<typeof waitQuery>;

export const waitResponse = z.object({
  epoch: z.string(),
  serverTime: z.number(),
  /** The office's newest server sequence number: greater than `after` when there is something to pull. */
  head: z.number().int().nonnegative(),
});
export type WaitResponse = z.infer<typeof waitResponse>;

/**
 * POST /v1/survey/claim (issue 13 phase 2, docs/adr/0010 §6): a kiosk about to accept an answer takes the
 * code's response id (`skm:` + its nullifier: neither the code nor the visit) at the server, so an answer
 * given on a phone with the same code is refused, and one already given there refuses the kiosk.
 */
export const surveyClaimRequest = z.object({ responseId: z.string().regex(/^skm:[0-9a-f]{64}$/) }).strict();
export type SurveyClaimRequest = z.infer<typeof surveyClaimRequest>;
export const surveyClaimResponse = z.object({ claimed: z.boolean(), serverTime: z.number(), epoch: z.string() });
export type SurveyClaimResponse = z.infer<typeof surveyClaimResponse>;

export const SERVER_ERROR_CODES = [
  'invalid_request',
  'unauthorized',
  'device_revoked',
  'enrollment_code_invalid',
  'rate_limited',
  'body_too_large',
  'unsupported_media_type',
  'not_found',
  'sequence_gap',
  'cursor_unknown',
  'unavailable',
  'internal',
  /** An event of a push was refused (another device's label, a bad or missing signature, a revoked key). */
  'event_refused',
  /** An event is stamped further ahead of the server's clock than the drift bound. */
  'clock_ahead',
  /** The device already registered another key. */
  'key_conflict',
  /** The app is too old for this server (no signing key). */
  'app_outdated',
  'timeout',
] as const;
export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];

export const errorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** For `sequence_gap`: the per-device sequence number the server expects next. */
    expectedDeviceSeq: z.number().int().positive().optional(),
    /** For `event_refused` and `clock_ahead`: the event and why. */
    eventId: z.string().optional(),
    reason: z.string().optional(),
  }),
  serverTime: z.number().optional(),
  epoch: z.string().optional(),
});
export type ErrorResponse = z.infer<typeof errorResponse>;

// ---- fast path for the push body --------------------------------------------------------------------------

const UUID_LOWER = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ID_LIKE = /^[A-Za-z0-9._:-]{1,100}$/;
const EVENT_TYPE = /^[a-z][a-z0-9_.]{0,99}$/;
const AGGREGATE_TYPE = /^[a-z][a-z0-9_]{0,49}$/;
const WIRE_KEYS = new Set(['id', 'hlc', 'deviceId', 'actorId', 'type', 'aggregateType', 'aggregateId', 'payload', 'schemaVersion', 'recordedAt']);
const OPTIONAL_WIRE_KEYS = new Set(['prev', 'signature']);
const HASH_RE = /^[A-Za-z0-9_-]{43}$/;
const SIGNATURE_RE = /^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{86}$/;

function isInt(v: unknown, min: number, max: number): boolean {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;
}

/** `pulled`: a pulled event, which also carries its `serverSeq` (`pulledEvent`). */
function isWireEvent(e: unknown, pulled = false): boolean {
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return false;
  const o = e as Record<string, unknown>;
  let n = 0;
  for (const k in o) {
    if (!Object.prototype.hasOwnProperty.call(o, k)) continue;
    if (OPTIONAL_WIRE_KEYS.has(k)) continue;
    if (pulled && k === 'serverSeq') continue;
    if (!WIRE_KEYS.has(k)) return false;
    n++;
  }
  return (
    n === WIRE_KEYS.size &&
    (!pulled || isInt(o.serverSeq, 1, Number.MAX_SAFE_INTEGER)) &&
    (o.prev === undefined || o.prev === null || (typeof o.prev === 'string' && HASH_RE.test(o.prev))) &&
    (o.signature === undefined || o.signature === null || (typeof o.signature === 'string' && SIGNATURE_RE.test(o.signature))) &&
    typeof o.id === 'string' &&
    UUID_LOWER.test(o.id) &&
    typeof o.hlc === 'string' &&
    HLC_RE.test(o.hlc) &&
    typeof o.deviceId === 'string' &&
    ID_LIKE.test(o.deviceId) &&
    (o.actorId === null || (typeof o.actorId === 'string' && ID_LIKE.test(o.actorId))) &&
    typeof o.type === 'string' &&
    EVENT_TYPE.test(o.type) &&
    typeof o.aggregateType === 'string' &&
    AGGREGATE_TYPE.test(o.aggregateType) &&
    typeof o.aggregateId === 'string' &&
    ID_LIKE.test(o.aggregateId) &&
    o.payload !== undefined &&
    isInt(o.schemaVersion, 1, 10_000) &&
    isInt(o.recordedAt, 0, 8.64e15)
  );
}

/**
 * The same acceptance as `pushRequest` (a property test holds them equal), without zod's per-field
 * machinery: a push holds up to a thousand events and the server checks every one. A body this refuses
 * goes through `pushRequest` for the precise error message.
 */
export function isValidPushRequest(body: unknown): body is PushRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const o = body as Record<string, unknown>;
  for (const k in o) if (Object.prototype.hasOwnProperty.call(o, k) && k !== 'firstDeviceSeq' && k !== 'events') return false;
  if (!(o.firstDeviceSeq === null || isInt(o.firstDeviceSeq, 1, Number.MAX_SAFE_INTEGER))) return false;
  const events = o.events;
  if (!Array.isArray(events) || events.length < 1 || events.length > MAX_PUSH_EVENTS) return false;
  for (const e of events) if (!isWireEvent(e)) return false;
  return true;
}

/**
 * The same acceptance and output as `pullResponse` (a property test holds them equal), without zod's
 * per-field machinery: a workstation joining an office checks a thousand events per page, a million in all
 * (issue 17). Returns null for an answer it refuses (the caller then asks `pullResponse` for the details).
 */
export function fastPullResponse(body: unknown): PullResponse | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const o = body as Record<string, unknown>;
  if (typeof o.epoch !== 'string' || typeof o.serverTime !== 'number' || !Number.isFinite(o.serverTime) || typeof o.more !== 'boolean') return null;
  if (o.head !== undefined && !isInt(o.head, 0, Number.MAX_SAFE_INTEGER)) return null;
  if (o.pageLimit !== undefined && !isInt(o.pageLimit, 1, Number.MAX_SAFE_INTEGER)) return null;
  if (o.pushLimit !== undefined && !isInt(o.pushLimit, 1, Number.MAX_SAFE_INTEGER)) return null;
  if (!Array.isArray(o.events)) return null;
  for (const e of o.events) if (!isWireEvent(e, true)) return null;
  // Unknown top-level keys are left out, as zod's object does.
  const out: PullResponse = { epoch: o.epoch, serverTime: o.serverTime, events: o.events as PulledEvent[], more: o.more };
  if (o.head !== undefined) out.head = o.head as number;
  if (o.pageLimit !== undefined) out.pageLimit = o.pageLimit as number;
  if (o.pushLimit !== undefined) out.pushLimit = o.pushLimit as number;
  return out;
}
