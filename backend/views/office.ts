/** The office's settings (name, address, logo, data-protection officer) as documents and exports show them. */
import { loadAggregateState } from '../../db/event-store';
import { SETTINGS_AGGREGATE_ID } from '../../domain/aggregates/settings';
import { officeSettingsOf, type OfficeSettings } from '../../print/office';
import type { OfficeHeader } from '../../print/types';
import type { ReadContext } from '../context';

export async function loadOfficeSettings(app: ReadContext): Promise<OfficeSettings> {
  return officeSettingsOf(await loadAggregateState<'settings'>(app.db, SETTINGS_AGGREGATE_ID));
}

export function officeHeader(s: OfficeSettings): OfficeHeader {
  return {
    officeName: s.officeName,
    officeAddress: s.officeAddress,
    officeContact: s.officeContact,
    logoDataUrl: s.logoDataUrl,
    dpoName: s.dpoName,
    dpoContact: s.dpoContact,
  };
}
