/**
 * Kysely table types of the satisfaction survey (migration 006). Kept apart from `schema.ts`: code that
 * needs them widens its executor with `surveyDb` / `surveyTx` (the same way backend/sync keeps its tables).
 */
import type { Kysely, Transaction } from 'kysely';
import type { AgeGroup, Education, Occupation, Sex } from '../domain/survey/questionnaire';
import type { DB } from './schema';

export interface SurveyResponsesTable {
  day: string;
  id: string;
  service_code: string;
  channel: string;
  sex: string | null;
  age_group: string | null;
  education: string | null;
  occupation: string | null;
  u1: number | null;
  u2: number | null;
  u3: number | null;
  u4: number | null;
  u5: number | null;
  u6: number | null;
  u7: number | null;
  u8: number | null;
  u9: number | null;
  questionnaire_version: number;
  duplicates: number;
}

type Tally = { [K in `${'a' | 's'}_u${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9}`]: number };

/**
 * Column of `survey_daily` counting the respondents with a profile value; `_x` = not filled. The migration
 * lists the same names literally (migrations import no app code); a test holds the two equal.
 */
export const PROFILE_COLUMN = {
  sex: { L: 'sex_l', P: 'sex_p' },
  ageGroup: { '<20': 'age_lt20', '20-29': 'age_20_29', '30-39': 'age_30_39', '40-49': 'age_40_49', '50-59': 'age_50_59', '60+': 'age_60p' },
  education: { SD: 'edu_sd', SMP: 'edu_smp', SMA: 'edu_sma', 'D1-D3': 'edu_d1_d3', 'D4-S1': 'edu_d4_s1', S2: 'edu_s2', S3: 'edu_s3' },
  occupation: {
    PNS: 'occ_pns',
    TNI: 'occ_tni',
    POLRI: 'occ_polri',
    SWASTA: 'occ_swasta',
    WIRAUSAHA: 'occ_wirausaha',
    PELAJAR: 'occ_pelajar',
    LAINNYA: 'occ_lainnya',
  },
} as const satisfies { sex: Record<Sex, string>; ageGroup: Record<AgeGroup, string>; education: Record<Education, string>; occupation: Record<Occupation, string> };
export const PROFILE_BLANK_COLUMN = { sex: 'sex_x', ageGroup: 'age_x', education: 'edu_x', occupation: 'occ_x' } as const;
export type ProfileDimension = keyof typeof PROFILE_COLUMN;

type ProfileColumnName = { [D in ProfileDimension]: (typeof PROFILE_COLUMN)[D][keyof (typeof PROFILE_COLUMN)[D]] | (typeof PROFILE_BLANK_COLUMN)[D] }[ProfileDimension];
export const PROFILE_COLUMNS = (Object.keys(PROFILE_COLUMN) as ProfileDimension[]).flatMap((d) => [
  ...(Object.values(PROFILE_COLUMN[d]) as ProfileColumnName[]),
  PROFILE_BLANK_COLUMN[d],
]);

/** Per day, service and channel: responses, duplicates ignored, each element's answered count and sum, the profile. */
export interface SurveyDailyTable extends Tally, Record<ProfileColumnName, number> {
  day: string;
  service_code: string;
  channel: string;
  respondents: number;
  duplicates: number;
}

export interface SurveyTokensTable {
  visit_id: string;
  token_hash: string;
  service_code: string;
  issued_day: string;
  valid_until: string;
  conflicts: number;
}

export interface SurveyPlansTable {
  period: string;
  body: string;
  updated_at: number;
  updated_by: string | null;
}

/** Local to this PC, never synced. */
export interface SurveyTokenSecretsTable {
  visit_id: string;
  token: string | null;
  nullifier: string | null;
  valid_until: string;
  spent_at: number | null;
}

/** Local to this PC, never synced. */
export interface SurveyOutboxTable {
  id: string;
  response_id: string;
  day: string;
  payload: string;
}

// A type alias, not an interface: `withTables` needs the implicit index signature.
export type SurveyTables = {
  survey_responses: SurveyResponsesTable;
  survey_daily: SurveyDailyTable;
  survey_tokens: SurveyTokensTable;
  survey_plans: SurveyPlansTable;
  survey_token_secrets: SurveyTokenSecretsTable;
  survey_outbox: SurveyOutboxTable;
};
export type SurveyDB = DB & SurveyTables;
export type SurveyExec = Kysely<SurveyDB> | Transaction<SurveyDB>;

export function surveyDb(db: Kysely<DB>): Kysely<SurveyDB> {
  return db.withTables<SurveyTables>();
}

export function surveyExec(db: Kysely<DB> | Transaction<DB>): SurveyExec {
  return db.withTables<SurveyTables>();
}
