/**
 * The two complaint clocks (issue 12) on the national calendar: 3 working days to say whether a complaint is
 * complete, 6 to respond; weekends, holidays and cuti bersama skipped; the wait for the complainant pausing
 * the response clock only; the 30-day filing limit; deadlines in an undecreed year marked perkiraan.
 */
import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { reduceCalendar, toWorkCalendar } from '../aggregates/calendar';
import { reduceComplaint, type ComplaintState } from '../aggregates/complaint';
import type { DomainEvent } from '../events/schema';
import { HOLIDAY_SEED_2025_2026 } from '../time/__fixtures__/holidays-id';
import { calendarFromHolidaySeed } from '../time/calendar';
import { provisionalSourceFrom } from '../time/provisional';
import { formatWita, witaDateTimeToMs } from '../time/wita';
import { acknowledgementDeadlines, completenessClock, daysSinceService, isLateFiling, responseClock, timesOfState } from './clock';

const at = (date: string, time: string) => witaDateTimeToMs(date, time);
const show = (ms: number | null) => (ms === null ? null : formatWita(ms));
const cal = calendarFromHolidaySeed(HOLIDAY_SEED_2025_2026);

let seq = 0;
function ev(type: string, payload: unknown, aggregateType = 'complaint', aggregateId = 'c1'): DomainEvent {
  seq++;
  return { id: `00000000-0000-7000-8000-${String(seq).padStart(12, '0')}`, hlc: String(seq).padStart(15, '0'), deviceId: 'd', actorId: 'u1', type, aggregateType, aggregateId, payload, schemaVersion: 1, recordedAt: 0 } as DomainEvent;
}

function received(receivedAt: number, extra: Record<string, unknown> = {}): DomainEvent {
  return ev('complaint.received', {
    receivedAt,
    number: 'PGD-20260210-ABC123-001',
    channel: 'loket',
    complainant: { name: 'Siti Aminah', address: 'Jl. Pramuka No. 3, Banjarmasin', contact: '0812 5000 1111' },
    serviceCode: 'aktivasi_user_id',
    visitId: null,
    receiptNo: null,
    serviceAt: null,
    text: 'Aktivasi tidak selesai dalam 30 menit.',
    loss: null,
    request: 'Mohon aktivasi segera diselesaikan.',
    place: 'Banjarmasin',
    signed: true,
    laporNo: null,
    at: receivedAt,
    ...extra,
  });
}

function fold(...events: DomainEvent[]): ComplaintState {
  let s: ComplaintState | null = null;
  for (const e of events) s = reduceComplaint(s, e);
  return s!;
}

describe('deadlines of the acknowledgement', () => {
  it('counts 3 and 6 working days over a weekend', () => {
    // Tuesday 10 February 2026, 10:00: Wed, Thu, Fri → Friday 13; … Mon 16 cuti bersama Imlek, Tue 17 Imlek.
    const d = acknowledgementDeadlines(at('2026-02-10', '10:00'), cal);
    expect(show(d.completenessDueAt)).toBe('Jumat, 13 Februari 2026 10:00 WITA');
    // Wed 11, Thu 12, Fri 13, (Sat, Sun, Mon 16 cuti bersama, Tue 17 Imlek) Wed 18, Thu 19, Fri 20.
    expect(show(d.responseDueAt)).toBe('Jumat, 20 Februari 2026 10:00 WITA');
    expect(d.provisional).toBe(false);
  });

  it('skips Nyepi, Idul Fitri and its cuti bersama', () => {
    // Monday 16 March 2026 14:00. Working days: Tue 17; 18 cuti Nyepi, 19 Nyepi, 20 cuti, 21–22 Idul Fitri (weekend),
    // 23–24 cuti bersama; Wed 25, Thu 26 → completeness Thursday 26 March.
    const d = acknowledgementDeadlines(at('2026-03-16', '14:00'), cal);
    expect(show(d.completenessDueAt)).toBe('Kamis, 26 Maret 2026 14:00 WITA');
    // … Fri 27, Mon 30, Tue 31 → response Tuesday 31 March.
    expect(show(d.responseDueAt)).toBe('Selasa, 31 Maret 2026 14:00 WITA');
  });

  it('starts counting at the next opening when received on a Saturday (complaint box, web form)', () => {
    const d = acknowledgementDeadlines(at('2026-02-07', '21:15'), cal);
    // Counting starts Monday 9 February 07:30; three whole working days end at Wednesday's closing (the
    // service clock's rule: a budget that runs out at closing time ends there, not at the next opening).
    expect(show(d.completenessDueAt)).toBe('Rabu, 11 Februari 2026 16:00 WITA');
    // Mon, Tue, Wed, Thu, Fri, (16 cuti bersama, 17 Imlek) Wed 18.
    expect(show(d.responseDueAt)).toBe('Rabu, 18 Februari 2026 16:00 WITA');
  });

  it('clamps to closing time when received late on a Friday', () => {
    // Friday 16:20 (counter open until 16:30): the same time 3 working days later is after Wednesday's 16:00 closing.
    const d = acknowledgementDeadlines(at('2026-02-06', '16:20'), cal);
    expect(show(d.completenessDueAt)).toBe('Rabu, 11 Februari 2026 16:00 WITA');
  });

  it('is perkiraan when the count runs into a year whose decree is not entered', () => {
    const source = provisionalSourceFrom(new Holidays('ID'));
    const seed = calendarFromHolidaySeed(HOLIDAY_SEED_2025_2026);
    const state = reduceCalendar(null, ev('calendar.imported', { holidays: seed.holidays, mode: 'replace_years', years: [2025, 2026], source: 'SKB' }, 'calendar', 'calendar'))!;
    const withYears = toWorkCalendar(state, source);
    // 23 December 2026: 24 cuti bersama, 25 Natal, weekend, 28–31, 1 January 2027 (computed) …
    const d = acknowledgementDeadlines(at('2026-12-23', '10:00'), withYears);
    expect(show(d.completenessDueAt)).toBe('Rabu, 30 Desember 2026 10:00 WITA');
    // 5 January 2027 is Isra Mikraj as computed (perkiraan): the sixth working day is Wednesday 6 January.
    expect(show(d.responseDueAt)).toBe('Rabu, 6 Januari 2027 10:00 WITA');
    expect(d.provisional).toBe(true);
    // Early December stays within 2026: not provisional.
    expect(acknowledgementDeadlines(at('2026-12-01', '10:00'), withYears).provisional).toBe(false);
  });
});

