import { formatWita, isValidIsoDate, witaDayStartMs, witaIsoDate } from '../../../domain/time/wita';
import type { VisitStatusValue } from '../../../contract/api';

export const STATUS_LABEL: Record<string, string> = {
  registered: 'Tercatat',
  checking: 'Diperiksa',
  returned: 'Dikembalikan',
  handed_over: 'Diserahkan',
  closed: 'Selesai',
  in_process: 'Diproses',
  waiting_vendor: 'Menunggu penyedia',
  at_lkpp: 'Di LKPP',
  completed: 'Selesai',
  rejected: 'Ditolak',
};

export function statusLabel(s: VisitStatusValue | string): string {
  return STATUS_LABEL[s] ?? s;
}

export const ROLE_LABEL: Record<string, string> = {
  helpdesk: 'Helpdesk',
  verifier: 'Verifikator',
  sysadmin: 'Admin Sistem',
  supervisor: 'Supervisor',
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
