/**
 * Survey codes of visits and the responses given with them (docs/adr/0010):
 * - a visit gets one code, issued by the first PC that needs it (the receipt, or the kiosk); the log stores
 *   only its hash, this PC keeps the code itself in `survey_token_secrets` until it is used or expires;
 * - a code is redeemed into exactly one response id (its nullifier), checked against the log and the local
 *   outbox of held kiosk responses, so a reused code is refused here and counted once everywhere;
 * - kiosk responses are held in `survey_outbox` and released into the log in shuffled batches once their
 *   day is over; paper and CSV responses (no code) are recorded at once.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { AppError } from '../../contract/result';
import { loadAggregate, type NewEvent } from '../../db/event-store';
import { witaDay } from '../../db/projections';
import type { DB } from '../../db/schema';
import { surveyExec, type SurveyExec } from '../../db/schema-survey';
import type { VisitState } from '../../domain/aggregates/visit';
import { surveyResponsePayload, surveyTokenAggregateId, type SurveyResponsePayload } from '../../domain/survey/events';
import { USED_CODE_MESSAGE } from '../../domain/survey/token';
import { addDaysIso } from '../../domain/time/wita';
import type { AppContext } from '../context';
import { log } from '../log';
import { recordEventsIn } from '../record';
import { syncEngineFor } from '../sync/engine';
import { newToken, responseIdForToken, tokenHash, tokenNullifier, TOKEN_VALID_DAYS } from '../../trust/survey-token';

/** A visit can be surveyed once its visitor was served: documents checked and returned, or handed over. */
export const SURVEYED_STATUSES: readonly VisitState['status'][] = ['returned', 'handed_over', 'in_process', 'waiting_vendor', 'at_lkpp', 'completed', 'rejected'];

export type VisitCodeState =
  | { kind: 'not_eligible'; reason: string }
  /** Eligible, no code issued yet (one is issued when the receipt is printed or the kiosk is started). */
  | { kind: 'not_issued'; serviceCode: string }
  /** This PC holds the visit's code. */
  | { kind: 'here'; token: string; serviceCode: string; validUntil: string }
  /** The code was issued on another PC: the visitor has it on the receipt printed there. */
  | { kind: 'elsewhere'; serviceCode: string; validUntil: string }
  /** The code was used here (or its response reached this PC by sync). */
  | { kind: 'spent' }
  | { kind: 'expired'; validUntil: string };

function today(app: AppContext): string {
  return witaDay(app.now());
}

async function readVisit(tx: Transaction<DB>, visitId: string): Promise<VisitState> {
  const snap = await loadAggregate<'visit'>(tx, visitId);
  if (!snap?.state || snap.type !== 'visit') throw new AppError('not_found', 'Kunjungan tidak ditemukan.');
  return snap.state;
}

async function codeState(db: SurveyExec, visit: VisitState, day: string): Promise<VisitCodeState> {
  if (!visit.serviceCode) return { kind: 'not_eligible', reason: 'Kunjungan untuk keperluan lain (bukan permohonan layanan) tidak disurvei.' };
  if (!SURVEYED_STATUSES.includes(visit.status)) {
    return { kind: 'not_eligible', reason: 'Survei dibuka setelah pemohon dilayani (berkas selesai diperiksa).' };
  }
  const [secret, issued] = await Promise.all([
    db.selectFrom('survey_token_secrets').selectAll().where('visit_id', '=', visit.id).executeTakeFirst(),
    db.selectFrom('survey_tokens').selectAll().where('visit_id', '=', visit.id).executeTakeFirst(),
  ]);
  if (secret?.spent_at != null) return { kind: 'spent' };
  if (secret?.token) {
    if (secret.valid_until < day) return { kind: 'expired', validUntil: secret.valid_until };
    // Two PCs issued a code offline and the other one's came first in fold order: ours is not valid.
    if (issued && issued.token_hash !== tokenHash(secret.token)) return { kind: 'elsewhere', serviceCode: visit.serviceCode, validUntil: issued.valid_until };
    return { kind: 'here', token: secret.token, serviceCode: visit.serviceCode, validUntil: secret.valid_until };
  }
  if (issued) {
    return issued.valid_until < day ? { kind: 'expired', validUntil: issued.valid_until } : { kind: 'elsewhere', serviceCode: visit.serviceCode, validUntil: issued.valid_until };
  }
  return { kind: 'not_issued', serviceCode: visit.serviceCode };
}

/** The visit's code state on this PC, without issuing anything. */
export async function visitCodeState(app: AppContext, visitId: string): Promise<VisitCodeState> {
  return app.db.transaction().execute(async (tx) => codeState(surveyExec(tx), await readVisit(tx, visitId), today(app)));
}

