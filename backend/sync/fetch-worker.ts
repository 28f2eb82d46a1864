/**
 * Pull pages fetched on a worker thread (issue 17 item 2, docs/adr/0037-pull-download-off-the-applying-thread.md).
 *
 * A joining PC applies one page while the next one is already asked for (ADR 0026), but on one thread the
 * next page's answer is only read, and its gzip undone, when the page being applied lets go of the thread:
 * applying is synchronous SQLite work, so the answer waits in the socket and the thread then waits for it
 * (the idle tenth of a join's profile). Here the HTTP exchange, gzip included, runs on a worker thread, so
 * the next page arrives while this one is applied; its bytes come back as a transferred buffer (no copy)
 * and are decoded and parsed by the caller. Parsing stays on the caller's thread on purpose: a page's
 * structured clone costs about twice its `JSON.parse` (ADR 0037's measurement), so parsing there and
 * cloning the objects back would cost the applying thread more than it saves.
 *
 * One worker per process, made on first use, holding the process open only while a request is in flight.
 * If it cannot be started or dies, requests go back to `fetch` on the calling thread.
 */
import { Worker } from 'node:worker_threads';
import { log } from '../log';

export interface FetchedText {
  status: number;
  ok: boolean;
  text: string;
}

// Plain CommonJS for an `eval` worker: no bundle entry to build or ship (as bench/parallel-sign.ts).
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const inFlight = new Map();
parentPort.on('message', async (m) => {
  if (m.cancel !== undefined) { inFlight.get(m.cancel)?.abort(); return; }
  const ac = new AbortController();
  inFlight.set(m.id, ac);
  try {
    const res = await fetch(m.url, { method: 'GET', headers: m.headers, signal: ac.signal, redirect: 'error' });
    const body = await res.arrayBuffer();
    parentPort.postMessage({ id: m.id, status: res.status, body }, [body]);
  } catch (err) {
    const cause = err && err.cause ? { code: err.cause.code, message: String(err.cause.message) } : null;
    parentPort.postMessage({ id: m.id, error: { name: err && err.name ? String(err.name) : 'Error', message: String(err && err.message ? err.message : err), cause } });
  } finally {
    inFlight.delete(m.id);
  }
});
`;

interface Reply {
  id: number;
  status?: number;
  body?: ArrayBuffer;
  error?: { name: string; message: string; cause: { code?: string; message: string } | null };
}

interface Waiting {
  resolve: (r: FetchedText) => void;
  reject: (e: Error) => void;
}

class PullFetcher {
  private worker: Worker | null = null;
  private broken = false;
  private nextId = 0;
  private readonly waiting = new Map<number, Waiting>();
  private readonly decoder = new TextDecoder();

  /** GET `url`; the body as text (as `Response.text()`), or the error `fetch` would have thrown. */
  get(url: string, headers: Record<string, string>, signal: AbortSignal): Promise<FetchedText> {
    const w = this.started();
    if (!w) return fetchOnThisThread(url, headers, signal);
    if (signal.aborted) return Promise.reject(abortReason(signal));
    const id = this.nextId++;
    return new Promise<FetchedText>((resolve, reject) => {
      const onAbort = () => {
        w.postMessage({ cancel: id });
        this.settle(id)?.reject(abortReason(signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.set(id, {
        resolve: (r) => {
          signal.removeEventListener('abort', onAbort);
          resolve(r);
        },
        reject: (e) => {
          signal.removeEventListener('abort', onAbort);
          reject(e);
        },
      });
      w.ref(); // a request in flight keeps the process alive, as a fetch on this thread would
      w.postMessage({ id, url, headers });
    });
  }

  running(): boolean {
    return this.worker !== null;
  }

  private settle(id: number): Waiting | undefined {
    const p = this.waiting.get(id);
    this.waiting.delete(id);
    if (this.waiting.size === 0) this.worker?.unref();
    return p;
  }

  private started(): Worker | null {
    if (this.worker || this.broken) return this.worker;
    try {
      const w = new Worker(WORKER_SOURCE, { eval: true, name: 'sync-pull-fetch' });
      w.unref();
      w.on('message', (m: Reply) => {
        const p = this.settle(m.id);
        if (!p) return; // cancelled meanwhile
        if (m.error) p.reject(rebuiltError(m.error));
        else p.resolve({ status: m.status!, ok: m.status! >= 200 && m.status! < 300, text: this.decoder.decode(m.body) });
      });
      const fail = (err: unknown) => {
        if (this.worker !== w) return;
        this.worker = null;
        this.broken = true;
        log.warn('sync_fetch_worker_failed', { error: err instanceof Error ? err.message : String(err) });
        const lost = [...this.waiting.values()];
        this.waiting.clear();
        for (const p of lost) p.reject(new Error('the pull worker stopped', { cause: { code: 'UND_ERR_SOCKET', message: 'other side closed' } }));
      };
      w.on('error', fail);
      w.on('exit', (code) => fail(new Error(`exited with code ${code}`)));
      this.worker = w;
    } catch (err) {
      this.broken = true;
      log.warn('sync_fetch_worker_failed', { error: err instanceof Error ? err.message : String(err) });
    }
    return this.worker;
  }
}

/** What `fetch` rejects with when its signal fires (a DOMException: TimeoutError or AbortError). */
function abortReason(signal: AbortSignal): Error {
  const r: unknown = signal.reason;
  return r instanceof Error ? r : new Error('aborted');
}

/** The worker's error as `fetch` would have thrown it here (name, message and the cause's code kept). */
function rebuiltError(e: NonNullable<Reply['error']>): Error {
  let cause: Error | undefined;
  if (e.cause) {
    cause = new Error(e.cause.message);
    if (e.cause.code !== undefined) (cause as Error & { code?: string }).code = e.cause.code;
  }
  const err = new Error(e.message, cause ? { cause } : undefined);
  err.name = e.name;
  return err;
}

async function fetchOnThisThread(url: string, headers: Record<string, string>, signal: AbortSignal): Promise<FetchedText> {
  const res = await fetch(url, { method: 'GET', headers, signal, redirect: 'error' });
  return { status: res.status, ok: res.ok, text: await res.text() };
}

let shared: PullFetcher | null = null;

/** Whether this process's pull worker is running (tests: the pull path really leaves the calling thread). */
export function pullWorkerRunning(): boolean {
  return shared?.running() ?? false;
}

/** GET on the process's pull worker (made on first use). */
export function fetchTextInWorker(url: string, headers: Record<string, string>, signal: AbortSignal): Promise<FetchedText> {
  shared ??= new PullFetcher();
  return shared.get(url, headers, signal);
}
