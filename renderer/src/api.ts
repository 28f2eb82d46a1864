/**
 * The renderer's only way to the backend. In Electron the preload exposes `window.counter.invoke` over IPC;
 * in the browser shell the same calls go over HTTP to 127.0.0.1 with the per-run token. Types come from the
 * one contract declaration.
 */
import type { InputOf, MethodName, OutputOf } from '../../contract/api';
import { changeNoticeSchema, type ChangeNotice } from '../../contract/changes';
import type { ApiError, Result } from '../../contract/result';

export interface CounterBridge {
  invoke: (method: string, input: unknown, session: string | null) => Promise<Result<unknown>>;
  /** The backend's change notices (electron/preload.ts); returns the unsubscribe function. */
  onChange?(listener: (notice: unknown) => void): () => void;
  platform: 'electron';
}

declare global {
  interface Window {
    counter?: CounterBridge;
  }
}

const TOKEN_KEY = 'lpse-counter-run-token';

/** The URL fragment the window was opened with, read before the run token is taken out of it (the survey kiosk's window carries `kiosk=`). */
export const LAUNCH_HASH = typeof window !== 'undefined' ? window.location.hash : '';

function runToken(): string | null {
  const m = /token=([^&]+)/.exec(window.location.hash);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, m[1]!);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

const httpToken = typeof window !== 'undefined' && !window.counter ? runToken() : null;

let sessionToken: string | null = null;
/** The browser shell's run token, for a second window of the same app (the survey kiosk); null in Electron. */
export function runTokenForNewWindow(): string | null {
  return httpToken;
}

export function setSessionToken(t: string | null) {
  sessionToken = t;
}

const UNREACHABLE: ApiError = { code: 'internal', message: 'Tidak dapat menghubungi layanan aplikasi. Pastikan LPSE Counter masih berjalan.' };

async function invokeIpc(bridge: CounterBridge, method: string, input: unknown): Promise<Result<unknown>> {
  try {
    return await bridge.invoke(method, input, sessionToken);
  } catch {
    return { ok: false, error: UNREACHABLE };
  }
}

async function invokeHttp(method: string, input: unknown): Promise<Result<unknown>> {
  try {
    const res = await fetch(`/api/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${httpToken ?? ''}`,
        ...(sessionToken ? { 'X-Session': sessionToken } : {}),
      },
      body: JSON.stringify({ input }),
    });
    return (await res.json()) as Result<unknown>;
  } catch {
    return { ok: false, error: UNREACHABLE };
  }
}

type Listener = (error: ApiError, method: string) => void;
const listeners = new Set<Listener>();
/** Lets the app react globally to some errors (an expired session sends the user back to sign-in). */
export function onApiError(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/**
 * Calls the backend. Never throws: a channel that fails (the IPC bridge or the local HTTP service) gives an
 * error result like any other, so a screen's action chain and busy flags always settle.
 */
export async function call<M extends MethodName>(method: M, input: InputOf<M>): Promise<Result<OutputOf<M>>> {
  const r = window.counter ? await invokeIpc(window.counter, method, input) : await invokeHttp(method, input);
  if (!r.ok) for (const l of listeners) l(r.error, method);
  return r as Result<OutputOf<M>>;
}

/** Test-only hook of the browser shell (started with --test-clock). */
export async function setTestClock(ms: number | null): Promise<void> {
  await fetch('/api/__test/clock', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${httpToken ?? ''}` },
    body: JSON.stringify({ ms }),
  });
}

// ---- change notices (contract/changes.ts) --------------------------------------------------------------

type ChangeListener = (notice: ChangeNotice) => void;
const changeListeners = new Set<ChangeListener>();
let stopStream: (() => void) | null = null;

/**
 * A notice that names everything: sent to subscribers when the stream (re)connects, since notices may have
 * been missed while it was down.
 */
export const EVERYTHING: ChangeNotice = { seq: -1, origin: 'system', ids: null, types: ['*'] };

function deliver(raw: unknown): void {
  const parsed = changeNoticeSchema.safeParse(raw);
  if (!parsed.success) return;
  for (const l of [...changeListeners]) l(parsed.data);
}

/**
 * Subscribes to the backend's change notices. One connection serves every subscriber: Electron's message
 * channel, or in the browser shell one server-sent event stream (GET /api/__changes), read with fetch so the
 * run token travels in a header, and reconnected after a drop.
 */
export function subscribeChanges(listener: ChangeListener): () => void {
  changeListeners.add(listener);
  if (!stopStream) stopStream = window.counter?.onChange ? window.counter.onChange(deliver) : openStream();
  return () => {
    changeListeners.delete(listener);
    if (changeListeners.size === 0 && stopStream) {
      stopStream();
      stopStream = null;
    }
  };
}

function openStream(): () => void {
  let stopped = false;
  let controller: AbortController | null = null;
  let failures = 0;
  let connectedOnce = false;
  const connect = async () => {
    while (!stopped) {
      controller = new AbortController();
      try {
        const res = await fetch('/api/__changes', { headers: { Authorization: `Bearer ${httpToken ?? ''}` }, signal: controller.signal, cache: 'no-store' });
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
        // Whatever happened while there was no stream (the first time: nothing yet) is read again.
        if (connectedOnce) deliver(EVERYTHING);
        connectedOnce = true;
        failures = 0;
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = block
              .split('\n')
              .filter((l) => l.startsWith('data: '))
              .map((l) => l.slice(6))
              .join('\n');
            if (data) {
              try {
                deliver(JSON.parse(data));
              } catch {
                // a damaged block: the next notice or the reconnect brings the screens up to date
              }
            }
          }
        }
      } catch {
        if (stopped) return;
      }
      // The app is restarting or the connection broke: try again, a little later each time (at most 10 s).
      failures++;
      await new Promise((r) => setTimeout(r, Math.min(10_000, 500 * 2 ** Math.min(failures - 1, 5))));
    }
  };
  void connect();
  return () => {
    stopped = true;
    controller?.abort();
  };
}
