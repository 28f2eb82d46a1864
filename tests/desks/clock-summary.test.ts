/**
 * The list form of the service clock (`clockSummaryOf`, what the desk queues, the dashboard and
 * `visits.clocks` show) computed directly must say exactly what the full clock's summary says
 * (`clockSummary(clockView(…))`, the detail screen's clock): for any milestones, pauses (open or closed,
 * of every reason, office outages included), limit, promised deadline and `now`, on the decreed calendar,
 * one with a holiday added after the handover, and one with Ramadan hours.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clockSummary, clockSummaryOf, clockView } from '../../backend/views/service-clock';
import { HOLIDAY_SEED_2025_2026 } from '../../domain/time/__fixtures__/holidays-id';
import { calendarFromHolidaySeed, type WorkCalendar } from '../../domain/time/calendar';
import type { ClockLimit, Pause, PauseReason, VisitMilestones } from '../../domain/time/clock';

const decreed: WorkCalendar = calendarFromHolidaySeed(HOLIDAY_SEED_2025_2026);
const withHoliday: WorkCalendar = { ...decreed, holidays: [...decreed.holidays, { date: '2026-05-06', name: 'Libur daerah', kind: 'lainnya' }] };
const ramadan: WorkCalendar = {
  ...decreed,
  hoursPeriods: ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, from: '2026-02-18', until: '2026-03-19', hours: { open: '08:00', close: '14:00' } })),
};

const T0 = Date.UTC(2026, 1, 2); // 2026-02-02
const SPAN = 150 * 86_400_000;
const REASONS: PauseReason[] = ['waiting_vendor', 'external_lkpp', 'disruption_internet', 'disruption_spse'];

const limitArb: fc.Arbitrary<ClockLimit> = fc.oneof(
  fc.record({ amount: fc.constantFrom(30, 60, 120), unit: fc.constant('minutes' as const) }),
  fc.record(
    {
      amount: fc.integer({ min: 1, max: 5 }),
      unit: fc.constant('working_days' as const),
      externalWaitExcluded: fc.boolean(),
      excusedDisruptions: fc.subarray(['internet', 'spse'] as const),
      guaranteeMinutes: fc.constantFrom(30, 60),
      externalLeavesLimit: fc.boolean(),
    },
    { requiredKeys: ['amount', 'unit'] },
  ),
);

const caseArb = fc
  .record({
    arrived: fc.integer({ min: 0, max: SPAN }),
    steps: fc.array(fc.integer({ min: 0, max: 10 * 86_400_000 }), { minLength: 3, maxLength: 3 }),
    has: fc.record({ checklist: fc.boolean(), handover: fc.boolean(), completed: fc.boolean() }),
    pauses: fc.array(
      fc.record({ from: fc.integer({ min: 0, max: 20 * 86_400_000 }), len: fc.option(fc.integer({ min: 0, max: 5 * 86_400_000 })), reason: fc.constantFrom(...REASONS) }),
      { maxLength: 4 },
    ),
    limit: limitArb,
    promisedShift: fc.option(fc.integer({ min: -86_400_000, max: 86_400_000 })),
    nowAfter: fc.integer({ min: 0, max: 30 * 86_400_000 }),
    cal: fc.constantFrom(decreed, withHoliday, ramadan),
  })
  .map((c) => {
    const arrivedAt = T0 + c.arrived;
    const checklistStartedAt = c.has.checklist ? arrivedAt + c.steps[0]! : undefined;
    const handedOverAt = c.has.handover ? (checklistStartedAt ?? arrivedAt) + c.steps[1]! : undefined;
    const completedAt = c.has.completed ? (handedOverAt ?? checklistStartedAt ?? arrivedAt) + c.steps[2]! : undefined;
    const pauses: Pause[] = c.pauses.map((p) => {
      const from = (handedOverAt ?? arrivedAt) + p.from;
      return p.len === null ? { from, reason: p.reason } : { from, to: from + p.len, reason: p.reason };
    });
    const milestones: VisitMilestones = {
      arrivedAt,
      ...(checklistStartedAt !== undefined ? { checklistStartedAt } : {}),
      ...(handedOverAt !== undefined ? { handedOverAt } : {}),
      ...(completedAt !== undefined ? { completedAt } : {}),
      pauses,
    };
    const now = arrivedAt + c.nowAfter;
    return { milestones, limit: c.limit, now, cal: c.cal, promisedShift: c.promisedShift };
  });

describe('clockSummaryOf', () => {
  it('equals the summary of the full clock for any file, limit, calendar and moment', () => {
    fc.assert(
      fc.property(caseArb, ({ milestones, limit, now, cal, promisedShift }) => {
        // The deadline promised on the receipt: the handover's own (unchanged) or one that differs.
        const full0 = clockView(milestones, limit, cal, now);
        const promised = promisedShift === null || full0.deadlineMs === null ? null : { dueAt: full0.deadlineMs + (promisedShift > 0 ? 0 : promisedShift), provisional: false };
        expect(clockSummaryOf(milestones, limit, cal, now, promised)).toEqual(clockSummary(clockView(milestones, limit, cal, now, promised)));
      }),
      { numRuns: 3000 },
    );
  });
});
