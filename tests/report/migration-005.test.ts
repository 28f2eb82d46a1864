/** Migration 005: the export log table and the receipt index, and the plans of the report's own queries. */
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.backend.close();
  app = null;
});

function plan(a: TestApp, query: string): string {
  return (a.backend.ctx.sqlite.prepare(`EXPLAIN QUERY PLAN ${query}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
}

describe('migration 005 (print and report)', () => {
  it('creates the export log and uses the intended indexes', async () => {
    app = await startTestApp();
    const cols = (app.backend.ctx.sqlite.prepare("SELECT name FROM pragma_table_info('report_exports')").all() as { name: string }[]).map((c) => c.name);
    expect(cols).toEqual(['id', 'exported_at', 'exported_by', 'month', 'format', 'personal_data', 'visit_count', 'file_name', 'sha256', 'via', 'operator']);
    expect(plan(app, 'SELECT * FROM report_exports ORDER BY exported_at DESC LIMIT 100')).toContain('report_exports_by_time');
    // print.verifyReceipt looks a receipt up by number.
    expect(plan(app, "SELECT id FROM visits WHERE receipt_no = 'TT-20261126-4F2A9C-007'")).toContain('visits_by_receipt');
    // The month's visits come from the day index, already in arrival order (no sort step).
    const month = plan(app, "SELECT day, arrived_at FROM visits WHERE day >= '2026-11-01' AND day < '2026-12-01' ORDER BY day, arrived_at");
    expect(month).toContain('visits_by_day');
    expect(month).not.toContain('TEMP B-TREE');
    // Print history: a visit's events by aggregate.
    expect(plan(app, "SELECT payload FROM events WHERE aggregate_id = 'x' AND type = 'document.printed' ORDER BY hlc, device_id, id")).toContain('events_by_aggregate');
  });
});
