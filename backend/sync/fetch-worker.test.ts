/**
 * Pull pages fetched on the worker thread (backend/sync/fetch-worker.ts, ADR 0037): the page arrives whole
 * and decoded as `fetch` on this thread would give it (gzip, UTF-8), and a request that hangs or is aborted
 * ends as before (the transport's timeout, a network error). That it arrives while this thread applies a
 * page is the join bench's figure (ADR 0037), not a timed assertion here.
 */
import http from 'node:http';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { pullWorkerRunning } from './fetch-worker';
import { HttpTransport, SyncTransportError } from './transport';

interface TestServer {
  url: string;
  requests: () => number;
  close: () => Promise<void>;
}

async function serve(handler: http.RequestListener): Promise<TestServer> {
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests += 1;
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A page of `n` valid wire events whose payloads hold non-ASCII text (multi-byte UTF-8 across chunk borders). */
function bigPage(n: number): string {
  const events = Array.from({ length: n }, (_, i) => ({
    serverSeq: i + 1,
    id: `0190a5b2-7c3d-7e4f-8a1b-${String(i).padStart(12, '0')}`,
    hlc: `${String(1_700_000_000_000 + i).padStart(15, '0')}-00000`,
    deviceId: 'dev-1',
    actorId: null,
    type: 'visit.registered',
    aggregateType: 'visit',
    aggregateId: `visit-${i}`,
    payload: { note: `Pelayanan LPSE — Banjarmasin “${i}” ✓ ü`, i },
    schemaVersion: 1,
    recordedAt: 1_700_000_000_000 + i,
    prev: null,
    signature: null,
  }));
  return JSON.stringify({ epoch: 'e1', serverTime: 1, more: false, head: n, pageLimit: 5000, pushLimit: 5000, events });
}

describe('pull pages fetched on the worker thread', () => {
  let close: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await close?.();
    close = null;
  });

  it('gives the same gzip-encoded page, decoded as UTF-8, as the server sent', async () => {
    const body = bigPage(3000);
    const srv = await serve((req, res) => {
      expect(req.headers['accept-encoding']).toContain('gzip');
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(zlib.gzipSync(body));
    });
    close = srv.close;
    const res = await new HttpTransport({ timeoutMs: 10_000 }).pull(srv.url, 'token-0123456789', { after: 0, afterId: null, limit: 5000 });
    expect(res.events).toHaveLength(3000);
    expect(pullWorkerRunning()).toBe(true); // fetched there, not by the fallback on this thread
    expect(JSON.stringify(res.events)).toBe(JSON.stringify((JSON.parse(body) as { events: unknown[] }).events));
  });

  it('ends a request that hangs with the transport timeout (network error), and the next one still works', async () => {
    let hang = true;
    const srv = await serve((_req, res) => {
      if (hang) return; // never answers
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(bigPage(1));
    });
    close = srv.close;
    const t = new HttpTransport({ timeoutMs: 300 });
    const err = await t.pull(srv.url, 'token-0123456789', { after: 0, afterId: null, limit: 10 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SyncTransportError);
    expect((err as SyncTransportError).kind).toBe('network');
    expect((err as SyncTransportError).message).toContain('timeout after 300 ms');
    hang = false;
    const res = await t.pull(srv.url, 'token-0123456789', { after: 0, afterId: null, limit: 10 });
    expect(res.events).toHaveLength(1);
  });

  it('stops a request when the caller aborts', async () => {
    const srv = await serve(() => undefined);
    close = srv.close;
    const ac = new AbortController();
    const pending = new HttpTransport({ timeoutMs: 10_000 }).pull(srv.url, 'token-0123456789', { after: 0, afterId: null, limit: 10 }, ac.signal).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 100));
    ac.abort();
    const err = await pending;
    expect(err).toBeInstanceOf(SyncTransportError);
    expect((err as SyncTransportError).kind).toBe('network');
  });
});
