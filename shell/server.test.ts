import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../tests/helpers';
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
