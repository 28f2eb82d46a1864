/**
 * The SKM report of a period (or of a free date range, for `ikm`), computed from the `survey_responses`
 * projection with two grouped SQL scans of the period's day range (the table is clustered by day) and the
 * population from the visits index by (day, service). Arithmetic is domain/survey/ikm.ts (exact).
 *
 * Definitions stated on the report (docs/adr/0010):
 * - a response belongs to the day it was answered;
 * - population = visits registered in the period for a catalogue service (for one service: that service),
 *   i.e. the users served, the N of Krejcie–Morgan's minimum sample;
 * - a response given twice with one code is counted once (the first in fold order).
 */
import type { SurveyReport, IkmFigures } from '../../contract/survey';
import { latestCatalogueVersion, userNames } from '../../db/queries';
import { witaDay } from '../../db/projections';
import { PROFILE_BLANK_COLUMN, PROFILE_COLUMN, PROFILE_COLUMNS, surveyExec, type ProfileDimension } from '../../db/schema-survey';
import type { Catalogue } from '../../domain/catalogue/types';
import type { PlanItem } from '../../domain/survey/events';
import { addAnswers, computeIkm, emptyTallies, GRADE_LABEL, ikmProblemMessage, krejcieMorgan, lowestElements, type IkmResult, type Tallies } from '../../domain/survey/ikm';
import { parsePeriodKey, rangeLabel, type Period } from '../../domain/survey/period';
import {
  AGE_GROUP_LABEL,
  AGE_GROUPS,
  CHANNEL_LABEL,
  CHANNELS,
  EDUCATION_LABEL,
  EDUCATIONS,
  ELEMENT_CODES,
  ELEMENTS,
  NOT_FILLED_LABEL,
  OCCUPATION_LABEL,
  OCCUPATIONS,
  SEX_LABEL,
  SEXES,
  type ElementCode,
} from '../../domain/survey/questionnaire';
import type { AppContext } from '../context';
import { loadCatalogue } from '../views/catalogue';
import { heldCount, releaseHeldResponses } from './codes';

export interface SurveyRange {
  from: string;
  to: string;
  serviceCode: string | null;
  /** The named period, when the range is one. */
  period: Period | null;
}

export function rangeOfPeriod(key: string, serviceCode: string | null): SurveyRange {
  const p = parsePeriodKey(key);
  if (!p) throw new RangeError(`not a period key: ${key}`);
  return { from: p.from, to: p.to, serviceCode, period: p };
}

interface ServiceTally {
  respondents: number;
  duplicates: number;
  tallies: Tallies;
}

interface Scan {
  byService: Map<string, ServiceTally>;
  channels: Map<string, number>;
  profile: { sex: Map<string | null, number>; ageGroup: Map<string | null, number>; education: Map<string | null, number>; occupation: Map<string | null, number> };
  population: Map<string, number>;
}

const DAILY_SUMS = [
  'respondents',
  'duplicates',
  ...ELEMENT_CODES.flatMap((c) => {
    const u = c.toLowerCase() as Lowercase<ElementCode>;
    return [`a_${u}`, `s_${u}`] as const;
  }),
  ...PROFILE_COLUMNS,
] as const;

/**
 * The period's responses and visits, grouped: the per-day summaries kept by the projector (a year is at most
 * a few thousand rows) and the visits counted by (day, service) in the order of their index, summed here.
 */
