/**
 * The office header and officials printed on documents and named on exports, read from the office
 * settings (`settings.changed`, aggregate 'settings') with their defaults. Pure.
 */
import { settingOf, type SettingsState } from '../domain/aggregates/settings';

export interface OfficeSettings {
  officeName: string;
  officeAddress: string;
  /** Telephone, e-mail or website printed under the address. */
  officeContact: string | null;
  /** `data:image/(png|jpeg|svg+xml);base64,…`, or null to print no logo. */
  logoDataUrl: string | null;
  /** Title of the head of unit who signs the monthly report. */
  headTitle: string;
  headName: string | null;
  headNip: string | null;
  /** Data-protection officer (Pejabat Pelindungan Data Pribadi), named on every export (UU 27/2022). */
  dpoName: string | null;
  dpoContact: string | null;
}

export function officeSettingsOf(state: SettingsState | null): OfficeSettings {
  return {
    officeName: settingOf(state, 'office_name'),
    officeAddress: settingOf(state, 'office_address'),
    officeContact: settingOf(state, 'office_contact'),
    logoDataUrl: settingOf(state, 'office_logo'),
    headTitle: settingOf(state, 'head_title'),
    headName: settingOf(state, 'head_name'),
    headNip: settingOf(state, 'head_nip'),
    dpoName: settingOf(state, 'dpo_name'),
    dpoContact: settingOf(state, 'dpo_contact'),
  };
}

/** Event key of each office setting field. */
export const OFFICE_SETTING_KEYS = {
  officeName: 'office_name',
  officeAddress: 'office_address',
  officeContact: 'office_contact',
  logoDataUrl: 'office_logo',
  headTitle: 'head_title',
  headName: 'head_name',
  headNip: 'head_nip',
  dpoName: 'dpo_name',
  dpoContact: 'dpo_contact',
} as const;
