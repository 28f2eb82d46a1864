import { describe, expect, it } from 'vitest';
import type { StoredEvent } from './events/schema';
import { complaintLabel, complaintScope, numbersIn, parseComplaintLabel } from './numbering';

function event(type: string, payload: unknown): StoredEvent {
  return { id: 'e1', hlc: '001764547200000-00000', deviceId: 'pc-a', actorId: 'u1', type, aggregateType: 'complaint', aggregateId: 'c1', payload, schemaVersion: 1, recordedAt: 0 };
}

describe('complaint numbers (ADR 0012)', () => {
  it('are the receipt pattern with their own prefix, and parse back as typed', () => {
    const label = complaintLabel('20261201', 'A1B2C3', 7);
    expect(label).toBe('PGD-20261201-A1B2C3-007');
    expect(parseComplaintLabel(label)).toEqual({ day: '20261201', tag: 'A1B2C3', scope: '20261201-A1B2C3', number: 7 });
    expect(parseComplaintLabel(' pgd-20261201-a1b2c3-1234 ')?.number).toBe(1234);
    expect(parseComplaintLabel('TT-20261201-A1B2C3-007')).toBeNull();
    expect(complaintScope('20261201', 'WABCDE')).toBe('20261201-WABCDE');
  });

  it('are declared by the event that issues them, so the next one is derived from the log', () => {
    expect(numbersIn(event('complaint.received', { number: 'PGD-20261201-A1B2C3-004' }))).toEqual([{ series: 'complaint', scope: '20261201-A1B2C3', number: 4, label: 'PGD-20261201-A1B2C3-004' }]);
    expect(numbersIn(event('visit.handed_over', { receiptNo: 'TT-20261201-A1B2C3-002' }))).toEqual([{ series: 'receipt', scope: '20261201-A1B2C3', number: 2, label: 'TT-20261201-A1B2C3-002' }]);
    expect(numbersIn(event('complaint.received', { number: 'rusak' }))).toEqual([]);
    expect(numbersIn(event('complaint.note_added', { number: 'PGD-20261201-A1B2C3-004' }))).toEqual([]);
  });
});
