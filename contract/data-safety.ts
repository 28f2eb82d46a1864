/**
 * Data safety (issue 15, docs/adr/0016-data-safety.md): the storage state, backups and their second copy,
 * verification, rebuild and restore. Spread into `api` in `api.ts`.
 */
import { z } from 'zod';
import { method, PUBLIC, SUPERVISOR } from './method';
import { password, username } from './account-fields';
import { roleSchema } from '../domain/events/schema';

export const storageState = z.object({
  /** `recovery`: the database could not be opened at all; the app serves only the restore screen. */
  mode: z.enum(['normal', 'read_only', 'damaged', 'recovery']),
  message: z.string().nullable(),
  problems: z.array(z.string()),
});
export type StorageStateOut = z.infer<typeof storageState>;

export const backupInfo = z.object({
  file: z.string(),
  kind: z.enum(['auto', 'closing', 'manual', 'pre_migration', 'pre_rebuild', 'pre_restore', 'pre_encryption']),
  at: z.number(),
  events: z.number().int(),
  lastEventId: z.string().nullable(),
  unsynced: z.number().int(),
  bytes: z.number().int(),
  /** Which retention rule keeps it (db/backup.ts DEFAULT_RETENTION); null for a backup due to be removed. */
  keptBy: z.enum(['today', 'day', 'month', 'safety']).nullable().optional(),
});
export type BackupInfo = z.infer<typeof backupInfo>;

export const backupStatus = z.object({
  storage: storageState,
  enabled: z.boolean(),
  dir: z.string(),
  intervalMinutes: z.number(),
  last: backupInfo.nullable(),
  backups: z.array(backupInfo),
  lastError: z.string().nullable(),
  lastErrorAt: z.number().nullable(),
  secondDir: z.string().nullable(),
  secondLastOkAt: z.number().nullable(),
  secondLastError: z.string().nullable(),
  secondLastErrorAt: z.number().nullable(),
  /** The database a restore set aside, which "Batalkan pemulihan" puts back; null when there is none. */
  undo: z.object({ file: z.string(), at: z.number() }).nullable().optional(),
  /** The database (and its backups) encrypted at rest with this PC's key (docs/adr/0017); null when unknown. */
  encrypted: z.boolean().nullable().optional(),
});

const verifyOut = z.object({
  ok: z.boolean(),
  integrity: z.array(z.string()),
  events: z.number().int(),
  aggregates: z.number().int(),
  differences: z.array(z.object({ table: z.string(), missing: z.number().int(), extra: z.number().int(), examples: z.array(z.string()) })),
  unknown: z.array(z.string()),
  ms: z.number(),
});

export const restorePreview = z.object({
  backup: backupInfo,
  /** Events in this database that the backup lacks. */
  newerHere: z.number().int(),
  /** Of those, events the server has acknowledged: they come back at the next sync. */
  regainedFromServer: z.number().int(),
  /** Of those, events never sent to the server: lost with the restore (kept in the saved current file). */
  lost: z.number().int(),
  /** Receipt numbers issued after the backup: never issued again (the log they come back from says so). */
  receiptsAfterBackup: z.array(z.string()),
  lostReceipts: z.array(z.string()),
});
export type RestorePreview = z.infer<typeof restorePreview>;

export const serverRestorePreview = z.object({
  /** Events in the current database (null: it cannot be read). */
  eventsHere: z.number().int().nullable(),
  /** Events recorded here that never reached the server: not regained. */
  lost: z.number().int().nullable(),
  lostReceipts: z.array(z.string()),
  serverUrl: z.string().nullable(),
});
export type ServerRestorePreviewOut = z.infer<typeof serverRestorePreview>;

/** What a restore (from a backup or the server) or its undo did; the backend has reopened on the new file. */
export const restoreDone = z.object({
  events: z.number().int(),
  /** The file the replaced database was set aside as (for undo). */
  kept: z.string(),
  /** Receipt/number series whose floor was raised so no number is issued twice. */
  floors: z.number().int(),
  message: z.string(),
});
export type RestoreDone = z.infer<typeof restoreDone>;

/**
 * Recovery mode's sign-in (docs/adr/0024): the account is checked against the staff records of the newest
 * readable backup, since the accounts of the broken file cannot be read. Only a system administrator or a
 * head of the unit may restore. `checkedAgainst`: which backup the account was found in (for the screen).
 */
export const recoverySession = z.object({
  token: z.string(),
  user: z.object({ id: z.string(), username: z.string(), displayName: z.string(), roles: z.array(roleSchema) }),
  expiresAt: z.number(),
  checkedAgainst: z.object({ file: z.string(), at: z.number() }),
});

const backupFile = z.string().regex(/^counter-[0-9A-Za-z_-]+\.sqlite$/, 'Nama berkas cadangan tidak valid.');

export const dataSafetyApi = {
  /** Public: the banner of a read-only or damaged PC shows before anyone signs in. */
  'dataSafety.storage': method(z.object({}), storageState, PUBLIC, false),
  'dataSafety.status': method(z.object({}), backupStatus, SUPERVISOR, false),
  'dataSafety.backupNow': method(z.object({}), backupInfo, SUPERVISOR, true),
  'dataSafety.setSecondFolder': method(
    z.object({ dir: z.string().trim().max(1000).nullable() }),
    backupStatus,
    SUPERVISOR,
    true,
  ),
  'dataSafety.verify': method(z.object({}), verifyOut, SUPERVISOR, false),
  'dataSafety.restorePreview': method(z.object({ file: backupFile }), restorePreview, SUPERVISOR, false),
  // The guided restore (issue 15 item 3): the backend closes its database, swaps the file (db/restore.ts)
  // and reopens on it (backend/backend-host.ts); the current file is set aside for undo.
  'dataSafety.restore': method(z.object({ file: backupFile }), restoreDone, SUPERVISOR, true),
  'dataSafety.serverRestorePreview': method(z.object({}), serverRestorePreview, SUPERVISOR, false),
  'dataSafety.restoreFromServer': method(z.object({}), restoreDone, SUPERVISOR, true),
  'dataSafety.undoRestore': method(z.object({}), restoreDone, SUPERVISOR, true),
  // Served only in recovery mode (backend/backend-host.ts); a running app answers that it is not in it.
  'dataSafety.recoverySignIn': method(z.object({ username, password }), recoverySession, PUBLIC, false),
} as const;
