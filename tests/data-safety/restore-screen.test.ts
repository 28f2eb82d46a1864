/**
 * The guided restore from the running app (issue 15 item 3, docs/adr/0024): the contract methods the
 * "Keamanan Data" screen calls, through the host that closes the backend, swaps the file and reopens on it
 * (backend/backend-host.ts), and the recovery mode a database that cannot be opened starts in.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeNotice } from '../../contract/changes';
import { createBackend } from '../../backend/app';
import Database from 'better-sqlite3';
import { BackendHost, unopenableText } from '../../backend/backend-host';
import { keptByRule } from '../../backend/backup-info';
import type { BackupManifest } from '../../db/backup';
import { DatabaseCorruptError, DB_FILE_NAME } from '../../db/open';
import { callers, type Callers, TestClock, tempDir, THU_0900_WITA } from '../helpers';
import { HttpTransport } from '../../backend/sync/transport';
import { SUPERVISOR, TestSyncServer } from '../sync/harness';
import { freshVisit, handOverOne } from '../sync/workload';

let hosts: BackendHost[] = [];
let server: TestSyncServer | null = null;
afterEach(async () => {
  for (const h of hosts) await h.close().catch(() => undefined);
  hosts = [];
  await server?.destroy();
  server = null;
});

interface HostPc extends Callers {
  host: BackendHost;
  clock: TestClock;
  dataDir: string;
  token: string | null;
  events(): number;
}

async function startHost(dataDir = tempDir('lpse-host-'), clock = new TestClock(THU_0900_WITA)): Promise<HostPc> {
  const now = clock.now;
  const sync = { transport: new HttpTransport({ timeoutMs: 10_000 }), random: () => 0.5 };
  const host = await BackendHost.start({
    dataDir,
    key: null,
    now,
    appVersion: 'test',
    transport: 'browser',
    sync,
    create: (carry) => createBackend({ dataDir, transport: 'browser', now, key: null, backup: { timer: false }, sync: { ...sync, autoStart: false }, ...carry }),
  });
  hosts.push(host);
  const pc: HostPc = {
    host,
    clock,
    dataDir,
    token: null,
    ...callers((m, input, token) => host.dispatch(m, input, token), () => pc.token),
    events: () => (host.backend!.ctx.sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n,
  };
  return pc;
}


describe('guided restore from the screen (contract path)', () => {
  it('restores a backup in the running app: preview, swap, reopen with the same session, notice, no receipt reissued, undo', async () => {
    const pc = await startHost();
    pc.token = (await pc.ok('auth.setup', SUPERVISOR)).token;
    await handOverOne(pc);
    const backup = await pc.ok('dataSafety.backupNow', {});
    const after = [await handOverOne(pc), await handOverOne(pc)];
    const eventsBefore = pc.events();

    const status = await pc.ok('dataSafety.status', {});
    expect(status.backups.map((b) => b.file)).toContain(backup.file);
    expect(status.backups.find((b) => b.file === backup.file)!.keptBy).toBe('today');
    expect(status.undo).toBeNull();

    const preview = await pc.ok('dataSafety.restorePreview', { file: backup.file });
    expect(preview.newerHere).toBe(eventsBefore - backup.events);
    // Never enrolled: nothing is on the server, so everything newer is lost (and kept in the set-aside file).
    expect(preview.lost).toBe(preview.newerHere);
    expect(preview.lostReceipts.sort()).toEqual([...after].sort());

    const notices: ChangeNotice[] = [];
    pc.host.changes.subscribe((n) => notices.push(n));
    const oldBackend = pc.host.backend!;
    const done = await pc.ok('dataSafety.restore', { file: backup.file });
    expect(done.events).toBe(backup.events);
    expect(done.message).toMatch(/dipulihkan dari cadangan/);
    expect(done.floors).toBeGreaterThan(0);
    // A new backend on the restored file; the old connection is closed; every screen was told to read again.
    expect(pc.host.backend).not.toBe(oldBackend);
    expect(oldBackend.ctx.sqlite.open).toBe(false);
    expect(pc.events()).toBe(backup.events);
    expect(notices.some((n) => n.types.includes('*'))).toBe(true);
    // The supervisor stays signed in, and the storage is normal.
    expect((await pc.ok('auth.me', {})).user.username).toBe(SUPERVISOR.username);
    expect((await pc.ok('dataSafety.storage', {})).mode).toBe('normal');
    const st = await pc.ok('dataSafety.status', {});
    expect(st.undo).not.toBeNull();
    expect(fs.existsSync(path.join(pc.dataDir, st.undo!.file))).toBe(true);
    // The receipts issued after the backup are never issued again (number floors).
    const fresh = await handOverOne(pc);
    expect(after).not.toContain(fresh);

    // Undo from the same screen: the database before the restore comes back, its receipts with it.
    const undone = await pc.ok('dataSafety.undoRestore', {});
    expect(undone.message).toMatch(/Pemulihan dibatalkan/);
    expect(pc.events()).toBe(eventsBefore);
    const labels = pc.host.backend!.ctx.sqlite.prepare("SELECT label FROM issued_numbers WHERE series = 'receipt'").pluck().all() as string[];
    for (const r of after) expect(labels).toContain(r);
    expect((await pc.ok('dataSafety.verify', {})).ok).toBe(true);
  }, 60_000);

  it('refuses a restore by a non-supervisor, an unknown file, and outside a host — in Indonesian, changing nothing', async () => {
    const pc = await startHost();
    pc.token = (await pc.ok('auth.setup', SUPERVISOR)).token;
    await handOverOne(pc);
    const n = pc.events();
    const unknown = await pc.call('dataSafety.restore', { file: 'counter-20260101-000000000Z-manual.sqlite' });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.message).toMatch(/tidak ditemukan/);
    const bad = await pc.call('dataSafety.restore', { file: '../counter.sqlite' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('invalid_input');
    pc.token = null;
    const anon = await pc.call('dataSafety.undoRestore', {});
    expect(anon.ok).toBe(false);
    if (!anon.ok) expect(anon.error.code).toBe('unauthenticated');
    expect(pc.events()).toBe(n);

    // A backend nobody can reopen (the CLI's, a bare test's) says to use the CLI.
    const dir = tempDir('lpse-bare-');
    const bare = await createBackend({ dataDir: dir, transport: 'browser', backup: { timer: false }, sync: false });
    try {
      const s = await bare.dispatch('auth.setup', SUPERVISOR, null);
      expect(s.ok).toBe(true);
      const token = s.ok ? (s.value as { token: string }).token : null;
      const b = await bare.dispatch('dataSafety.backupNow', {}, token);
      expect(b.ok).toBe(true);
      const r = await bare.dispatch('dataSafety.restore', { file: (b as { value: { file: string } }).value.file }, token);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(/db restore/);
    } finally {
      await bare.close();
    }
  }, 60_000);

  it('rebuilds from the server through the screen ("Ambil ulang dari server") and keeps the session', async () => {
    server = await TestSyncServer.start('sqlite');
    const { code } = await server.createOffice('LPSE');
    const pc = await startHost();
    pc.token = (await pc.ok('auth.setup', SUPERVISOR)).token;
    await pc.ok('sync.enroll', { serverUrl: server.url, code, deviceName: 'PC A' });
    const synced = [await handOverOne(pc), await handOverOne(pc)];
    await pc.ok('sync.now', {});
    const unsynced = [await handOverOne(pc)];
    const preview = await pc.ok('dataSafety.serverRestorePreview', {});
    expect(preview.serverUrl).toBe(server.url);
    expect(preview.lostReceipts).toEqual(unsynced);
    const done = await pc.ok('dataSafety.restoreFromServer', {});
    expect(done.message).toMatch(/diambil ulang dari server/);
    const labels = pc.host.backend!.ctx.sqlite.prepare("SELECT label FROM issued_numbers WHERE series = 'receipt'").pluck().all() as string[];
    for (const r of synced) expect(labels).toContain(r);
    for (const r of unsynced) expect(labels).not.toContain(r);
    const fresh = await handOverOne(pc);
    expect([...synced, ...unsynced]).not.toContain(fresh);
  }, 90_000);
});

describe('recovery mode: a database that cannot be opened', () => {
  it('starts with only the restore methods instead of exiting, and leaves it once a backup is restored', async () => {
    const pc = await startHost();
    pc.token = (await pc.ok('auth.setup', SUPERVISOR)).token;
    await pc.ok('users.create', { username: 'siti', displayName: 'Siti Helpdesk', roles: ['helpdesk'], password: 'rahasia-123' });
    await pc.ok('users.create', { username: 'admin', displayName: 'Admin Sistem', roles: ['sysadmin'], password: 'admin-rahasia-1' });
    await handOverOne(pc);
    const backup = await pc.ok('dataSafety.backupNow', {});
    await pc.host.close();
    hosts = [];
    // The file is cut to zero bytes (a crash during a copy, a failed disk): never treated as a new install.
    const file = path.join(pc.dataDir, DB_FILE_NAME);
    fs.writeFileSync(file, '');
    for (const ext of ['-wal', '-shm']) fs.rmSync(file + ext, { force: true });

    const rec = await startHost(pc.dataDir, pc.clock);
    expect(rec.host.recovery).toBe(true);
    const status = await rec.ok('app.status', {});
    expect(status.storage.mode).toBe('recovery');
    expect(status.storage.message).toMatch(/mode pemulihan/);
    expect(status.storage.problems).toEqual([expect.stringMatching(/kosong \(0 bita\)/)]);
    expect(status.setupRequired).toBe(false);
    // Nothing else is served; nothing is written.
    const refused = await rec.call('visits.register', freshVisit());
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/mode pemulihan/);
    const signIn = await rec.call('auth.signIn', { username: SUPERVISOR.username, password: SUPERVISOR.password });
    expect(signIn.ok).toBe(false);
    expect(fs.statSync(file).size).toBe(0);

    // Nobody restores without signing in (ADR 0024): the staff records are the newest readable backup's.
    for (const m of ['dataSafety.status', 'dataSafety.restorePreview', 'dataSafety.restore', 'dataSafety.serverRestorePreview', 'dataSafety.undoRestore'] as const) {
      const r = await rec.call(m, (m === 'dataSafety.restorePreview' || m === 'dataSafety.restore' ? { file: backup.file } : {}));
      expect(r.ok, m).toBe(false);
      if (!r.ok) expect(r.error.message, m).toMatch(/Masuk terlebih dahulu sebagai administrator sistem, Kepala Bagian, atau Kepala Sub Bagian/);
    }
    const wrong = await rec.call('dataSafety.recoverySignIn', { username: SUPERVISOR.username, password: 'salah-sandi' });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error).toMatchObject({ code: 'bad_credentials', message: 'Nama pengguna atau kata sandi salah.' });
    // A helpdesk officer's right password is not enough.
    const helpdesk = await rec.call('dataSafety.recoverySignIn', { username: 'siti', password: 'rahasia-123' });
    expect(helpdesk.ok).toBe(false);
    if (!helpdesk.ok) expect(helpdesk.error.message).toMatch(/Hanya administrator sistem, Kepala Bagian, atau Kepala Sub Bagian/);
    // The same throttling as the normal sign-in, per user name: five failures lock the name, even for the
    // right password; another name is not locked.
    for (let i = 0; i < 4; i++) await rec.call('dataSafety.recoverySignIn', { username: SUPERVISOR.username, password: `salah-${i}` });
    const locked = await rec.call('dataSafety.recoverySignIn', { username: SUPERVISOR.username, password: SUPERVISOR.password });
    expect(locked.ok).toBe(false);
    if (!locked.ok) expect(locked.error).toMatchObject({ code: 'throttled', message: expect.stringMatching(/Terlalu banyak percobaan masuk yang gagal\. Silakan coba lagi dalam 1 menit/) });
    const admin = await rec.ok('dataSafety.recoverySignIn', { username: 'admin', password: 'admin-rahasia-1' });
    expect(admin.user.roles).toEqual(['sysadmin']);
    expect(admin.checkedAgainst.file).toBe(backup.file);
    // A minute later the supervisor's name is free again.
    rec.clock.ms += 61_000;
    const head = await rec.ok('dataSafety.recoverySignIn', { username: SUPERVISOR.username, password: SUPERVISOR.password });
    rec.token = head.token;

    const list = await rec.ok('dataSafety.status', {});
    expect(list.backups.map((b) => b.file)).toContain(backup.file);
    const preview = await rec.ok('dataSafety.restorePreview', { file: backup.file });
    expect(preview.backup.events).toBe(backup.events);
    const done = await rec.ok('dataSafety.restore', { file: backup.file });
    expect(done.events).toBe(backup.events);
    expect(rec.host.recovery).toBe(false);
    expect((await rec.ok('app.status', {})).storage.mode).toBe('normal');
    // The recovery session ended with recovery mode.
    expect((await rec.call('auth.me', {})).ok).toBe(false);
    // Back to normal: the supervisor signs in on the restored file.
    rec.token = (await rec.ok('auth.signIn', { username: SUPERVISOR.username, password: SUPERVISOR.password })).token;
    expect((await rec.ok('dataSafety.status', {})).undo).not.toBeNull();
  }, 60_000);
});

describe('recovery mode: damage found by the start check', () => {
  it('does not run on a file whose projections no longer match their events; the restore screen is served instead', async () => {
    const pc = await startHost();
    pc.token = (await pc.ok('auth.setup', SUPERVISOR)).token;
    await handOverOne(pc);
    const backup = await pc.ok('dataSafety.backupNow', {});
    const reg = await pc.ok('visits.register', freshVisit());
    await pc.host.close();
    hosts = [];
    // A projection row lost under its events (what integrity_check cannot see).
    const raw = new Database(path.join(pc.dataDir, DB_FILE_NAME));
    raw.prepare('DELETE FROM visits WHERE id = ?').run(reg.visit.visit.id);
    raw.close();

    const rec = await startHost(pc.dataDir, pc.clock);
    expect(rec.host.recovery).toBe(true);
    const storage = await rec.ok('dataSafety.storage', {});
    expect(storage.mode).toBe('recovery');
    expect(storage.problems.length).toBeGreaterThan(0);
    rec.token = (await rec.ok('dataSafety.recoverySignIn', { username: SUPERVISOR.username, password: SUPERVISOR.password })).token;
    // The file is readable, so the preview counts what the backup lacks.
    const preview = await rec.ok('dataSafety.restorePreview', { file: backup.file });
    expect(preview.newerHere).toBeGreaterThan(0);
    await rec.ok('dataSafety.restore', { file: backup.file });
    expect(rec.host.recovery).toBe(false);
    // Undo (signed in again on the restored file) puts the damaged file back, and the host says so again.
    rec.token = (await rec.ok('auth.signIn', { username: SUPERVISOR.username, password: SUPERVISOR.password })).token;
    await rec.ok('dataSafety.undoRestore', {});
    expect(rec.host.recovery).toBe(true);
  }, 60_000);

  it('says why a file cannot be opened in Indonesian', () => {
    expect(unopenableText(new DatabaseCorruptError('x', 'empty'))).toMatch(/kosong \(0 bita\)/);
    expect(unopenableText(new DatabaseCorruptError('x', 'foreign'))).toMatch(/bukan milik LPSE Counter/);
    expect(unopenableText(new DatabaseCorruptError('x'))).toMatch(/rusak/);
  });
});

describe('retention rule shown per backup', () => {
  it('names the rule that keeps each backup, the same one applyRetention honours', () => {
    const now = THU_0900_WITA;
    const m = (file: string, at: number, kind: BackupManifest['kind'] = 'auto'): BackupManifest => ({ file, kind, at, schemaVersion: 1, events: 1, lastEventId: null, lastSeq: 1, unsynced: 0, bytes: 1, sha256: '', ms: 1 });
    const day = 86_400_000;
    const list = [
      m('a', now - 60_000),
      m('b', now - 2 * day),
      m('c', now - 40 * day),
      m('d', now - 3 * day, 'pre_restore'),
      m('e', now - 400 * day),
    ];
    const rules = keptByRule(list, now);
    expect(rules.get('a')).toBe('today');
    expect(rules.get('b')).toBe('day');
    expect(rules.get('c')).toBe('month');
    expect(rules.get('d')).toBe('safety');
    expect(rules.has('e')).toBe(false);
  });
});
