/**
 * Projectors of the satisfaction survey's aggregates (docs/adr/0007), called by `project` in projections.ts.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AggregateStates } from '../domain/aggregates';
import { SURVEY_RESPONSE_ID_PREFIX } from '../domain/survey/events';
import type { DB } from './schema';
import { surveyExec } from './schema-survey';

type Exec = Kysely<DB> | Transaction<DB>;

export async function projectSurveyResponse(
  tx: Exec,
  id: string,
  prev: AggregateStates['survey_response'] | null,
  r: AggregateStates['survey_response'] | null,
): Promise<void> {
  if (!r) return;
  const db = surveyExec(tx);
  const row = {
    day: r.day,
    id,
    service_code: r.serviceCode,
    channel: r.channel,
    sex: r.sex,
    age_group: r.ageGroup,
    education: r.education,
    occupation: r.occupation,
    u1: r.answers.U1,
    u2: r.answers.U2,
    u3: r.answers.U3,
    u4: r.answers.U4,
    u5: r.answers.U5,
    u6: r.answers.U6,
    u7: r.answers.U7,
    u8: r.answers.U8,
    u9: r.answers.U9,
    questionnaire_version: r.questionnaireVersion,
    duplicates: r.duplicates,
  };
  if (prev) {
    // A re-fold may have put an earlier duplicate first (another day): the row is replaced whole.
    await db.deleteFrom('survey_responses').where('id', '=', id).execute();
  } else if (id.startsWith(SURVEY_RESPONSE_ID_PREFIX)) {
    // The code behind this response is spent: if this PC issued it, forget it now (the link between the
    // visit and the response must not outlive its use; docs/adr/0007).
    const nullifier = id.slice(SURVEY_RESPONSE_ID_PREFIX.length);
    await db
      .updateTable('survey_token_secrets')
      .set({ token: null, nullifier: null, spent_at: sql<number>`CAST(unixepoch('subsec') * 1000 AS INTEGER)` })
      .where('nullifier', '=', nullifier)
      .execute();
  }
  await db.insertInto('survey_responses').values(row).execute();
}

export async function projectSurveyToken(tx: Exec, t: AggregateStates['survey_token'] | null): Promise<void> {
  if (!t) return;
  const row = { token_hash: t.tokenHash, service_code: t.serviceCode, issued_day: t.issuedDay, valid_until: t.validUntil, conflicts: t.conflicts };
  await surveyExec(tx)
    .insertInto('survey_tokens')
    .values({ visit_id: t.visitId, ...row })
    .onConflict((oc) => oc.column('visit_id').doUpdateSet(row))
    .execute();
}

export async function projectSurveyPlan(tx: Exec, p: AggregateStates['survey_plan'] | null): Promise<void> {
  if (!p) return;
  const row = { body: JSON.stringify({ items: p.items, note: p.note }), updated_at: p.updatedAt, updated_by: p.updatedBy };
  await surveyExec(tx)
    .insertInto('survey_plans')
    .values({ period: p.period, ...row })
    .onConflict((oc) => oc.column('period').doUpdateSet(row))
    .execute();
}
