/**
 * Office-wide settings (aggregate id `settings`), changed by the supervisor and synced. Each key holds its
 * last value in fold order. Pure: no I/O.
 */
import type { SettingChange, SettingKey } from '../events/desk-events';
import type { DomainEvent } from '../events/schema';
import { OFFICE_SETTING_DEFAULTS } from '../events/print-report';
import { QUEUE_SETTING_DEFAULTS } from '../queue/settings';
import { PRIVACY_SETTING_DEFAULTS } from '../events/privacy-events';

export const SETTINGS_AGGREGATE_ID = 'settings';

export type SettingValue<K extends SettingKey> = Extract<SettingChange, { key: K }>['value'];

export interface SettingsState {
  values: { [K in SettingKey]?: { value: SettingValue<K>; at: number; by: string | null } };
}

/**
 * Defaults for keys never set. Give every key of `settingChange` an entry here: a key without one reads as
 * undefined until it is set (the cast below lets keys be added to the union before their default).
 */
export const SETTING_DEFAULTS: { [K in SettingKey]: SettingValue<K> } = {
  screen_lock_minutes: 10,
  ...OFFICE_SETTING_DEFAULTS,
  ...QUEUE_SETTING_DEFAULTS,
  ...PRIVACY_SETTING_DEFAULTS,
};

export function reduceSettings(state: SettingsState | null, e: DomainEvent): SettingsState | null {
  if (e.type !== 'settings.changed') return state;
  const values = { ...(state?.values ?? {}) };
  (values as Record<string, unknown>)[e.payload.key] = { value: e.payload.value, at: e.recordedAt, by: e.actorId };
  return { values };
}

/** The value last set for `key` in fold order, or its default. */
export function settingOf<K extends SettingKey>(state: SettingsState | null, key: K): SettingValue<K> {
  const v = state?.values[key] as { value: SettingValue<K> } | undefined;
  return v ? v.value : (SETTING_DEFAULTS[key] as SettingValue<K>);
}
