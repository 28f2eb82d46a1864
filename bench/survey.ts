/**
 * Figure of issue 13 (the satisfaction survey), on a year of counter work (30,000 visits over 245 working
 * days, demo-data generator, cached by the harness) with 20,000 survey responses recorded as real events
 * (the paper/CSV path: `survey.response_recorded` through the event store and its projection), each on the
 * day and service of a visit of that year, with realistic answers (mostly 3–4, some blanks).
 *
 * - ikm_year_ms: `survey.report` through the real dispatch for the calendar year — tallies per service and
 *   channel, the profile, the population from the visits, exact NRR/IKM/grade overall and per service, the
 *   three lowest elements, the plan. Baseline, same run: the year's nine element tallies as one bare SQL
 *   statement (no grouping, no population, no contract).
 */
import { performance } from 'node:perf_hooks';
import { createBackend } from '../backend/app';
import { DEMO_PASSWORD } from '../cli/demo-data';
import { recordPaperResponses, type PaperResponse } from '../backend/survey/paper';
import { AGE_GROUPS, EDUCATIONS, ELEMENT_CODES, OCCUPATIONS, type AnswerValue, type ElementCode } from '../domain/survey/questionnaire';
import type { DatasetSpec } from './datasets';
import { call, figure, summarize, type BenchModule } from './harness';

/** A year of a busy counter. */
export const SURVEY_DATASET: DatasetSpec = { name: 'survey-year', visits: 30_000, days: 245, seed: 'bench-1' };
export const SURVEY_QUICK_DATASET: DatasetSpec = { name: 'survey-quick', visits: 2_000, days: 40, seed: 'bench-1' };
const RESPONSES = 20_000;
const QUICK_RESPONSES = 1_500;

/** Deterministic PRNG (mulberry32): the same responses on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const surveyModule: BenchModule = {
  name: 'survey',
  description: 'SKM report over a year of 20,000 responses (survey.report)',
  datasets: (quick) => [quick ? SURVEY_QUICK_DATASET : SURVEY_DATASET],
  async run(ctx) {
    const ds = await ctx.dataset(ctx.quick ? SURVEY_QUICK_DATASET : SURVEY_DATASET);
    const work = await ctx.workCopy(ds);
    let now = Date.now();
    const backend = await createBackend({ startupQuickCheck: false, dataDir: work.dir, transport: 'browser', now: () => now, sync: false, backup: false });
    try {
      const { sqlite } = backend.ctx;
      const lastDay = (sqlite.prepare('SELECT max(day) AS d FROM visits').get() as { d: string }).d;
      const year = lastDay.slice(0, 4);
      const from = `${year}-01-01`;
      const to = `${year}-12-31`;
      now = Date.parse(`${lastDay}T08:00:00Z`); // 16:00 WITA on the last day
      const visits = sqlite.prepare('SELECT day, service_code AS s FROM visits WHERE day BETWEEN ? AND ? AND service_code IS NOT NULL').all(from, to) as { day: string; s: string }[];
      if (visits.length === 0) throw new Error(`no visits in ${year}`);

      // ---- 20,000 responses on the days and services of the year's visits ----
      const n = ctx.quick ? QUICK_RESPONSES : RESPONSES;
      const rand = rng(13);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
      const answer = (): AnswerValue | null => {
        const x = rand();
        return x < 0.03 ? null : x < 0.05 ? 1 : x < 0.18 ? 2 : x < 0.62 ? 3 : 4;
      };
      const rows: PaperResponse[] = [];
      for (let i = 0; i < n; i++) {
        const v = pick(visits);
        rows.push({
          day: v.day,
          serviceCode: v.s,
          sex: rand() < 0.1 ? null : rand() < 0.62 ? 'L' : 'P',
          ageGroup: rand() < 0.1 ? null : pick(AGE_GROUPS),
          education: rand() < 0.1 ? null : pick(EDUCATIONS),
          occupation: rand() < 0.1 ? null : pick(OCCUPATIONS),
          answers: Object.fromEntries(ELEMENT_CODES.map((c) => [c, answer()])) as Record<ElementCode, AnswerValue | null>,
        });
      }
      // Imported by a staff member, as the app records it (domain/survey/permissions.ts: an import names the
      // account that imported it; without one the office denies every response and none is stored).
      const token = (await call(backend, null, 'auth.signIn', { username: 'kasubbag', password: DEMO_PASSWORD })).token;
      const importer = backend.ctx.sessions.touch(token, now)!.userId;
      const tLoad = performance.now();
      for (let i = 0; i < rows.length; i += 2000) await recordPaperResponses(backend.ctx, importer, rows.slice(i, i + 2000), 'import');
      const loadMs = performance.now() - tLoad;
      const stored = (sqlite.prepare('SELECT count(*) AS n FROM survey_responses WHERE day BETWEEN ? AND ?').get(from, to) as { n: number }).n;
      if (stored !== n) throw new Error(`stored ${stored} responses, expected ${n}`);
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      ctx.note('survey.dataset_visits', visits.length);
      ctx.note('survey.responses', n);
      ctx.note('survey.record_responses_ms', Math.round(loadMs));


      // ---- ikm_year_ms ----
      const runs = ctx.quick ? 5 : 25;
      for (let i = 0; i < 3; i++) await call(backend, token, 'survey.report', { period: year, serviceCode: null }); // warm-up
      const times: number[] = [];
      let report = await call(backend, token, 'survey.report', { period: year, serviceCode: null });
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        report = await call(backend, token, 'survey.report', { period: year, serviceCode: null });
        times.push(performance.now() - t0);
      }
      if (report.respondents !== n) throw new Error(`report counted ${report.respondents} respondents, expected ${n}`);
      const cols = ELEMENT_CODES.map((c) => `count(${c.toLowerCase()}), sum(${c.toLowerCase()})`).join(', ');
      const bare = sqlite.prepare(`SELECT count(*), ${cols} FROM survey_responses WHERE day BETWEEN ? AND ?`);
      for (let i = 0; i < 3; i++) bare.all(from, to);
      const bareTimes: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        bare.all(from, to);
        bareTimes.push(performance.now() - t0);
      }
      const r = summarize(times);
      const b = summarize(bareTimes);
      return {
        ikm_year_ms: figure(r.p50, '<= 50', {
          unit: 'ms (median)',
          p95: r.p95,
          runs: r.n,
          year,
          respondents: report.respondents,
          population: report.population,
          ikm_converted: report.ikmConverted,
          grade: report.grade,
          baseline: { what: "bare SQL: the year's nine element tallies in one statement (no grouping, population or contract)", p50: b.p50, p95: b.p95 },
        }),
      };
    } finally {
      await backend.close();
      work.remove();
    }
  },
};
