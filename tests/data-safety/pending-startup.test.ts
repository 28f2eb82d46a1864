/**
 * A data folder no app has started yet (issue 15 follow-up): migration 006 leaves the calendar's refold to
 * the app's start (`replayParked`). `db verify` on such a folder reported the calendar as damaged. Now a new
 * file and the demo-data generator finish the start-up steps themselves (db/event-store.ts,
 * `finishStartupSteps`), and a file that still has them pending (an upgrade not yet started) is reported
 * as pending, compared as it will be after the start, and still reported when it is really damaged.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/run';
import { openDatabase } from '../../db/open';
import { verifyDatabase } from '../../db/verify';
import { witaDateTimeToMs } from '../../domain/time/wita';

const NOW = witaDateTimeToMs('2026-11-19', '14:00');
const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'lpse-pending-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {}, now: () => NOW });
  return { code, stdout, stderr };
}

describe('db verify on a folder no app has started', () => {
  it('a new database is finished as a start finishes it: nothing parked, verify clean with nothing pending', async () => {
    const opened = await openDatabase(tmp());
    try {
      expect((opened.sqlite.prepare('SELECT count(*) AS n FROM parked_events').get() as { n: number }).n).toBe(0);
      const r = await verifyDatabase(opened.sqlite);
      expect(r.differences).toEqual([]);
      expect(r.pending).toBeNull();
      expect(r.ok).toBe(true);
    } finally {
      await opened.close();
    }
  });

  it('the demo-data CLI, then "db verify --json", as the issue ran it: exit 0, ok, nothing pending', async () => {
    const dir = tmp();
    const made = await cli(['demo-data', '--data-dir', dir, '--visits', '60', '--days', '3', '--seed', 'pending']);
    expect(made.code, made.stderr).toBe(0);
    const v = await cli(['db', 'verify', '--json', '--data-dir', dir]);
    expect(v.code, v.stdout + v.stderr).toBe(0);
    const report = JSON.parse(v.stdout) as { ok: boolean; differences: unknown[]; pending: unknown };
    expect(report.differences).toEqual([]);
    expect(report.pending).toBeNull();
    expect(report.ok).toBe(true);
  }, 120_000);

  it('a file an older build left (calendar of the old shape, refold parked by migration 006) is pending, not damaged; real damage still shows', async () => {
    const dir = tmp();
    const opened = await openDatabase(dir);
    const s = opened.sqlite;
    // Exactly what migration 006 leaves on a file an older build wrote: the calendar's state without the
    // fields its reducer now keeps, and its newest event parked for the refold at the next start.
    const row = s.prepare("SELECT state FROM aggregates WHERE id = 'calendar'").get() as { state: string };
    const state = JSON.parse(row.state) as Record<string, unknown>;
    for (const k of ['hoursPeriods', 'setYears', 'removedDates']) {
      expect(state).toHaveProperty(k);
      delete state[k];
    }
    s.prepare("UPDATE aggregates SET state = ? WHERE id = 'calendar'").run(JSON.stringify(state));
    s.prepare(
      `INSERT INTO parked_events (id, reason, parked_at) SELECT id, 'refold: calendar (migration 006)', 0 FROM events
       WHERE aggregate_id = 'calendar' ORDER BY hlc DESC, device_id DESC, id DESC LIMIT 1`,
    ).run();
    await opened.close();

    const before = await cli(['db', 'verify', '--json', '--data-dir', dir]);
    const r = JSON.parse(before.stdout) as { ok: boolean; differences: unknown[]; pending: { parkedEvents: number } | null };
    expect(r.differences).toEqual([]);
    expect(r.pending?.parkedEvents).toBe(1);
    expect(r.ok).toBe(true);
    expect(before.code).toBe(0);
    const text = await cli(['db', 'verify', '--data-dir', dir]);
    expect(text.stdout).toContain('Basis data utuh');
    expect(text.stdout).toContain('Menunggu langkah awal aplikasi (bukan kerusakan): 1 kejadian tertunda');

    // Damage beside a pending step is still damage: a projection row that no start would repair.
    const again = await openDatabase(dir);
    const other = again.sqlite.prepare("SELECT id FROM aggregates WHERE id <> 'calendar' ORDER BY id LIMIT 1").get() as { id: string };
    again.sqlite.prepare('UPDATE aggregates SET event_count = event_count + 1 WHERE id = ?').run(other.id);
    await again.close();
    const damaged = await cli(['db', 'verify', '--json', '--data-dir', dir]);
    const d = JSON.parse(damaged.stdout) as { ok: boolean; differences: { table: string }[]; pending: unknown };
    expect(damaged.code).toBe(1);
    expect(d.ok).toBe(false);
    expect(d.differences.map((x) => x.table)).toEqual(['aggregates']);
    expect(JSON.stringify(d.differences)).toContain(other.id);
    expect(JSON.stringify(d.differences)).not.toContain('calendar');
    expect(d.pending).not.toBeNull();
  });
});
