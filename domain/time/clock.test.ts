import { describe, expect, it } from 'vitest';
import { HOLIDAY_SEED_2025_2026 } from './__fixtures__/holidays-id';
import { calendarFromHolidaySeed } from './calendar';
import {
  type ClockLimit,
  type ServiceClockInput,
  type VisitMilestones,
  ServiceClockError,
  computeServiceClock,
} from './clock';
import { formatWita, witaDateTimeToMs } from './wita';

const cal = calendarFromHolidaySeed(HOLIDAY_SEED_2025_2026);
const at = (date: string, time: string): number => witaDateTimeToMs(date, time);
const show = (ms: number | null): string | null => (ms === null ? null : formatWita(ms));

const THIRTY_MIN: ClockLimit = { amount: 30, unit: 'minutes' };
const ONE_DAY: ClockLimit = { amount: 1, unit: 'working_days' };
const FIVE_DAYS: ClockLimit = { amount: 5, unit: 'working_days' };

function input(limit: ClockLimit, visit: Partial<VisitMilestones> & { arrivedAt: number }): ServiceClockInput {
  return { limit, calendar: cal, visit: { pauses: [], ...visit } };
}

describe('before the limit starts', () => {
  it('is not started while the visitor waits, and measures the waiting stage', () => {
    const c = computeServiceClock(input(THIRTY_MIN, { arrivedAt: at('2026-02-09', '09:00') }), at('2026-02-09', '09:12'));
    expect(c.state).toBe('not_started');
    expect(c.deadlineMs).toBeNull();
    expect(c.stages.waiting).toMatchObject({ ongoing: true, wallMs: 12 * 60_000, workingMinutes: 12 });
    expect(c.stages.checking).toBeNull();
  });

  it('is still not started while the checklist is being walked (a returned file never becomes overdue)', () => {
    const c = computeServiceClock(
      input(THIRTY_MIN, { arrivedAt: at('2026-02-09', '09:00'), checklistStartedAt: at('2026-02-09', '09:05') }),
      at('2026-02-09', '11:00'),
    );
    expect(c.state).toBe('not_started');
    expect(c.stages.waiting).toMatchObject({ ongoing: false, workingMinutes: 5 });
    expect(c.stages.checking).toMatchObject({ ongoing: true, workingMinutes: 115 });
  });
});

