/**
 * The satisfaction survey on the central server (issue 13 phase 2, docs/adr/0010 §6): the answers a visitor
 * gives on a phone with the code from the receipt, and the one-response-per-visit rule across channels.
 *
 * - The code T never reaches the log or this database: the page posts it once, the server computes its two
 *   hashes (`tokenHash`, and the nullifier that names the response, backend/survey/token.ts) and forgets it.
 * - `survey_claims` (migration 004) is the set of response ids that are taken: a phone answer takes its id
 *   when it is sent, a workstation's kiosk takes it through `POST /v1/survey/claim` when it is online. The
 *   second channel is refused with the same message the counter gives ("Kode survei ini sudah digunakan …");
 *   offline races end in the fold (the first response in fold order counts, on every PC).
 * - A phone answer is held there, like the kiosk's outbox on a PC (ADR 0010 §3 rule 2), and written into
 *   the office's log only after its WITA day has ended, in a shuffled batch, signed by the server (channel
 *   `qr`, allowed from the server only: domain/survey/permissions.ts). An answer whose code's
 *   `survey.token_issued` has not reached the server yet (the PC that printed the receipt has not synced)
 *   stays held and is matched when it arrives; it is given up only after `HELD_UNKNOWN_DAYS`.
 * - After it is written, the row keeps only the response id: no time, no visit, no device.
 */
import { randomInt } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { responseIdForToken, tokenHash } from '../trust/survey-token';
import { foldAggregate } from '../domain/aggregates';
import { surveyResponsePayload, type SurveyResponsePayload } from '../domain/survey/events';
import { QUESTIONNAIRE_VERSION } from '../domain/survey/questionnaire';
import { addDaysIso, witaIsoDate } from '../domain/time/wita';
import type { Dialect } from './db';
import { aggregateEvents } from './public/office-log';
import type { ServerDB } from './schema';
import type { Store } from './store';
import { appendServerEventIn, lockOffice, type ServerKey } from './trust';

/** Days an answer whose code the server has never seen is kept (codes are valid 30 days; PCs may be offline long). */
export const HELD_UNKNOWN_DAYS = 90;

/** What a respondent gave: the profile and U1–U9 (the day and service are added when it is written). */
export type HeldAnswers = Pick<SurveyResponsePayload, 'sex' | 'ageGroup' | 'education' | 'occupation' | 'answers'>;

type Db = Kysely<ServerDB> | Transaction<ServerDB>;

export type CodeLookup =
  /** The visit's code as the fold of its token aggregate has it (the first issued in fold order). */
  | { kind: 'known'; serviceCode: string; validUntil: string }
  /** Another code was issued first for the same visit (two PCs offline): this one is not accepted. */
  | { kind: 'superseded' }
  | { kind: 'unknown' };

/** The office's `survey.token_issued` for a code hash, judged and folded as every PC does it. */
export async function lookupCode(db: Db, dialect: Dialect, officeId: string, hash: string): Promise<CodeLookup> {
  // The same expression as the partial index of migration 004, so the index answers it.
  const expr = dialect === 'pg' ? sql<string>`((payload::jsonb) ->> 'tokenHash')` : sql<string>`json_extract(payload, '$.tokenHash')`;
  const rows = await db
    .selectFrom('events')
    .select('aggregate_id')
    .where('office_id', '=', officeId)
    .where('type', '=', 'survey.token_issued')
    .where(expr, '=', hash)
    .execute();
  for (const aggregateId of new Set(rows.map((r) => r.aggregate_id))) {
    const state = foldAggregate('survey_token', await aggregateEvents(db as Kysely<ServerDB>, officeId, aggregateId));
    if (!state) continue; // issued by an account without the right: not a code on any PC either
    if (state.tokenHash !== hash) return { kind: 'superseded' };
    return { kind: 'known', serviceCode: state.serviceCode, validUntil: state.validUntil };
  }
  return { kind: 'unknown' };
}

/** Whether a response id is taken: claimed (a phone answer, a kiosk's claim) or already in the log. */
export async function responseTaken(db: Db, officeId: string, responseId: string): Promise<boolean> {
  const [claimed, logged] = await Promise.all([
    db.selectFrom('survey_claims').select('response_id').where('office_id', '=', officeId).where('response_id', '=', responseId).executeTakeFirst(),
    db.selectFrom('events').select('id').where('office_id', '=', officeId).where('aggregate_id', '=', responseId).limit(1).executeTakeFirst(),
  ]);
  return !!claimed || !!logged;
}

/**
 * A workstation's kiosk takes a response id before it accepts an answer (online only). Under the office
 * lock, so a phone answer and a kiosk cannot both take it. Returns false when it was already taken.
 */
