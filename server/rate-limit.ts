/**
 * A small in-memory token bucket per key (the client address). Enough for one server instance; behind a
 * load balancer each instance limits on its own, which still bounds guessing to N × the rate.
 */
export interface BucketOptions {
  /** Requests allowed in a burst. */
  capacity: number;
  /** Tokens added per second. */
  refillPerSecond: number;
  /** Upper bound on tracked keys, so a flood of addresses cannot exhaust memory. */
  maxKeys?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly maxKeys: number;

  constructor(
    private readonly opts: BucketOptions,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.maxKeys = opts.maxKeys ?? 10_000;
  }

  private refill(key: string): Bucket {
    const t = this.now();
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) this.prune(t);
      b = { tokens: this.opts.capacity, at: t };
      this.buckets.set(key, b);
      return b;
    }
    const elapsed = Math.max(0, t - b.at) / 1000;
    b.tokens = Math.min(this.opts.capacity, b.tokens + elapsed * this.opts.refillPerSecond);
    b.at = t;
    return b;
  }

  /** True when a request may proceed; consumes one token. */
  take(key: string): boolean {
    const b = this.refill(key);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  /** True when the key still has a token, without consuming one. */
  peek(key: string): boolean {
    return this.refill(key).tokens >= 1;
  }

  /** Seconds until the next token, for the Retry-After header. */
  retryAfterSeconds(key: string): number {
    const b = this.refill(key);
    if (b.tokens >= 1) return 0;
    return Math.ceil((1 - b.tokens) / this.opts.refillPerSecond);
  }

  private prune(t: number): void {
    for (const [k, b] of this.buckets) {
      const full = b.tokens + ((t - b.at) / 1000) * this.opts.refillPerSecond >= this.opts.capacity;
      if (full) this.buckets.delete(k);
    }
    // Still full of live attackers: drop the oldest entries rather than grow without bound.
    if (this.buckets.size >= this.maxKeys) {
      const drop = this.buckets.size - Math.floor(this.maxKeys * 0.9);
      let i = 0;
      for (const k of this.buckets.keys()) {
        if (i++ >= drop) break;
        this.buckets.delete(k);
      }
    }
  }
}