describe('30-minute services', () => {
  const visit = {
    arrivedAt: at('2026-02-09', '09:50'),
    checklistStartedAt: at('2026-02-09', '09:52'),
    handedOverAt: at('2026-02-09', '10:00'),
  };

  it('completed exactly at the deadline is in time', () => {
    const c = computeServiceClock(input(THIRTY_MIN, { ...visit, completedAt: at('2026-02-09', '10:30') }), at('2026-02-09', '12:00'));
    expect(c.state).toBe('done_in_time');
    expect(show(c.deadlineMs)).toBe('Senin, 9 Februari 2026 10:30 WITA');
    expect(c.elapsedWorkingMinutes).toBe(30);
    expect(c.remainingWorkingMinutes).toBe(0);
    expect(c.dueSoon).toBe(false);
    expect(c.stages.waiting?.workingMinutes).toBe(2);
    expect(c.stages.checking?.workingMinutes).toBe(8);
    expect(c.stages.processing).toMatchObject({ ongoing: false, workingMinutes: 30, wallMs: 30 * 60_000 });
  });

  it('completed one minute after the deadline is late', () => {
    const c = computeServiceClock(input(THIRTY_MIN, { ...visit, completedAt: at('2026-02-09', '10:31') }), at('2026-02-09', '12:00'));
    expect(c.state).toBe('done_late');
    expect(c.remainingWorkingMinutes).toBe(-1);
  });

  it('is running, then due soon (< 20% left), then overdue', () => {
    const run = computeServiceClock(input(THIRTY_MIN, visit), at('2026-02-09', '10:20'));
    expect(run).toMatchObject({ state: 'running', dueSoon: false, remainingWorkingMinutes: 10 });
    const soon = computeServiceClock(input(THIRTY_MIN, visit), at('2026-02-09', '10:25'));
    expect(soon).toMatchObject({ state: 'running', dueSoon: true, remainingWorkingMinutes: 5 });
    const late = computeServiceClock(input(THIRTY_MIN, visit), at('2026-02-09', '10:45'));
    expect(late).toMatchObject({ state: 'overdue', dueSoon: false, remainingWorkingMinutes: -15 });
  });

  it('handover Friday 15:55 before cuti bersama: due 16:25 the same Friday (Friday closes 16:30)', () => {
    const v = { arrivedAt: at('2026-02-13', '15:40'), handedOverAt: at('2026-02-13', '15:55') };
    const c = computeServiceClock(input(THIRTY_MIN, v), at('2026-02-13', '16:10'));
    expect(show(c.deadlineMs)).toBe('Jumat, 13 Februari 2026 16:25 WITA');
    expect(c.state).toBe('running');
  });

  it('handover Friday 16:10 before cuti bersama Monday + Imlek Tuesday: due Wednesday 07:40, never overdue over the holidays', () => {
    const v = { arrivedAt: at('2026-02-13', '16:00'), handedOverAt: at('2026-02-13', '16:10') };
    const onHoliday = computeServiceClock(input(THIRTY_MIN, v), at('2026-02-16', '12:00'));
    expect(show(onHoliday.deadlineMs)).toBe('Rabu, 18 Februari 2026 07:40 WITA');
    expect(onHoliday).toMatchObject({ state: 'running', elapsedWorkingMinutes: 20, remainingWorkingMinutes: 10, dueSoon: false });
    const wednesday = computeServiceClock(input(THIRTY_MIN, v), at('2026-02-18', '07:35'));
    expect(wednesday).toMatchObject({ state: 'running', elapsedWorkingMinutes: 25, dueSoon: true });
    expect(computeServiceClock(input(THIRTY_MIN, v), at('2026-02-18', '07:41')).state).toBe('overdue');
  });

  it('handover on a Saturday starts counting at Monday opening', () => {
    const v = { arrivedAt: at('2026-02-07', '10:00'), handedOverAt: at('2026-02-07', '10:05') };
    const c = computeServiceClock(input(THIRTY_MIN, v), at('2026-02-09', '07:40'));
    expect(show(c.countingFromMs)).toBe('Senin, 9 Februari 2026 07:30 WITA');
    expect(show(c.deadlineMs)).toBe('Senin, 9 Februari 2026 08:00 WITA');
    expect(c.elapsedWorkingMinutes).toBe(10);
  });

  it('crosses the year boundary over the 1 January holiday', () => {
    const v = { arrivedAt: at('2025-12-31', '15:45'), handedOverAt: at('2025-12-31', '15:50') };
    const c = computeServiceClock(input(THIRTY_MIN, v), at('2026-01-01', '10:00'));
    expect(show(c.deadlineMs)).toBe('Jumat, 2 Januari 2026 07:50 WITA');
    expect(c).toMatchObject({ state: 'running', elapsedWorkingMinutes: 10 });
  });

  it('falls back to the checklist start when a visit was completed at the desk without a handover', () => {
    const c = computeServiceClock(
      input(THIRTY_MIN, {
        arrivedAt: at('2026-02-09', '09:55'),
        checklistStartedAt: at('2026-02-09', '10:00'),
        completedAt: at('2026-02-09', '10:20'),
      }),
      at('2026-02-09', '11:00'),
    );
    expect(c.startedAtMs).toBe(at('2026-02-09', '10:00'));
    expect(c.state).toBe('done_in_time');
    expect(c.stages.processing).toBeNull();
  });
});

