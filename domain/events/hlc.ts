/**
 * Hybrid logical clock (Kulkarni et al.): a wall-clock millisecond plus a counter. Events stamped with it
 * order causally even when counter PCs have wrong clocks. The textual form sorts lexicographically in the
 * same order as the numeric pair, so SQLite and PostgreSQL can order by the column directly.
 */
export interface HlcTimestamp {
  ms: number;
  counter: number;
}

const MS_DIGITS = 15;
const COUNTER_DIGITS = 5;
const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;

export const HLC_RE = /^\d{15}-\d{5}$/;

export function formatHlc(t: HlcTimestamp): string {
  return `${String(t.ms).padStart(MS_DIGITS, '0')}-${String(t.counter).padStart(COUNTER_DIGITS, '0')}`;
}

export function parseHlc(s: string): HlcTimestamp {
  if (!HLC_RE.test(s)) throw new Error(`invalid HLC timestamp: ${s}`);
  return { ms: Number(s.slice(0, MS_DIGITS)), counter: Number(s.slice(MS_DIGITS + 1)) };
}

export class ClockDriftError extends Error {
  constructor(
    readonly remoteMs: number,
    readonly localMs: number,
  ) {
    super(`remote clock is ${Math.round((remoteMs - localMs) / 1000)} s ahead of this PC`);
  }
}

export class HybridLogicalClock {
  private last: HlcTimestamp;

  /**
   * @param wallClock source of physical time (injectable so tests never sleep)
   * @param maxDriftMs a remote timestamp further ahead than this is refused, so one PC with a clock set to
   *   next year cannot drag every other PC's clock along with it
   */
  constructor(
    private readonly wallClock: () => number,
    readonly maxDriftMs = 24 * 60 * 60 * 1000,
    initial?: string,
  ) {
    this.last = initial ? parseHlc(initial) : { ms: 0, counter: 0 };
  }

  /** Timestamp for a local event. */
  now(): string {
    const wall = this.wallClock();
    if (wall > this.last.ms) this.last = { ms: wall, counter: 0 };
    else this.last = bump(this.last);
    return formatHlc(this.last);
  }

  /** Merge a timestamp seen on a remote event so later local events sort after it. */
  observe(remote: string): void {
    const r = parseHlc(remote);
    const wall = this.wallClock();
    if (r.ms - wall > this.maxDriftMs) throw new ClockDriftError(r.ms, wall);
    const ms = Math.max(wall, this.last.ms, r.ms);
    let counter: number;
    if (ms === this.last.ms && ms === r.ms) counter = Math.max(this.last.counter, r.counter) + 1;
    else if (ms === this.last.ms) counter = this.last.counter + 1;
    else if (ms === r.ms) counter = r.counter + 1;
    else counter = 0;
    this.last = counter > MAX_COUNTER ? { ms: ms + 1, counter: 0 } : { ms, counter };
  }

  current(): string {
    return formatHlc(this.last);
  }
}

function bump(t: HlcTimestamp): HlcTimestamp {
  // The counter overflows only under >100k events in one millisecond; move to the next millisecond.
  return t.counter >= MAX_COUNTER ? { ms: t.ms + 1, counter: 0 } : { ms: t.ms, counter: t.counter + 1 };
}
