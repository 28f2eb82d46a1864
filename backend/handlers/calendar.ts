/**
 * The working-day calendar: everyone reads it, the supervisor edits it (one event per change, synced).
 */
import type { OutputOf, ParsedInputOf } from '../../contract/api';
import type { CalendarView } from '../../contract/calendar';
import { AppError } from '../../contract/result';
import { loadAggregateState, type NewEvent } from '../../db/event-store';
import { userNames } from '../../db/queries';
import type { CalendarState } from '../../domain/aggregates/calendar';
import { CalendarError, isWorkingDay, parseCalendarCsv, parseCalendarJson, type Holiday } from '../../domain/time/calendar';
import { addDaysIso, NAMA_HARI, parseHhmm, parseIsoDate, weekdayOfIso, type Weekday } from '../../domain/time/wita';
import type { AppContext, AuthedCallContext } from '../context';
import { recordEventsIn } from '../record';

async function calendarState(app: AppContext): Promise<CalendarState> {
  const s = await loadAggregateState<'calendar'>(app.db, 'calendar');
  if (!s) throw new AppError('internal', 'Kalender kerja belum tersedia. Hubungi admin sistem.');
  return s;
}

export async function calendarView(app: AppContext, year?: number): Promise<CalendarView> {
  const s = await calendarState(app);
  const names = s.updatedBy ? await userNames(app.db, [s.updatedBy]) : new Map<string, string>();
  const years = [...new Set(s.holidays.map((h) => Number(h.date.slice(0, 4))))].sort((a, b) => a - b);
  return {
    hours: ([1, 2, 3, 4, 5, 6, 7] as Weekday[]).map((wd) => {
      const h = s.hours[wd] ?? null;
      return { weekday: wd, dayName: NAMA_HARI[wd], open: h?.open ?? null, close: h?.close ?? null };
    }),
    holidays: s.holidays
      .filter((h) => year === undefined || h.date.startsWith(`${year}-`))
      .map((h) => ({ date: h.date, name: h.name, kind: h.kind, dayName: NAMA_HARI[weekdayOfIso(h.date)] })),
    years,
    updatedAt: s.updatedAt,
    updatedByName: s.updatedBy ? (names.get(s.updatedBy) ?? null) : null,
  };
}

async function record(ctx: AuthedCallContext, events: NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  await ctx.app.db.transaction().execute((tx) => recordEventsIn(tx, ctx.app, ctx.session.userId, events));
}

function calendarIssues(err: CalendarError) {
  return err.issues.map((i) => ({ path: i.line !== undefined ? `line.${i.line}` : (i.path ?? 'text'), message: i.message }));
}