describe('pauses', () => {
  const ADP: ClockLimit = { amount: 30, unit: 'minutes', externalWaitExcluded: true };
  const visit: VisitMilestones = {
    arrivedAt: at('2026-02-10', '08:50'),
    checklistStartedAt: at('2026-02-10', '08:52'),
    handedOverAt: at('2026-02-10', '09:00'),
    pauses: [{ from: at('2026-02-10', '09:10'), to: at('2026-02-12', '14:00'), reason: 'external_lkpp' }],
    completedAt: at('2026-02-12', '14:15'),
  };

  it('LKPP time does not count (ADP: 10 min before, 15 min after the LKPP part)', () => {
    const c = computeServiceClock({ limit: ADP, calendar: cal, visit }, at('2026-02-12', '16:00'));
    expect(c.state).toBe('done_in_time');
    expect(c.elapsedWorkingMinutes).toBe(25);
    // Tue 09:10–16:00 (410) + Wed (510) + Thu 07:30–14:00 (390).
    expect(c.pausedWorkingMinutes).toEqual({ total: 1310, waitingVendor: 0, externalLkpp: 1310 });
    expect(show(c.deadlineMs)).toBe('Kamis, 12 Februari 2026 14:20 WITA');
    expect(c.stages.processing?.workingMinutes).toBe(25);
    expect(c.stages.processing?.wallMs).toBe(25 * 60_000);
  });

  it('the same visit is late when the limit does not exclude external waiting', () => {
    const c = computeServiceClock(
      { limit: { ...ADP, externalWaitExcluded: false }, calendar: cal, visit },
      at('2026-02-12', '16:00'),
    );
    expect(c.state).toBe('done_late');
    expect(c.pausedWorkingMinutes.total).toBe(0);
  });

  it('an open LKPP pause shows "paused" and pushes the projected deadline', () => {
    const open: VisitMilestones = {
      ...visit,
      completedAt: undefined,
      pauses: [{ from: at('2026-02-10', '09:10'), reason: 'external_lkpp' }],
    };
    const c = computeServiceClock({ limit: ADP, calendar: cal, visit: open }, at('2026-02-11', '12:00'));
    expect(c.state).toBe('paused');
    expect(c.activePause?.reason).toBe('external_lkpp');
    expect(c.elapsedWorkingMinutes).toBe(10);
    expect(show(c.deadlineMs)).toBe('Rabu, 11 Februari 2026 12:20 WITA');
  });

  it('a pause whose end lies after "now" is still going on as of now', () => {
    const c = computeServiceClock({ limit: ADP, calendar: cal, visit }, at('2026-02-11', '12:00'));
    expect(c.state).toBe('paused');
    expect(c.anomalies).toContain('future_milestone_ignored'); // completedAt is after now
  });

  it('overlapping pauses are merged, not subtracted twice', () => {
    const v: VisitMilestones = {
      arrivedAt: at('2026-02-09', '09:50'),
      handedOverAt: at('2026-02-09', '10:00'),
      pauses: [
        { from: at('2026-02-09', '10:05'), to: at('2026-02-09', '10:25'), reason: 'waiting_vendor' },
        { from: at('2026-02-09', '10:15'), to: at('2026-02-09', '10:35'), reason: 'external_lkpp' },
      ],
      completedAt: at('2026-02-09', '11:00'),
    };
    const c = computeServiceClock({ limit: ADP, calendar: cal, visit: v }, at('2026-02-09', '12:00'));
    expect(c.pausedWorkingMinutes).toEqual({ total: 30, waitingVendor: 20, externalLkpp: 20 });
    expect(c.elapsedWorkingMinutes).toBe(30);
    expect(c.state).toBe('done_in_time');
  });

  it('overdue takes precedence over paused', () => {
    const v: VisitMilestones = {
      arrivedAt: at('2026-02-09', '09:50'),
      handedOverAt: at('2026-02-09', '10:00'),
      pauses: [{ from: at('2026-02-09', '10:40'), reason: 'waiting_vendor' }],
    };
    const c = computeServiceClock({ limit: THIRTY_MIN, calendar: cal, visit: v }, at('2026-02-09', '11:00'));
    expect(c.state).toBe('overdue');
    expect(c.activePause?.reason).toBe('waiting_vendor');
  });
});

