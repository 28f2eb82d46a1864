/** The convergence assertion shared by the sync tests. */
import { expect } from 'vitest';
import { serverSnapshot, snapshot, type Pc, type TestSyncServer } from './harness';

/**
 * After healing: every PC holds exactly the server's events (no event lost, none doubled), nothing is
 * pending, and all PCs have identical projections; the server's log folds to the same aggregate states.
 */
export async function expectConverged(server: TestSyncServer, officeId: string, pcs: Pc[]): Promise<void> {
  // The server writes events of its own (each enrollment announces the device's key, ADR 0011): a PC that
  // synced before a later PC enrolled has not seen that one yet. One more quiet cycle each picks them up.
  for (const pc of pcs) if ((await pc.engine.status()).state === 'online') await pc.sync();
  const srv = await serverSnapshot(server, officeId);
  // Doubled events on the server would show as more rows than distinct ids.
  expect(new Set(srv.eventIds).size).toBe(srv.eventRows);
  expect(new Set(srv.seqs).size).toBe(srv.seqs.length);
  const snaps = pcs.map((pc) => ({ pc, s: snapshot(pc) }));
  for (const { pc, s } of snaps) {
    expect(s.eventRows, `${pc.name}: event rows`).toBe(srv.eventRows);
    expect(s.eventIds, `${pc.name}: event ids`).toEqual(srv.eventIds);
    expect(s.pending, `${pc.name}: pending`).toBe(0);
    expect(s.held, `${pc.name}: held`).toBe(0);
  }
  const [first, ...rest] = snaps;
  for (const { pc, s } of rest) {
    expect(s.checksums, `${pc.name} vs ${first!.pc.name}: projection checksums`).toEqual(first!.s.checksums);
    expect(s.rowCounts, `${pc.name}: row counts`).toEqual(first!.s.rowCounts);
  }
  // Aggregates born from seed events are not on the server (every PC seeds them itself): compare the rest.
  const seeded = new Set(
    (first!.pc.backend.ctx.sqlite.prepare(`SELECT DISTINCT aggregate_id FROM events WHERE device_id = 'seed'`).all() as { aggregate_id: string }[]).map(
      (r) => r.aggregate_id,
    ),
  );
  for (const [id, state] of srv.aggregates) {
    if (seeded.has(id)) continue;
    // No row and a null state are the same thing: nothing this build can fold (parked events only).
    for (const { pc, s } of snaps) expect(s.aggregates.get(id) ?? 'null', `${pc.name}: aggregate ${id}`).toBe(state);
  }
}
