/**
 * The one codec of the event envelope (STYLE "one column list and one codec per record"): its columns in
 * both databases (the workstation's `events`, the server's `events`), row ↔ event, wire ↔ event, the JSON
 * of a pulled event, and the canonical form that signatures and the per-device hash chain are computed
 * over. The workstation, the server, the bench and the tests all go through here; nothing else spells the
 * envelope out.
 *
 * Canonical form: RFC 8785 (JSON Canonicalization Scheme) of the envelope without its signature, under a
 * version tag. It is a function of the event's meaning, not of how its JSON was written (key order, spacing,
 * `1.0` vs `1`), so the author, the server and every PC compute the same bytes from their own copy. Written
 * here rather than taken from the `canonicalize` package: that implementation cost 25–60 µs per event on
 * the build machines (per-node `reduce` and template strings), a large part of verifying a 20,000-event sync;
 * this one is a few µs, and a property test holds it equal to the package on arbitrary JSON values
 * (domain/events/codec.test.ts). Pure: no I/O.
 */
import type { StoredEvent } from './schema';

/** Bumped only if the canonical form ever changes (old signatures then stay verifiable under their tag). */
export const CANONICAL_VERSION = 1;

/** The envelope columns shared by the workstation's and the server's `events` tables, in this order. */
export const ENVELOPE_COLUMNS = [
  'id',
  'hlc',
  'device_id',
  'actor_id',
  'type',
  'aggregate_type',
  'aggregate_id',
  'payload',
  'schema_version',
  'recorded_at',
  'prev',
  'signature',
] as const;
export type EnvelopeColumn = (typeof ENVELOPE_COLUMNS)[number];

/** An event as a database row: the payload as JSON text. */
export interface EnvelopeRow {
  id: string;
  hlc: string;
  device_id: string;
  actor_id: string | null;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  payload: string;
  schema_version: number;
  recorded_at: number;
  prev: string | null;
  signature: string | null;
}

/** A row as a driver returns it: PostgreSQL's int8 may come back as a string or bigint. */
export type EnvelopeRowIn = Omit<EnvelopeRow, 'schema_version' | 'recorded_at' | 'prev' | 'signature'> & {
  schema_version: number | string | bigint;
  recorded_at: number | string | bigint;
  /** Absent in rows read by queries written before the columns existed. */
  prev?: string | null;
  signature?: string | null;
};

export function toEnvelopeRow(e: StoredEvent, payloadJson: string = JSON.stringify(e.payload)): EnvelopeRow {
  return {
    id: e.id,
    hlc: e.hlc,
    device_id: e.deviceId,
    actor_id: e.actorId,
    type: e.type,
    aggregate_type: e.aggregateType,
    aggregate_id: e.aggregateId,
    payload: payloadJson,
    schema_version: e.schemaVersion,
    recorded_at: e.recordedAt,
    prev: e.prev ?? null,
    signature: e.signature ?? null,
  };
}

export function fromEnvelopeRow(r: EnvelopeRowIn): StoredEvent {
  return {
    id: r.id,
    hlc: r.hlc,
    deviceId: r.device_id,
    actorId: r.actor_id,
    type: r.type,
    aggregateType: r.aggregate_type,
    aggregateId: r.aggregate_id,
    payload: JSON.parse(r.payload) as unknown,
    schemaVersion: Number(r.schema_version),
    recordedAt: Number(r.recorded_at),
    prev: r.prev ?? null,
    signature: r.signature ?? null,
  };
}

/** The fields an event has on the wire (push and pull), with the same names as `StoredEvent`. */
export interface WireEnvelope {
  id: string;
  hlc: string;
  deviceId: string;
  actorId: string | null;
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: unknown;
  schemaVersion: number;
  recordedAt: number;
  prev?: string | null | undefined;
  signature?: string | null | undefined;
}

/** An event as sent on the wire. `legacy` omits the trust fields for a workstation that predates them. */
export function toWire(e: StoredEvent, legacy = false): WireEnvelope {
  const w: WireEnvelope = {
    id: e.id,
    hlc: e.hlc,
    deviceId: e.deviceId,
    actorId: e.actorId,
    type: e.type,
    aggregateType: e.aggregateType,
    aggregateId: e.aggregateId,
    payload: e.payload,
    schemaVersion: e.schemaVersion,
    recordedAt: e.recordedAt,
  };
  if (!legacy) {
    w.prev = e.prev ?? null;
    w.signature = e.signature ?? null;
  }
  return w;
}