/**
 * The visit's code on this PC, issuing one when the visit has none yet (`survey.token_issued` + the local
 * secret, in one transaction). Other states are returned as they are.
 */
export async function ensureVisitCode(app: AppContext, visitId: string, actorId: string | null): Promise<VisitCodeState> {
  return app.db.transaction().execute(async (tx) => {
    const day = today(app);
    const visit = await readVisit(tx, visitId);
    const state = await codeState(surveyExec(tx), visit, day);
    if (state.kind !== 'not_issued') return state;
    return issueCode(tx, app, visit, state.serviceCode, day, actorId);
  });
}

/** Issues the visit's code in `tx`: the `survey.token_issued` event and this PC's secret. */
async function issueCode(tx: Transaction<DB>, app: AppContext, visit: VisitState, serviceCode: string, day: string, actorId: string | null): Promise<VisitCodeState & { kind: 'here' }> {
  const token = newToken();
  const validUntil = addDaysIso(day, TOKEN_VALID_DAYS);
  await recordEventsIn(tx, app, actorId, [
    {
      type: 'survey.token_issued',
      aggregateId: surveyTokenAggregateId(visit.id),
      payload: { visitId: visit.id, tokenHash: tokenHash(token), serviceCode, issuedDay: day, validUntil },
    },
  ]);
  await surveyExec(tx).insertInto('survey_token_secrets').values({ visit_id: visit.id, token, nullifier: tokenNullifier(token), valid_until: validUntil, spent_at: null }).execute();
  return { kind: 'here', token, serviceCode, validUntil };
}

/** Thrown inside the rehearsal's transaction so that it rolls back. */
class Rehearsal extends Error {}

/**
 * Runs the first survey code's write path once and rolls it back (the print warm-up, docs/adr/0021): the
 * first receipt previewed after a start issues its visit's code, and on a fresh connection that write
 * compiles its statements (the code's reads, the event insert, the token projection, the secret) and runs
 * that code for the first time. Here the same `issueCode` runs for `visitId` — a visit whose code would be
 * issued now (eligible, none issued) — inside one transaction that is then rolled back, so the database is
 * as it was. What lives outside the database is put back before the transaction ends: the device's chain
 * head, which signing remembered (`DeviceTrust.resetHead`: the next event reads it from the log again);
 * the change feed announces only at a commit (db/transaction-end.ts), so nothing is announced. The hybrid
 * clock keeps the tick it gave the rolled-back event, as if time had passed. Returns false (nothing run)
 * when `visitId` would not be issued a code now.
 */
export async function rehearseVisitCode(app: AppContext, visitId: string): Promise<boolean> {
  try {
    await app.db.transaction().execute(async (tx) => {
      const day = today(app);
      const visit = await readVisit(tx, visitId);
      const state = await codeState(surveyExec(tx), visit, day);
      if (state.kind !== 'not_issued') return;
      try {
        // As the officer who handed the file over would (a preview's actor is the one who prints).
        await issueCode(tx, app, visit, state.serviceCode, day, visit.handedOverBy ?? null);
      } finally {
        // Inside the transaction: no other caller can sign between the rehearsal and this reset.
        app.trust.resetHead();
      }
      throw new Rehearsal('rolled back on purpose');
    });
    return false;
  } catch (err) {
    if (err instanceof Rehearsal) return true;
    throw err;
  }
}

/** Whether a code was already answered: its response is in the log, or held here waiting for release. */
async function responseExists(db: SurveyExec, responseId: string): Promise<boolean> {
  const [inLog, held] = await Promise.all([
    db.selectFrom('aggregates').select('id').where('id', '=', responseId).executeTakeFirst(),
    db.selectFrom('survey_outbox').select('id').where('response_id', '=', responseId).executeTakeFirst(),
  ]);
  return !!inLog || !!held;
}

export { USED_CODE_MESSAGE };

/**
 * A code someone typed or scanned: valid when its hash was issued (synced here), it has not expired, and it
 * was not answered yet. Returns the service it was issued for; the visit is never returned.
 */
export async function redeemableCode(db: SurveyExec, token: string, day: string): Promise<{ serviceCode: string }> {
  const issued = await db.selectFrom('survey_tokens').select(['service_code', 'valid_until']).where('token_hash', '=', tokenHash(token)).executeTakeFirst();
  if (!issued) {
    throw new AppError(
      'not_found',
      'Kode survei tidak dikenal. Periksa kembali kode pada tanda terima. Bila tanda terima baru saja dicetak di loket lain, tunggu sinkronisasi data lalu coba lagi.',
    );
  }
  if (issued.valid_until < day) throw new AppError('invalid_state', `Kode survei ini sudah tidak berlaku (berlaku sampai ${issued.valid_until}).`);
  if (await responseExists(db, responseIdForToken(token))) throw new AppError('conflict', USED_CODE_MESSAGE);
  return { serviceCode: issued.service_code };
}

