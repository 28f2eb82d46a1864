/**
 * The working-day calendar: read by everyone (the service clock counts on it), edited by the supervisor only.
 * Spread into `api` in `api.ts`.
 */
import { z } from 'zod';
import { isoDate, method, SIGNED_IN, SUPERVISOR } from './method';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Jam harus berformat JJ:MM (mis. 07:30).');
export const holidayKindSchema = z.enum(['libur_nasional', 'cuti_bersama', 'lainnya'], { message: 'Pilih jenis hari libur.' });

export const calendarView = z.object({
  /** Weekday 1 = Senin … 7 = Minggu; null open/close = closed. */
  hours: z.array(z.object({ weekday: z.number(), dayName: z.string(), open: z.string().nullable(), close: z.string().nullable() })),
  holidays: z.array(z.object({ date: z.string(), name: z.string(), kind: holidayKindSchema, dayName: z.string() })),
  /** Years that have at least one holiday, ascending. */
  years: z.array(z.number()),
  updatedAt: z.number(),
  updatedByName: z.string().nullable(),
});
export type CalendarView = z.infer<typeof calendarView>;

export const calendarApi = {
  'calendar.get': method(z.object({ year: z.number().int().min(1900).max(2999).optional() }), calendarView, SIGNED_IN, false),
  'calendar.addHoliday': method(
    z.object({
      date: isoDate,
      name: z.string().trim().min(1, 'Nama hari libur wajib diisi.').max(200, 'Nama hari libur maksimal 200 karakter.'),
      kind: holidayKindSchema,
    }),
    calendarView,
    SUPERVISOR,
    true,
  ),
  'calendar.removeHoliday': method(z.object({ date: isoDate }), calendarView, SUPERVISOR, true),
  /** Counter hours for the whole week; only the weekdays that change are recorded. */
  'calendar.setHours': method(
    z.object({
      hours: z
        .array(z.object({ weekday: z.number().int().min(1).max(7), open: hhmm.nullable(), close: hhmm.nullable() }))
        .length(7, 'Isi jam layanan untuk ketujuh hari.'),
    }),
    calendarView,
    SUPERVISOR,
    true,
  ),
  /**
   * Imports holidays from a JSON document (the seed's `{ years: … }` shape or a list of `{ date, name, kind }`)
   * or CSV lines `tanggal,nama,jenis`. `replace_years` replaces the whole list of each year in the file.
   * `dryRun` checks and previews without recording anything.
   */
  'calendar.import': method(
    z.object({
      format: z.enum(['json', 'csv'], { message: 'Pilih format JSON atau CSV.' }),
      text: z.string().min(1, 'Isi berkas kosong.').max(500_000, 'Berkas terlalu besar (maksimal 500 KB).'),
      mode: z.enum(['replace_years', 'merge']).default('replace_years'),
      dryRun: z.boolean().default(false),
      source: z.string().trim().max(300).optional(),
    }),
    z.object({
      count: z.number(),
      years: z.array(z.number()),
      /** Holidays of those years that the import removes (replace_years) or renames. */
      removed: z.array(z.object({ date: z.string(), name: z.string() })),
      added: z.array(z.object({ date: z.string(), name: z.string(), kind: holidayKindSchema })),
      recorded: z.boolean(),
      calendar: calendarView,
    }),
    SUPERVISOR,
    true,
  ),
} as const;
