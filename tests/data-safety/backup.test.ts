/** Automatic backups (issue 15): taken only when data changed, checked, kept by policy, copied to a second folder. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupsToKeep, listBackups, type BackupManifest } from '../../db/backup';
import { witaDateTimeToMs } from '../../domain/time/wita';
import { PROXY_VISIT, signInAsSupervisor, startTestApp, tempDir, type TestApp } from '../helpers';

const open: TestApp[] = [];
afterEach(async () => {
  for (const a of open.splice(0)) await a.backend.close().catch(() => undefined);
});

describe('backup service', () => {
  it('backs up only when data changed, checks each copy, and keeps a verified second copy with its last success', async () => {
    const a = await startTestApp();
    open.push(a);
    const svc = a.backend.ctx.backups!;
    await signInAsSupervisor(a);
    expect(await svc.tick()).not.toBeNull();
    expect(await svc.tick()).toBeNull(); // nothing changed since
    await a.ok('visits.register', PROXY_VISIT);
    const m = (await svc.tick())!;
    expect(m.kind).toBe('auto');
    expect(m.events).toBe((a.backend.ctx.sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n);
    const second = tempDir('lpse-usb-');
    const st = await a.ok('dataSafety.setSecondFolder', { dir: second });
    expect(st.secondDir).toBe(second);
    expect(st.secondLastOkAt).not.toBeNull();
    expect(listBackups(second).length).toBe(1);
    // A second folder that disappears (USB disk pulled): the failure is shown, the backup itself counts.
    fs.rmSync(second, { recursive: true });
    fs.writeFileSync(second, 'bukan folder');
    await a.ok('visits.register', { ...PROXY_VISIT, person: { ...PROXY_VISIT.person, name: 'Orang Kedua', nik: '6371011503900002' }, company: { ...PROXY_VISIT.company!, id: null, name: 'CV Kedua', npwp: '' } });
    expect(await svc.tick()).not.toBeNull();
    const after = await a.ok('dataSafety.status', {});
    expect(after.secondLastError).not.toBeNull();
    expect(after.backups.length).toBeGreaterThanOrEqual(3);
    const refused = await a.call('dataSafety.setSecondFolder', { dir: path.join(a.dataDir, 'x') });
    expect(refused.ok).toBe(false);
  });
});

describe('retention', () => {
  it("keeps today's last 4, one per day for 14 days, one per month for 12 months, and the newest safety copies", () => {
    const now = witaDateTimeToMs('2026-12-01', '16:00');
    const list: BackupManifest[] = [];
    const add = (at: number, kind: BackupManifest['kind'] = 'auto') =>
      list.push({ file: `f-${at}-${kind}`, kind, at, schemaVersion: 9, events: 1, lastEventId: null, lastSeq: 0, unsynced: 0, bytes: 1, sha256: '', ms: 1 });
    for (let i = 0; i < 10; i++) add(now - i * 15 * 60_000); // today, every 15 minutes
    for (let d = 1; d <= 400; d++) for (const h of [9, 12]) add(now - d * 86_400_000 + (h - 16) * 3_600_000);
    for (let i = 0; i < 8; i++) add(now - i * 3_600_000 - 1, 'pre_migration');
    const keep = backupsToKeep(list, now);
    const kept = list.filter((b) => keep.has(b.file));
    expect(kept.filter((b) => b.kind === 'auto' && now - b.at < 10 * 15 * 60_000 && b.at > now - 16 * 3_600_000).length).toBe(4);
    expect(kept.filter((b) => b.kind === 'pre_migration').length).toBe(5);
    const routine = kept.filter((b) => b.kind === 'auto');
    // 4 today + 14 days + at most 12 months (some months' newest is already a kept day).
    expect(routine.length).toBeGreaterThanOrEqual(4 + 14 + 10);
    expect(routine.length).toBeLessThanOrEqual(4 + 14 + 12);
    expect(Math.min(...routine.map((b) => b.at))).toBeGreaterThan(now - 366 * 86_400_000);
  });
});
