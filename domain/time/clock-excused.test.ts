/**
 * Excused time, leaving the limit and the guarantee (issue 9): the service clock the office can defend.
 */
import { describe, expect, it } from 'vitest';
import { HOLIDAY_SEED_2025_2026 } from './__fixtures__/holidays-id';
import { calendarFromHolidaySeed } from './calendar';
import { computeServiceClock, type ClockLimit, type Pause } from './clock';
import { formatWita, witaDateTimeToMs } from './wita';

const cal = calendarFromHolidaySeed(HOLIDAY_SEED_2025_2026);
const at = (date: string, time: string) => witaDateTimeToMs(date, time);
const show = (ms: number | null) => (ms === null ? null : formatWita(ms));

/** Service 3–5: 30 minutes, unless the internet or SPSE is down. */
const STATUS_CHANGE: ClockLimit = { amount: 30, unit: 'minutes', externalWaitExcluded: false, excusedDisruptions: ['internet', 'spse'] };
/** Service 2: 1 working day, and 30 minutes when the internet works. */
const EMAIL_CHANGE: ClockLimit = { amount: 1, unit: 'working_days', externalWaitExcluded: false, excusedDisruptions: ['internet', 'spse'], guaranteeMinutes: 30 };
/** Service 7: 5 working days unless forwarded to the LKPP helpdesk. */
const SPSE_CASE: ClockLimit = { amount: 5, unit: 'working_days', externalWaitExcluded: true, externalLeavesLimit: true };

const handed = at('2026-11-23', '09:00');
function clock(limit: ClockLimit, pauses: Pause[], now: number, completedAt?: number, excuses?: boolean) {
  return computeServiceClock(
    { limit, calendar: cal, visit: { arrivedAt: handed - 10 * 60_000, handedOverAt: handed, pauses, ...(completedAt !== undefined ? { completedAt } : {}) }, ...(excuses !== undefined ? { excuses } : {}) },
    now,
  );
}

describe('excused disruption time', () => {
  const outage: Pause = { from: at('2026-11-23', '09:10'), to: at('2026-11-23', '09:50'), reason: 'disruption_internet' };

  it('does not count against a limit the regulation makes conditional on the internet, and is reported apart', () => {
    const done = at('2026-11-23', '10:05'); // 65 minutes wall clock, 40 of them without internet
    const c = clock(STATUS_CHANGE, [outage], done, done);
    expect(c.state).toBe('done_in_time');
    expect(c.elapsedWorkingMinutes).toBe(25);
    expect(c.excusedWorkingMinutes).toBe(40);
    expect(c.pausedWorkingMinutes.total).toBe(0);
    expect(show(c.deadlineMs)).toBe('Senin, 23 November 2026 10:10 WITA');
  });

  it('counts it when asked for the figure without excused time', () => {
    const done = at('2026-11-23', '10:05');
    const c = clock(STATUS_CHANGE, [outage], done, done, false);
    expect(c.state).toBe('done_late');
    expect(c.elapsedWorkingMinutes).toBe(65);
    expect(c.excusedWorkingMinutes).toBe(0);
  });

  it('does not excuse a service whose limit is not conditional on the internet', () => {
    const done = at('2026-11-23', '10:05');
    const c = clock({ amount: 30, unit: 'minutes', externalWaitExcluded: false }, [outage], done, done);
    expect(c.state).toBe('done_late');
  });

  it('holds the clock while an excused disruption goes on', () => {
    const c = clock(STATUS_CHANGE, [{ from: at('2026-11-23', '09:10'), reason: 'disruption_spse' }], at('2026-11-23', '11:00'));
    expect(c.state).toBe('paused');
    expect(c.activePause?.reason).toBe('disruption_spse');
    expect(c.elapsedWorkingMinutes).toBe(10);
  });
});

describe('service 2: the limit and the 30-minute guarantee', () => {
  it('measures both: within one working day but past 30 minutes', () => {
    const done = at('2026-11-23', '11:00');
    const c = clock(EMAIL_CHANGE, [], done, done);
    expect(c.state).toBe('done_in_time');
    expect(c.guarantee).toEqual({ minutes: 30, state: 'missed', remainingWorkingMinutes: -90 });
  });

  it('keeps the guarantee when the excess was an internet outage', () => {
    const done = at('2026-11-23', '10:00');
    const c = clock(EMAIL_CHANGE, [{ from: at('2026-11-23', '09:05'), to: at('2026-11-23', '09:45'), reason: 'disruption_internet' }], done, done);
    expect(c.guarantee?.state).toBe('met');
    expect(c.guarantee?.remainingWorkingMinutes).toBe(10);
  });

  it('runs while the file is open', () => {
    expect(clock(EMAIL_CHANGE, [], at('2026-11-23', '09:20')).guarantee).toEqual({ minutes: 30, state: 'running', remainingWorkingMinutes: 10 });
  });
});

describe('service 7 forwarded to the LKPP helpdesk', () => {
  it('leaves the limit: not late however long LKPP takes', () => {
    const forwarded = at('2026-11-25', '10:00');
    const now = at('2026-12-10', '10:00'); // eleven working days after the handover
    const c = clock(SPSE_CASE, [{ from: forwarded, reason: 'external_lkpp' }], now);
    expect(c.state).toBe('outside_limit');
    expect(c.outsideLimitSinceMs).toBe(forwarded);
    expect(c.deadlineMs).toBeNull();
    expect(c.remainingWorkingMinutes).toBeNull();
    const done = clock(SPSE_CASE, [{ from: forwarded, to: now, reason: 'external_lkpp' }], now + 60_000, now + 60_000);
    expect(done.state).toBe('outside_limit');
  });

  it('stays late when forwarded only after the limit had passed', () => {
    const forwarded = at('2026-12-03', '10:00'); // 5 working days ended on 30 November 09:00
    const c = clock(SPSE_CASE, [{ from: forwarded, reason: 'external_lkpp' }], at('2026-12-04', '10:00'));
    expect(c.state).toBe('overdue');
    expect(c.outsideLimitSinceMs).toBeNull();
  });

  it('is an ordinary pause for a service that only waits for LKPP (ADP)', () => {
    const c = clock({ amount: 30, unit: 'minutes', externalWaitExcluded: true }, [{ from: at('2026-11-23', '09:10'), reason: 'external_lkpp' }], at('2026-11-24', '10:00'));
    expect(c.state).toBe('paused');
  });
});
