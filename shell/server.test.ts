import fs from 'node:fs';
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
