import { formatWita } from '../../../domain/time/wita';
import type { VisitStatusValue } from '../../../contract/api';
import { visitStatusLabel } from '../../../domain/visit-status';

/** The one status vocabulary (domain/visit-status.ts), named here for the screens. */
export function statusLabel(s: VisitStatusValue | string, handedOverTo: string | null = null): string {
  return visitStatusLabel(s, handedOverTo);
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

export function fmtIsoDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return formatWita(Date.UTC(y!, m! - 1, d!, 4), 'date');
}
