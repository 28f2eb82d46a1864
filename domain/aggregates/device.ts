/**
 * A workstation's signing keys as the server announced them (aggregate id: the workstation's device id).
 * Folded like every aggregate so every PC holds the same key list; the sync engine reads it (projected into
 * `device_keys`) to verify the signatures of pulled events. Pure.
 */
import type { DomainEvent } from '../events/schema';

export interface DeviceKeyState {
  publicKey: string;
  name: string;
  serverDeviceId: string;
  registeredAt: number;
  revokedAt: number | null;
  revokedAfterSeq: number | null;
}

export interface DeviceState {
  id: string;
  keys: Record<string, DeviceKeyState>;
}

export function reduceDevice(state: DeviceState | null, e: DomainEvent): DeviceState | null {
  if (e.type === 'device.key_registered') {
    const s = state ?? { id: e.aggregateId, keys: {} };
    if (s.keys[e.payload.keyId]) return s; // registered once; a repeat changes nothing
    return {
      ...s,
      keys: {
        ...s.keys,
        [e.payload.keyId]: {
          publicKey: e.payload.publicKey,
          name: e.payload.name,
          serverDeviceId: e.payload.serverDeviceId,
          registeredAt: e.payload.at,
          revokedAt: null,
          revokedAfterSeq: null,
        },
      },
    };
  }
  if (e.type === 'device.key_revoked') {
    const k = state?.keys[e.payload.keyId];
    if (!state || !k) return state;
    // The earliest revocation stands (two revocations of one key keep the stricter bound).
    const afterSeq = k.revokedAfterSeq === null ? e.payload.afterSeq : Math.min(k.revokedAfterSeq, e.payload.afterSeq);
    return { ...state, keys: { ...state.keys, [e.payload.keyId]: { ...k, revokedAt: k.revokedAt ?? e.payload.at, revokedAfterSeq: afterSeq } } };
  }
  return state;
}
