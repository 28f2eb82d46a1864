/**
 * Numbers handed to people (receipt and complaint numbers; queue numbers later) are derived from the
 * log, never from a counter kept beside it: the next number of a series is one more than the highest number
 * of that series found in the events this PC holds. A PC restored from an older copy gets its own later
 * events back from the server before it hands anything over, and with them the numbers it already issued;
 * a rebuild from the server likewise. Events that carry a number declare it here (ADR 0011). Pure.
 */
import type { StoredEvent } from './events/schema';
import { parseQueueLabel, queueScope } from './queue/numbers';

export interface IssuedNumber {
  /** What kind of number ('receipt', 'complaint'; later 'queue'). */
  series: string;
  /** The range numbers count within (a receipt: day and device tag). */
  scope: string;
  number: number;
  /** The number as printed. */
  label: string;
}

const RECEIPT_RE = /^TT-(\d{8}-[0-9A-Z]+)-(\d+)$/;

/** Receipt numbers are unique across workstations: the device tag (the end of its id) keeps two PCs' counters apart. */
export function deviceTag(deviceId: string): string {
  return deviceId.replace(/-/g, '').slice(-6).toUpperCase();
}

/** `TT-<yyyymmdd>-<device tag>-<nnn>`: unique across workstations by the device tag. */
export function receiptLabel(day: string, deviceTag: string, n: number): string {
  return `TT-${day}-${deviceTag}-${String(n).padStart(3, '0')}`;
}

export function receiptScope(day: string, deviceTag: string): string {
  return `${day}-${deviceTag}`;
}

export function parseReceiptLabel(label: string): { scope: string; number: number } | null {
  const m = RECEIPT_RE.exec(label);
  return m ? { scope: m[1]!, number: Number(m[2]) } : null;
}

/**
 * Complaint numbers (ADR 0012) `PGD-<yyyymmdd>-<tag>-<nnn>`: the receipts' pattern with their own prefix.
 * The tag keeps two authors apart: a workstation's device tag, or the central server's tag for its public
 * form (`W` and five hex digits of its epoch, so a server restored from a backup, whose epoch is rotated,
 * starts a scope of its own).
 */
export const COMPLAINT_PREFIX = 'PGD';
const COMPLAINT_RE = /^PGD-(\d{8})-([0-9A-Z]+)-(\d{3,})$/;

export function complaintLabel(day: string, tag: string, n: number): string {
  return `${COMPLAINT_PREFIX}-${day}-${tag}-${String(n).padStart(3, '0')}`;
}

export function complaintScope(day: string, tag: string): string {
  return `${day}-${tag}`;
}

/** A complaint number as printed or as typed (any case, spaces around): its day, tag, scope and number. */
export function parseComplaintLabel(label: string): { day: string; tag: string; scope: string; number: number } | null {
  const m = COMPLAINT_RE.exec(label.trim().toUpperCase());
  if (!m) return null;
  return { day: m[1]!, tag: m[2]!, scope: complaintScope(m[1]!, m[2]!), number: Number(m[3]) };
}

/** The event types that issue a number: the only ones `numbersIn` needs to look at. */
export const NUMBERING_EVENT_TYPES: ReadonlySet<string> = new Set(['visit.handed_over', 'complaint.received', 'queue.ticket_issued']);

/** The numbers an event issues (none for most). */
export function numbersIn(e: StoredEvent): IssuedNumber[] {
  if (e.type === 'visit.handed_over') {
    const label = (e.payload as { receiptNo?: unknown } | null)?.receiptNo;
    if (typeof label !== 'string') return [];
    const p = parseReceiptLabel(label);
    return p ? [{ series: 'receipt', scope: p.scope, number: p.number, label }] : [];
  }
  if (e.type === 'complaint.received') {
    const label = (e.payload as { number?: unknown } | null)?.number;
    if (typeof label !== 'string') return [];
    const p = parseComplaintLabel(label);
    return p ? [{ series: 'complaint', scope: p.scope, number: p.number, label }] : [];
  }
  if (e.type === 'queue.ticket_issued') {
    // Queue numbers (issue 16): per WITA day and letter; the station classes keep PCs apart (queue/numbers.ts).
    const p = e.payload as { day?: unknown; label?: unknown } | null;
    const parsed = typeof p?.label === 'string' ? parseQueueLabel(p.label) : null;
    if (!parsed || typeof p?.day !== 'string') return [];
    return [{ series: 'queue', scope: queueScope(p.day, parsed.letter), number: parsed.number, label: p.label as string }];
  }
  return [];
}