/** What a kiosk respondent gave (checked by the contract). */
export type KioskAnswers = Pick<SurveyResponsePayload, 'sex' | 'ageGroup' | 'education' | 'occupation' | 'answers'>;

/**
 * Takes a kiosk response given with a code: checks the code once more, holds the response for release after
 * its day, and forgets the code on this PC (it is spent). One transaction: two kiosks cannot both take it.
 */
export async function holdKioskResponse(app: AppContext, token: string, serviceCode: string, answers: KioskAnswers): Promise<void> {
  await app.db.transaction().execute(async (tx) => {
    const db = surveyExec(tx);
    const day = today(app);
    await redeemableCode(db, token, day);
    const payload: SurveyResponsePayload = surveyResponsePayload.parse({ questionnaireVersion: 1, day, serviceCode, channel: 'kiosk', ...answers });
    await db.insertInto('survey_outbox').values({ id: randomUUID(), response_id: responseIdForToken(token), day, payload: JSON.stringify(payload) }).execute();
    await db
      .updateTable('survey_token_secrets')
      .set({ token: null, nullifier: null, spent_at: app.now() })
      .where('nullifier', '=', tokenNullifier(token))
      .execute();
  });
}

/**
 * A kiosk answer, as the kiosk sends it: the code is checked here, then taken at the central server when
 * this PC is enrolled and the server answers within a few seconds (`POST /v1/survey/claim`, docs/adr/0010
 * §6), then held. A code already answered on a phone is refused with the same message as a code used here,
 * and forgotten on this PC. Offline, the answer is taken: if the phone was first after all, both reach the
 * log and every PC's fold counts the first in fold order, once.
 */
export async function takeKioskAnswer(app: AppContext, token: string, serviceCode: string, answers: KioskAnswers): Promise<void> {
  await redeemableCode(surveyExec(app.db), token, today(app));
  const claim = await syncEngineFor(app).claimSurveyResponse(responseIdForToken(token));
  if (claim === 'used') {
    await surveyExec(app.db).updateTable('survey_token_secrets').set({ token: null, nullifier: null, spent_at: app.now() }).where('nullifier', '=', tokenNullifier(token)).execute();
    throw new AppError('conflict', USED_CODE_MESSAGE);
  }
  await holdKioskResponse(app, token, serviceCode, answers);
}

/** Held kiosk responses on this PC (not yet in the log). */
export async function heldCount(app: AppContext): Promise<number> {
  const r = await surveyExec(app.db).selectFrom('survey_outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Releases the held kiosk responses of every day before today into the log: in one transaction, in a random
 * order, with no actor, so neither their order nor their timestamps say which visit of the day gave which.
 * Also forgets codes past their validity. Returns how many responses were released.
 */
export async function releaseHeldResponses(app: AppContext): Promise<number> {
  const day = today(app);
  // Reports call this before they count: a read first, so a report with nothing to release writes nothing.
  const pending = surveyExec(app.db);
  const [due, expired] = await Promise.all([
    pending.selectFrom('survey_outbox').select('id').where('day', '<', day).limit(1).executeTakeFirst(),
    pending.selectFrom('survey_token_secrets').select('visit_id').where('valid_until', '<', day).limit(1).executeTakeFirst(),
  ]);
  if (!due && !expired) return 0;
  return app.db.transaction().execute(async (tx) => {
    const db = surveyExec(tx);
    await db.deleteFrom('survey_token_secrets').where('valid_until', '<', day).execute();
    const due = await db.selectFrom('survey_outbox').selectAll().where('day', '<', day).execute();
    if (due.length === 0) return 0;
    const events: NewEvent<'survey.response_recorded'>[] = [];
    const released: string[] = [];
    for (const row of due) {
      const parsed = surveyResponsePayload.safeParse(JSON.parse(row.payload));
      if (!parsed.success) {
        // A damaged row must not hold back the others; it stays for the admin to look at.
        log.warn('survey_outbox_row_invalid', { id: row.id });
        continue;
      }
      events.push({ type: 'survey.response_recorded', aggregateId: row.response_id, payload: parsed.data });
      released.push(row.id);
    }
    // Fisher–Yates with a cryptographic source: the batch's order in the log is meaningless.
    for (let i = events.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [events[i], events[j]] = [events[j]!, events[i]!];
    }
    if (events.length > 0) await recordEventsIn(tx, app, null, events);
    for (let i = 0; i < released.length; i += 500) await db.deleteFrom('survey_outbox').where('id', 'in', released.slice(i, i + 500)).execute();
    return events.length;
  });
}
