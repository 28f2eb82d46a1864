import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../tests/helpers';
import { ChangeFeed } from '../backend/changes';
import { startShellServer, type ShellServer } from './server';

let server: ShellServer | null = null;
afterAll(async () => server?.close());

describe('browser shell static files', () => {
  it('serves files, the page for routes, and a 404 (not the page) for a missing asset', async () => {
    const dir = tempDir('lpse-static-');
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>LPSE</title>');
    fs.writeFileSync(path.join(dir, 'assets', 'app-1.js'), 'export {};');
    server = await startShellServer({ staticDir: dir, invoke: async () => ({ ok: true, value: null }) });
    const get = (p: string) => fetch(new URL(p, server!.url));

    const js = await get('/assets/app-1.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);

    const route = await get('/buku-tamu');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>LPSE</title>');

    // An asset of an older build, asked for by a window opened before a rebuild.
    const stale = await get('/assets/ReportScreen-old.js');
    expect(stale.status).toBe(404);
    expect(stale.headers.get('content-type')).not.toMatch(/html/);
  });
});

describe('browser shell defences', () => {
  it('answers malformed %-encoding with 400, a body over 2 MiB with 413 (not a reset), and serves the page without inline styles', async () => {
    const dir = tempDir('lpse-static-');
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><head><title>LPSE</title></head><body></body></html>');
    const calls: string[] = [];
    const s = await startShellServer({ staticDir: dir, invoke: async (m) => (calls.push(m), { ok: true, value: null }) });
    try {
      const base = new URL(s.url);
      const api = (p: string, body: string) =>
        fetch(new URL(p, base), { method: 'POST', headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' }, body });
      const bad = await api('/api/visits.%E0%A4%A', '{"input":{}}');
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
      expect((await fetch(new URL('/%E0%A4%A', base))).status).toBe(400);
      expect(calls).toEqual([]);

      // 3 MiB, sent with a content length: the answer is a 413 the client can read.
      const big = await api('/api/visits.list', JSON.stringify({ input: { query: 'x'.repeat(3 * 1024 * 1024) } }));
      expect(big.status).toBe(413);
      expect(((await big.json()) as { error: { message: string } }).error.message).toMatch(/terlalu besar/);
      // Streamed without a length (chunked): refused the same way once it passes the limit.
      const chunked = await new Promise<number>((resolve, reject) => {
        const req = http.request(new URL('/api/visits.list', base), {
          method: 'POST',
          headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json', host: base.host },
        });
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        const chunk = Buffer.alloc(256 * 1024, 0x20);
        for (let i = 0; i < 12; i++) req.write(chunk);
        req.end();
      });
      expect(chunked).toBe(413);

      const page = await fetch(new URL('/', base));
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).not.toContain('unsafe-inline');
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce).toBeTruthy();
      expect(await page.text()).toContain(`<meta name="csp-nonce" content="${nonce}" />`);
      // A fresh nonce for every load of the page.
      expect((await fetch(new URL('/', base))).headers.get('content-security-policy')).not.toBe(csp);
    } finally {
      await s.close();
    }
  });
});

describe('browser shell change stream', () => {
  it('streams the change feed as server-sent events to a caller with the run token, and refuses others', async () => {
    const dir = tempDir('lpse-sse-');
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>LPSE</title>');
    const feed = new ChangeFeed();
    const s = await startShellServer({ staticDir: dir, invoke: async () => ({ ok: true, value: null }), changes: feed });
    try {
      const url = new URL('/api/__changes', s.url);
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { Authorization: 'Bearer wrong-token-of-the-same-length-xx' } })).status).toBe(401);

      const abort = new AbortController();
      const res = await fetch(url, { headers: { Authorization: `Bearer ${s.token}` }, signal: abort.signal });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      await expect.poll(() => feed.listenerCount).toBe(1);
      feed.announce(new Map([['0190a0b0-0000-7000-8000-000000000001', 'visit']]), 'local');
      let text = '';
      while (!text.includes('\n\nevent: change') || !text.trimEnd().endsWith('}')) text += (await reader.read()).value ?? '';
      const data = JSON.parse(/data: (.*)/.exec(text)![1]!) as { origin: string; ids: string[]; types: string[] };
      expect(data).toMatchObject({ origin: 'local', ids: ['0190a0b0-0000-7000-8000-000000000001'], types: ['visit'] });
      // The page goes away: its subscription ends.
      abort.abort();
      await expect.poll(() => feed.listenerCount).toBe(0);
    } finally {
      await s.close();
    }
  });
});
