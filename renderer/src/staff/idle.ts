/**
 * Inactivity of the person at the screen (keyboard, mouse, touch), on this screen's own clock. Data
 * refreshes do not count as activity: only a person does. Pure, so it is tested without a browser.
 */
export class IdleTracker {
  private last: number;

  constructor(
    private limitMs: number,
    now: number,
  ) {
    this.last = now;
  }

  activity(now: number): void {
    if (now > this.last) this.last = now;
  }

  setLimit(limitMs: number): void {
    this.limitMs = limitMs;
  }

  /** True once the person has been away for the whole limit. */
  isIdle(now: number): boolean {
    return now - this.last >= this.limitMs;
  }

  /** Milliseconds until the screen locks (0 when it is due). */
  remaining(now: number): number {
    return Math.max(0, this.limitMs - (now - this.last));
  }
}
