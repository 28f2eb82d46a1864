/**
 * The office's queue settings (members of `settings.changed`, set by the supervisor and synced, issue 16).
 * Stand-alone (imports only zod) so the settings union in desk-events.ts can spread it without a cycle.
 */
import { z } from 'zod';

export const SLIP_MODES = ['off', 'ask', 'auto'] as const;
export type SlipMode = (typeof SLIP_MODES)[number];

export const QUEUE_SETTING_CHANGES = [
  /** Numbers are handed out at the guest book. */
  z.object({ key: z.literal('queue_enabled'), value: z.boolean() }),
  /** Services whose visitors get letter B (e.g. SPSE assistance); null: one series, all A. */
  z.object({ key: z.literal('queue_group_b'), value: z.array(z.string().min(1).max(64)).max(50).nullable() }),
  /** "Tidak hadir": back in the queue after this many others are called. */
  z.object({ key: z.literal('queue_requeue_after'), value: z.number().int().min(1).max(20) }),
  /** The waiting room's voice: on/off and volume (0–100). */
  z.object({ key: z.literal('queue_voice'), value: z.object({ enabled: z.boolean(), volume: z.number().int().min(0).max(100) }) }),
  /** The thermal queue slip: never, offered after registering, or printed at once. */
  z.object({ key: z.literal('queue_slip'), value: z.enum(SLIP_MODES) }),
  /** The PCs that hand out numbers, in station order (device ids); empty: every PC of the office. */
  z.object({ key: z.literal('queue_stations'), value: z.array(z.string().min(1).max(100)).max(20) }),
  /** Seconds each slide of the television stays between calls. */
  z.object({ key: z.literal('queue_slide_seconds'), value: z.number().int().min(5).max(120) }),
] as const;

export const QUEUE_SETTING_DEFAULTS = {
  queue_enabled: true,
  queue_group_b: null as string[] | null,
  queue_requeue_after: 3,
  queue_voice: { enabled: true, volume: 80 },
  queue_slip: 'ask' as SlipMode,
  queue_stations: [] as string[],
  queue_slide_seconds: 12,
};