describe('the completeness clock', () => {
  const receivedAt = at('2026-02-10', '10:00');

  it('runs until the first decision and is in time when told within 3 working days', () => {
    const c = fold(received(receivedAt), ev('complaint.completeness_decided', { at: at('2026-02-13', '09:00'), complete: true, missing: null, note: null }));
    const k = completenessClock(timesOfState(c), cal, at('2026-02-20', '12:00'));
    expect(k.state).toBe('done_in_time');
  });

  it('is overdue when nobody has decided by the deadline', () => {
    const c = fold(received(receivedAt));
    const k = completenessClock(timesOfState(c), cal, at('2026-02-13', '10:01'));
    expect(k.state).toBe('overdue');
    expect(completenessClock(timesOfState(c), cal, at('2026-02-13', '09:59')).state).toBe('running');
  });

  it('is not paused by the wait for the complainant (the decision already stopped it)', () => {
    const c = fold(received(receivedAt), ev('complaint.completeness_decided', { at: at('2026-02-11', '09:00'), complete: false, missing: 'Alamat lengkap dan tanda tangan.', note: null }));
    const k = completenessClock(timesOfState(c), cal, at('2026-03-02', '09:00'));
    expect(k.state).toBe('done_in_time');
    expect(k.pausedWorkingMinutes.total).toBe(0);
  });
});

describe('the response clock and the wait for completeness', () => {
  const receivedAt = at('2026-02-10', '10:00');
  const incomplete = ev('complaint.completeness_decided', { at: at('2026-02-11', '10:00'), complete: false, missing: 'Tanda tangan pengadu.', note: null });

  it('stands still while waiting for the complainant, and its deadline moves by that wait', () => {
    const c = fold(received(receivedAt), incomplete);
    expect(c.stage).toBe('waiting_completeness');
    // Two weeks later, still waiting: paused, not overdue, deadline moving with the wait.
    const now = at('2026-02-25', '10:00');
    const k = responseClock(timesOfState(c), cal, now);
    expect(k.state).toBe('paused');
    expect(k.activePause?.reason).toBe('waiting_vendor');
    // One working day had elapsed (Tue 10:00 → Wed 10:00); 5 remain, counted from now.
    expect(k.elapsedWorkingMinutes).toBe(510);
    expect(show(k.deadlineMs)).toBe('Rabu, 4 Maret 2026 10:00 WITA');
  });

  it('runs again from the supplement, with the wait excluded', () => {
    const c = fold(
      received(receivedAt),
      incomplete,
      // The complainant signs on Monday 23 February 10:00: the wait lasted Wed 11 10:00 → Mon 23 10:00.
      ev('complaint.supplement_received', { at: at('2026-02-23', '10:00'), channel: 'loket', text: 'Surat pengaduan sudah saya tanda tangani.' }),
    );
    expect(c.stage).toBe('admin_check');
    expect(c.waits).toEqual([{ from: at('2026-02-11', '10:00'), to: at('2026-02-23', '10:00') }]);
    const k = responseClock(timesOfState(c), cal, at('2026-02-23', '11:00'));
    expect(k.state).toBe('running');
    // 1 working day before the wait + 5 after it: Mon 23 → Tue 24, Wed 25, Thu 26, Fri 27, Mon 2 March.
    expect(show(k.deadlineMs)).toBe('Senin, 2 Maret 2026 10:00 WITA');
    expect(k.pausedWorkingMinutes.waitingVendor).toBeGreaterThan(0);
    // The completeness clock ended with the first decision.
    expect(completenessClock(timesOfState(c), cal, at('2026-02-23', '11:00')).state).toBe('done_in_time');
  });

  it('is in time when the response comes before the moved deadline, late after it', () => {
    const base = [
      received(receivedAt),
      incomplete,
      ev('complaint.supplement_received', { at: at('2026-02-23', '10:00'), channel: 'email', text: 'Lampiran tanda tangan.' }),
      ev('complaint.completeness_decided', { at: at('2026-02-23', '14:00'), complete: true, missing: null, note: null }),
      ev('complaint.coordination_started', { at: at('2026-02-24', '09:00'), scope: 'internal', note: 'Dengan verifikator.' }),
    ];
    const inTime = fold(...base, ev('complaint.responded', { at: at('2026-03-02', '09:59'), text: 'Aktivasi telah diselesaikan.' }));
    expect(responseClock(timesOfState(inTime), cal, at('2026-03-10', '09:00')).state).toBe('done_in_time');
    const late = fold(...base, ev('complaint.responded', { at: at('2026-03-02', '10:01'), text: 'Aktivasi telah diselesaikan.' }));
    expect(responseClock(timesOfState(late), cal, at('2026-03-10', '09:00')).state).toBe('done_late');
    // Without the pause the same response would have been late by days (deadline Fri 20 Feb).
    expect(show(acknowledgementDeadlines(receivedAt, cal).responseDueAt)).toBe('Jumat, 20 Februari 2026 10:00 WITA');
  });

  it('is overdue once the moved deadline has passed without a response', () => {
    const c = fold(received(receivedAt), ev('complaint.completeness_decided', { at: at('2026-02-10', '11:00'), complete: true, missing: null, note: null }));
    expect(responseClock(timesOfState(c), cal, at('2026-02-20', '10:01')).state).toBe('overdue');
    expect(responseClock(timesOfState(c), cal, at('2026-02-20', '09:59')).state).toBe('running');
  });
});

