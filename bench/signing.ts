/**
 * What signing and verifying costs (issue 10, ADR 0011), measured on real events of the dataset the figure
 * beside it uses: Ed25519 signing of one event (canonical form + signature), verifying one event on its own
 * (canonical form + Ed25519 verification), and verifying a batch through the hash chain (one verification
 * per device and batch, a SHA-256 per event) as the server and the workstations do.
 */
import { performance } from 'node:perf_hooks';
import { canonicalEvent } from '../domain/events/codec';
import type { StoredEvent } from '../domain/events/schema';
import { generateSigningKey, publicKeyFrom } from '../trust/ed25519';
import { eventSigningText, signEvents, verifyEventSignatures } from '../trust/events';
import { verifyText } from '../trust/ed25519';
import { round } from './harness';

export interface SigningCost {
  events: number;
  sign_us_per_event: number;
  verify_each_us_per_event: number;
  verify_chained_us_per_event: number;
}

/** Signs copies of `sample` (never the caller's objects) and verifies them both ways. */
export function measureSigning(sample: readonly StoredEvent[]): SigningCost {
  const { key } = generateSigningKey();
  const verify = publicKeyFrom(key.publicKey)!;
  const events: StoredEvent[] = sample.map((e) => ({ ...e, deviceId: 'bench-device', prev: null, signature: null }));
  const t0 = performance.now();
  signEvents(events, key, null);
  const t1 = performance.now();
  for (const e of events) verifyText(eventSigningText(canonicalEvent(e)), e.signature!.slice(e.signature!.indexOf('.') + 1), verify);
  const t2 = performance.now();
  const verdicts = verifyEventSignatures(events, () => verify);
  const t3 = performance.now();
  if ([...verdicts.values()].some((v) => !v.ok)) throw new Error('bench: a freshly signed event failed to verify');
  const n = events.length;
  return {
    events: n,
    sign_us_per_event: round(((t1 - t0) * 1000) / n, 1),
    verify_each_us_per_event: round(((t2 - t1) * 1000) / n, 1),
    verify_chained_us_per_event: round(((t3 - t2) * 1000) / n, 1),
  };
}
