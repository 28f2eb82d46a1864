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
import { ownedTransaction } from '../../db/prepared';
import { recordEventsIn } from '../../backend/record';
import { afterTransaction, transactionEnded } from '../../db/transaction-end';

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

  it('announces once per committed transaction, before the caller goes on, and nothing for one rolled back', async () => {
    app = await startTestApp();
    await signInAsSupervisor(app);
    const a = app;
    const { ctx } = a.backend;
    const reg = await a.ok('visits.register', PROXY_VISIT);
    const visitId = reg.visit.visit.id;
    const seen = listen(a);
    const actor = (ctx.sqlite.prepare("SELECT id FROM users WHERE username = 'kasubbag'").get() as { id: string }).id;
    const started = () => ({ type: 'visit.checklist_started' as const, aggregateId: visitId, payload: { at: ctx.now() } });
    // Rolled back: its append is never announced (it never became visible).
    await expect(
      ownedTransaction(ctx.db, ctx.sqlite, async (tx) => {
        await recordEventsIn(tx, ctx, actor, [started()]);
        throw new Error('decided against it');
      }),
    ).rejects.toThrow('decided against it');
    await new Promise((resolve) => setImmediate(resolve)); // nothing announced later either
    expect(seen).toEqual([]);
    expect(ctx.sqlite.prepare('SELECT status FROM visits WHERE id = ?').get(visitId)).toEqual({ status: 'registered' });
    // Committed: one notice for the whole transaction (two appends), given by the time the transaction returns,
    // and not before the commit.
    let inside = -1;
    await ownedTransaction(ctx.db, ctx.sqlite, async (tx) => {
      await recordEventsIn(tx, ctx, actor, [started()]);
      await recordEventsIn(tx, ctx, actor, [{ type: 'visit.item_marked', aggregateId: visitId, payload: { itemCode: 'ktp_direktur', originalSeen: true, copyReceived: true, validUntil: null, meteraiOk: false, notBrought: false, note: null, at: ctx.now() } }]);
      inside = seen.length;
    });
    expect(inside).toBe(0);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ origin: 'local', ids: [visitId], types: ['visit'] });
  });

  it('runs what waits for a transaction when it ends: committed, rolled back, or ended unseen (counted as committed at the next BEGIN)', async () => {
    app = await startTestApp();
    const { ctx } = app.backend;
    const ends: boolean[] = [];
    // No transaction open: at once, as committed.
    afterTransaction(ctx.sqlite, (c) => ends.push(c));
    expect(ends).toEqual([true]);
    await ctx.db.transaction().execute(async () => {
      afterTransaction(ctx.sqlite, (c) => ends.push(c));
      expect(ends).toEqual([true]);
    });
    expect(ends).toEqual([true, true]);
    await expect(
      ctx.db.transaction().execute(async () => {
        afterTransaction(ctx.sqlite, (c) => ends.push(c));
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(ends).toEqual([true, true, false]);
    // A transaction ended by a raw COMMIT the statement cache never saw: its waiting work runs at the next BEGIN.
    ctx.sqlite.prepare('BEGIN').run();
    afterTransaction(ctx.sqlite, (c) => ends.push(c));
    ctx.sqlite.prepare('COMMIT').run();
    expect(ends).toHaveLength(3);
    await ctx.db.transaction().execute(async () => undefined);
    expect(ends).toEqual([true, true, false, true]);
    transactionEnded(ctx.sqlite, true); // nothing waiting: nothing runs
    expect(ends).toHaveLength(4);
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
