import { describe, expect, it } from 'vitest';
import { IdleTracker } from './idle';

describe('IdleTracker', () => {
  it('locks after the limit without activity, and activity postpones it', () => {
    const t = new IdleTracker(10 * 60_000, 0);
    expect(t.isIdle(9 * 60_000)).toBe(false);
    t.activity(9 * 60_000);
    expect(t.isIdle(18 * 60_000)).toBe(false);
    expect(t.remaining(18 * 60_000)).toBe(60_000);
    expect(t.isIdle(19 * 60_000)).toBe(true);
  });

  it('follows a changed limit and ignores activity stamped in the past', () => {
    const t = new IdleTracker(10 * 60_000, 1000);
    t.activity(500);
    t.setLimit(60_000);
    expect(t.isIdle(61_000)).toBe(true);
  });
});
