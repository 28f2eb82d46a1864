/**
 * API methods of the sync status and enrollment (spread into `api` in contract/api.ts). The device
 * credential never appears here: the renderer learns whether the PC is enrolled, the office's name and
 * the state of sync, nothing it could use to talk to the server itself.
 */
import { z } from 'zod';
import { method, PUBLIC, roles } from './method';

export const syncErrorCodeSchema = z.enum([
  'offline',
  'server_error',
  'revoked',
  'rejected',
  'protocol',
  'clock_behind',
  'internal',
  // ADR 0011
  'clock_ahead',
  'refused',
  'key_conflict',
  'server_outdated',
]);

export const syncStatus = z.object({
  enrolled: z.boolean(),
  state: z.enum(['not_enrolled', 'syncing', 'online', 'offline', 'revoked', 'error']),
  online: z.boolean(),
  serverUrl: z.string().nullable(),
  officeName: z.string().nullable(),
  boundOfficeName: z.string().nullable(),
  pendingCount: z.number().int().nonnegative(),
  heldCount: z.number().int().nonnegative(),
  lastSuccessAt: z.number().nullable(),
  lastAttemptAt: z.number().nullable(),
  nextAttemptAt: z.number().nullable(),
  lastError: z.object({ code: syncErrorCodeSchema, message: z.string(), at: z.number() }).nullable(),
  clockOffsetMs: z.number().nullable(),
  clockWarning: z.string().nullable(),
  heldWarning: z.string().nullable(),
  /** Received events refused or not applicable (bad signature, revoked key, limits…), kept aside (ADR 0011). */
  quarantinedCount: z.number().int().nonnegative().default(0),
  quarantineWarning: z.string().nullable().default(null),
  /**
   * While a workstation receives a long history (joining an office, back after long offline; issue 17):
   * events received so far and the office's total, and the sentence the top bar shows.
   */
  history: z.object({ received: z.number().int().nonnegative(), total: z.number().int().nonnegative() }).nullable().default(null),
  historyText: z.string().nullable().default(null),
});
export type SyncStatusView = z.infer<typeof syncStatus>;

export const enrollInput = z.object({
  serverUrl: z
    .string()
    .trim()
    .min(1, 'Alamat server wajib diisi.')
    .max(300, 'Alamat server terlalu panjang.')
    // Without a scheme the address means https:// (backend/sync/engine.ts normalizeServerUrl).
    .regex(/^\S+$/, 'Alamat server tidak boleh memuat spasi.'),
  code: z
    .string()
    .trim()
    .min(1, 'Kode pendaftaran wajib diisi.')
    .max(40, 'Kode pendaftaran terlalu panjang.')
    .regex(/^[0-9A-Za-z\s-]+$/, 'Kode pendaftaran hanya berisi huruf, angka, dan tanda hubung.'),
  deviceName: z.string().trim().max(100, 'Nama komputer maksimal 100 karakter.').optional(),
});

export const syncApi = {
  /** Public: the first-run screen of a new PC shows it too (no account exists before the first pull). */
  'sync.status': method(z.object({}), syncStatus, PUBLIC, false),
  /**
   * Public at the method level; the handler allows it only to a supervisor or system admin, or to anyone
   * on a PC that has no account yet (joining an office is how a new PC gets its accounts).
   */
  'sync.enroll': method(enrollInput, syncStatus, PUBLIC, true),
  /** Runs a cycle now and answers the status after it. Signed in, or on a PC with no account yet. */
  'sync.now': method(z.object({}), syncStatus, PUBLIC, false),
  'sync.forget': method(z.object({}), syncStatus, roles('supervisor', 'sysadmin'), true),
} as const;
