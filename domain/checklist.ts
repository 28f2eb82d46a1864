/**
 * Checklist rules: which requirement items apply to a visit and whether each is satisfied. Pure.
 */
import type { RequirementItem, ServiceDefinition } from './catalogue/types';
import type { ItemMark, MissingItem, VisitorRole } from './events/schema';

export function applicableItems(service: ServiceDefinition, role: VisitorRole): RequirementItem[] {
  return service.requirements.filter((r) => !r.proxyOnly || role === 'proxy');
}

export type ItemVerdict = { ok: true } | { ok: false; reason: MissingItem['reason'] };

/** Judges one item against the helpdesk's marks; `todayIso` is the WITA date of the check. */
export function judgeItem(item: RequirementItem, mark: ItemMark | undefined, todayIso: string): ItemVerdict {
  if (!mark) return { ok: false, reason: 'unchecked' };
  if (mark.notBrought) return { ok: false, reason: 'not_brought' };
  if (item.original !== 'none' && !mark.originalSeen) return { ok: false, reason: 'original_not_shown' };
  if (item.copyRequired && !mark.copyReceived) return { ok: false, reason: 'copy_missing' };
  if (item.original === 'none' && !item.copyRequired && !mark.originalSeen && !mark.copyReceived) {
    // A presence-only item (the folder) is satisfied by ticking it; the UI stores that as originalSeen.
    return { ok: false, reason: 'unchecked' };
  }
  // "Yang masih berlaku": a date not yet past, or recorded explicitly as valid without a time limit (NIB,
  // akta), never an invented date (issue 9).
  if (item.mustBeValid && !mark.noExpiry) {
    if (!mark.validUntil) return { ok: false, reason: 'no_validity_date' };
    if (mark.validUntil < todayIso) return { ok: false, reason: 'expired' };
  }
  if (item.needsMeterai && !mark.meteraiOk) return { ok: false, reason: 'no_meterai' };
  return { ok: true };
}

export interface ChecklistSummary {
  total: number;
  satisfied: number;
  missing: MissingItem[];
  complete: boolean;
}

export function summarizeChecklist(
  service: ServiceDefinition,
  role: VisitorRole,
  marks: Record<string, ItemMark>,
  todayIso: string,
): ChecklistSummary {
  const items = applicableItems(service, role);
  const missing: MissingItem[] = [];
  for (const item of items) {
    const v = judgeItem(item, marks[item.code], todayIso);
    if (!v.ok) missing.push({ itemCode: item.code, label: item.label, reason: v.reason });
  }
  return { total: items.length, satisfied: items.length - missing.length, missing, complete: missing.length === 0 };
}

export const MISSING_REASON_LABEL: Record<MissingItem['reason'], string> = {
  not_brought: 'Tidak dibawa',
  original_not_shown: 'Dokumen asli belum diperlihatkan',
  copy_missing: 'Salinan (fotokopi) belum diserahkan',
  expired: 'Dokumen sudah tidak berlaku',
  no_validity_date: 'Masa berlaku belum dicatat',
  no_meterai: 'Belum bermeterai',
  unchecked: 'Belum diperiksa',
};
