/**
 * The change feed (backend/changes.ts): every commit announces the aggregates it changed, after the commit,
 * and nothing else does; counter hours and midnight are announced as 'clock' boundaries.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeNotice } from '../../contract/changes';
import { nextClockBoundary } from '../../backend/clock-boundary';
import { loadWorkCalendar } from '../../backend/views/service-clock';
import { witaDateTimeToMs } from '../../domain/time/wita';
import { PROXY_VISIT, signInAsSupervisor, startTestApp, type TestApp } from '../helpers';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.backend.close();
  app = null;
});

function listen(a: TestApp): ChangeNotice[] {
  const seen: ChangeNotice[] = [];
  a.backend.ctx.changes.subscribe((n) => seen.push(n));
  return seen;
}

describe('change feed', () => {
  it('announces a local action once its transaction has committed, naming the aggregates it changed', async () => {
    app = await startTestApp();
    await signInAsSupervisor(app);
    const a = app;
    const reads: string[] = [];
    // A subscriber that reads at once must already find the committed rows.
    a.backend.ctx.changes.subscribe((n) => {
      for (const id of n.ids ?? []) {
        const row = a.backend.ctx.sqlite.prepare('SELECT status FROM visits WHERE id = ?').get(id) as { status: string } | undefined;
        if (row) reads.push(row.status);
      }
    });
    const seen = listen(a);
    const reg = await a.ok('visits.register', PROXY_VISIT);
    const visitId = reg.visit.visit.id;
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ origin: 'local' });
    expect(seen[0]!.ids).toContain(visitId);
    expect(seen[0]!.types).toEqual(expect.arrayContaining(['visit', 'vendor', 'person']));
    expect(reads).toEqual(['registered']);

    await a.ok('visits.startChecklist', { visitId });
    expect(seen).toHaveLength(2);
    expect(reads).toEqual(['registered', 'checking']);
    expect(seen[1]!.seq).toBe(seen[0]!.seq + 1);
  });

  it('announces nothing for a read, a refused action or bad input', async () => {
    app = await startTestApp();
    await signInAsSupervisor(app);
    const reg = await app.ok('visits.register', PROXY_VISIT);
    const seen = listen(app);
    await app.ok('visits.get', { visitId: reg.visit.visit.id });
    expect((await app.call('visits.handOver', { visitId: reg.visit.visit.id })).ok).toBe(false);
    expect((await app.call('visits.markItem', { visitId: 'nope', itemCode: 'x', originalSeen: true, copyReceived: false, validUntil: null, meteraiOk: false, notBrought: false, note: '' })).ok).toBe(false);
    expect(seen).toEqual([]);
  });

  it('finds the next counter-hours boundary or midnight (WITA) for the clock notices', async () => {
    app = await startTestApp();
    const cal = await loadWorkCalendar(app.backend.ctx);
    // Thursday 26 November 2026: counter hours 07:30–16:00.
    expect(nextClockBoundary(cal, witaDateTimeToMs('2026-11-26', '09:00'))).toBe(witaDateTimeToMs('2026-11-26', '16:00'));
    expect(nextClockBoundary(cal, witaDateTimeToMs('2026-11-26', '06:00'))).toBe(witaDateTimeToMs('2026-11-26', '07:30'));
    expect(nextClockBoundary(cal, witaDateTimeToMs('2026-11-26', '17:00'))).toBe(witaDateTimeToMs('2026-11-27', '00:00'));
    // Saturday: the next boundary is midnight, not Monday's opening.
    expect(nextClockBoundary(cal, witaDateTimeToMs('2026-11-28', '10:00'))).toBe(witaDateTimeToMs('2026-11-29', '00:00'));
  });
});
