/**
 * The multi-workstation journey through the contract (issue 4, item 4): the helpdesk at PC A hands a file
 * over; the verifier at PC B sees it after sync, claims and completes it; A sees the outcome. Catalogue and
 * calendar changes by the supervisor reach every PC. Two verifiers claiming the same file while offline
 * both see, after sync, who got it.
 */
import { VENDOR_VALUES } from '../helpers';
import { describe, expect, it } from 'vitest';
import { enroll, SERVER_KINDS, setUpSupervisor, signIn, startPc, TestSyncServer, type Pc, syncBed } from './harness';
import { expectConverged } from './converge';
import { freshVisit, markAll } from './workload';

const PASSWORD = 'rahasia-123';
const bed = syncBed();

async function office(kind: 'sqlite' | 'pg'): Promise<{ a: Pc; b: Pc; officeId: string }> {
  const server = (bed.server = await TestSyncServer.start(kind));
  const { officeId, code } = await server.createOffice('LPSE Kota Banjarmasin');
  const a = await startPc('A');
  const b = await startPc('B');
  bed.pcs.push(a, b);
  await setUpSupervisor(a);
  for (const [username, displayName, roles] of [
    ['helpdesk1', 'Siti Helpdesk', ['helpdesk']],
    ['verif1', 'Budi Verifikator', ['verifier']],
    ['verif2', 'Rina Verifikator', ['verifier']],
  ] as const) {
    await a.ok('users.create', { username, displayName, roles: [...roles], password: PASSWORD });
  }
  await enroll(a, server.url, code);
  await a.sync();
  await enroll(b, server.url, await server.newCode(officeId));
  await b.sync();
  return { a, b, officeId };
}

describe.each(SERVER_KINDS)('multi-workstation journey (%s server)', (kind) => {
  it('helpdesk at A hands over, verifier at B claims and completes, A sees the outcome', async () => {
    const { a, b, officeId } = await office(kind);
    await signIn(a, 'helpdesk1', PASSWORD);
    const reg = await a.ok('visits.register', freshVisit());
    const visitId = reg.visit.visit.id;
    await a.ok('visits.startChecklist', { visitId });
    await markAll(a, visitId);
    const handed = await a.ok('visits.handOver', { visitId });
    expect(handed.visit.status).toBe('handed_over');
    expect((await a.sync()).pendingCount).toBe(0);

    // B: the verifier signs in with the account created at A and finds the file in the queue.
    await b.sync();
    await signIn(b, 'verif1', PASSWORD);
    const queue = await b.ok('desk.queue', { desk: 'verifier' });
    expect(JSON.stringify(queue)).toContain(visitId);
    b.clock.advance(5);
    const claimed = await b.ok('desk.claim', { visitId });
    expect(claimed.mine).toBe(true);
    b.clock.advance(10);
    const done = await b.ok('desk.complete', { vendorRecord: VENDOR_VALUES, visitId, note: 'User ID sudah diaktifkan' });
    expect(done.outcome?.kind).toBe('completed');
    await b.sync();

    await a.sync();
    const seen = await a.ok('visits.deskInfo', { visitId });
    expect(seen.outcome?.kind).toBe('completed');
    expect(seen.outcome?.byName).toBe('Budi Verifikator');
    expect(seen.claimedBy?.name ?? null).toBe('Budi Verifikator');
    await expectConverged(bed.server!, officeId, [a, b]);
  });

  it('the supervisor\'s catalogue and calendar changes reach every PC', async () => {
    const { a, b, officeId } = await office(kind);
    // A publishes catalogue version 2 (a renamed service) and adds a holiday.
    const current = await a.ok('catalogue.active', {});
    const next = { ...current, version: current.version + 1, services: current.services.map((s, i) => (i === 0 ? { ...s, name: `${s.name} (revisi)` } : s)) };
    await a.ok('catalogue.publish', { catalogue: next, note: 'Uji sinkronisasi katalog' });
    await a.ok('calendar.addHoliday', { date: '2026-12-07', name: 'Hari Jadi Kota Banjarmasin (uji)', kind: 'libur_nasional' });
    await a.sync();
    await b.sync();
    await signIn(b);
    const onB = await b.ok('catalogue.active', {});
    expect(onB.version).toBe(current.version + 1);
    expect(onB.services[0]!.name).toMatch(/\(revisi\)$/);
    const cal = await b.ok('calendar.get', { year: 2026 });
    expect(JSON.stringify(cal)).toContain('Hari Jadi Kota Banjarmasin (uji)');
    await expectConverged(bed.server!, officeId, [a, b]);
  });

  it('two verifiers claim the same file while offline: after sync both PCs name the same owner and show the conflict', async () => {
    const { a, b, officeId } = await office(kind);
    await signIn(a, 'helpdesk1', PASSWORD);
    const visitId = (await a.ok('visits.register', freshVisit())).visit.visit.id;
    await a.ok('visits.startChecklist', { visitId });
    await markAll(a, visitId);
    await a.ok('visits.handOver', { visitId });
    await a.sync();
    await b.sync();
    // Partition: each PC's verifier claims the file.
    await signIn(a, 'verif1', PASSWORD);
    await signIn(b, 'verif2', PASSWORD);
    a.clock.advance(3);
    b.clock.advance(4);
    expect((await a.ok('desk.claim', { visitId })).mine).toBe(true);
    expect((await b.ok('desk.claim', { visitId })).mine).toBe(true);
    await a.sync();
    await b.sync();
    await a.sync();
    const onA = await a.ok('desk.get', { visitId });
    const onB = await b.ok('desk.get', { visitId });
    expect(onA.claimedBy).toEqual(onB.claimedBy);
    expect(onA.mine !== onB.mine).toBe(true);
    const loser = onA.mine ? onB : onA;
    expect(loser.conflictMessage).toMatch(/sudah diambil/);
    await expectConverged(bed.server!, officeId, [a, b]);
  });
});
