/**
 * The two clocks of a complaint, on the same working-day calendar and the same clock code as the service
 * clock (`domain/time/clock.ts`, `calendar.ts`; ADR 0007), so weekends, holidays, cuti bersama, dated counter
 * hours and provisional (*perkiraan*) years count exactly as they do for a visit:
 *
 * - **Completeness** (Pasal 8(5)): the complainant is told within 3 working days of receipt whether the
 *   complaint is complete. Runs from receipt to the first completeness decision (or to closing, for a
 *   complaint closed before any decision). A later re-check after the complainant completed it is not
 *   measured against this limit: the regulation counts the 3 days "sejak diterimanya pengaduan".
 * - **Response** (Lampiran, "Respon pengaduan paling lambat 6 hari kerja sejak diterimanya pengaduan"): runs
 *   from receipt to the response (or to closing). While the complaint waits for the complainant to complete
 *   it (from "tidak lengkap" to the supplement) the response clock stands still, and its deadline moves by
 *   the working time of that wait — shown as a pause, never hidden.
 *
 * "N hari kerja" counts as `addWorkingDays` does (same time of day N working days later, clamped to counter
 * hours; counting starts at the next opening when received outside counter hours).
 *
 * The 30-day rule (Pasal 8(3): "paling lambat 30 (tiga puluh) hari sejak pengadu menerima pelayanan") is in
 * calendar days, WITA dates: received on day +30 is in time, day +31 is flagged (and still recorded; the
 * supervisor decides). Pure.
 */
import type { ComplaintState } from '../aggregates/complaint';
import { daysBetweenIso, type WorkCalendar } from '../time/calendar';
import { computeServiceClock, type ClockLimit, type ServiceClock } from '../time/clock';
import { witaIsoDate } from '../time/wita';

export const COMPLETENESS_LIMIT: ClockLimit = { amount: 3, unit: 'working_days' };
export const RESPONSE_LIMIT: ClockLimit = { amount: 6, unit: 'working_days' };
/** Pasal 8(3), in calendar days. */
export const FILING_LIMIT_DAYS = 30;

/** What the clocks need of a complaint (a folded state, or a projection row). */
export interface ComplaintTimes {
  receivedAt: number;
  firstDecisionAt: number | null;
  respondedAt: number | null;
  closedAt: number | null;
  waits: readonly { from: number; to: number | null }[];
}

export function timesOfState(c: ComplaintState): ComplaintTimes {
  return { receivedAt: c.receivedAt, firstDecisionAt: c.firstDecisionAt, respondedAt: c.response?.at ?? null, closedAt: c.closed?.at ?? null, waits: c.waits };
}

function clock(limit: ClockLimit, cal: WorkCalendar, receivedAt: number, endAt: number | null, waits: ComplaintTimes['waits'], now: number): ServiceClock {
  return computeServiceClock(
    {
      limit,
      calendar: cal,
      visit: {
        arrivedAt: receivedAt,
        // The limit starts at receipt: the clock's "handover" is the moment the office holds the complaint.
        handedOverAt: receivedAt,
        ...(endAt !== null ? { completedAt: endAt } : {}),
        // Waiting for the complainant is the clock's "waiting for the applicant": excluded, deadline moves.
        pauses: waits.map((w) => (w.to === null ? { from: w.from, reason: 'waiting_vendor' as const } : { from: w.from, to: w.to, reason: 'waiting_vendor' as const })),
      },
    },
    now,
  );
}

/** Receipt → first completeness decision, 3 working days, no pause. */
export function completenessClock(t: ComplaintTimes, cal: WorkCalendar, now: number): ServiceClock {
  return clock(COMPLETENESS_LIMIT, cal, t.receivedAt, t.firstDecisionAt ?? t.closedAt, [], now);
}

/** Receipt → response, 6 working days, paused while waiting for the complainant to complete it. */
export function responseClock(t: ComplaintTimes, cal: WorkCalendar, now: number): ServiceClock {
  return clock(RESPONSE_LIMIT, cal, t.receivedAt, t.respondedAt ?? t.closedAt, t.waits, now);
}

/**
 * The deadlines as the acknowledgement states them: both limits counted from receipt with no pause, on the
 * calendar given (the one of the moment when recording).
 */
export function acknowledgementDeadlines(receivedAt: number, cal: WorkCalendar): { completenessDueAt: number; responseDueAt: number; provisional: boolean } {
  const c = completenessClock({ receivedAt, firstDecisionAt: null, respondedAt: null, closedAt: null, waits: [] }, cal, receivedAt);
  const r = responseClock({ receivedAt, firstDecisionAt: null, respondedAt: null, closedAt: null, waits: [] }, cal, receivedAt);
  return { completenessDueAt: c.deadlineMs!, responseDueAt: r.deadlineMs!, provisional: c.deadlineProvisional || r.deadlineProvisional };
}

/** Calendar days from the service to the complaint (WITA dates), or null when the service date is unknown. */
export function daysSinceService(serviceAt: number | null, receivedAt: number): number | null {
  return serviceAt === null ? null : daysBetweenIso(witaIsoDate(serviceAt), witaIsoDate(receivedAt));
}

/** Pasal 8(3): received more than 30 days after the service ("melewati batas waktu pengaduan"). */
export function isLateFiling(serviceAt: number | null, receivedAt: number): boolean {
  const d = daysSinceService(serviceAt, receivedAt);
  return d !== null && d > FILING_LIMIT_DAYS;
}
