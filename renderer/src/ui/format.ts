import { formatWita, isValidIsoDate, toWitaParts, witaDayStartMs, witaIsoDate } from '../../../domain/time/wita';
import { visitStatusLabel } from '../../../domain/visit-status';

/** The one status vocabulary (domain/visit-status.ts), named here for the screens. */
export function statusLabel(s: string, handedOverTo: string | null = null): string {
  return visitStatusLabel(s, handedOverTo);
}

export const ROLE_LABEL: Record<string, string> = {
  helpdesk: 'Helpdesk',
  verifier: 'Verifikator',
  sysadmin: 'Admin Sistem',
  // Accounts made before issue 14 (both heads of the unit); moved to one of the two below on the Staff screen.
  supervisor: 'Supervisor (peran lama)',
  kepala_subbagian: 'Kepala Sub Bagian',
  kepala_bagian: 'Kepala Bagian',
};

export const fmtTime = (ms: number) => formatWita(ms, 'time');
export const fmtDate = (ms: number) => formatWita(ms, 'date');
export const fmtDateTime = (ms: number) => formatWita(ms, 'datetime');

/** "Kamis, 24 Desember 2026" for a WITA date; the input itself when it is not a date. */
export function fmtIsoDate(iso: string): string {
  return isValidIsoDate(iso) ? formatWita(witaDayStartMs(iso), 'date') : iso;
}

/** Today's WITA date on this screen's clock. */
export function witaToday(now = Date.now()): string {
  return witaIsoDate(now);
}

/** `YYYY-MM-DDTHH:MM` (WITA) for a datetime-local field. */
export function witaLocalInput(ms: number): string {
  const p = toWitaParts(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.isoDate}T${two(p.hour)}:${two(p.minute)}`;
}
