/**
 * Events of the handlers' desks (verifier, system admin), the working-day calendar and the app settings.
 * Spread into `EVENT_TYPES` in `schema.ts`; kept stand-alone (imports only zod) so that module has no cycle.
 * Synced payloads are append-only contracts: never rename or drop a field, only add optional ones.
 */
import { z } from 'zod';
// Office settings keys (print header, officials on exports, receipt keys); that module imports only zod too.
import { OFFICE_SETTING_CHANGES } from './print-report';

const epochMs = z.number().int().nonnegative();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/);

/** Why the service clock stands still: the vendor must bring/fix something, or the file is at LKPP. */
export const PAUSE_KINDS = ['waiting_vendor', 'external_lkpp'] as const;
export type PauseKind = (typeof PAUSE_KINDS)[number];

/** LKPP's answer to a forwarded file: approved (done), rejected (the vendor is told why), or answered (work resumes). */
export const LKPP_RESULTS = ['approved', 'rejected', 'answered'] as const;
export type LkppResult = (typeof LKPP_RESULTS)[number];

export const DESK_VISIT_EVENTS = {
  /** A verifier / system admin takes a handed-over file. The first claim in fold order owns it. */
  'visit.claimed': { aggregate: 'visit', version: 1, payload: z.object({ at: epochMs }) },
  /** The owner gives the file back to the queue. */
  'visit.claim_released': { aggregate: 'visit', version: 1, payload: z.object({ at: epochMs, note: z.string().max(1000).nullable() }) },
  'visit.completed': { aggregate: 'visit', version: 1, payload: z.object({ at: epochMs, note: z.string().max(1000).nullable() }) },
  /** Rejected by the handler; `reason` is printed on the rejection letter (surat penolakan) for the vendor. */
  'visit.rejected': { aggregate: 'visit', version: 1, payload: z.object({ at: epochMs, reason: z.string().min(1).max(2000) }) },
  /** Forwarded to LKPP (ADP, or the LKPP helpdesk for SPSE problems): an `external_lkpp` pause starts. */
  'visit.forwarded_lkpp': {
    aggregate: 'visit',
    version: 1,
    payload: z.object({ at: epochMs, note: z.string().max(1000).nullable(), ticketNo: z.string().max(100).nullable() }),
  },
  'visit.lkpp_closed': {
    aggregate: 'visit',
    version: 1,
    payload: z.object({ at: epochMs, result: z.enum(LKPP_RESULTS), note: z.string().max(2000).nullable() }),
  },
  /** The clock stops while waiting for the vendor (menunggu penyedia). */
  'visit.pause_started': {
    aggregate: 'visit',
    version: 1,
    payload: z.object({ at: epochMs, kind: z.literal('waiting_vendor'), note: z.string().max(1000).nullable() }),
  },
  'visit.pause_ended': { aggregate: 'visit', version: 1, payload: z.object({ at: epochMs }) },
  /** A working note on the file (system admin case notes, verifier remarks). */
  'visit.note_added': { aggregate: 'visit', version: 1, payload: z.object({ at: epochMs, text: z.string().min(1).max(2000) }) },
} as const;

export const holidayPayload = z.object({
  date: isoDate,
  name: z.string().min(1).max(200),
  kind: z.enum(['libur_nasional', 'cuti_bersama', 'lainnya']),
});

export const openingHoursPayload = z.object({ open: hhmm, close: hhmm }).nullable();

export const CALENDAR_EVENTS = {
  'calendar.holiday_added': { aggregate: 'calendar', version: 1, payload: holidayPayload },
  'calendar.holiday_removed': { aggregate: 'calendar', version: 1, payload: z.object({ date: isoDate }) },
  /** Counter hours of one ISO weekday (1 = Senin … 7 = Minggu); null = closed. One event per weekday merges well. */
  'calendar.hours_changed': {
    aggregate: 'calendar',
    version: 1,
    payload: z.object({ weekday: z.number().int().min(1).max(7), hours: openingHoursPayload }),
  },
  /**
   * A list of holidays imported at once (the seed, or a year's decree from JSON/CSV). `replace_years` first
   * drops every holiday of `years`, so a year's list can be replaced whole; `merge` replaces same dates only.
   */
  'calendar.imported': {
    aggregate: 'calendar',
    version: 1,
    payload: z.object({
      holidays: z.array(holidayPayload).max(2000),
      mode: z.enum(['merge', 'replace_years']),
      years: z.array(z.number().int().min(1900).max(2999)).max(50),
      source: z.string().max(300),
    }),
  },
} as const;

/** One value per setting key; more keys are added as new members of the union. */
export const settingChange = z.discriminatedUnion('key', [
  /** Screen lock after this many minutes without activity at the workstation. */
  z.object({ key: z.literal('screen_lock_minutes'), value: z.number().int().min(1).max(240) }),
  ...OFFICE_SETTING_CHANGES,
]);
export type SettingChange = z.infer<typeof settingChange>;
export type SettingKey = SettingChange['key'];

export const SETTINGS_EVENTS = {
  'settings.changed': { aggregate: 'settings', version: 1, payload: settingChange },
} as const;
