import { describe, expect, it } from 'vitest';
import { LoginThrottle, retryText } from './login-throttle';

const opts = { maxFailures: 5, windowMs: 15 * 60_000, baseLockMs: 60_000, maxLockMs: 15 * 60_000, maxTracked: 50 };

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

  it('locks per username only: failures under many other names never lock a colleague out, and memory stays bounded', () => {
    const t = new LoginThrottle(opts);
    const now = 1_000_000;
    // Someone with access to sign-in fails 5 times with the supervisor's name (locked) and 200 times with made-up names.
    for (let i = 0; i < 5; i++) t.fail('kasubbag', now + i);
    for (let i = 0; i < 200; i++) t.fail(`tebakan${i}`, now + 10 + i);
    expect(t.check('kasubbag', now + 300).allowed).toBe(false); // still locked: not evicted by the spray
    expect(t.check('helpdesk1', now + 300)).toEqual({ allowed: true }); // everyone else signs in
    expect(t.check('tebakan199', now + 300)).toEqual({ allowed: true });
    expect(t.size).toBeLessThanOrEqual(opts.maxTracked);
  });

  it('words the wait in Indonesian', () => {
    expect(retryText(59_000)).toBe('59 detik');
    expect(retryText(60_001)).toBe('2 menit');
  });
});
