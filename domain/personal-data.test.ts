import { describe, expect, it } from 'vitest';
import { canSeePersonalData, maskNik, maskPhone, phoneDigits } from './personal-data';

describe('the one personal-data mask', () => {
  it('masks a NIK and a phone number the same way for every screen and export', () => {
    expect(maskNik('6371011503900001')).toBe('6371••••••••0001');
    expect(maskPhone('+6281251234567')).toBe('0812••••••67');
    expect(phoneDigits('+6281251234567')).toBe('081251234567');
    expect(maskNik(null)).toBeNull();
  });

  it('shows full numbers only to the roles whose work needs them', () => {
    expect(canSeePersonalData(['helpdesk'])).toBe(true);
    expect(canSeePersonalData(['sysadmin'])).toBe(false);
    expect(canSeePersonalData(undefined)).toBe(false);
  });
});
