/**
 * The one vocabulary of a visit's status: the guest book, the desks, the dashboard, the receipt check, the
 * monthly report's XLSX/CSV/PDF and the CLI all name a status through `visitStatusLabel`, so a file never
 * reads "Tercatat" on screen and "Terdaftar" in an export. A system admin's case (service 7) uses the case
 * vocabulary of ADR 0003 ("Baru", "Diteruskan ke helpdesk LKPP"). Pure.
 */
import type { VisitStatus } from './aggregates/visit';

export type { VisitStatus };

export const VISIT_STATUSES = ['registered', 'checking', 'returned', 'handed_over', 'closed', 'in_process', 'waiting_vendor', 'at_lkpp', 'completed', 'rejected'] as const satisfies readonly VisitStatus[];

/**
 * Indonesian label of a status (a VisitStatus; any string, as rows read back from SQL are untyped);
 * `handedOverTo` names the desk (verifier or sysadmin) once the file has been handed over.
 */
export function visitStatusLabel(status: string, handedOverTo: string | null = null): string {
  const sysadmin = handedOverTo === 'sysadmin';
  switch (status as VisitStatus) {
    case 'registered':
      return 'Terdaftar';
    case 'checking':
      return 'Diperiksa';
    case 'returned':
      return 'Dikembalikan';
    case 'handed_over':
      return sysadmin ? 'Baru' : handedOverTo === 'verifier' ? 'Menunggu verifikator' : 'Diserahkan';
    case 'closed':
      return 'Selesai di loket';
    case 'in_process':
      return 'Diproses';
    case 'waiting_vendor':
      return 'Menunggu penyedia';
    case 'at_lkpp':
      return sysadmin ? 'Diteruskan ke helpdesk LKPP' : 'Diteruskan ke LKPP';
    case 'completed':
      return 'Selesai';
    case 'rejected':
      return 'Ditolak';
    default:
      return status;
  }
}

/**
 * Where a visit stands for the guest book's tabs: each status belongs to exactly one stage, so the tabs'
 * counts add up to the day's visits and a tab lists exactly the rows it counts.
 */
export const VISIT_STAGES = [
  { key: 'at_counter', label: 'Di loket', statuses: ['registered', 'checking'] },
  { key: 'returned', label: 'Dikembalikan', statuses: ['returned'] },
  { key: 'at_desk', label: 'Di meja petugas', statuses: ['handed_over', 'in_process', 'waiting_vendor', 'at_lkpp'] },
  { key: 'finished', label: 'Selesai', statuses: ['closed', 'completed'] },
  { key: 'rejected', label: 'Ditolak', statuses: ['rejected'] },
] as const satisfies readonly { key: string; label: string; statuses: readonly VisitStatus[] }[];

export type VisitStage = (typeof VISIT_STAGES)[number]['key'];
export const VISIT_STAGE_KEYS = VISIT_STAGES.map((s) => s.key) as [VisitStage, ...VisitStage[]];

export function stageOf(status: VisitStatus): VisitStage {
  return VISIT_STAGES.find((s) => (s.statuses as readonly VisitStatus[]).includes(status))!.key;
}

export function statusesOf(stage: VisitStage): readonly VisitStatus[] {
  return VISIT_STAGES.find((s) => s.key === stage)!.statuses;
}
