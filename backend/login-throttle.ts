/**
 * Failed sign-in throttling, per username only.
 *
 * - Per username: after `maxFailures` failures within `windowMs`, that username is locked for `baseLockMs`,
 *   doubling with every further failure (up to `maxLockMs`). A success clears the username's record.
 * - There is no lock for the whole workstation: anyone able to reach sign-in (the shell's run token, the
 *   window itself) could otherwise lock every colleague out by failing with made-up names (issue 10). Cycling
 *   usernames gains an attacker nothing either: an office has tens of accounts, each locked after a few
 *   guesses, an unknown name costs the same scrypt work as a known one, and unknown names never lock a real one.
 * - Memory is bounded: records that no longer matter are dropped, and at most `maxTracked` usernames are kept.
 *
 * State is in memory, per backend (a restart clears it; the scrypt cost still bounds guessing speed).
 * Time always comes from the caller, so tests move a clock instead of sleeping.
 */
export interface ThrottleOptions {
  maxFailures: number;
  windowMs: number;
  baseLockMs: number;
  maxLockMs: number;
  maxTracked: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = {
  maxFailures: 5,
  windowMs: 15 * 60_000,
  baseLockMs: 60_000,
  maxLockMs: 15 * 60_000,
  maxTracked: 1000,
};

interface Entry {
  failures: number[];
  lockedUntil: number;
}

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(readonly opts: ThrottleOptions = DEFAULT_THROTTLE) {}

  private key(username: string): string {
    return username.trim().toLowerCase();
  }

  /** Whether a sign-in (or unlock) attempt for `username` may be tried now. */
  check(username: string, now: number): ThrottleVerdict {
    const until = this.entries.get(this.key(username))?.lockedUntil ?? 0;
    return now < until ? { allowed: false, retryAfterMs: until - now } : { allowed: true };
  }

  fail(username: string, now: number): void {
    const k = this.key(username);
    const { windowMs, maxFailures, baseLockMs, maxLockMs } = this.opts;
    const e = this.entries.get(k) ?? { failures: [], lockedUntil: 0 };
    e.failures = [...e.failures.filter((t) => now - t < windowMs), now];
    if (e.failures.length >= maxFailures) {
      const lock = Math.min(maxLockMs, baseLockMs * 2 ** (e.failures.length - maxFailures));
      e.lockedUntil = now + lock;
    }
    this.entries.delete(k); // re-insert: the map's order is least recently failed first
    this.entries.set(k, e);
    this.prune(now);
  }

  succeed(username: string): void {
    this.entries.delete(this.key(username));
  }

  /** Number of usernames tracked (for tests of the memory bound). */
  get size(): number {
    return this.entries.size;
  }

  private prune(now: number): void {
    for (const [k, e] of this.entries) {
      const live = now < e.lockedUntil || e.failures.some((t) => now - t < this.opts.windowMs);
      if (!live) this.entries.delete(k);
    }
    // Still too many: drop the least recently failed (a Map iterates in insertion order). A locked username
    // is kept while locked; only records of names that merely failed are dropped first.
    for (const [k, e] of this.entries) {
      if (this.entries.size <= this.opts.maxTracked) break;
      if (now >= e.lockedUntil) this.entries.delete(k);
    }
    while (this.entries.size > this.opts.maxTracked) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}

/** Indonesian "try again in …" for a wait in milliseconds. */
export function retryText(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `${s} detik`;
  return `${Math.ceil(s / 60)} menit`;
}

const throttles = new WeakMap<object, LoginThrottle>();

/** One throttle per backend (keyed by its context), so tests and several backends in a process stay apart. */
export function throttleFor(owner: object): LoginThrottle {
  let t = throttles.get(owner);
  if (!t) {
    t = new LoginThrottle();
    throttles.set(owner, t);
  }
  return t;
}
