/**
 * The one rule for showing personal data (DESIGN §6, UU 27/2022): which roles see NIK and phone numbers in
 * full, and how they are masked for everyone and everything else (screens of other roles, exports without
 * personal data). The visit view and the monthly report's exports both mask through here, so a number
 * never reads differently masked on screen and in a file. Pure.
 */
import type { Role } from './events/schema';
import { holdsAnyRole } from './roles';
import { formatPhoneNational } from './validation/phone';

/** Roles that need full identity numbers to do their work; others see them masked. */
export const FULL_PERSONAL_DATA_ROLES: readonly Role[] = ['helpdesk', 'verifier', 'supervisor'];

export function canSeePersonalData(roles: readonly Role[] | undefined): boolean {
  return !!roles && holdsAnyRole(roles, FULL_PERSONAL_DATA_ROLES);
}

/** Keeps `keepStart` and `keepEnd` characters and hides the rest ("6371••••••••0001"). */
export function maskMiddle(s: string | null, keepStart: number, keepEnd: number): string | null {
  if (!s) return s;
  if (s.length <= keepStart + keepEnd) return '•'.repeat(s.length);
  return s.slice(0, keepStart) + '•'.repeat(s.length - keepStart - keepEnd) + s.slice(-keepEnd);
}

/** A NIK with only its region code and serial shown. */
export function maskNik(nik: string | null): string | null {
  return maskMiddle(nik, 4, 4);
}

/** A phone number (stored E.164) in national digits, only its operator prefix and last two digits shown. */
export function maskPhone(e164: string | null): string | null {
  return e164 ? maskMiddle(phoneDigits(e164), 4, 2) : null;
}

/** A phone number (stored E.164) in national digits ("081251234567"; a foreign number keeps its "+"), as exports with personal data show it. */
export function phoneDigits(e164: string): string {
  return formatPhoneNational(e164).replace(/[^\d+]/g, '');
}
