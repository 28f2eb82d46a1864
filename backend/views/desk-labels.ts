/**
 * Indonesian wording of the desk events on a visit's timeline. A leaf module (no imports from handlers), so
 * both the visit view and the desks can use it without an import cycle.
 */
import { formatWita } from '../../domain/time/wita';
export const DESK_EVENT_LABEL: Record<string, string> = {
  'visit.claimed': 'Berkas diambil',
  'visit.claim_released': 'Berkas dikembalikan ke antrean',
  'visit.completed': 'Layanan selesai',
  'visit.rejected': 'Permohonan ditolak',
  'visit.forwarded_lkpp': 'Diteruskan ke LKPP',
  'visit.lkpp_closed': 'Hasil dari LKPP dicatat',
  'visit.pause_started': 'Menunggu penyedia (waktu layanan dihentikan)',
  'visit.pause_ended': 'Dilanjutkan',
  'visit.note_added': 'Catatan',
  'visit.disruption_recorded': 'Gangguan dicatat',
  'visit.disruption_ended': 'Gangguan berakhir',
};

/** "gangguan internet" / "gangguan SPSE". */
export const DISRUPTION_LABEL: Record<string, string> = { internet: 'gangguan internet', spse: 'gangguan SPSE' };

const LKPP_RESULT_LABEL: Record<string, string> = { approved: 'disetujui', rejected: 'ditolak', answered: 'dijawab, proses dilanjutkan' };

/** A timeline line for a desk event (or a handover under discretion), or null for other events. */
export function deskTimelineSummary(type: string, p: Record<string, unknown>, base: string, unitWords: (code: string) => string = (c) => (c === 'sysadmin' ? 'admin sistem' : c === 'verifier' ? 'verifikator' : c)): string | null {
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
  switch (type) {
    case 'visit.handed_over':
      if (Array.isArray(p.discretionItems) && p.discretionItems.length > 0) {
        return `${base} ke ${unitWords(String(p.to))} (tanda terima ${String(p.receiptNo)}) dengan diskresi Pasal 6: ${p.discretionItems.length} persyaratan belum lengkap${text(p.discretionReason) ? ` — ${String(p.discretionReason)}` : ''}`;
      }
      return null;
    case 'visit.rejected':
      return `${base}: ${String(p.reason)}`;
    case 'visit.completed':
    case 'visit.claim_released':
    case 'visit.pause_started':
      return text(p.note) ? `${base}: ${String(p.note)}` : base;
    case 'visit.forwarded_lkpp':
      return `${base}${text(p.ticketNo) ? ` (tiket ${String(p.ticketNo)})` : ''}${text(p.note) ? `: ${String(p.note)}` : ''}`;
    case 'visit.lkpp_closed':
      return `${base}: ${LKPP_RESULT_LABEL[String(p.result)] ?? String(p.result)}${text(p.note) ? ` — ${String(p.note)}` : ''}`;
    case 'visit.note_added':
      return `${base}: ${String(p.text)}`;
    case 'visit.disruption_recorded':
      return `${base}: ${DISRUPTION_LABEL[String(p.kind)] ?? String(p.kind)} ${formatWita(Number(p.from), 'time')}–${p.to === null ? 'berlangsung' : formatWita(Number(p.to), 'time')} — ${String(p.reason)}`;
    case 'visit.disruption_ended':
      return `${base}: ${DISRUPTION_LABEL[String(p.kind)] ?? String(p.kind)}`;
    default:
      return DESK_EVENT_LABEL[type] ? base : null;
  }
}
