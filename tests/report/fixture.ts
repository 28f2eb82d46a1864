/** A month of realistic visits (the demo-data generator) in a test backend, signed in as the supervisor. */
import { DEMO_PASSWORD, generateDemoData } from '../../cli/demo-data';
import { startTestApp, TestClock, type TestApp } from '../helpers';

/** Tuesday 2026-12-01 09:00 WITA: November is complete. */
export const DEC_1_0900 = Date.UTC(2026, 11, 1, 1, 0, 0);
/** Monday 2026-11-30 16:00 WITA: the last moment of the generated data. */
export const NOV_30_1600 = Date.UTC(2026, 10, 30, 8, 0, 0);

export async function novemberApp(visits = 600): Promise<TestApp> {
  const app = await startTestApp({ clock: new TestClock(DEC_1_0900) });
  // 15 working days ending 30 November: 9–30 November (no holiday in that range).
  await generateDemoData({ db: app.backend.ctx.db, visits, days: 15, seed: 'laporan', now: NOV_30_1600 });
  app.token = (await app.ok('auth.signIn', { username: 'kasubbag', password: DEMO_PASSWORD })).token;
  return app;
}

export function sqlCount(app: TestApp, query: string, ...params: unknown[]): number {
  return (app.backend.ctx.sqlite.prepare(query).get(...params) as { n: number }).n;
}

/** RFC 4180 CSV with a configurable separator (quotes, doubled quotes, separators and newlines in fields). */
export function parseCsv(text: string, sep = ';'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