/** A received wire event as a stored event (extra wire fields such as `serverSeq` are left behind). */
export function fromWire(w: WireEnvelope): StoredEvent {
  return {
    id: w.id,
    hlc: w.hlc,
    deviceId: w.deviceId,
    actorId: w.actorId,
    type: w.type,
    aggregateType: w.aggregateType,
    aggregateId: w.aggregateId,
    payload: w.payload,
    schemaVersion: w.schemaVersion,
    recordedAt: w.recordedAt,
    prev: w.prev ?? null,
    signature: w.signature ?? null,
  };
}

/**
 * The JSON of a pulled event, built from a stored row without parsing its payload (the server serves
 * pages of a thousand events to every PC: the stored payload text is embedded as it is).
 */
export function pulledEventJson(serverSeq: number, r: EnvelopeRow, legacy = false): string {
  // Both are base64url (checked on the way in, or made by the server): no escaping to do.
  const trust = legacy ? '' : `,"prev":${r.prev === null ? 'null' : `"${r.prev}"`},"signature":${r.signature === null ? 'null' : `"${r.signature}"`}`;
  return (
    `{"serverSeq":${serverSeq},"id":${JSON.stringify(r.id)},"hlc":${JSON.stringify(r.hlc)},"deviceId":${JSON.stringify(r.device_id)},` +
    `"actorId":${JSON.stringify(r.actor_id)},"type":${JSON.stringify(r.type)},"aggregateType":${JSON.stringify(r.aggregate_type)},` +
    `"aggregateId":${JSON.stringify(r.aggregate_id)},"payload":${r.payload},"schemaVersion":${r.schema_version},"recordedAt":${r.recorded_at}${trust}}`
  );
}

/**
 * The canonical text of an event: what its author signs and what the next event of the same device names
 * by hash (`prev`). Everything but the signature, so a signature can be replaced (re-signed after a key
 * change) without changing what the event says. Throws on a payload JSON cannot represent (NaN, ±Infinity).
 */
export function canonicalEvent(e: StoredEvent | WireEnvelope): string {
  // The envelope's keys in RFC 8785 order (sorted by UTF-16 code units), written out directly.
  return (
    `{"actorId":${e.actorId === null ? 'null' : JSON.stringify(e.actorId)},"aggregateId":${JSON.stringify(e.aggregateId)},` +
    `"aggregateType":${JSON.stringify(e.aggregateType)},"deviceId":${JSON.stringify(e.deviceId)},"hlc":${JSON.stringify(e.hlc)},` +
    `"id":${JSON.stringify(e.id)},"payload":${canonicalJson(e.payload)},"prev":${e.prev ? JSON.stringify(e.prev) : 'null'},` +
    `"recordedAt":${canonicalJson(e.recordedAt)},"schemaVersion":${canonicalJson(e.schemaVersion)},"type":${JSON.stringify(e.type)},"v":${CANONICAL_VERSION}}`
  );
}

/**
 * RFC 8785 serialisation of a JSON value: object keys sorted by UTF-16 code units (JavaScript's default
 * string order), no whitespace, strings and numbers as ECMAScript's JSON.stringify writes them; members
 * whose value is undefined are left out, array holes are null. Throws on NaN and ±Infinity (JSON has none).
 */
export function canonicalJson(v: unknown): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      if (!Number.isFinite(v)) throw new Error('a number JSON cannot represent');
      return JSON.stringify(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object': {
      if (Array.isArray(v)) {
        let out = '[';
        for (let i = 0; i < v.length; i++) {
          if (i > 0) out += ',';
          const x: unknown = v[i];
          out += x === undefined || typeof x === 'function' || typeof x === 'symbol' ? 'null' : canonicalJson(x);
        }
        return `${out}]`;
      }
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o).sort();
      let out = '{';
      let first = true;
      for (const k of keys) {
        const x = o[k];
        if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
        if (!first) out += ',';
        out += `${quotedKey(k)}:${canonicalJson(x)}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      throw new Error(`a ${typeof v} cannot be part of an event`);
  }
}

/** Payload keys repeat across events (`itemCode`, `at`…): their quoted form is kept (bounded). */
const QUOTED = new Map<string, string>();
function quotedKey(k: string): string {
  let q = QUOTED.get(k);
  if (q === undefined) {
    q = JSON.stringify(k);
    if (QUOTED.size < 4096) QUOTED.set(k, q);
  }
  return q;
}

/** `<key id>.<signature>`: both base64url, so the separator never occurs inside either. */
export function splitSignature(signature: string): { keyId: string; sig: string } | null {
  const dot = signature.indexOf('.');
  if (dot <= 0 || dot === signature.length - 1 || signature.indexOf('.', dot + 1) !== -1) return null;
  return { keyId: signature.slice(0, dot), sig: signature.slice(dot + 1) };
}
