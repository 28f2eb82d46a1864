/**
 * The renderer's only way to the backend. In Electron the preload exposes `window.counter.invoke` over IPC;
 * in the browser shell the same calls go over HTTP to 127.0.0.1 with the per-run token. Types come from the
 * one contract declaration.
 */
import type { InputOf, MethodName, OutputOf } from '../../contract/api';
import type { ApiError, Result } from '../../contract/result';

export interface CounterBridge {
  invoke(method: string, input: unknown, session: string | null): Promise<Result<unknown>>;
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
    return { ok: false, error: { code: 'internal', message: 'Tidak dapat menghubungi layanan aplikasi. Pastikan LPSE Counter masih berjalan.' } };
  }
}

type Listener = (error: ApiError, method: string) => void;
const listeners = new Set<Listener>();
/** Lets the app react globally to some errors (an expired session sends the user back to sign-in). */
export function onApiError(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export async function call<M extends MethodName>(method: M, input: InputOf<M>): Promise<Result<OutputOf<M>>> {
  const r = window.counter ? await window.counter.invoke(method, input, sessionToken) : await invokeHttp(method, input);
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
