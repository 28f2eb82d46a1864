/**
 * Kysely table types of the satisfaction survey (migration 006). Kept apart from `schema.ts`: code that
 * needs them widens its executor with `surveyDb` / `surveyTx` (the same way backend/sync keeps its tables).
 */
import type { Kysely, Transaction } from 'kysely';
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
  return db.withTables<SurveyTables>() as SurveyExec;
}
