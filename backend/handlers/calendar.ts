/**
 * The working-day calendar: everyone reads it, the supervisor edits it (one event per change, synced).
 * Issue 9: years are set or provisional; an import is previewed (added / changed / removed) and its mode
 * chosen explicitly; a day already past changes only with a written reason; hours take effect from a date.
 */
import type { OutputOf, ParsedInputOf } from '../../contract/api';
import type { CalendarImportResult, CalendarView } from '../../contract/calendar';
import { AppError } from '../../contract/result';
import { loadAggregate, type NewEvent } from '../../db/event-store';
import { userNames } from '../../db/queries';
import { reduceCalendar, toWorkCalendar, type CalendarState } from '../../domain/aggregates/calendar';
import type { DomainEvent } from '../../domain/events/schema';
import {
  CalendarError,
  addWorkingDays,
  addWorkingMinutes,
  holidaysOfYear,
  hoursOn,
  isWorkingDay,
  parseCalendarCsv,
  parseCalendarJson,
  spansProvisionalYear,
  type Holiday,
  type WorkCalendar,
} from '../../domain/time/calendar';
import { addDaysIso, NAMA_HARI, parseHhmm, parseIsoDate, weekdayOfIso, witaIsoDate, type Weekday } from '../../domain/time/wita';
import { calendarHistory, shortDate } from '../views/calendar-history';
import { calendarNotice, setYearSources, yearStatus } from '../views/calendar-status';
import type { AppContext, AuthedCallContext } from '../context';
import { provisionalSource } from '../../domain/time/holiday-library';
import { recordEventsIn } from '../record';
import { loadWorkCalendar } from '../views/service-clock';

async function calendarState(app: AppContext): Promise<{ state: CalendarState; revision: string }> {
  const s = await loadAggregate<'calendar'>(app.db, 'calendar');
  if (!s?.state) throw new AppError('internal', 'Kalender kerja belum tersedia. Hubungi admin sistem.');
  return { state: s.state, revision: `${s.lastKey}#${s.eventCount}` };
}

function holidayRow(h: Holiday) {
  return { date: h.date, name: h.name, kind: h.kind, dayName: NAMA_HARI[weekdayOfIso(h.date)], provisional: h.provisional === true };
}

