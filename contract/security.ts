/**
 * The supervisor's security alerts (ADR 0011): events kept in the log but never applied because their actor
 * was not allowed to record them (the permissions of the fold), and events received from the server that
 * this PC refused (bad signature, revoked key, limits, failing to apply). Spread into `api` in `api.ts`.
 */
import { z } from 'zod';
import { method, SUPERVISOR } from './method';

export const securityAlert = z.object({
  /** `denied`: applied nowhere, its actor lacked the right; `refused`: this PC would not accept it. */
  kind: z.enum(['denied', 'refused']),
  eventId: z.string(),
  type: z.string(),
  /** What the event would have done, in Indonesian. */
  typeLabel: z.string(),
  deviceId: z.string(),
  deviceName: z.string().nullable(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  /** When the event says it was recorded (its author's clock). */
  at: z.number(),
  reason: z.string(),
  reasonText: z.string(),
});
export type SecurityAlert = z.infer<typeof securityAlert>;

export const securityApi = {
  'security.alerts': method(
    z.object({ limit: z.number().int().min(1).max(500).default(100) }),
    z.object({ deniedCount: z.number().int().nonnegative(), refusedCount: z.number().int().nonnegative(), alerts: z.array(securityAlert) }),
    SUPERVISOR,
    false,
  ),
} as const;