export const calendarHandlers = {
  async 'calendar.get'(ctx: AuthedCallContext, input: ParsedInputOf<'calendar.get'>) {
    return calendarView(ctx.app, input.year);
  },

  async 'calendar.addHoliday'(ctx: AuthedCallContext, input: ParsedInputOf<'calendar.addHoliday'>) {
    if (!parseIsoDate(input.date)) throw new AppError('invalid_input', `Tanggal ${input.date} tidak ada di kalender.`, [{ path: 'date', message: 'Tanggal tidak valid.' }]);
    const s = await calendarState(ctx.app);
    const existing = s.holidays.find((h) => h.date === input.date);
    if (!existing || existing.name !== input.name || existing.kind !== input.kind) {
      await record(ctx, [{ type: 'calendar.holiday_added', aggregateId: 'calendar', payload: { date: input.date, name: input.name, kind: input.kind } }]);
    }
    return calendarView(ctx.app, Number(input.date.slice(0, 4)));
  },

  async 'calendar.removeHoliday'(ctx: AuthedCallContext, input: ParsedInputOf<'calendar.removeHoliday'>) {
    if (!parseIsoDate(input.date)) throw new AppError('invalid_input', `Tanggal ${input.date} tidak ada di kalender.`, [{ path: 'date', message: 'Tanggal tidak valid.' }]);
    const s = await calendarState(ctx.app);
    if (!s.holidays.some((h) => h.date === input.date)) throw new AppError('not_found', `Tanggal ${input.date} tidak tercatat sebagai hari libur.`);
    await record(ctx, [{ type: 'calendar.holiday_removed', aggregateId: 'calendar', payload: { date: input.date } }]);
    return calendarView(ctx.app, Number(input.date.slice(0, 4)));
  },

  async 'calendar.setHours'(ctx: AuthedCallContext, input: ParsedInputOf<'calendar.setHours'>) {
    const issues: { path: string; message: string }[] = [];
    const seen = new Set<number>();
    input.hours.forEach((h, i) => {
      if (seen.has(h.weekday)) issues.push({ path: `hours.${i}.weekday`, message: `Hari ${NAMA_HARI[h.weekday as Weekday]} tercantum dua kali.` });
      seen.add(h.weekday);
      if ((h.open === null) !== (h.close === null)) {
        issues.push({ path: `hours.${i}.close`, message: `${NAMA_HARI[h.weekday as Weekday]}: isi jam buka dan jam tutup, atau kosongkan keduanya (tutup).` });
      } else if (h.open !== null && h.close !== null && parseHhmm(h.open)! >= parseHhmm(h.close)!) {
        issues.push({ path: `hours.${i}.close`, message: `${NAMA_HARI[h.weekday as Weekday]}: jam tutup harus setelah jam buka.` });
      }
    });
    if (!input.hours.some((h) => h.open !== null)) issues.push({ path: 'hours', message: 'Minimal satu hari harus buka.' });
    if (issues.length > 0) throw new AppError('invalid_input', issues[0]!.message, issues);
    const s = await calendarState(ctx.app);
    const events: NewEvent[] = [];
    for (const h of input.hours) {
      const cur = s.hours[h.weekday as Weekday] ?? null;
      const next = h.open !== null && h.close !== null ? { open: h.open, close: h.close } : null;
      if (cur?.open !== next?.open || cur?.close !== next?.close) {
        events.push({ type: 'calendar.hours_changed', aggregateId: 'calendar', payload: { weekday: h.weekday, hours: next } });
      }
    }
    await record(ctx, events);
    return calendarView(ctx.app);
  },

  async 'calendar.import'(ctx: AuthedCallContext, input: ParsedInputOf<'calendar.import'>): Promise<OutputOf<'calendar.import'>> {
    let holidays: Holiday[];
    try {
      holidays = input.format === 'csv' ? parseCalendarCsv(input.text) : parseCalendarJson(input.text);
    } catch (err) {
      if (err instanceof CalendarError) {
        throw new AppError('invalid_input', `Berkas kalender tidak valid:\n${err.message}`, calendarIssues(err));
      }
      throw err;
    }
    const years = [...new Set(holidays.map((h) => Number(h.date.slice(0, 4))))].sort((a, b) => a - b);
    const s = await calendarState(ctx.app);
    const incoming = new Map(holidays.map((h) => [h.date, h]));
    const removed = s.holidays
      .filter((h) => {
        const inc = incoming.get(h.date);
        if (inc) return inc.name !== h.name || inc.kind !== h.kind;
        return input.mode === 'replace_years' && years.includes(Number(h.date.slice(0, 4)));
      })
      .map((h) => ({ date: h.date, name: h.name }));
    const before = new Map(s.holidays.map((h) => [h.date, h]));
    const added = holidays.filter((h) => {
      const b = before.get(h.date);
      return !b || b.name !== h.name || b.kind !== h.kind;
    });
    // A calendar with no working day at all would make every deadline impossible: refuse it.
    const next = { hours: s.hours, holidays };
    const probe = `${years[0]}-01-01`;
    let anyWorking = false;
    for (let i = 0; i < 366 && !anyWorking; i++) anyWorking = isWorkingDay(next, addDaysIso(probe, i));
    if (!anyWorking) throw new AppError('invalid_input', 'Setelah impor tidak ada hari kerja sama sekali dalam tahun tersebut. Periksa berkas.');

    const changes = removed.length > 0 || added.length > 0;
    if (!input.dryRun && changes) {
      await record(ctx, [
        {
          type: 'calendar.imported',
          aggregateId: 'calendar',
          payload: {
            holidays: holidays.map((h) => ({ date: h.date, name: h.name, kind: h.kind })),
            mode: input.mode,
            years,
            source: input.source || `Impor ${input.format.toUpperCase()}`,
          },
        },
      ]);
    }
    return { count: holidays.length, years, removed, added, recorded: !input.dryRun && changes, calendar: await calendarView(ctx.app, years[0]) };
  },
};
