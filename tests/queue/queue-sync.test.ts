/**
 * Queue numbers across workstations (issue 16, ADR 0013): two PCs of one office, offline, hand out numbers
 * that never collide; after sync both show the same queue and go on above each other's numbers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { expectConverged } from '../sync/converge';
import { enroll, SERVER_KINDS, setUpSupervisor, signIn, startPc, TestSyncServer, type Pc } from '../sync/harness';
import { freshVisit } from '../sync/workload';

let server: TestSyncServer | null = null;
let pcs: Pc[] = [];
afterEach(async () => {
  for (const pc of pcs) await pc.close().catch(() => undefined);
  pcs = [];
  await server?.destroy();
  server = null;
});

async function register(pc: Pc): Promise<string> {
  const reg = await pc.ok('visits.register', freshVisit());
  pc.clock.ms += 30_000;
  const q = await pc.ok('queue.ofVisit', { visitId: reg.visit.visit.id });
  return q.ticket!.label;
}

describe.each(SERVER_KINDS)('queue numbers on two PCs (%s server)', (kind) => {
  it('two helpdesks offline hand out 6 numbers each that never collide, and converge after sync', async () => {
    server = await TestSyncServer.start(kind);
    const { officeId, code } = await server.createOffice('LPSE');
    const a = await startPc('A');
    const b = await startPc('B', { clock: a.clock });
    pcs.push(a, b);
    await setUpSupervisor(a);
    await enroll(a, server.url, code);
    await a.sync();
    await enroll(b, server.url, await server.newCode(officeId));
    await b.sync();
    await signIn(b);
    await a.sync(); // A learns of B's key: both now know the office has two stations

    // Offline: no sync while both register visitors.
    const fromA: string[] = [];
    const fromB: string[] = [];
    for (let i = 0; i < 6; i++) {
      fromA.push(await register(a));
      fromB.push(await register(b));
    }
    const all = [...fromA, ...fromB];
    expect(new Set(all).size).toBe(12);
    // Each station counts in its own residue class from 1: A 1,3,5…, B 2,4,6….
    expect(fromA).toEqual(['A001', 'A003', 'A005', 'A007', 'A009', 'A011']);
    expect(fromB).toEqual(['A002', 'A004', 'A006', 'A008', 'A010', 'A012']);

    await a.sync();
    await b.sync();
    await a.sync();
    await expectConverged(server, officeId, [a, b]);
    const boardA = await a.ok('queue.board', {});
    const boardB = await b.ok('queue.board', {});
    expect(boardA.counts.issued).toBe(12);
    expect(boardA.duplicates).toEqual([]);
    const order = (x: typeof boardA) => x.queues.helpdesk.map((t) => t.label);
    expect(order(boardA)).toEqual(order(boardB));
    // The helpdesk calls in arrival order, whichever PC issued the number.
    expect(order(boardA)).toEqual(['A001', 'A002', 'A003', 'A004', 'A005', 'A006', 'A007', 'A008', 'A009', 'A010', 'A011', 'A012']);

    // After sync, each goes on above the other's highest number.
    expect(await register(a)).toBe('A013');
    expect(await register(b)).toBe('A014');
  });
});
