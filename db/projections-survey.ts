/**
 * Projectors of the satisfaction survey's aggregates (docs/adr/0010), called by `project` in projections.ts.
 */
import { CompiledQuery, sql } from 'kysely';
import type { AggregateStates } from '../domain/aggregates';
import { SURVEY_RESPONSE_ID_PREFIX } from '../domain/survey/events';
import { ELEMENT_CODES } from '../domain/survey/questionnaire';
import type { Exec } from './exec';
import { PROFILE_BLANK_COLUMN, PROFILE_COLUMN, PROFILE_COLUMNS, surveyExec } from './schema-survey';


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
    // A re-fold may have put an earlier duplicate first (another day): the row is replaced whole, and the
    // previous response's contribution leaves the daily summary before the new one enters it.
    await db.deleteFrom('survey_responses').where('id', '=', id).execute();
    await addToDaily(tx, prev, -1);
  } else if (id.startsWith(SURVEY_RESPONSE_ID_PREFIX)) {
    // The code behind this response is spent: if this PC issued it, forget it now (the link between the
    // visit and the response must not outlive its use; docs/adr/0010).
    const nullifier = id.slice(SURVEY_RESPONSE_ID_PREFIX.length);
    await db
      .updateTable('survey_token_secrets')
      .set({ token: null, nullifier: null, spent_at: sql<number>`CAST(unixepoch('subsec') * 1000 AS INTEGER)` })
      .where('nullifier', '=', nullifier)
      .execute();
  }
  await db.insertInto('survey_responses').values(row).execute();
  await addToDaily(tx, r, 1);
}

const TALLY_COLUMNS = ['respondents', 'duplicates', ...ELEMENT_CODES.flatMap((c) => [`a_${c.toLowerCase()}`, `s_${c.toLowerCase()}`])];
const DAILY_COLUMNS = [...TALLY_COLUMNS, ...PROFILE_COLUMNS];
const DAILY_UPSERT = `INSERT INTO survey_daily (day, service_code, channel, ${DAILY_COLUMNS.join(', ')}) VALUES (?, ?, ?, ${DAILY_COLUMNS.map(() => '?').join(', ')})
  ON CONFLICT (day, service_code, channel) DO UPDATE SET ${DAILY_COLUMNS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`;

/** Adds (sign 1) or removes (sign -1) one response's share of the per-day summary: one statement. */
async function addToDaily(tx: Exec, r: NonNullable<AggregateStates['survey_response']>, sign: 1 | -1): Promise<void> {
  const tally = ELEMENT_CODES.flatMap((c) => {
    const v = r.answers[c];
    return v === null ? [0, 0] : [sign, sign * v];
  });
  const profile = new Set<string>([
    r.sex ? PROFILE_COLUMN.sex[r.sex] : PROFILE_BLANK_COLUMN.sex,
    r.ageGroup ? PROFILE_COLUMN.ageGroup[r.ageGroup] : PROFILE_BLANK_COLUMN.ageGroup,
    r.education ? PROFILE_COLUMN.education[r.education] : PROFILE_BLANK_COLUMN.education,
    r.occupation ? PROFILE_COLUMN.occupation[r.occupation] : PROFILE_BLANK_COLUMN.occupation,
  ]);
  const values = [r.day, r.serviceCode, r.channel, sign, sign * r.duplicates, ...tally, ...PROFILE_COLUMNS.map((c) => (profile.has(c) ? sign : 0))];
  await tx.executeQuery(CompiledQuery.raw(DAILY_UPSERT, values));
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