describe('working-day services', () => {
  it('service 2 (1 working day) over the Imlek holiday weekend', () => {
    const v = { arrivedAt: at('2026-02-13', '10:50'), handedOverAt: at('2026-02-13', '11:00') };
    const tue = computeServiceClock(input(ONE_DAY, v), at('2026-02-17', '15:00'));
    expect(show(tue.deadlineMs)).toBe('Rabu, 18 Februari 2026 11:00 WITA');
    // Friday 11:00–16:30 (330) + Wednesday 07:30–11:00 (210).
    expect(tue).toMatchObject({ state: 'running', limitWorkingMinutes: 540, elapsedWorkingMinutes: 330, dueSoon: false });
    const wed = computeServiceClock(input(ONE_DAY, v), at('2026-02-18', '10:00'));
    expect(wed).toMatchObject({ state: 'running', remainingWorkingMinutes: 60, dueSoon: true });
    const done = computeServiceClock(input(ONE_DAY, { ...v, completedAt: at('2026-02-18', '11:30') }), at('2026-02-18', '12:00'));
    expect(done.state).toBe('done_late');
  });

  it('1 working day across the year boundary', () => {
    const v = { arrivedAt: at('2025-12-31', '13:50'), handedOverAt: at('2025-12-31', '14:00') };
    const c = computeServiceClock(input(ONE_DAY, v), at('2026-01-01', '09:00'));
    expect(show(c.deadlineMs)).toBe('Jumat, 2 Januari 2026 14:00 WITA');
    expect(c.state).toBe('running');
  });

  it('service 7 (5 working days): LKPP escalation time extends the deadline', () => {
    const v: VisitMilestones = {
      arrivedAt: at('2026-02-02', '08:55'),
      handedOverAt: at('2026-02-02', '09:00'), // Monday
      // Escalated to the LKPP helpdesk for exactly two full working days (Wed and Thu).
      pauses: [{ from: at('2026-02-04', '07:30'), to: at('2026-02-05', '16:00'), reason: 'external_lkpp' }],
    };
    const c = computeServiceClock(input(FIVE_DAYS, v), at('2026-02-06', '09:00'));
    // Without the pause: Monday 9 Feb 09:00. Shifted by 2 × 510 working minutes: Wednesday 11 Feb 09:00.
    expect(show(c.deadlineMs)).toBe('Rabu, 11 Februari 2026 09:00 WITA');
    expect(c.pausedWorkingMinutes.externalLkpp).toBe(1020);
    expect(c.state).toBe('running');
  });
});

describe('input checks', () => {
  it('rejects a bad limit', () => {
    const v = { arrivedAt: at('2026-02-09', '09:00') };
    expect(() => computeServiceClock(input({ amount: 0, unit: 'minutes' }, v), at('2026-02-09', '10:00'))).toThrow(ServiceClockError);
    expect(() => computeServiceClock(input({ amount: 1.5, unit: 'working_days' }, v), at('2026-02-09', '10:00'))).toThrow(
      /hari kerja harus bilangan bulat/,
    );
    expect(() => computeServiceClock(input(THIRTY_MIN, { arrivedAt: Number.NaN }), at('2026-02-09', '10:00'))).toThrow(
      /Waktu kedatangan/,
    );
  });

  it('clamps out-of-order timestamps and reports them', () => {
    const c = computeServiceClock(
      input(THIRTY_MIN, {
        arrivedAt: at('2026-02-09', '10:00'),
        checklistStartedAt: at('2026-02-09', '10:05'),
        handedOverAt: at('2026-02-09', '10:02'),
      }),
      at('2026-02-09', '10:10'),
    );
    expect(c.anomalies).toEqual(['handover_before_checklist']);
    expect(c.startedAtMs).toBe(at('2026-02-09', '10:05'));
    expect(c.stages.checking?.wallMs).toBe(0);
  });
});