describe('the 30-day filing limit (Pasal 8(3))', () => {
  it('counts calendar days in WITA: day 30 is in time, day 31 is late', () => {
    const service = at('2026-01-05', '15:30');
    expect(daysSinceService(service, at('2026-02-04', '08:00'))).toBe(30);
    expect(isLateFiling(service, at('2026-02-04', '15:59'))).toBe(false);
    expect(isLateFiling(service, at('2026-02-05', '07:31'))).toBe(true);
    expect(isLateFiling(null, at('2026-02-05', '07:31'))).toBe(false);
  });

  it('uses the WITA date even when UTC would be the day before', () => {
    // 5 January 07:00 WITA is 4 January 23:00 UTC.
    expect(daysSinceService(at('2026-01-05', '07:00'), at('2026-02-04', '07:00'))).toBe(30);
  });
});

describe('the complaint record', () => {
  it('keeps the complainant’s words and puts corrections beside them', () => {
    const c = fold(
      received(at('2026-02-10', '10:00')),
      ev('complaint.note_added', { at: at('2026-02-10', '10:30'), kind: 'correction', field: 'address', text: 'Alamat yang benar: Jl. Pramuka No. 13.' }),
    );
    expect(c.complainant.address).toBe('Jl. Pramuka No. 3, Banjarmasin');
    expect(c.notes).toEqual([{ at: at('2026-02-10', '10:30'), by: 'u1', kind: 'correction', field: 'address', text: 'Alamat yang benar: Jl. Pramuka No. 13.' }]);
  });

  it('keeps the first of two offline decisions and shows the other as ignored', () => {
    const c = fold(
      received(at('2026-02-10', '10:00')),
      ev('complaint.completeness_decided', { at: at('2026-02-11', '09:00'), complete: true, missing: null, note: null }),
      ev('complaint.completeness_decided', { at: at('2026-02-11', '09:05'), complete: false, missing: 'Tanda tangan.', note: null }),
    );
    expect(c.stage).toBe('complete');
    expect(c.ignored.map((i) => i.type)).toEqual(['complaint.completeness_decided']);
  });

  it('records who and when for every stage, and ends an open wait on closing', () => {
    const c = fold(
      received(at('2026-02-10', '10:00')),
      ev('complaint.check_started', { at: at('2026-02-10', '11:00') }),
      ev('complaint.completeness_decided', { at: at('2026-02-11', '09:00'), complete: false, missing: 'Alamat lengkap.', note: null }),
      ev('complaint.closed', { at: at('2026-03-20', '09:00'), note: 'Tidak dilengkapi pengadu.' }),
    );
    expect(c.history.map((h) => [h.stage, h.by])).toEqual([
      ['received', 'u1'],
      ['admin_check', 'u1'],
      ['waiting_completeness', 'u1'],
      ['closed', 'u1'],
    ]);
    expect(c.waits[0]!.to).toBe(at('2026-03-20', '09:00'));
    expect(responseClock(timesOfState(c), cal, at('2026-03-25', '09:00')).state).toBe('done_in_time');
  });
});
