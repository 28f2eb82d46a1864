/**
 * Events of the handlers' desks (verifier, system admin), the working-day calendar and the app settings.
 * Spread into `EVENT_TYPES` in `schema.ts`; kept stand-alone (imports only zod) so that module has no cycle.
 * Synced payloads are append-only contracts: never rename or drop a field, only add optional ones.
 */
import { z } from 'zod';
// Office settings keys (print header, officials on exports, receipt keys); that module imports only zod too.
import { OFFICE_SETTING_CHANGES } from './print-report';
// Queue settings (issue 16); that module imports only zod too.
import { QUEUE_SETTING_CHANGES } from '../queue/settings';
// Personal-data settings (issue 15, retention); that module imports only zod too.
import { PRIVACY_SETTING_CHANGES } from './privacy-events';

const epochMs = z.number().int().nonnegative();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/);

/** Why the service clock stands still: the vendor must bring/fix something, or the file is at LKPP. */
export const PAUSE_KINDS = ['waiting_vendor', 'external_lkpp'] as const;
export type PauseKind = (typeof PAUSE_KINDS)[number];

/** Disruptions that can excuse time (the regulation: "jika tidak ada gangguan internet"; SPSE where the change is made). */
export const DISRUPTION_KIND_VALUES = ['internet', 'spse'] as const;

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
    // `waiting_vendor`, or a pause kind the visit's service defines in its catalogue version (issue 14); the
    // desk handler checks it against that version, so a synced event only carries kinds a catalogue named.
    payload: z.object({ at: epochMs, kind: z.string().regex(/^[a-z][a-z0-9_]{1,63}$/), note: z.string().max(1000).nullable() }),
  },
  'visit.pause_ended': { aggregate: 'visit', version: 1, payload: z.object({ at: epochMs }) },
  /** A working note on the file (system admin case notes, verifier remarks). */
  'visit.note_added': { aggregate: 'visit', version: 1, payload: z.object({ at: epochMs, text: z.string().min(1).max(2000) }) },
  /**
   * Excused time on one file (issue 9): the internet or SPSE was down from `from` to `to` (null: still down).
   * Whether it counts against the limit is the service's rule (`clockLimitOf`); it is always shown.
   */
  'visit.disruption_recorded': {
    aggregate: 'visit',
    version: 1,
    payload: z.object({ at: epochMs, from: epochMs, to: epochMs.nullable(), kind: z.enum(DISRUPTION_KIND_VALUES), reason: z.string().min(1).max(1000) }),
  },
  /** The open disruption of that kind on this file is over. */
  'visit.disruption_ended': { aggregate: 'visit', version: 1, payload: z.object({ at: epochMs, kind: z.enum(DISRUPTION_KIND_VALUES) }) },
} as const;

/**
 * An office-wide outage (aggregate type `outage`, one id per outage): declared once, it applies to every
 * file at a desk during it. Ended when service is back; withdrawn (with a reason) when declared by mistake.
 */
export const OUTAGE_EVENTS = {
  'outage.declared': {
    aggregate: 'outage',
    version: 1,
    payload: z.object({ at: epochMs, from: epochMs, to: epochMs.nullable(), kind: z.enum(DISRUPTION_KIND_VALUES), reason: z.string().min(1).max(1000) }),
  },
  'outage.ended': { aggregate: 'outage', version: 1, payload: z.object({ at: epochMs, to: epochMs }) },
  'outage.withdrawn': { aggregate: 'outage', version: 1, payload: z.object({ at: epochMs, reason: z.string().min(1).max(1000) }) },
} as const;

export const holidayPayload = z.object({
  date: isoDate,
  name: z.string().min(1).max(200),
  kind: z.enum(['libur_nasional', 'cuti_bersama', 'lainnya']),
});

export const openingHoursPayload = z.object({ open: hhmm, close: hhmm }).nullable();

/** Why a day already past is changed (a holiday added or removed after the fact moves past deadlines). */
const changeReason = z.string().min(1).max(1000).optional();

export const CALENDAR_EVENTS = {
  'calendar.holiday_added': { aggregate: 'calendar', version: 1, payload: holidayPayload.extend({ reason: changeReason }) },
  /** In a provisional year this may remove a computed (perkiraan) holiday: the date is remembered as removed. */
  'calendar.holiday_removed': { aggregate: 'calendar', version: 1, payload: z.object({ date: isoDate, reason: changeReason }) },
  /**
   * Counter hours of one ISO weekday (1 = Senin … 7 = Minggu); null = closed. One event per weekday merges well.
   * Version 2: the hours apply from `effectiveFrom` (and until `effectiveUntil`, e.g. Ramadan hours) and never
   * to an earlier day; a version-1 event (no dates) applies from the WITA day it was recorded. Older apps
   * park version 2 rather than apply it to every past day.
   */
  'calendar.hours_changed': {
    aggregate: 'calendar',
    version: 2,
    payload: z.object({
      weekday: z.number().int().min(1).max(7),
      hours: openingHoursPayload,
      effectiveFrom: isoDate.optional(),
      effectiveUntil: isoDate.optional(),
      label: z.string().max(200).optional(),
    }),
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
      /** Required by the handler when the import changes a day already past. */
      reason: changeReason,
    }),
  },
} as const;

/** One value per setting key; more keys are added as new members of the union. */
export const settingChange = z.discriminatedUnion('key', [
  /** Screen lock after this many minutes without activity at the workstation. */
  z.object({ key: z.literal('screen_lock_minutes'), value: z.number().int().min(1).max(240) }),
  ...OFFICE_SETTING_CHANGES,
  ...QUEUE_SETTING_CHANGES,
  ...PRIVACY_SETTING_CHANGES,
]);
export type SettingChange = z.infer<typeof settingChange>;
export type SettingKey = SettingChange['key'];

export const SETTINGS_EVENTS = {
  'settings.changed': { aggregate: 'settings', version: 1, payload: settingChange },
} as const;
