/**
 * Adaptive apply slices (ADR 0044): a pulled page is applied in slices whose size follows the measured time
 * per event, aimed at a budget; fixed slices when the budget is 0. The size rule on its own, then two fresh
 * PCs joining the same office, one with fixed slices of 100 events and one whose slices grow: both hold the
 * office exactly (same events, same projections), the growing one in fewer slices.
 */
import { describe, expect, it } from 'vitest';
import { APPLY_SLICE_MIN_EVENTS, nextSliceEvents } from '../../backend/sync/engine';
import { MAX_PULL_LIMIT } from '../../contract/sync-protocol';
import { expectConverged } from './converge';
import { enroll, officeWithFirstPc, startPc, syncBed, type Pc } from './harness';
import { counterActivity } from './workload';

describe('nextSliceEvents', () => {
  it('aims at the budget, grows at most twofold, stays between the floor and a page', () => {
    expect(nextSliceEvents(500, 500, 20, 40)).toBe(1000); // twice as fast as the budget: double
    expect(nextSliceEvents(500, 500, 1, 40)).toBe(1000); // far faster: still only double
    expect(nextSliceEvents(1000, 1000, 80, 40)).toBe(500); // twice too slow: halved at once
    expect(nextSliceEvents(1000, 1000, 10_000, 40)).toBe(APPLY_SLICE_MIN_EVENTS); // a stalled moment: the floor
    expect(nextSliceEvents(4000, 4000, 1, 40)).toBe(MAX_PULL_LIMIT); // never more than a page
    expect(nextSliceEvents(500, 20, 100, 40)).toBe(500); // a page's short tail says nothing of the pace
    expect(nextSliceEvents(500, 500, 1, 0)).toBe(500); // budget 0: fixed slices
  });
});

const bed = syncBed();

/** Counts the applied slices of a PC's next syncs: each committed slice is announced once to the screens. */
function countSlices(pc: Pc): () => number {
  const changes = pc.backend.ctx.changes;
  const announce = changes.announce.bind(changes);
  let n = 0;
  changes.announce = (...args: Parameters<typeof announce>) => {
    if (args[1] === 'sync') n++;
    return announce(...args);
  };
  return () => n;
}

describe('adaptive slices', () => {
  it('a PC whose slices grow applies the office in fewer slices and holds exactly what a PC with fixed slices holds', async () => {
    const { server, officeId, a } = await officeWithFirstPc(bed);
    await counterActivity(a, 60);
    expect((await a.sync()).state).toBe('online');

    const fixed = await startPc('B', { applySliceEvents: 100 });
    const growing = await startPc('C', { applySliceEvents: 100, applySliceMs: 1e9 });
    bed.pcs.push(fixed, growing);
    const slices = { fixed: countSlices(fixed), growing: countSlices(growing) };
    for (const pc of [fixed, growing]) {
      await enroll(pc, server.url, await server.newCode(officeId));
      expect((await pc.sync()).state).toBe('online');
    }
    await expectConverged(server, officeId, [a, fixed, growing]);
    const events = (fixed.backend.ctx.sqlite.prepare(`SELECT count(*) AS n FROM events WHERE device_id NOT IN ('seed')`).get() as { n: number }).n;
    expect(events).toBeGreaterThan(600);
    // Fixed: one slice per 100 events of each page. Growing: 100, 200, 400, 800 … events per slice.
    expect(slices.fixed()).toBeGreaterThanOrEqual(Math.floor(events / 100));
    expect(slices.growing()).toBeLessThan(slices.fixed() / 2);
  });
});