async function scan(app: AppContext, r: SurveyRange): Promise<Scan> {
  const db = surveyExec(app.db);
  const service = r.serviceCode;
  const [daily, population] = await Promise.all([
    // Summed in SQL: materialising a year of daily rows as objects costs more than the sums themselves.
    db
      .selectFrom('survey_daily')
      .select((eb) => ['service_code', 'channel', ...DAILY_SUMS.map((c) => eb.fn.sum<number>(c).as(c))])
      .where('day', '>=', r.from)
      .where('day', '<=', r.to)
      .$if(service !== null, (q) => q.where('service_code', '=', service!))
      .groupBy(['service_code', 'channel'])
      .execute(),
    // Grouped by (day, service) the visits index is read in order, with no sort; the sum per service is ours.
    app.db
      .selectFrom('visits')
      .select((eb) => ['service_code', eb.fn.countAll<number>().as('n')])
      .where('day', '>=', r.from)
      .where('day', '<=', r.to)
      .where('service_code', 'is not', null)
      .$if(service !== null, (q) => q.where('service_code', '=', service!))
      .groupBy(['day', 'service_code'])
      .execute(),
  ]);

  const byService = new Map<string, ServiceTally>();
  const channels = new Map<string, number>();
  for (const sums of daily) {
    const row = sums as unknown as Record<(typeof DAILY_SUMS)[number], number | null> & { service_code: string; channel: string };
    if (!row.respondents && !row.duplicates) continue; // emptied by a re-fold
    let st = byService.get(row.service_code);
    if (!st) {
      st = { respondents: 0, duplicates: 0, tallies: emptyTallies() };
      byService.set(row.service_code, st);
    }
    st.respondents += Number(row.respondents);
    st.duplicates += Number(row.duplicates);
    for (const c of ELEMENT_CODES) {
      const u = c.toLowerCase() as Lowercase<ElementCode>;
      st.tallies[c].answered += Number(row[`a_${u}`]);
      st.tallies[c].sum += Number(row[`s_${u}`]);
    }
    channels.set(row.channel, (channels.get(row.channel) ?? 0) + Number(row.respondents));
  }
  const profile: Scan['profile'] = { sex: new Map(), ageGroup: new Map(), education: new Map(), occupation: new Map() };
  for (const sums of daily) {
    const row = sums as unknown as Record<string, number | null>;
    for (const d of Object.keys(PROFILE_COLUMN) as ProfileDimension[]) {
      const m = profile[d];
      for (const [value, column] of Object.entries(PROFILE_COLUMN[d])) m.set(value, (m.get(value) ?? 0) + Number(row[column] ?? 0));
      m.set(null, (m.get(null) ?? 0) + Number(row[PROFILE_BLANK_COLUMN[d]] ?? 0));
    }
  }
  const pop = new Map<string, number>();
  for (const p of population) pop.set(p.service_code!, (pop.get(p.service_code!) ?? 0) + Number(p.n));
  return { byService, channels, profile, population: pop };
}

function total(s: Scan): ServiceTally {
  const out: ServiceTally = { respondents: 0, duplicates: 0, tallies: emptyTallies() };
  for (const st of s.byService.values()) {
    out.respondents += st.respondents;
    out.duplicates += st.duplicates;
    for (const c of ELEMENT_CODES) {
      out.tallies[c].answered += st.tallies[c].answered;
      out.tallies[c].sum += st.tallies[c].sum;
    }
  }
  return out;
}

function sumMap(m: Map<string, number>): number {
  let n = 0;
  for (const v of m.values()) n += v;
  return n;
}

/** The figures of `ikm --json` for a date range (and optionally one service). Releases due kiosk responses first. */
export async function ikmFigures(app: AppContext, r: SurveyRange): Promise<IkmFigures> {
  await releaseHeldResponses(app);
  const s = await scan(app, r);
  const t = total(s);
  const result = computeIkm(t.respondents, t.tallies);
  const population = sumMap(s.population);
  return {
    respondents: t.respondents,
    population,
    minimumSample: krejcieMorgan(population),
    elements: Object.fromEntries(ELEMENT_CODES.map((c) => [c, { answered: result.elements[c].answered, sum: result.elements[c].sum, nrr: result.elements[c].nrr }])) as IkmFigures['elements'],
    ikm: result.ikm,
    ikmConverted: result.ikmConverted,
    grade: result.grade,
  };
}

function countRows<K extends string>(m: Map<string | null, number>, keys: readonly K[], label: Record<K, string>) {
  const rows: { key: string; label: string; count: number }[] = keys.map((k) => ({ key: k, label: label[k], count: m.get(k) ?? 0 }));
  const blank = m.get(null) ?? 0;
  if (blank > 0) rows.push({ key: '', label: NOT_FILLED_LABEL, count: blank });
  return rows;
}

async function serviceNames(app: AppContext): Promise<Map<string, { number: number | null; name: string; order: number }>> {
  const active = await latestCatalogueVersion(app.db);
  const out = new Map<string, { number: number | null; name: string; order: number }>();
  // Newest version first: a renamed service shows its current name; a retired one keeps its last.
  for (let v = active; v >= 1; v--) {
    let c: Catalogue;
    try {
      c = await loadCatalogue(app, v);
    } catch {
      continue;
    }
    for (const s of c.services) if (!out.has(s.code)) out.set(s.code, { number: s.number, name: s.name, order: s.number + (active - v) * 1000 });
  }
  return out;
}

