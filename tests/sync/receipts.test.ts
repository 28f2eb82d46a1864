/**
 * Receipt numbers come from the log (issue 10, ADR 0011): a PC restored from an older copy never issues a
 * number again, and two handovers of one visit made offline both keep their receipt.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { receiptVerificationCode } from '../../print/verification';
import { KEY_FILE_NAME } from '../../trust/key-store';
import { tempDir } from '../helpers';
import { expectConverged } from './converge';
import { enroll, SERVER_KINDS, setUpSupervisor, signIn, startPc, TestSyncServer, type Pc } from './harness';
import { freshVisit, handOverOne, markAll } from './workload';

let server: TestSyncServer | null = null;
let pcs: Pc[] = [];
afterEach(async () => {
  for (const pc of pcs) await pc.close().catch(() => undefined);
  pcs = [];
  await server?.destroy();
  server = null;
});


async function receiptsOnServer(officeId: string): Promise<string[]> {
  return (await server!.events(officeId)).filter((e) => e.type === 'visit.handed_over').map((e) => (JSON.parse(e.payload) as { receiptNo: string }).receiptNo);
}

describe.each(SERVER_KINDS)('receipt numbers from the log (%s server)', (kind) => {
  it('a PC restored from an old copy, then 10 handovers: no receipt number is issued twice', async () => {
    server = await TestSyncServer.start(kind);
    const { officeId, code } = await server.createOffice('LPSE');
    const a = await startPc('A');
    pcs.push(a);
    await setUpSupervisor(a);
    await enroll(a, server.url, code);
    await handOverOne(a);
    await a.sync();
    // The copy a restore will bring back (the database, its key file beside it).
    const backup = tempDir('lpse-restore-');
    a.backend.ctx.sqlite.exec(`VACUUM INTO '${path.join(backup, 'counter.sqlite').replace(/'/g, "''")}'`);
    fs.copyFileSync(path.join(a.dataDir, KEY_FILE_NAME), path.join(backup, KEY_FILE_NAME));
    // 8 more receipts of the same day after the copy was taken, synced.
    const after: string[] = [];
    for (let i = 0; i < 8; i++) after.push(await handOverOne(a));
    await a.sync();
    await a.close();
    pcs = [];

    // The PC's disk fails; the old copy is restored. It gets its data back from the server before work resumes.
    for (const f of fs.readdirSync(a.dataDir)) fs.rmSync(path.join(a.dataDir, f), { recursive: true, force: true });
    for (const f of fs.readdirSync(backup)) fs.copyFileSync(path.join(backup, f), path.join(a.dataDir, f));
    const restored = await startPc('A2', { dataDir: a.dataDir, clock: a.clock });
    pcs.push(restored);
    expect((await restored.sync()).state).toBe('online');
    await signIn(restored);
    const fresh: string[] = [];
    for (let i = 0; i < 10; i++) fresh.push(await handOverOne(restored));
    await restored.sync();
    for (const r of fresh) expect(after).not.toContain(r);
    const all = await receiptsOnServer(officeId);
    expect(all).toHaveLength(19);
    expect(new Set(all).size).toBe(19);
    // Each is still found by the receipt check.
    const last = await restored.ok('visits.list', { query: fresh[9]!, limit: 5 });
    expect(last.rows).toHaveLength(1);
    await expectConverged(server, officeId, [restored]);
  });

  it('two PCs hand the same visit over while offline: both receipts stay valid and the visit shows the conflict', async () => {
    server = await TestSyncServer.start(kind);
    const { officeId, code } = await server.createOffice('LPSE');
    const a = await startPc('A');
    const b = await startPc('B');
    pcs.push(a, b);
    await setUpSupervisor(a);
    await enroll(a, server.url, code);
    const reg = await a.ok('visits.register', freshVisit());
    const visitId = reg.visit.visit.id;
    await a.ok('visits.startChecklist', { visitId });
    await markAll(a, visitId);
    await a.sync();
    await enroll(b, server.url, await server.newCode(officeId));
    await b.sync();
    await signIn(b);
    // Both offline: each hands the file over and prints its receipt.
    const ra = (await a.ok('visits.handOver', { visitId })).visit.receiptNo!;
    b.clock.ms += 30_000;
    const rb = (await b.ok('visits.handOver', { visitId })).visit.receiptNo!;
    expect(ra).not.toBe(rb);
    for (const p of [a, b, a, b]) await p.sync();

    for (const p of [a, b]) {
      const v = await p.ok('visits.get', { visitId });
      expect(v.visit.receiptNo).toBe(ra); // the first in fold order owns the file
      expect(v.receiptConflicts.map((c) => c.receiptNo)).toEqual([rb]);
      expect(v.receiptConflicts[0]!.byName).toBe('Kepala Sub Bagian');
      // Both receipts given out check as valid (neither is "tidak terdaftar").
      for (const receiptNo of [ra, rb]) {
        const check = await p.ok('print.verifyReceipt', { receiptNo, code: receiptVerificationCode(visitId, receiptNo) });
        expect(check.valid, `${p.name} ${receiptNo}: ${check.message}`).toBe(true);
        expect(check.receipt?.visitId).toBe(visitId);
      }
    }
    await expectConverged(server, officeId, [a, b]);
  });
});
