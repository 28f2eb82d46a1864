/**
 * The regulation's two heads of the unit (Perwali Banjarmasin 67/2018, issue 14, ADR 0015):
 * - the **Kepala Bagian** (`kepala_bagian`) signs the maklumat pelayanan and letters, publishes the service
 *   standard, and alone uses the discretion of Pasal 6;
 * - the **Kepala Sub Bagian** (`kepala_subbagian`) supervises the desks, the calendar, accounts and reports.
 *
 * Before issue 14 one `supervisor` role stood for both. It stays in the log (history is never rewritten)
 * and, folded as of its events, still means *both* heads, so every discretion and publication recorded by a
 * supervisor stays valid. New accounts cannot be given it (contract/staff.ts); the Staff screen asks the
 * office to move each supervisor account to one of the two roles (a `user.roles_changed` event, so the
 * account and its history are the same).
 *
 * In access lists `supervisor` names what both heads may do; `kepala_bagian` what only the Kepala Bagian
 * may do. `holdsRole` is the one place that reads them so: the dispatcher, the permission fold and the
 * renderer's menu all ask it. Pure.
 */
import type { Role } from './events/schema';

/** The two heads of the unit; each holds what `supervisor` names in an access list. */
export const HEAD_ROLES: readonly Role[] = ['kepala_bagian', 'kepala_subbagian'];

/** Roles that can be given to an account now (the legacy `supervisor` only remains on old accounts). */
export const ASSIGNABLE_ROLES: readonly Role[] = ['helpdesk', 'verifier', 'sysadmin', 'kepala_subbagian', 'kepala_bagian'];

/** True when an account holding `held` may do what an access list grants to `needed`. */
export function holdsRole(held: readonly Role[], needed: Role): boolean {
  switch (needed) {
    case 'supervisor':
      return held.includes('supervisor') || held.includes('kepala_bagian') || held.includes('kepala_subbagian');
    case 'kepala_bagian':
      return held.includes('kepala_bagian') || held.includes('supervisor');
    case 'kepala_subbagian':
      return held.includes('kepala_subbagian') || held.includes('supervisor');
    default:
      return held.includes(needed);
  }
}

/** True when `held` satisfies any of `needed`. */
export function holdsAnyRole(held: readonly Role[], needed: readonly Role[]): boolean {
  return needed.some((r) => holdsRole(held, r));
}

/** True for an account still holding the legacy role, to be moved to Kepala Bagian or Kepala Sub Bagian. */
export function needsRoleMigration(held: readonly Role[]): boolean {
  return held.includes('supervisor');
}
