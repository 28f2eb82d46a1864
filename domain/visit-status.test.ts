import { describe, expect, it } from 'vitest';
import { stageOf, VISIT_STAGES, VISIT_STATUSES, visitStatusLabel } from './visit-status';

describe('the one status vocabulary', () => {
  it('names each status once, with the case vocabulary for a system admin file', () => {
    expect(visitStatusLabel('registered')).toBe('Terdaftar');
    expect(visitStatusLabel('handed_over', 'verifier')).toBe('Menunggu verifikator');
    expect(visitStatusLabel('handed_over', 'sysadmin')).toBe('Baru');
    expect(visitStatusLabel('at_lkpp', 'sysadmin')).toBe('Diteruskan ke helpdesk LKPP');
    expect(visitStatusLabel('closed')).toBe('Selesai di loket');
    for (const s of VISIT_STATUSES) expect(visitStatusLabel(s)).not.toBe(s);
  });

  it('puts every status in exactly one guest-book stage, so the tabs add up to the day', () => {
    const all = VISIT_STAGES.flatMap((s) => [...s.statuses]);
    expect([...all].sort()).toEqual([...VISIT_STATUSES].sort());
    expect(new Set(all).size).toBe(all.length);
    expect(stageOf('completed')).toBe('finished');
    expect(stageOf('in_process')).toBe('at_desk');
  });
});
