/**
 * Restore that cannot make things worse (issue 15): a preview of what is lost and regained, the current
 * database kept for undo, no receipt number issued twice, nothing resent as new, `db verify` clean.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/run';
import { keptFiles as keptFilesIn } from '../../db/restore';
import { tempDir } from '../helpers';
import { expectConverged } from '../sync/converge';
import { enroll, setUpSupervisor, signIn, startPc, TestSyncServer, type Pc } from '../sync/harness';
import { handOverOne } from '../sync/workload';

let server: TestSyncServer | null = null;
let pcs: Pc[] = [];
afterEach(async () => {
  for (const pc of pcs) await pc.close().catch(() => undefined);
  pcs = [];
  await server?.destroy();
  server = null;
});


async function cli(args: string[], now: number) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {}, now: () => now });
  return { code, stdout, stderr };
}

describe('restore from a backup', () => {
  it('previews what is lost and regained, keeps the current database for undo, and never issues a receipt number twice', async () => {
    server = await TestSyncServer.start('sqlite');
    const { officeId, code } = await server.createOffice('LPSE');
    const a = await startPc('A');
    pcs.push(a);
    await setUpSupervisor(a);
    await enroll(a, server.url, code);
    await handOverOne(a);
    await a.sync();
    const backup = (await a.backend.ctx.backups!.run('manual'))!;
    expect(backup.events).toBeGreaterThan(0);
    // After the backup: 3 receipts that reach the server, then 2 that never do (the disk fails first).
    const synced = [await handOverOne(a), await handOverOne(a), await handOverOne(a)];
    await a.sync();
    const unsynced = [await handOverOne(a), await handOverOne(a)];
    const eventsBefore = (a.backend.ctx.sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    await a.close();
    pcs = [];

    const dir = ['--data-dir', a.dataDir];
    const preview = await cli(['db', 'restore', backup.file, '--json', ...dir], a.clock.ms);
    expect(preview.code, preview.stderr).toBe(0);
    const p = JSON.parse(preview.stdout) as { applied: boolean; preview: { newerHere: number; regainedFromServer: number; lost: number; receiptsAfterBackup: string[]; lostReceipts: string[] } };
    expect(p.applied).toBe(false);
    expect(p.preview.receiptsAfterBackup.sort()).toEqual([...synced, ...unsynced].sort());
    expect(p.preview.lostReceipts.sort()).toEqual([...unsynced].sort());
    expect(p.preview.lost).toBeGreaterThan(0);
    expect(p.preview.regainedFromServer + p.preview.lost).toBe(p.preview.newerHere);
    const text = await cli(['db', 'restore', backup.file, ...dir], a.clock.ms);
    expect(text.stdout).toMatch(/kembali pada sinkronisasi berikutnya/);
    expect(text.stdout).toMatch(/Pratinjau: tidak ada yang diubah/);

    const applied = await cli(['db', 'restore', backup.file, '--apply', '--json', ...dir], a.clock.ms);
    expect(applied.code, applied.stderr).toBe(0);
    const kept = (JSON.parse(applied.stdout) as { kept: string }).kept;
    expect(path.dirname(kept)).toBe(a.dataDir);

    // Work resumes before the server is reached: the next receipt is past every number issued before.
    const restored = await startPc('A2', { dataDir: a.dataDir, clock: a.clock });
    pcs.push(restored);
    expect((await restored.ok('app.status', {})).storage.mode).toBe('normal');
    await signIn(restored);
    const fresh = [await handOverOne(restored), await handOverOne(restored)];
    for (const r of fresh) expect([...synced, ...unsynced]).not.toContain(r);
    expect((await restored.sync()).state).toBe('online');
    // The synced receipts came back from the server; nothing was resent as new (no doubled event on the server).
    const onServer = (await server.events(officeId)).filter((e) => e.type === 'visit.handed_over').map((e) => (JSON.parse(e.payload) as { receiptNo: string }).receiptNo);
    expect(new Set(onServer).size).toBe(onServer.length);
    for (const r of synced) expect(onServer).toContain(r);
    await expectConverged(server, officeId, [restored]);
    await restored.close();
    pcs = [];
    const verify = await cli(['db', 'verify', '--json', ...dir], a.clock.ms);
    expect(verify.code, verify.stdout).toBe(0);
    expect((JSON.parse(verify.stdout) as { ok: boolean }).ok).toBe(true);

    // Undo: the database the restore set aside comes back, whole.
    const undo = await cli(['db', 'undo-restore', '--apply', '--json', ...dir], a.clock.ms);
    expect(undo.code, undo.stderr).toBe(0);
    const back = await startPc('A3', { dataDir: a.dataDir, clock: a.clock });
    pcs.push(back);
    const n = (back.backend.ctx.sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    expect(n).toBeGreaterThanOrEqual(eventsBefore);
    const labels = back.backend.ctx.sqlite.prepare('SELECT label FROM issued_numbers').pluck().all() as string[];
    for (const r of unsynced) expect(labels).toContain(r);
  }, 60_000);

  it('rebuilds this PC from the server ("ambil ulang dari server"): counts what is lost, keeps its identity, never reissues a receipt, and can be undone', async () => {
    server = await TestSyncServer.start('sqlite');
    const { officeId, code } = await server.createOffice('LPSE');
    const a = await startPc('A', {});
    pcs.push(a);
    await setUpSupervisor(a);
    await enroll(a, server.url, code);
    const synced = [await handOverOne(a), await handOverOne(a), await handOverOne(a)];
    await a.sync();
    const unsynced = [await handOverOne(a), await handOverOne(a)];
    const deviceId = a.backend.ctx.deviceId;
    const unsyncedEvents = (a.backend.ctx.sqlite.prepare('SELECT count(*) AS n FROM events WHERE is_local = 1 AND server_seq IS NULL').get() as { n: number }).n;
    expect(unsyncedEvents).toBeGreaterThan(0);
    await a.close();
    pcs = [];
    const dir = ['--data-dir', a.dataDir];

    const preview = await cli(['db', 'restore', '--from-server', '--json', ...dir], a.clock.ms);
    expect(preview.code, preview.stderr).toBe(0);
    const p = JSON.parse(preview.stdout) as { applied: boolean; preview: { lost: number; lostReceipts: string[]; serverUrl: string } };
    expect(p.applied).toBe(false);
    expect(p.preview.lost).toBe(unsyncedEvents);
    expect(p.preview.lostReceipts.sort()).toEqual([...unsynced].sort());
    expect(p.preview.serverUrl).toBe(server.url);

    const applied = await cli(['db', 'restore', '--from-server', '--apply', '--json', ...dir], a.clock.ms);
    expect(applied.code, applied.stderr).toBe(0);
    const r = JSON.parse(applied.stdout) as { kept: string; events: number; floors: { series: string; number: number }[] };
    expect(path.dirname(r.kept)).toBe(a.dataDir);
    expect(r.floors.length).toBeGreaterThan(0);

    const rebuilt = await startPc('A2', { dataDir: a.dataDir, clock: a.clock });
    pcs.push(rebuilt);
    expect(rebuilt.backend.ctx.deviceId).toBe(deviceId);
    expect((await rebuilt.ok('app.status', {})).storage.mode).toBe('normal');
    const labels = () => rebuilt.backend.ctx.sqlite.prepare("SELECT label FROM issued_numbers WHERE series = 'receipt'").pluck().all() as string[];
    for (const x of synced) expect(labels()).toContain(x);
    for (const x of unsynced) expect(labels()).not.toContain(x);
    // Nothing is waiting to be sent: the events that came back are this PC's own, already on the server.
    expect((rebuilt.backend.ctx.sqlite.prepare('SELECT count(*) AS n FROM events WHERE is_local = 1 AND server_seq IS NULL').get() as { n: number }).n).toBe(0);
    await signIn(rebuilt);
    const fresh = [await handOverOne(rebuilt), await handOverOne(rebuilt)];
    for (const x of fresh) expect([...synced, ...unsynced]).not.toContain(x);
    expect((await rebuilt.sync()).state).toBe('online');
    const onServer = (await server.events(officeId)).filter((e) => e.type === 'visit.handed_over').map((e) => (JSON.parse(e.payload) as { receiptNo: string }).receiptNo);
    expect(new Set(onServer).size).toBe(onServer.length);
    expect(onServer.sort()).toEqual([...synced, ...fresh].sort());
    await expectConverged(server, officeId, [rebuilt]);
    await rebuilt.close();
    pcs = [];
    const verify = await cli(['db', 'verify', '--json', ...dir], a.clock.ms);
    expect(verify.code, verify.stdout).toBe(0);

    // Undo: the set-aside database, with the receipts that never reached the server, comes back.
    const undo = await cli(['db', 'undo-restore', '--apply', '--json', ...dir], a.clock.ms);
    expect(undo.code, undo.stderr).toBe(0);
    const back = await startPc('A3', { dataDir: a.dataDir, clock: a.clock });
    pcs.push(back);
    const backLabels = back.backend.ctx.sqlite.prepare("SELECT label FROM issued_numbers WHERE series = 'receipt'").pluck().all() as string[];
    for (const x of unsynced) expect(backLabels).toContain(x);
  }, 90_000);

  it('refuses "ambil ulang dari server" on a PC never enrolled, in Indonesian, changing nothing', async () => {
    const a = await startPc('B', {});
    pcs.push(a);
    await setUpSupervisor(a);
    await a.close();
    pcs = [];
    const r = await cli(['db', 'restore', '--from-server', '--apply', '--data-dir', a.dataDir], a.clock.ms);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/belum terdaftar ke server/);
    expect(keptFilesIn(a.dataDir)).toEqual([]);
  });

  it('refuses a damaged backup and an unknown file, in Indonesian, changing nothing', async () => {
    const dir = tempDir();
    const r = await cli(['db', 'restore', 'counter-tidak-ada.sqlite', '--data-dir', dir], Date.now());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Kesalahan: Berkas cadangan tidak ditemukan/);
    const v = await cli(['db', 'verify', '--data-dir', dir], Date.now());
    expect(v.code).toBe(1);
    expect(v.stderr).toMatch(/belum berisi basis data/);
    const h = await cli(['db', '--help'], Date.now());
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/verify/);
  });
});
