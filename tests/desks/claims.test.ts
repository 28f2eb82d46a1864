/**
 * Two verifiers claim the same file on two workstations while offline. Whatever order the events reach a
 * database in, every database folds the same owner (first claim in (hlc, device, id) order), keeps the
 * losing claim as a conflict and shows "Berkas ini sudah diambil oleh X" to both.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { appendEvents, rowToEvent } from '../../db/event-store';
import { foldAggregate } from '../../domain/aggregates';
import { deskOf } from '../../domain/aggregates/visit-desk';
import type { StoredEvent } from '../../domain/events/schema';
import { VENDOR_VALUES, signInAsSupervisor, startTestApp, TestClock, THU_0900_WITA, type TestApp } from '../helpers';
import { addStaff, handedOverFile, signInAs } from './desk-helpers';

const apps: TestApp[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.backend.close();
});

function allEvents(a: TestApp): StoredEvent[] {
  return (a.backend.ctx.sqlite.prepare('SELECT * FROM events ORDER BY seq').all() as Parameters<typeof rowToEvent>[0][]).map(rowToEvent);
}

/** Delivers events the way sync does: one transaction, remote (not local), duplicates ignored. */
async function deliver(to: TestApp, events: StoredEvent[]): Promise<void> {
  await to.backend.ctx.db.transaction().execute((tx) => appendEvents(tx, events, false, to.clock.ms));
}

function visitState(a: TestApp, visitId: string) {
  return JSON.parse((a.backend.ctx.sqlite.prepare('SELECT state FROM aggregates WHERE id = ?').get(visitId) as { state: string }).state);
}

function visitRow(a: TestApp, visitId: string) {
  return a.backend.ctx.sqlite.prepare('SELECT status, claimed_by, claim_conflicts, outcome_at, outcome_by FROM visits WHERE id = ?').get(visitId);
}

async function twoOfflineClaims(firstClaimOnB: boolean) {
  const a = await startTestApp({ clock: new TestClock(THU_0900_WITA) });
  const b = await startTestApp({ clock: new TestClock(THU_0900_WITA) });
  apps.push(a, b);
  await signInAsSupervisor(a);
  await addStaff(a, 'helpdesk1', ['helpdesk'], 'Siti Helpdesk');
  await addStaff(a, 'verif1', ['verifier'], 'Budi Verifikator');
  await addStaff(a, 'verif2', ['verifier'], 'Rina Verifikator');
  await signInAs(a, 'helpdesk1');
  const visitId = await handedOverFile(a, 'aktivasi_user_id');
  await deliver(b, allEvents(a)); // B synced once, then the network went down

  a.clock.advance(firstClaimOnB ? 7 : 5);
  b.clock.advance(firstClaimOnB ? 5 : 7);
  await signInAs(a, 'verif1');
  await a.ok('desk.claim', { visitId });
  await signInAs(b, 'verif2');
  await b.ok('desk.claim', { visitId });
  return { a, b, visitId };
}

describe('claim conflicts across workstations', () => {
  it.each([
    ['the claim on A is first', false, 'Budi Verifikator', 'Rina Verifikator'],
    ['the claim on B is first', true, 'Rina Verifikator', 'Budi Verifikator'],
  ])('%s: both databases fold the same owner from both arrival orders', async (_label, firstOnB, owner, loser) => {
    const { a, b, visitId } = await twoOfflineClaims(firstOnB);
    const aEvents = allEvents(a);
    const bEvents = allEvents(b);
    // A receives B's claim after its own; B receives A's claim after its own: opposite arrival orders.
    await deliver(a, bEvents);
    await deliver(b, aEvents);
    // Duplicated and replayed deliveries change nothing.
    await deliver(a, [...bEvents].reverse());

    expect(visitRow(a, visitId)).toEqual(visitRow(b, visitId));
    expect(visitState(a, visitId)).toEqual(visitState(b, visitId));
    for (const app of [a, b]) {
      const info = await app.ok('desk.get', { visitId });
      expect(info.claimedBy?.name).toBe(owner);
      expect(info.claimConflicts.map((c) => c.byName)).toEqual([loser]);
      expect(info.conflictMessage).toBe(`Berkas ini sudah diambil oleh ${owner}. Pengambilan oleh ${loser} tidak berlaku.`);
    }
    // The loser is told on their own screen and cannot record the outcome.
    const loserApp = firstOnB ? a : b;
    const r = await loserApp.call('desk.complete', { vendorRecord: VENDOR_VALUES, visitId, note: null });
    expect(!r.ok && r.error.message).toBe(`Berkas ini sudah diambil oleh ${owner}.`);
  });

  it('folds every permutation of two claims and two outcomes to one state', async () => {
    const { a, b, visitId } = await twoOfflineClaims(false);
    // Both verifiers also record an outcome offline.
    a.clock.advance(10);
    b.clock.advance(10);
    await a.ok('desk.complete', { vendorRecord: VENDOR_VALUES, visitId, note: 'Selesai di A' });
    await signInAs(b, 'verif2');
    // B's own state says verif2 owns the file (B has not seen A's claim yet).
    await b.ok('desk.reject', { visitId, reason: 'Ditolak di B karena dokumen kurang' });
    const ids = new Set(allEvents(a).map((e) => e.id));
    const mine = allEvents(a).filter((e) => e.aggregateId === visitId);
    const theirs = allEvents(b).filter((e) => e.aggregateId === visitId && !ids.has(e.id));
    const all = [...mine, ...theirs];
    const permutations = [all, [...all].reverse(), [...theirs, ...mine], [...mine.slice(0, 2), ...theirs, ...mine.slice(2)]];
    const states = permutations.map((p) => JSON.stringify(foldAggregate('visit', p)));
    expect(new Set(states).size).toBe(1);
    const s = foldAggregate('visit', all)!;
    expect(s.status).toBe('completed'); // A's claim came first, so A's outcome (also first) stands
    const d = deskOf(s);
    expect(d.outcome?.note).toBe('Selesai di A');
    expect(d.ignored.map((i) => i.type)).toEqual(['visit.rejected']);
    expect(d.claimConflicts).toHaveLength(1);

    await deliver(b, allEvents(a));
    const info = await b.ok('desk.get', { visitId });
    expect(info.status).toBe('completed');
    expect(info.ignored.map((i) => [i.label, i.byName])).toEqual([['Permohonan ditolak', 'Rina Verifikator']]);
  });
});
