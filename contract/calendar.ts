/**
 * The working-day calendar: read by everyone (the service clock counts on it), edited by the supervisor only.
 * Years are *set* (their decree entered) or *provisional* (holidays computed, marked perkiraan); history
 * stays put: hours take effect from a date, a past day changes only with a reason, an import is previewed
 * and chosen explicitly (merge or replace the year). Spread into `api` in `api.ts`.
 */
import { z } from 'zod';
import { isoDate, method, SIGNED_IN, SUPERVISOR } from './method';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Jam harus berformat JJ:MM (mis. 07:30).');
export const holidayKindSchema = z.enum(['libur_nasional', 'cuti_bersama', 'lainnya'], { message: 'Pilih jenis hari libur.' });
/** Why a day already past is changed: required by the handlers for a past date. */
const reason = z.string().trim().max(1000, 'Alasan maksimal 1000 karakter.').optional();

const holidayView = z.object({
  date: z.string(),
  name: z.string(),
  kind: holidayKindSchema,
  dayName: z.string(),
  /** Computed for a year whose decree is not entered yet (perkiraan). */
  provisional: z.boolean(),
});

export const calendarYearStatus = z.object({
  year: z.number(),
  status: z.enum(['set', 'provisional']),
  /** The decree it was set by (import source), when set. */
  source: z.string().nullable(),
  holidays: z.array(holidayView),
  /** Holidays that cannot be computed for a provisional year (e.g. Nyepi, Waisak beyond the library's table). */
  missing: z.array(z.string()),
});
export type CalendarYearStatus = z.infer<typeof calendarYearStatus>;

/** "Kalender 2027 belum ditetapkan …": shown to the supervisor (banner, dashboard) while it applies. */
export const calendarNotice = z.object({
  year: z.number(),
  /** `error`: the current year is provisional; `warning`: next year, from 1 October. */
  severity: z.enum(['warning', 'error']),
  title: z.string(),
  message: z.string(),
});
export type CalendarNotice = z.infer<typeof calendarNotice>;

export const calendarChangeView = z.object({
  at: z.number(),
  byName: z.string().nullable(),
  summary: z.string(),
  reason: z.string().nullable(),
  affectsPast: z.boolean(),
});

export const calendarView = z.object({
  /** Today's WITA date (the backend's clock). */
  today: z.string(),
  /** Counter hours in force today. Weekday 1 = Senin … 7 = Minggu; null open/close = closed. */
  hours: z.array(z.object({ weekday: z.number(), dayName: z.string(), open: z.string().nullable(), close: z.string().nullable() })),
  /** Dated hours (a change from a date on, Ramadan hours for a period), newest first. */
  hoursPeriods: z.array(
    z.object({
      weekday: z.number(),
      dayName: z.string(),
      from: z.string(),
      until: z.string().nullable(),
      open: z.string().nullable(),
      close: z.string().nullable(),
      label: z.string().nullable(),
      /** Ended before today. */
      past: z.boolean(),
    }),
  ),
  /** The holidays of the requested year (all recorded ones, plus the provisional ones of this and next year, when no year is given). */
  holidays: z.array(holidayView),
  /** Years that have at least one recorded holiday, ascending. */
  years: z.array(z.number()),
  /** Status of the requested year (or this year). */
  yearStatus: calendarYearStatus,
  notice: calendarNotice.nullable(),
  /** Changes to the calendar, newest first (the last 100). */
  history: z.array(calendarChangeView),
  updatedAt: z.number(),
  updatedByName: z.string().nullable(),
});
export type CalendarView = z.infer<typeof calendarView>;

const importedHoliday = z.object({ date: z.string(), name: z.string(), kind: holidayKindSchema });

export const calendarImportResult = z.object({
  count: z.number(),
  years: z.array(z.number()),
  mode: z.enum(['replace_years', 'merge']),
  /** Dates that become holidays. */
  added: z.array(importedHoliday),
  /** Dates that stay holidays with another name or kind (or stop being perkiraan). */
  changed: z.array(z.object({ date: z.string(), before: importedHoliday.extend({ provisional: z.boolean() }), after: importedHoliday })),
  /** Holidays that stop being holidays (become working days): always listed before anything is recorded. */
  removed: z.array(importedHoliday.extend({ provisional: z.boolean() })),
  unchanged: z.number(),
  /** Years the import sets (their decree entered): their provisional days are replaced. */
  yearsSet: z.array(z.number()),
  /** Changed dates already past: recording then needs a reason. */
  pastDates: z.array(z.string()),
  recorded: z.boolean(),
  /** The calendar revision the preview was computed on; pass it back to record exactly what was previewed. */
  revision: z.string(),
  calendar: calendarView,
});
export type CalendarImportResult = z.infer<typeof calendarImportResult>;

