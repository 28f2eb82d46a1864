/**
 * The whole-file check of a large database runs after start-up, in the maintenance worker (ADR 0042): the
 * counter answers at once; damage the check finds refuses every change at once and switches the host to
 * recovery mode, as a start on that file would have. (From the TypeScript sources the job runs inline,
 * after start-up all the same; the built app runs it in the worker: tests/e2e and the bench's cold start.)
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../backend/app';
import { BackendHost } from '../../backend/backend-host';
import { DB_FILE_NAME } from '../../db/open';
import { callers, type Callers, PROXY_VISIT, signInAsSupervisor, startTestApp, TestClock, THU_0900_WITA } from '../helpers';

let hosts: BackendHost[] = [];
afterEach(async () => {
  for (const h of hosts) await h.close().catch(() => undefined);
  hosts = [];
});

interface HostPc extends Callers {
  host: BackendHost;
  token: string | null;
}

async function startHost(dataDir: string, inlineMaxBytes: number): Promise<HostPc> {
  const clock = new TestClock(THU_0900_WITA);
  const now = clock.now;
  const host = await BackendHost.start({
    dataDir,
    key: null,
    now,
    appVersion: 'test',
    transport: 'browser',
    create: (carry) => createBackend({ dataDir, transport: 'browser', now, key: null, backup: { timer: false }, sync: false, quickCheckInlineMaxBytes: inlineMaxBytes, quickCheckDelayMs: 50, ...carry }),
  });
  hosts.push(host);
  const pc: HostPc = { host, token: null, ...callers((m, input, token) => host.dispatch(m, input, token), () => pc.token) };
  return pc;
}

/** A folder with 30 visits, bytes flipped in a page of an index the start-up never reads. */
async function damagedFolder(): Promise<string> {
  const a = await startTestApp();
  await signInAsSupervisor(a);
  for (let i = 0; i < 30; i++) {
    await a.ok('visits.register', {
      ...PROXY_VISIT,
      person: { ...PROXY_VISIT.person, name: `Pengunjung ${i}`, nik: `637101150390${String(i + 1).padStart(4, '0')}` },
      company: { ...PROXY_VISIT.company!, id: null, name: `CV Uji ${i}`, npwp: '' },
    });
  }
  await a.backend.close();
  const file = path.join(a.dataDir, DB_FILE_NAME);
  const raw = new Database(file, { readonly: true });
  const index = raw.prepare("SELECT name, rootpage FROM sqlite_master WHERE type = 'index' AND name = 'persons_by_name'").get() as { name: string; rootpage: number };
  const pageSize = Number(raw.pragma('page_size', { simple: true }));
  raw.close();
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(64, 0xff), 0, 64, (index.rootpage - 1) * pageSize + 8);
  fs.closeSync(fd);
  return a.dataDir;
}

describe('the check after start-up (ADR 0042)', () => {
  it('a damaged large file: the app answers first, then every change is refused and recovery mode is served', async () => {
    const dataDir = await damagedFolder();
    const pc = await startHost(dataDir, 0);
    // Started without the whole-file check: not in recovery yet.
    expect(pc.host.recovery).toBe(false);
    await expect.poll(() => pc.host.recovery, { timeout: 10_000 }).toBe(true);
    const status = await pc.ok('app.status', {});
    expect(status.storage.mode).toBe('recovery');
    const r = await pc.call('visits.register', PROXY_VISIT);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('read_only');
  });

  it('the same damaged file under the inline limit is found before the app answers', async () => {
    const dataDir = await damagedFolder();
    const pc = await startHost(dataDir, Number.MAX_SAFE_INTEGER);
    expect(pc.host.recovery).toBe(true);
  });

  it('a sound large file stays in normal mode and takes changes', async () => {
    const a = await startTestApp();
    await signInAsSupervisor(a);
    await a.backend.close();
    const pc = await startHost(a.dataDir, 0);
    pc.token = (await pc.ok('auth.signIn', { username: 'kasubbag', password: 'rahasia-123' })).token;
    const r = await pc.call('visits.register', PROXY_VISIT);
    expect(r.ok).toBe(true);
    // Wait until the check is done (the job queue is empty) and the mode is still normal.
    await pc.host.backend!.ctx.jobs!.run('quickCheck', {});
    expect(pc.host.recovery).toBe(false);
    expect((await pc.ok('app.status', {})).storage.mode).toBe('normal');
  });
});
