/**
 * The background worker gives way to the counter between chunks of a long job (backend/jobs/give-way.ts):
 * a pause about as long as the chunk just done, only when another connection (the counter) committed since
 * the last chunk; otherwise one turn of the loop. Two real connections to one WAL database.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { counterAwareGiveWay } from '../../backend/jobs/give-way';
import { openSqlite } from '../../db/sqlite';
import { tempDir } from '../helpers';

const open: { close(): void }[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

function connections() {
  const file = path.join(tempDir('lpse-give-way-'), 'db.sqlite');
  const counter = openSqlite(file);
  counter.pragma('journal_mode = WAL');
  counter.exec('CREATE TABLE t (x INTEGER)');
  const worker = openSqlite(file, { readonly: true });
  open.push(worker, counter);
  return { counter, worker };
}

describe('the worker gives way to the counter', () => {
  it('pauses as long as the last chunk took (bounded) only when the counter committed meanwhile', async () => {
    const { counter, worker } = connections();
    let clock = 0;
    const slept: number[] = [];
    const give = counterAwareGiveWay(worker, { now: () => clock, sleep: (ms) => (slept.push(ms), Promise.resolve()), maxPauseMs: 50, minPauseMs: 2 });

    clock += 30; // a chunk of 30 ms, the counter idle
    await give();
    expect(slept).toEqual([]);

    counter.prepare('INSERT INTO t VALUES (1)').run(); // the counter commits during the next chunk
    clock += 20;
    await give();
    expect(slept).toEqual([20]);

    counter.prepare('INSERT INTO t VALUES (2)').run();
    clock += 400; // a long chunk: the pause is bounded
    await give();
    expect(slept).toEqual([20, 50]);

    clock += 10; // nothing committed since: no pause
    await give();
    expect(slept).toEqual([20, 50]);
    expect(give.pauses()).toEqual({ count: 2, ms: 70 });
  });
});
