import { describe, expect, it } from 'vitest';
import { LoginThrottle, retryText } from './login-throttle';

const opts = { maxFailures: 5, windowMs: 15 * 60_000, baseLockMs: 60_000, maxLockMs: 15 * 60_000, globalMaxFailures: 30, maxTracked: 50 };

describe('LoginThrottle', () => {
  it('locks a username after 5 failures for 1 minute, doubling with each further failure up to 15 minutes', () => {
    const t = new LoginThrottle(opts);
    let now = 0;
    for (let i = 0; i < 4; i++) t.fail('budi', (now += 1000));
    expect(t.check('budi', now)).toEqual({ allowed: true });
    t.fail('budi', (now += 1000));
    expect(t.check('budi', now)).toEqual({ allowed: false, retryAfterMs: 60_000 });
    expect(t.check('BUDI ', now).allowed).toBe(false); // same username, other spelling
    expect(t.check('rina', now).allowed).toBe(true); // other usernames are not affected
    now += 60_000;
    expect(t.check('budi', now).allowed).toBe(true);
    t.fail('budi', now);
    expect(t.check('budi', now)).toEqual({ allowed: false, retryAfterMs: 120_000 });
    for (let i = 0; i < 10; i++) t.fail('budi', (now += 1));
    expect(t.check('budi', now)).toEqual({ allowed: false, retryAfterMs: 15 * 60_000 });
  });

  it('forgets failures older than the window and clears on success', () => {
    const t = new LoginThrottle(opts);
    let now = 0;
    for (let i = 0; i < 4; i++) t.fail('budi', (now += 1000));
    now += 16 * 60_000;
    t.fail('budi', now);
    expect(t.check('budi', now).allowed).toBe(true);
    for (let i = 0; i < 3; i++) t.fail('budi', (now += 1));
    t.succeed('budi');
    t.fail('budi', (now += 1));
    expect(t.check('budi', now).allowed).toBe(true);
  });

  it('throttles the whole workstation when many usernames are tried, and keeps memory bounded', () => {
    const t = new LoginThrottle(opts);
    let now = 0;
    for (let i = 0; i < 31; i++) t.fail(`user${i}`, (now += 10));
    expect(t.check('siapa-saja', now)).toEqual({ allowed: false, retryAfterMs: 60_000 });
    expect(t.check('siapa-saja', now + 60_000).allowed).toBe(true);
    for (let i = 0; i < 200; i++) t.fail(`spray${i}`, (now += 10));
    expect(t.size).toBeLessThanOrEqual(50);
    now += 16 * 60_000;
    t.fail('last', now);
    expect(t.size).toBe(1);
  });

  it('words the wait in Indonesian', () => {
    expect(retryText(59_000)).toBe('59 detik');
    expect(retryText(60_001)).toBe('2 menit');
  });
});