export async function claimForKiosk(store: Store, officeId: string, responseId: string): Promise<boolean> {
  return store.db.transaction().execute(async (tx) => {
    await lockOffice(tx, store.dialect, officeId);
    if (await responseTaken(tx, officeId, responseId)) return false;
    await tx.insertInto('survey_claims').values({ office_id: officeId, response_id: responseId, token_hash: null, day: null, answers: null }).execute();
    return true;
  });
}

export type PhoneOutcome =
  | { kind: 'held'; serviceCode: string | null }
  | { kind: 'used' }
  | { kind: 'expired'; validUntil: string }
  | { kind: 'superseded' };

/**
 * Takes a phone answer given with code `token` on WITA day `day`, in the caller's transaction (which holds
 * the office lock): refused when the code's response is taken, expired or superseded; otherwise held.
 */
export async function holdPhoneAnswer(tx: Transaction<ServerDB>, dialect: Dialect, officeId: string, token: string, day: string, answers: HeldAnswers): Promise<PhoneOutcome> {
  const hash = tokenHash(token);
  const responseId = responseIdForToken(token);
  if (await responseTaken(tx, officeId, responseId)) return { kind: 'used' };
  const code = await lookupCode(tx, dialect, officeId, hash);
  if (code.kind === 'superseded') return code;
  if (code.kind === 'known' && code.validUntil < day) return { kind: 'expired', validUntil: code.validUntil };
  await tx.insertInto('survey_claims').values({ office_id: officeId, response_id: responseId, token_hash: hash, day, answers: JSON.stringify(answers) }).execute();
  return { kind: 'held', serviceCode: code.kind === 'known' ? code.serviceCode : null };
}

export interface ReleaseReport {
  released: number;
  /** Held because their code is still unknown here. */
  waiting: number;
  /** Given up: a code never seen in `HELD_UNKNOWN_DAYS`, expired or superseded, or its response already in the log. */
  dropped: number;
}

/**
 * Writes the held phone answers of every day before today whose code is known into their offices' logs:
 * per office one transaction under its lock, in a random order, each signed by the server. Answers whose
 * code is still unknown stay held. Runs at the server's start and every ten minutes (server/app.ts).
 */
export async function releaseHeldAnswers(store: Store, serverKey: ServerKey, now: number, onAppended?: (officeId: string) => void): Promise<ReleaseReport> {
  const today = witaIsoDate(now);
  const report: ReleaseReport = { released: 0, waiting: 0, dropped: 0 };
  const offices = await store.db.selectFrom('survey_claims').select('office_id').distinct().where('answers', 'is not', null).where('day', '<', today).execute();
  for (const { office_id: officeId } of offices) {
    const n = await store.db.transaction().execute(async (tx) => {
      await lockOffice(tx, store.dialect, officeId);
      const due = await tx.selectFrom('survey_claims').selectAll().where('office_id', '=', officeId).where('answers', 'is not', null).where('day', '<', today).execute();
      const ready: { responseId: string; payload: SurveyResponsePayload }[] = [];
      const done: string[] = [];
      for (const row of due) {
        const day = row.day!;
        const code = await lookupCode(tx, store.dialect, officeId, row.token_hash!);
        if (code.kind === 'unknown') {
          if (day >= addDaysIso(today, -HELD_UNKNOWN_DAYS)) {
            report.waiting++;
            continue;
          }
        }
        const inLog = await tx.selectFrom('events').select('id').where('office_id', '=', officeId).where('aggregate_id', '=', row.response_id).limit(1).executeTakeFirst();
        const parsed =
          code.kind === 'known' && day <= code.validUntil && !inLog
            ? surveyResponsePayload.safeParse({ questionnaireVersion: QUESTIONNAIRE_VERSION, day, serviceCode: code.serviceCode, channel: 'qr', ...(JSON.parse(row.answers!) as HeldAnswers) })
            : null;
        if (parsed?.success) ready.push({ responseId: row.response_id, payload: parsed.data });
        else report.dropped++;
        done.push(row.response_id);
      }
      // Fisher–Yates with a cryptographic source: the batch's order in the log says nothing.
      for (let i = ready.length - 1; i > 0; i--) {
        const j = randomInt(i + 1);
        [ready[i], ready[j]] = [ready[j]!, ready[i]!];
      }
      for (const r of ready) await appendServerEventIn(tx, store.dialect, serverKey, officeId, { type: 'survey.response_recorded', aggregateId: r.responseId, payload: r.payload }, now);
      // Only the taken id stays: the code's hash, the day and the answers go.
      for (let i = 0; i < done.length; i += 500) {
        await tx.updateTable('survey_claims').set({ token_hash: null, day: null, answers: null }).where('office_id', '=', officeId).where('response_id', 'in', done.slice(i, i + 500)).execute();
      }
      return ready.length;
    });
    report.released += n;
    if (n > 0) onAppended?.(officeId);
  }
  return report;
}
