/**
 * A counter action (check, append, answer) against other writers: another process committing between the
 * action's check and its append, and another transaction taking the connection between the action's
 * commit and its answer.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from '../../db/open';
import { ownedTransaction, prepared } from '../../db/prepared';
import { recordEvents } from '../../backend/record';
import { PROXY_VISIT, signInAsSupervisor, startTestApp, type TestApp } from '../helpers';

const apps: TestApp[] = [];
afterAll(async () => {
  for (const a of apps) await a.backend.close();
});

async function app(): Promise<TestApp> {
  const a = await startTestApp();
  apps.push(a);
  await signInAsSupervisor(a);
  return a;
}

const MARK = { originalSeen: true, copyReceived: true, validUntil: '2030-12-31', meteraiOk: true, notBrought: false, note: '' };

describe('visit actions and other writers', () => {
  it('run again when another process commits between their first read and their first write', async () => {
    const a = await app();
    const other = new Database(path.join(a.dataDir, DB_FILE_NAME));
    other.pragma('busy_timeout = 5000');
    const readMeta = prepared((db, p: { key: string }) => db.selectFrom('meta').select('value').where('key', '=', p.key));
    const writeMeta = prepared((db, p: { key: string; value: string }) => db.insertInto('meta').values({ key: p.key, value: p.value }));
    let attempts = 0;
    await ownedTransaction(a.backend.ctx.db, a.backend.ctx.sqlite, async (tx) => {
      attempts++;
      await readMeta.first(tx, { key: 'device_id' }); // the read snapshot starts here
      if (attempts === 1) other.prepare("INSERT INTO meta (key, value) VALUES ('other-process', '1')").run();
      await writeMeta.run(tx, { key: `mine-${attempts}`, value: 'x' });
    });
    other.close();
    expect(attempts).toBe(2);
    const keys = (a.backend.ctx.sqlite.prepare("SELECT key FROM meta WHERE key LIKE 'mine-%' OR key = 'other-process' ORDER BY key").pluck().all() as string[]);
    expect(keys).toEqual(['mine-2', 'other-process']);
  });

  it('answer with the state the action produced even when another transaction advances the visit right after it', async () => {
    const a = await app();
    const visit = (await a.ok('visits.register', PROXY_VISIT)).visit.visit.id;
    await a.ok('visits.startChecklist', { visitId: visit });
    const session = a.backend.ctx.sessions.touch(a.token, a.clock.now())!;
    // The action's transaction takes the connection; the sync-like write queues behind it and runs before
    // the action reads its answer.
    const action = a.backend.dispatch('visits.markItem', { visitId: visit, itemCode: 'surat_kuasa', ...MARK }, a.token);
    const concurrent = recordEvents(a.backend.ctx, session.userId, [
      { type: 'visit.item_marked', aggregateId: visit, payload: { itemCode: 'ktp_direktur', ...MARK, note: null, at: a.clock.now() } },
    ]);
    const [r] = await Promise.all([action, concurrent]);
    if (!r.ok) throw new Error(r.error.message);
    const detail = r.value as Awaited<ReturnType<typeof a.ok<'visits.get'>>>;
    // The answer shows the visit exactly as this action left it: checklist and timeline agree.
    expect(detail.checklist.filter((c) => c.mark !== null).map((c) => c.code)).toEqual(['surat_kuasa']);
    expect(detail.timeline.filter((t) => t.type === 'visit.item_marked')).toHaveLength(1);
    // The next read shows both marks, on the checklist and in the timeline.
    const after = await a.ok('visits.get', { visitId: visit });
    expect(after.checklist.filter((c) => c.mark !== null).map((c) => c.code).sort()).toEqual(['ktp_direktur', 'surat_kuasa']);
    // One officer's run of marks is one line of the history, naming both items.
    const marks = after.timeline.filter((t) => t.type === 'visit.item_marked');
    expect(marks).toHaveLength(1);
    for (const c of after.checklist.filter((x) => x.mark !== null)) expect(marks[0]!.summary).toContain(c.label);
  });

  it('refuse the id of a person or a company as "not found" at the counter and at the desks, changing nothing', async () => {
    const a = await app();
    const reg = await a.ok('visits.register', PROXY_VISIT);
    const events = () => (a.backend.ctx.sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    const before = events();
    for (const id of [reg.visit.person.id, reg.visit.vendor!.id]) {
      const got = await a.call('visits.get', { visitId: id });
      expect(got.ok ? null : got.error.code).toBe('not_found');
      const marked = await a.call('visits.markItem', { visitId: id, itemCode: 'surat_kuasa', ...MARK });
      expect(marked.ok ? null : marked.error.code).toBe('not_found');
      const claimed = await a.call('desk.claim', { visitId: id });
      expect(claimed.ok ? null : claimed.error.code).toBe('not_found');
      const desk = await a.call('visits.deskInfo', { visitId: id });
      expect(desk.ok ? null : desk.error.code).toBe('not_found');
    }
    expect(events()).toBe(before);
  });
});

