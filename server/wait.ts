/**
 * Long-poll for new events (GET /v1/wait): a workstation that has pulled everything asks to be answered as
 * soon as its office's log grows, so a change made at one PC reaches the others within a second of its push
 * instead of at their next sync interval. Every commit that grows the office's log wakes its waiters
 * (`Store.onAppended`, server/store.ts): a push that stored new events, and the server's own events (a device
 * key announced at enrollment or registration, a revocation; ADR 0011).
 *
 * The waiters live in this process. Behind several server processes (PostgreSQL, scaled out), a push to one
 * process does not wake a waiter held by another: that waiter is answered at its timeout and the workstation
 * pulls then, so nothing is lost, only later (at most the wait's timeout).
 */
export class OfficeSignals {
  readonly #waiters = new Map<string, Set<() => void>>();

  /** Resolves when `notify(officeId)` is called, after `timeoutMs`, or when `signal` aborts. */
  wait(officeId: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      let set = this.#waiters.get(officeId);
      if (!set) {
        set = new Set();
        this.#waiters.set(officeId, set);
      }
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        const s = this.#waiters.get(officeId);
        s?.delete(done);
        if (s && s.size === 0) this.#waiters.delete(officeId);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal?.addEventListener('abort', done, { once: true });
      set.add(done);
    });
  }

  notify(officeId: string): void {
    const set = this.#waiters.get(officeId);
    if (!set) return;
    for (const done of [...set]) done();
  }

  /** Answers every waiter (the server is closing). */
  releaseAll(): void {
    for (const set of [...this.#waiters.values()]) for (const done of [...set]) done();
  }

  get waiting(): number {
    let n = 0;
    for (const s of this.#waiters.values()) n += s.size;
    return n;
  }
}
