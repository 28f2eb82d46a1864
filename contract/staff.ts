/**
 * Staff accounts, the screen lock and office settings, and the supervisor's catalogue publication.
 * Spread into `api` in `api.ts`. Only the supervisor manages accounts, settings and the catalogue: the
 * access declared here is what the dispatcher enforces.
 */
import { z } from 'zod';
import { catalogueSchema } from '../domain/catalogue/schema';
import { ROLES, roleSchema } from '../domain/events/schema';
import { newPassword, password, username } from './account-fields';
import { method, optionalText, roles, SIGNED_IN, SUPERVISOR, uuid } from './method';

const displayName = z.string().trim().min(1, 'Nama lengkap wajib diisi.').max(200, 'Nama lengkap maksimal 200 karakter.');
const roleList = z
  .array(roleSchema, { message: 'Pilih peran yang valid.' })
  .min(1, 'Pilih minimal satu peran.')
  .max(ROLES.length)
  // The legacy role is not given any more (domain/roles.ts); an account that has it keeps it until moved.
  .refine((r) => !r.includes('supervisor'), {
    message: 'Peran Supervisor sudah tidak dipakai: pilih Kepala Bagian atau Kepala Sub Bagian (Perwali 67/2018).',
  })
  .transform((r) => [...new Set(r)].sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b)));
const reasonText = optionalText(500, 'Alasan');

export const staffUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
  active: z.boolean(),
  updatedAt: z.number(),
});
export type StaffUser = z.infer<typeof staffUser>;

export const screenLockSettings = z.object({
  /** Lock the screen after this many minutes without keyboard or mouse activity. */
  screenLockMinutes: z.number().int(),
});

/** Methods a locked session may still call (everything else answers `locked`). */
export const ALLOWED_WHILE_LOCKED: ReadonlySet<string> = new Set(['auth.unlock', 'auth.signOut', 'auth.me', 'auth.lockState', 'app.status']);

export const staffApi = {
  'users.list': method(z.object({}), z.object({ users: z.array(staffUser) }), SUPERVISOR, false),
  'users.create': method(
    z.object({ username, displayName, roles: roleList, password: newPassword }),
    staffUser,
    SUPERVISOR,
    true,
  ),
  'users.setRoles': method(z.object({ userId: uuid, roles: roleList }), staffUser, SUPERVISOR, true),
  'users.disable': method(z.object({ userId: uuid, reason: reasonText }), staffUser, SUPERVISOR, true),
  'users.enable': method(z.object({ userId: uuid }), staffUser, SUPERVISOR, true),
  'users.resetPassword': method(z.object({ userId: uuid, newPassword }), staffUser, SUPERVISOR, true),

  /** Any signed-in user changes their own password (the current one is required). */
  'auth.changePassword': method(z.object({ currentPassword: password, newPassword }), z.object({}), SIGNED_IN, true),
  /** Locks this session (the renderer calls it after the configured inactivity). */
  'auth.lock': method(z.object({}), z.object({ locked: z.literal(true) }), SIGNED_IN, false),
  /** Quick unlock: the same user's password; the same session continues. */
  'auth.unlock': method(z.object({ password }), z.object({ locked: z.literal(false) }), SIGNED_IN, false),
  'auth.lockState': method(z.object({}), screenLockSettings.extend({ locked: z.boolean() }), SIGNED_IN, false),

  'settings.screenLock': method(z.object({}), screenLockSettings, SIGNED_IN, false),
  'settings.setScreenLock': method(
    z.object({
      screenLockMinutes: z
        .number({ message: 'Isi jumlah menit.' })
        .int('Jumlah menit harus bilangan bulat.')
        .min(1, 'Minimal 1 menit.')
        .max(240, 'Maksimal 240 menit.'),
    }),
    screenLockSettings,
    SUPERVISOR,
    true,
  ),

  /** Publishes a whole new catalogue version (Pasal 9); the version must be the next number. */
  'catalogue.publish': method(
    z.object({ catalogue: catalogueSchema, note: z.string().trim().max(1000, 'Catatan maksimal 1000 karakter.').nullable() }),
    z.object({ version: z.number() }),
    // Publishing the standard is the Kepala Bagian's (issue 14); the fold applies the same rule.
    roles('kepala_bagian'),
    true,
  ),
} as const;
