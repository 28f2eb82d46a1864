/**
 * The signature checks of one push batch as plain data (ADR 0039): pure, so they can run on the server's
 * verification worker (server/verify-pool.ts) while the main thread stores the previous batch or this one.
 * Each event travels as a flat row with its payload as the JSON text the server stores; the canonical form
 * is computed from that text parsed again (the body was JSON, so parse(stringify(payload)) is the payload).
 */
import type { KeyObject } from 'node:crypto';
import type { WireEnvelope } from '../domain/events/codec';
import { verifyEventSignatures, type SignatureVerdict } from '../trust/events';

/** id, hlc, deviceId, actorId, type, aggregateType, aggregateId, payload (JSON text), schemaVersion, recordedAt, prev, signature. */
export type VerifyRow = [string, string, string, string | null, string, string, string, string, number, number, string | null, string];

export interface VerifyJob {
  rows: VerifyRow[];
  /** The office's device keys: key id, the client device id it belongs to, the public key. */
  keys: [string, string, KeyObject][];
  serverKeyId: string;
  serverVerify: KeyObject;
  /** A device's own push (the server's key never signs those) or a re-send (relayed server events). */
  own: boolean;
}

/** The verdicts, in the rows' order. */
export function runVerifyJob(job: VerifyJob): SignatureVerdict[] {
  const events: WireEnvelope[] = job.rows.map((r) => ({
    id: r[0],
    hlc: r[1],
    deviceId: r[2],
    actorId: r[3],
    type: r[4],
    aggregateType: r[5],
    aggregateId: r[6],
    payload: JSON.parse(r[7]) as unknown,
    schemaVersion: r[8],
    recordedAt: r[9],
    prev: r[10],
    signature: r[11],
  }));
  const keys = new Map(job.keys.map(([keyId, clientDeviceId, verify]) => [keyId, { clientDeviceId, verify }]));
  const verdicts = verifyEventSignatures(events, (e, keyId) => {
    if (keyId === job.serverKeyId) return job.own ? null : job.serverVerify; // relayed server events/attestations
    const k = keys.get(keyId);
    return k && k.clientDeviceId === e.deviceId ? k.verify : null;
  });
  return events.map((e) => verdicts.get(e.id)!);
}
