/**
 * Events the central server writes into an office's log (ADR 0011), signed with the server's key: which
 * signing key belongs to which workstation, and from when a key is no longer trusted. Every PC learns the
 * office's keys from the log itself. Stand-alone (imports only zod), like the other event lists.
 */
import { z } from 'zod';

/** The device id on events the server itself writes (its key signs them). */
export const SERVER_DEVICE_ID = 'server';

const epochMs = z.number().int().nonnegative();
const keyId = z.string().regex(/^[A-Za-z0-9_-]{22}$/);

export const DEVICE_EVENTS = {
  /** A workstation (aggregate id: its own device id) registered a signing key, at enrollment or on upgrade. */
  'device.key_registered': {
    aggregate: 'device',
    version: 1,
    payload: z.object({
      keyId,
      publicKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
      name: z.string().max(100),
      serverDeviceId: z.string().max(100),
      at: epochMs,
    }),
  },
  /**
   * The device's key was revoked (`device revoke` on the server). Events signed with it that the server
   * sequenced after `afterSeq` are refused everywhere; the ones before stay valid (work done before).
   */
  'device.key_revoked': {
    aggregate: 'device',
    version: 1,
    payload: z.object({ keyId, at: epochMs, afterSeq: z.number().int().nonnegative() }),
  },
} as const;
