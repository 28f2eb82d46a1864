import { describe, expect, it } from 'vitest';
import { complaintLabel, complaintScope, nextComplaintNumber, parseComplaintLabel } from './number';

describe('complaint numbers', () => {
  it('are the receipt pattern with their own prefix, and parse back', () => {
    const label = complaintLabel('20261201', 'A1B2C3', 7);
    expect(label).toBe('PGD-20261201-A1B2C3-007');
    expect(parseComplaintLabel(label)).toEqual({ day: '20261201', tag: 'A1B2C3', scope: '20261201-A1B2C3', number: 7 });
    expect(parseComplaintLabel('pgd-20261201-a1b2c3-1234')?.number).toBe(1234);
    expect(parseComplaintLabel('TT-20261201-A1B2C3-007')).toBeNull();
  });

  it('continue after the highest number of the same scope only', () => {
    const held = ['PGD-20261201-A1B2C3-001', 'PGD-20261201-A1B2C3-004', 'PGD-20261201-FFFFFF-009', 'PGD-20261130-A1B2C3-012', 'rusak'];
    expect(nextComplaintNumber(held, complaintScope('20261201', 'A1B2C3'))).toBe(5);
    expect(nextComplaintNumber(held, complaintScope('20261202', 'A1B2C3'))).toBe(1);
  });
});
