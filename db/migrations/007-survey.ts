/**
 * Frozen once released. The satisfaction survey (SKM, PermenPANRB 14/2017; docs/adr/0010):
 *
 * Projections of synced events:
 * - `survey_responses`: one row per response (aggregate `survey_response`), holding exactly what the
 *   standard questionnaire asks — day, service, channel, profile, U1–U9 — and nothing that names a visit,
 *   person, staff member or time of day. Clustered by day (WITHOUT ROWID, key (day, id)), so a period's
 *   report reads one contiguous range and the physical order says nothing about arrival order.
 * - `survey_daily`: per day, service and channel, the number of responses, each element's count and sum of
 *   answers, and the respondents per profile value — kept by the same projector, so a year's report sums a
 *   few thousand summary rows in one statement instead of reading every response (bench `ikm_year_ms`).
 * - `survey_tokens`: the survey code issued for a visit — only the code's hash, never the code.
 * - `survey_plans`: the supervisor's improvement plan and follow-up per period.
 *
 * Local to this workstation, never synced (plain tables, not events):
 * - `survey_token_secrets`: codes this PC issued and that are not yet used or expired, so a reprinted receipt
 *   shows the same code and the kiosk here can take the visit's response. Cleared when the code is used
 *   (here or, once synced, anywhere) or expires.
 * - `survey_outbox`: kiosk responses held until their day is over, then released into the log in a shuffled
 *   batch (so the log's order and timestamps cannot be matched against the visits of the day).
 *
 * Also an index of visits by (day, service) — the survey's population count reads only the index.
 */
import { sql, type Kysely } from 'kysely';

const ELEMENTS = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9'];
/** Respondents per profile value; `_x` = not filled (as db/schema-survey.ts names them). */
const PROFILE_COLUMNS = [
  'sex_l', 'sex_p', 'sex_x',
  'age_lt20', 'age_20_29', 'age_30_39', 'age_40_49', 'age_50_59', 'age_60p', 'age_x',
  'edu_sd', 'edu_smp', 'edu_sma', 'edu_d1_d3', 'edu_d4_s1', 'edu_s2', 'edu_s3', 'edu_x',
  'occ_pns', 'occ_tni', 'occ_polri', 'occ_swasta', 'occ_wirausaha', 'occ_pelajar', 'occ_lainnya', 'occ_x',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const answers = ELEMENTS.map((u) => `${u} INTEGER CHECK (${u} IS NULL OR ${u} BETWEEN 1 AND 4)`).join(',\n      ');
  const statements = [
    `CREATE TABLE survey_responses (
      day TEXT NOT NULL,
      id TEXT NOT NULL,
      service_code TEXT NOT NULL,
      channel TEXT NOT NULL,
      sex TEXT,
      age_group TEXT,
      education TEXT,
      occupation TEXT,
      ${answers},
      questionnaire_version INTEGER NOT NULL,
      duplicates INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (day, id)
    ) STRICT, WITHOUT ROWID`,
    `CREATE UNIQUE INDEX survey_responses_by_id ON survey_responses (id)`,
    `CREATE TABLE survey_daily (
      day TEXT NOT NULL,
      service_code TEXT NOT NULL,
      channel TEXT NOT NULL,
      respondents INTEGER NOT NULL,
      duplicates INTEGER NOT NULL,
      ${ELEMENTS.map((u) => `a_${u} INTEGER NOT NULL, s_${u} INTEGER NOT NULL`).join(', ')},
      ${PROFILE_COLUMNS.map((c) => `${c} INTEGER NOT NULL`).join(', ')},
      PRIMARY KEY (day, service_code, channel)
    ) STRICT, WITHOUT ROWID`,
    `CREATE TABLE survey_tokens (
      visit_id TEXT PRIMARY KEY,
      token_hash TEXT NOT NULL,
      service_code TEXT NOT NULL,
      issued_day TEXT NOT NULL,
      valid_until TEXT NOT NULL,
      conflicts INTEGER NOT NULL DEFAULT 0
    ) STRICT`,
    // Not unique: a projection must never fail on synced data (two visits cannot share a random code).
    `CREATE INDEX survey_tokens_by_hash ON survey_tokens (token_hash)`,
    `CREATE TABLE survey_plans (
      period TEXT PRIMARY KEY,
      body TEXT NOT NULL,
      updated_at INTEGER NOT NULL,
      updated_by TEXT
    ) STRICT`,
    `CREATE TABLE survey_token_secrets (
      visit_id TEXT PRIMARY KEY,
      token TEXT,
      nullifier TEXT,
      valid_until TEXT NOT NULL,
      spent_at INTEGER
    ) STRICT`,
    `CREATE INDEX survey_token_secrets_by_nullifier ON survey_token_secrets (nullifier) WHERE nullifier IS NOT NULL`,
    `CREATE TABLE survey_outbox (
      id TEXT PRIMARY KEY,
      response_id TEXT NOT NULL UNIQUE,
      day TEXT NOT NULL,
      payload TEXT NOT NULL
    ) STRICT, WITHOUT ROWID`,
    `CREATE INDEX visits_by_day_service ON visits (day, service_code)`,
  ];
  for (const s of statements) await sql.raw(s).execute(db);
}
