/** Migration 006: the survey tables, the summary's columns as the code names them, and the plans of the report's queries. */
import { afterEach, describe, expect, it } from 'vitest';
import { PROFILE_COLUMNS } from '../../db/schema-survey';
import { ELEMENT_CODES } from '../../domain/survey/questionnaire';
import { startTestApp, type TestApp } from '../helpers';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.backend.close();
  app = null;
});

function plan(a: TestApp, query: string): string {
  return (a.backend.ctx.sqlite.prepare(`EXPLAIN QUERY PLAN ${query}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
}
const columns = (a: TestApp, table: string) => (a.backend.ctx.sqlite.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[]).map((c) => c.name);

describe('migration 006 (survey)', () => {
  it('creates the survey tables with the columns the projector writes', async () => {
    app = await startTestApp();
    const tally = ELEMENT_CODES.flatMap((c) => [`a_${c.toLowerCase()}`, `s_${c.toLowerCase()}`]);
    expect(columns(app, 'survey_daily')).toEqual(['day', 'service_code', 'channel', 'respondents', 'duplicates', ...tally, ...PROFILE_COLUMNS]);
    expect(columns(app, 'survey_responses')).toEqual(['day', 'id', 'service_code', 'channel', 'sex', 'age_group', 'education', 'occupation', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9', 'questionnaire_version', 'duplicates']);
    // Nothing that could name a visit or a time of day.
    for (const t of ['survey_responses', 'survey_daily']) for (const c of columns(app, t)) expect(c, t).not.toMatch(/visit|person|vendor|token|hash|actor|_at$|time/);
    expect(columns(app, 'survey_tokens')).toEqual(['visit_id', 'token_hash', 'service_code', 'issued_day', 'valid_until', 'conflicts']);
  });

  it('the report reads day ranges from the keys and indexes, with no sort of the visits', async () => {
    app = await startTestApp();
    expect(plan(app, "SELECT service_code, channel, sum(respondents) FROM survey_daily WHERE day >= '2026-01-01' AND day <= '2026-12-31' GROUP BY service_code, channel")).toContain(
      'SEARCH survey_daily USING PRIMARY KEY (day>? AND day<?)',
    );
    const pop = plan(app, "SELECT service_code, count(*) FROM visits WHERE day >= '2026-01-01' AND day <= '2026-12-31' AND service_code IS NOT NULL GROUP BY day, service_code");
    expect(pop).toContain('USING COVERING INDEX visits_by_day_service');
    expect(pop).not.toContain('TEMP B-TREE');
    expect(plan(app, "SELECT * FROM survey_responses WHERE day >= '2026-01-01' AND day <= '2026-12-31' ORDER BY day, service_code, id")).toContain('USING PRIMARY KEY');
    expect(plan(app, "SELECT service_code FROM survey_tokens WHERE token_hash = 'x'")).toContain('survey_tokens_by_hash');
    expect(plan(app, "SELECT visit_id FROM survey_token_secrets WHERE nullifier = 'x'")).toContain('survey_token_secrets_by_nullifier');
  });
});