export async function calendarView(app: AppContext, year?: number): Promise<CalendarView> {
  const { state: s } = await calendarState(app);
  const cal = await loadWorkCalendar(app);
  const provisional = await provisionalSource();
  const today = witaIsoDate(app.now());
  const thisYear = Number(today.slice(0, 4));
  const history = await calendarHistory(app);
  const names = s.updatedBy ? await userNames(app.db, [s.updatedBy]) : new Map<string, string>();
  const years = [...new Set(s.holidays.map((h) => Number(h.date.slice(0, 4))))].sort((a, b) => a - b);
  const holidays =
    year !== undefined
      ? holidaysOfYear(cal, year)
      : [...new Set([...years, thisYear, thisYear + 1])].sort((a, b) => a - b).flatMap((y) => (years.includes(y) || y >= thisYear ? holidaysOfYear(cal, y) : []));
  return {
    today,
    hours: ([1, 2, 3, 4, 5, 6, 7] as Weekday[]).map((wd) => {
      // The hours in force on the next day of that weekday (today included).
      const day = addDaysIso(today, (wd - weekdayOfIso(today) + 7) % 7);
      const h = hoursOn(cal, day);
      return { weekday: wd, dayName: NAMA_HARI[wd], open: h?.open ?? null, close: h?.close ?? null };
    }),
    hoursPeriods: [...(s.hoursPeriods ?? [])]
      .reverse()
      .slice(0, 100)
      .map((p) => ({ weekday: p.weekday, dayName: NAMA_HARI[p.weekday], from: p.from, until: p.until, open: p.hours?.open ?? null, close: p.hours?.close ?? null, label: p.label ?? null, past: p.until !== null && p.until < today })),
    holidays: holidays.map(holidayRow),
    years,
    yearStatus: yearStatus(cal, provisional, year ?? thisYear, setYearSources(history)),
    notice: calendarNotice(cal, provisional, today),
    history: [...history]
      .reverse()
      .slice(0, 100)
      .map((c) => ({ at: c.at, byName: c.byName, summary: c.summary, reason: c.reason, affectsPast: c.affectsPast })),
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

/** A change to a day already past moves deadlines already counted: it is recorded only with a reason. */
function requireReasonForPast(dates: readonly string[], today: string, reason: string | undefined): string | undefined {
  const past = dates.filter((d) => d < today).sort();
  if (past.length === 0) return reason || undefined;
  if (!reason || reason.trim().length < 5) {
    throw new AppError(
      'invalid_input',
      `Perubahan ini mengenai tanggal yang sudah lewat (${past.slice(0, 5).map(shortDate).join(', ')}${past.length > 5 ? ', …' : ''}). Tuliskan alasannya (minimal 5 karakter); perubahan tercatat dalam riwayat kalender dan riwayat kunjungan yang terdampak.`,
      [{ path: 'reason', message: 'Alasan wajib diisi untuk tanggal yang sudah lewat (minimal 5 karakter).' }],
    );
  }
  return reason.trim();
}

function requireValidDate(date: string): void {
  if (!parseIsoDate(date)) throw new AppError('invalid_input', `Tanggal ${date} tidak ada di kalender.`, [{ path: 'date', message: 'Tanggal tidak valid.' }]);
}

/** The calendar state after one more (not yet recorded) event: previews use the reducer itself. */
function after(s: CalendarState, type: DomainEvent['type'], payload: unknown, now: number): CalendarState {
  const e = { id: 'preview', hlc: 'preview', deviceId: 'preview', actorId: null, type, aggregateType: 'calendar', aggregateId: 'calendar', payload, schemaVersion: 1, recordedAt: now } as DomainEvent;
  return reduceCalendar(s, e)!;
}

/** What an import changes, year by year, on the calendar as counted (provisional days included). */
function diffYears(before: WorkCalendar, next: WorkCalendar, years: readonly number[]) {
  const added: { date: string; name: string; kind: Holiday['kind'] }[] = [];
  const changed: CalendarImportResult['changed'] = [];
  const removed: CalendarImportResult['removed'] = [];
  let unchanged = 0;
  for (const y of years) {
    const a = new Map(holidaysOfYear(before, y).map((h) => [h.date, h]));
    const b = new Map(holidaysOfYear(next, y).map((h) => [h.date, h]));
    for (const [date, h] of b) {
      const old = a.get(date);
      if (!old) added.push({ date, name: h.name, kind: h.kind });
      else if (old.name !== h.name || old.kind !== h.kind || (old.provisional === true) !== (h.provisional === true)) {
        changed.push({ date, before: { date, name: old.name, kind: old.kind, provisional: old.provisional === true }, after: { date, name: h.name, kind: h.kind } });
      } else unchanged++;
    }
    for (const [date, h] of a) if (!b.has(date)) removed.push({ date, name: h.name, kind: h.kind, provisional: h.provisional === true });
  }
  const byDate = (x: { date: string }, y: { date: string }) => (x.date < y.date ? -1 : 1);
  return { added: added.sort(byDate), changed: changed.sort(byDate), removed: removed.sort(byDate), unchanged };
}

export const calendarHandlers = {
  async 'calendar.get'(ctx: AuthedCallContext, input: ParsedInputOf<'calendar.get'>) {
    return calendarView(ctx.app, input.year);
  },

  async 'calendar.status'(ctx: AuthedCallContext): Promise<OutputOf<'calendar.status'>> {
    const { app } = ctx;
    const cal = await loadWorkCalendar(app);
    const provisional = await provisionalSource();
    const today = witaIsoDate(app.now());
    const y = Number(today.slice(0, 4));
    const sources = setYearSources(await calendarHistory(app));
    return { today, years: [y - 1, y, y + 1].map((year) => yearStatus(cal, provisional, year, sources)), notice: calendarNotice(cal, provisional, today) };
  },

  async 'calendar.due'(ctx: AuthedCallContext, input: ParsedInputOf<'calendar.due'>): Promise<OutputOf<'calendar.due'>> {
    const cal = await loadWorkCalendar(ctx.app);
    try {
      const due = input.workingDays !== undefined ? addWorkingDays(cal, input.from, input.workingDays) : addWorkingMinutes(cal, input.from, input.minutes!);
      return { due, provisional: spansProvisionalYear(cal, input.from, due) };
    } catch (err) {
      if (err instanceof CalendarError) throw new AppError('invalid_input', err.message);
      throw err;
    }
  },

  async 'calendar.addHoliday'(ctx: AuthedCallContext, input: ParsedInputOf<'calendar.addHoliday'>) {
    requireValidDate(input.date);
    const { state: s } = await calendarState(ctx.app);
    const recorded = s.holidays.find((h) => h.date === input.date);
    if (!recorded || recorded.name !== input.name || recorded.kind !== input.kind) {
      const reason = requireReasonForPast([input.date], witaIsoDate(ctx.app.now()), input.reason);
      await record(ctx, [{ type: 'calendar.holiday_added', aggregateId: 'calendar', payload: { date: input.date, name: input.name, kind: input.kind, ...(reason ? { reason } : {}) } }]);
    }
    return calendarView(ctx.app, Number(input.date.slice(0, 4)));
  },

  async 'calendar.removeHoliday'(ctx: AuthedCallContext, input: ParsedInputOf<'calendar.removeHoliday'>) {
    requireValidDate(input.date);
    const cal = await loadWorkCalendar(ctx.app);
    // A recorded holiday, or a computed (perkiraan) one of a provisional year.
    const counted = holidaysOfYear(cal, Number(input.date.slice(0, 4))).some((h) => h.date === input.date);
    if (!counted) throw new AppError('not_found', `Tanggal ${input.date} tidak tercatat sebagai hari libur.`);
    const reason = requireReasonForPast([input.date], witaIsoDate(ctx.app.now()), input.reason);
    await record(ctx, [{ type: 'calendar.holiday_removed', aggregateId: 'calendar', payload: { date: input.date, ...(reason ? { reason } : {}) } }]);
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
    const today = witaIsoDate(ctx.app.now());
    const from = input.effectiveFrom ?? today;
    const until = input.effectiveUntil ?? null;
    if (!parseIsoDate(from)) issues.push({ path: 'effectiveFrom', message: 'Tanggal mulai berlaku tidak valid.' });
    else if (from < today) issues.push({ path: 'effectiveFrom', message: 'Jam layanan tidak dapat diubah untuk hari yang sudah lewat: pilih hari ini atau tanggal sesudahnya.' });
    if (until !== null && (!parseIsoDate(until) || until < from)) issues.push({ path: 'effectiveUntil', message: 'Tanggal akhir harus sama dengan atau sesudah tanggal mulai berlaku.' });
    if (issues.length > 0) throw new AppError('invalid_input', issues[0]!.message, issues);
    const cal = await loadWorkCalendar(ctx.app);
    const events: NewEvent[] = [];
    for (const h of input.hours) {
      // Compared with the hours in force on the first day of that weekday in the new hours' span.
      const first = addDaysIso(from, (h.weekday - weekdayOfIso(from) + 7) % 7);
      if (until !== null && first > until) continue;
      const cur = hoursOn(cal, first);
      const next = h.open !== null && h.close !== null ? { open: h.open, close: h.close } : null;
      if (until !== null || cur?.open !== next?.open || cur?.close !== next?.close) {
        if (until !== null && cur?.open === next?.open && cur?.close === next?.close) continue;
        events.push({
          type: 'calendar.hours_changed',
          aggregateId: 'calendar',
          payload: { weekday: h.weekday, hours: next, effectiveFrom: from, ...(until !== null ? { effectiveUntil: until } : {}), ...(input.label ? { label: input.label } : {}) },
        });
      }
    }
    await record(ctx, events);
    return calendarView(ctx.app);
  },

  async 'calendar.import'(ctx: AuthedCallContext, input: ParsedInputOf<'calendar.import'>): Promise<OutputOf<'calendar.import'>> {
    const { app } = ctx;
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
    const { state: s, revision } = await calendarState(app);
    const provisional = await provisionalSource();
    const now = app.now();
    const today = witaIsoDate(now);
    const payload = {
      holidays: holidays.map((h) => ({ date: h.date, name: h.name, kind: h.kind })),
      mode: input.mode,
      years,
      source: input.source || `Impor ${input.format.toUpperCase()}`,
    };
    const before = toWorkCalendar(s, provisional);
    const next = toWorkCalendar(after(s, 'calendar.imported', payload, now), provisional);
    const diff = diffYears(before, next, years);
    // A calendar with no working day at all would make every deadline impossible: refuse it.
    for (const y of years) {
      let anyWorking = false;
      for (let i = 0; i < 366 && !anyWorking; i++) anyWorking = isWorkingDay(next, addDaysIso(`${y}-01-01`, i));
      if (!anyWorking) throw new AppError('invalid_input', `Setelah impor tidak ada hari kerja sama sekali dalam tahun ${y}. Periksa berkas.`);
    }
    const yearsSet = input.mode === 'replace_years' ? years : [];
    const pastDates = [...diff.added, ...diff.changed, ...diff.removed].map((h) => h.date).filter((d) => d < today).sort();
    const changes = diff.added.length + diff.changed.length + diff.removed.length > 0 || (input.mode === 'replace_years' && years.some((y) => !(s.setYears ?? []).includes(y)));

    let recorded = false;
    if (!input.dryRun && changes) {
      if (input.revision !== undefined && input.revision !== revision) {
        throw new AppError('conflict', 'Kalender telah berubah sejak pratinjau dibuat. Periksa ulang berkas sebelum mengimpor.');
      }
      const reason = requireReasonForPast(pastDates, today, input.reason);
      await record(ctx, [{ type: 'calendar.imported', aggregateId: 'calendar', payload: { ...payload, ...(reason ? { reason } : {}) } }]);
      recorded = true;
    }
    return {
      count: holidays.length,
      years,
      mode: input.mode,
      ...diff,
      yearsSet,
      pastDates,
      recorded,
      revision: recorded ? (await calendarState(app)).revision : revision,
      calendar: await calendarView(app, years[0]),
    };
  },
};