/** The full SKM report of a period. Releases due kiosk responses first. */
export async function surveyReport(app: AppContext, r: SurveyRange): Promise<SurveyReport> {
  await releaseHeldResponses(app);
  const [s, names, held] = await Promise.all([scan(app, r), serviceNames(app), heldCount(app)]);
  const t = total(s);
  const result: IkmResult = computeIkm(t.respondents, t.tallies);
  const population = sumMap(s.population);
  const minimumSample = krejcieMorgan(population);
  const nameOf = (code: string) => names.get(code)?.name ?? code;

  const serviceCodes = new Set([...s.byService.keys(), ...s.population.keys()]);
  const services = [...serviceCodes]
    .map((code) => {
      const st = s.byService.get(code) ?? { respondents: 0, duplicates: 0, tallies: emptyTallies() };
      const pop = s.population.get(code) ?? 0;
      const min = krejcieMorgan(pop);
      const res = computeIkm(st.respondents, st.tallies);
      // Per service only where the sample allows: at least its own minimum sample, and a computable IKM.
      const sufficient = st.respondents > 0 && st.respondents >= min && res.ikmConverted !== null;
      return {
        code,
        number: names.get(code)?.number ?? null,
        name: nameOf(code),
        respondents: st.respondents,
        population: pop,
        minimumSample: min,
        sufficient,
        ikmConverted: sufficient ? res.ikmConverted : null,
        grade: sufficient ? res.grade : null,
        order: names.get(code)?.order ?? 1e9,
      };
    })
    .sort((a, b) => a.order - b.order || a.code.localeCompare(b.code))
    .map(({ order: _order, ...rest }) => rest);

  const plan = r.period ? await loadPlan(app, r.period.key) : null;
  return {
    period: r.period
      ? { key: r.period.key, kind: r.period.kind, label: r.period.label, from: r.period.from, to: r.period.to }
      : { key: null, kind: null, label: rangeLabel(r.from, r.to), from: r.from, to: r.to },
    serviceCode: r.serviceCode,
    serviceName: r.serviceCode ? nameOf(r.serviceCode) : null,
    generatedAt: app.now(),
    respondents: t.respondents,
    population,
    minimumSample,
    sampleSufficient: t.respondents >= minimumSample,
    elements: ELEMENTS.map((e) => {
      const x = result.elements[e.code];
      return {
        code: e.code,
        name: e.name,
        shortName: e.shortName,
        answered: x.answered,
        sum: x.sum,
        nrr: x.nrr,
        nrrConverted: x.nrrConverted,
        category: x.category,
        categoryLabel: x.category ? GRADE_LABEL[x.category] : null,
      };
    }),
    ikm: result.ikm,
    ikmConverted: result.ikmConverted,
    grade: result.grade,
    gradeLabel: result.grade ? GRADE_LABEL[result.grade] : null,
    problem: result.problem ? ikmProblemMessage(result.problem) : null,
    lowest: lowestElements(t.tallies).map((c) => ({ code: c, name: ELEMENTS.find((e) => e.code === c)!.name, nrrConverted: result.elements[c].nrrConverted! })),
    profile: {
      sex: countRows(s.profile.sex, SEXES, SEX_LABEL),
      ageGroup: countRows(s.profile.ageGroup, AGE_GROUPS, AGE_GROUP_LABEL),
      education: countRows(s.profile.education, EDUCATIONS, EDUCATION_LABEL),
      occupation: countRows(s.profile.occupation, OCCUPATIONS, OCCUPATION_LABEL),
    },
    channels: CHANNELS.map((c) => ({ key: c, label: CHANNEL_LABEL[c], count: s.channels.get(c) ?? 0 })),
    services,
    duplicatesIgnored: t.duplicates,
    heldOnThisPc: held,
    plan,
  };
}

async function loadPlan(app: AppContext, period: string): Promise<SurveyReport['plan']> {
  const row = await surveyExec(app.db).selectFrom('survey_plans').selectAll().where('period', '=', period).executeTakeFirst();
  if (!row) return null;
  const body = JSON.parse(row.body) as { items: PlanItem[]; note: string | null };
  const names = row.updated_by ? await userNames(app.db, [row.updated_by]) : new Map<string, string>();
  return { period, items: body.items, note: body.note, updatedAt: row.updated_at, updatedByName: row.updated_by ? (names.get(row.updated_by) ?? null) : null };
}

/** Today (WITA) as the default "to" of a range. */
export function todayOf(app: AppContext): string {
  return witaDay(app.now());
}

// Exported for tests: the same tally a single response list gives.
export function tallyOf(rows: readonly { answers: Record<ElementCode, number | null> }[]): Tallies {
  const t = emptyTallies();
  for (const r of rows) addAnswers(t, r.answers);
  return t;
}