export const calendarApi = {
  'calendar.get': method(z.object({ year: z.number().int().min(1900).max(2999).optional() }), calendarView, SIGNED_IN, false),
  /** Set or provisional, per year from last year to next year, and the notice (banner, dashboard, CLI). */
  'calendar.status': method(
    z.object({}),
    z.object({ today: z.string(), years: z.array(calendarYearStatus), notice: calendarNotice.nullable() }),
    SIGNED_IN,
    false,
  ),
  /** A deadline as the app computes it (CLI `calendar due`): the N-th working day or N working minutes. */
  'calendar.due': method(
    z
      .object({
        from: z.number().int().nonnegative(),
        minutes: z.number().int().min(1, 'Jumlah menit minimal 1.').max(1_000_000).optional(),
        workingDays: z.number().int().min(0, 'Jumlah hari kerja minimal 0.').max(1000).optional(),
      })
      .superRefine((v, ctx) => {
        if ((v.minutes === undefined) === (v.workingDays === undefined)) {
          ctx.addIssue({ code: 'custom', path: ['minutes'], message: 'Isi salah satu: jumlah menit atau jumlah hari kerja.' });
        }
      }),
    z.object({ due: z.number(), provisional: z.boolean() }),
    SIGNED_IN,
    false,
  ),
  'calendar.addHoliday': method(
    z.object({
      date: isoDate,
      name: z.string().trim().min(1, 'Nama hari libur wajib diisi.').max(200, 'Nama hari libur maksimal 200 karakter.'),
      kind: holidayKindSchema,
      reason,
    }),
    calendarView,
    SUPERVISOR,
    true,
  ),
  'calendar.removeHoliday': method(z.object({ date: isoDate, reason }), calendarView, SUPERVISOR, true),
  /**
   * Counter hours for the whole week from `effectiveFrom` (default today; never a past day), optionally until
   * `effectiveUntil` (e.g. Ramadan hours). Only the weekdays that change are recorded.
   */
  'calendar.setHours': method(
    z.object({
      hours: z
        .array(z.object({ weekday: z.number().int().min(1).max(7), open: hhmm.nullable(), close: hhmm.nullable() }))
        .length(7, 'Isi jam layanan untuk ketujuh hari.'),
      effectiveFrom: isoDate.optional(),
      effectiveUntil: isoDate.nullable().optional(),
      label: z.string().trim().max(200, 'Keterangan maksimal 200 karakter.').optional(),
    }),
    calendarView,
    SUPERVISOR,
    true,
  ),
  /**
   * Imports holidays from a JSON document (the seed's `{ years: … }` shape or a list of `{ date, name, kind }`)
   * or CSV lines `tanggal,nama,jenis`. `mode` is chosen explicitly: `merge` adds or changes the dates in the
   * file only; `replace_years` makes the file the whole list of each year in it (the decree: the year
   * becomes set). A dry run (the default) previews exactly what would be added, changed and removed;
   * recording passes `dryRun: false` and the preview's `revision`, and a `reason` when past dates change.
   */
  'calendar.import': method(
    z.object({
      format: z.enum(['json', 'csv'], { message: 'Pilih format JSON atau CSV.' }),
      text: z.string().min(1, 'Isi berkas kosong.').max(500_000, 'Berkas terlalu besar (maksimal 500 KB).'),
      mode: z.enum(['replace_years', 'merge'], { message: 'Pilih cara impor: gabungkan, atau ganti seluruh tahun.' }),
      dryRun: z.boolean().default(true),
      source: z.string().trim().max(300).optional(),
      reason,
      revision: z.string().max(200).optional(),
    }),
    calendarImportResult,
    SUPERVISOR,
    true,
  ),
} as const;
