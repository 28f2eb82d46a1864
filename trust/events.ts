/**
 * Signing and verifying events (ADR 0011).
 *
 * Every event is signed by its author over its canonical form (domain/events/codec.ts), and names the hash
 * of the previous event its device wrote (`prev`). The chain makes verifying a page cheap without weakening
 * it: an event whose hash is the `prev` of a later event of the same device and key that verified is
 * authenticated by that later signature (SHA-256 is far cheaper than an Ed25519 verification); any event
 * that is not so linked — the newest of its device in the batch, the first after a gap, anything inserted or
 * altered — has its own signature verified. A forged event therefore always meets a signature check.
 */
import type { KeyObject } from 'node:crypto';
import { canonicalEvent, splitSignature, type WireEnvelope } from '../domain/events/codec';
import type { StoredEvent } from '../domain/events/schema';
import { hashText, signText, verifyText, type SigningKey } from './ed25519';

/** Domain separation: an event signature can never be replayed as a signature of anything else. */
const EVENT_CONTEXT = 'lpse-counter/event\n';

export function eventSigningText(canonical: string): string {
  return EVENT_CONTEXT + canonical;
}

/** The hash another event names as its `prev`. */
export function eventHash(e: StoredEvent | WireEnvelope): string {
  return hashText(canonicalEvent(e));
}

/**
 * Chains and signs freshly stamped events in place, in order, after `prevHash` (the hash of the device's
 * previous event, null for its first). Returns the hash of the last one: the next batch's `prevHash`.
 */
export function signEvents(events: StoredEvent[], key: SigningKey, prevHash: string | null): string | null {
  let prev = prevHash;
  for (const e of events) {
    e.prev = prev;
    const canonical = canonicalEvent(e);
    e.signature = `${key.keyId}.${signText(eventSigningText(canonical), key.privateKey)}`;
    prev = hashText(canonical);
  }
  return prev;
}

/** Signs one event on behalf of another author (the server's attestation of an unsigned legacy event). */
export function attestEvent(e: StoredEvent | WireEnvelope, key: SigningKey): string {
  return `${key.keyId}.${signText(eventSigningText(canonicalEvent(e)), key.privateKey)}`;
}

export type SignatureRefusal = 'unsigned' | 'bad_signature' | 'unknown_key';

export type SignatureVerdict = { ok: true; keyId: string } | { ok: false; code: SignatureRefusal };

/**
 * Verifies the signatures of a batch. `events` holds each device's events in the order that device wrote
 * them (a push, or a pulled page in server order; other devices' events may be interleaved). `keyFor` names
 * the key that may have signed an event with that key id, or null when none may (unknown key, or a key of
 * another device).
 *
 * A long batch may be verified in slices, from its last slice to its first, passing the same `chains` (and
 * `out`) to each call: the verdicts are then exactly those of one call over the whole batch (the sync engine
 * checks a pulled page this way, yielding to the event loop between slices: ADR 0040).
 */
export function verifyEventSignatures(
  events: readonly (StoredEvent | WireEnvelope)[],
  keyFor: (e: StoredEvent | WireEnvelope, keyId: string) => KeyObject | null,
  chains: Map<string, string> = new Map(),
  out: Map<string, SignatureVerdict> = new Map(),
): Map<string, SignatureVerdict> {
  /** For each device and key: the `prev` of the event verified last (walking backwards). */
  const expected = chains;
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (!e.signature) {
      out.set(e.id, { ok: false, code: 'unsigned' });
      continue;
    }
    const parts = splitSignature(e.signature);
    if (!parts) {
      out.set(e.id, { ok: false, code: 'bad_signature' });
      continue;
    }
    let canonical: string;
    try {
      canonical = canonicalEvent(e);
    } catch {
      out.set(e.id, { ok: false, code: 'bad_signature' });
      continue;
    }
    const chain = `${e.deviceId}|${parts.keyId}`;
    let ok: boolean;
    if (expected.get(chain) === hashText(canonical)) {
      ok = true;
    } else {
      const key = keyFor(e, parts.keyId);
      if (!key) {
        out.set(e.id, { ok: false, code: 'unknown_key' });
        continue;
      }
      ok = verifyText(eventSigningText(canonical), parts.sig, key);
    }
    if (!ok) {
      out.set(e.id, { ok: false, code: 'bad_signature' });
      continue;
    }
    out.set(e.id, { ok: true, keyId: parts.keyId });
    if (e.prev) expected.set(chain, e.prev);
    else expected.delete(chain);
  }
  return out;
}
