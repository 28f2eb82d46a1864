/**
 * "What to bring next time" for each missing or unacceptable checklist item of a return slip, worded from
 * the catalogue's requirement flags (original shown or handed over, copy, validity, meterai, leader's
 * signature). Pure.
 */
import type { RequirementItem } from '../domain/catalogue/types';
import type { MissingItem } from '../domain/events/schema';

type ItemFlags = Pick<RequirementItem, 'label' | 'original' | 'copyRequired' | 'mustBeValid' | 'needsMeterai' | 'signedByLeader'>;

function fullRequirement(item: ItemFlags): string {
  const parts: string[] = [];
  if (item.original === 'show') parts.push(item.copyRequired ? 'asli (untuk diperlihatkan) dan fotokopinya' : 'asli (untuk diperlihatkan)');
  else if (item.original === 'submit') parts.push(item.copyRequired ? 'asli (diserahkan) dan fotokopinya' : 'asli (diserahkan)');
  else if (item.copyRequired) parts.push('fotokopi');
  const cond: string[] = [];
  if (item.mustBeValid) cond.push('yang masih berlaku');
  if (item.signedByLeader) cond.push('ditandatangani pimpinan perusahaan');
  if (item.needsMeterai) cond.push('bermeterai Rp10.000');
  const what = parts.length ? ` — ${parts.join(' ')}` : '';
  return `Bawa ${item.label}${what}${cond.length ? `, ${cond.join(', ')}` : ''}.`;
}

export function whatToBring(item: ItemFlags | null, missing: Pick<MissingItem, 'label' | 'reason'>): string {
  const label = item?.label ?? missing.label;
  switch (missing.reason) {
    case 'not_brought':
    case 'unchecked':
      return item ? fullRequirement(item) : `Bawa ${label}.`;
    case 'original_not_shown':
      return item?.original === 'submit' ? `Serahkan dokumen asli ${label}.` : `Perlihatkan dokumen asli ${label}.`;
    case 'copy_missing':
      return `Serahkan fotokopi ${label}.`;
    case 'expired':
      return `Bawa ${label} yang masih berlaku (asli dan fotokopi).`;
    case 'no_validity_date':
      return `Bawa ${label} yang mencantumkan masa berlaku.`;
    case 'no_meterai':
      return `${label} harus dibubuhi meterai Rp10.000.`;
    default: {
      const never: never = missing.reason;
      return `Bawa ${label} (${String(never)}).`;
    }
  }
}
