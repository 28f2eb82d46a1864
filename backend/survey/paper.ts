/**
 * Questionnaires without a code — paper forms typed in on the entry grid, and `survey import FILE.csv` — are
 * recorded at once, all rows of a submission in one transaction (a bad row refuses the whole submission
 * before anything is written). Each gets a random response id; the actor is the staff member who typed or
 * imported them (they are accountable for the entry; a paper form names nobody).
 */
import { recordEvents } from '../record';
import type { NewEvent } from '../../db/event-store';
import { QUESTIONNAIRE_VERSION } from '../../domain/survey/questionnaire';
import type { SurveyResponsePayload } from '../../domain/survey/events';
import type { AppContext } from '../context';
import { randomResponseId } from '../../trust/survey-token';

export type PaperResponse = Omit<SurveyResponsePayload, 'questionnaireVersion' | 'channel'>;

export async function recordPaperResponses(app: AppContext, actorId: string | null, rows: readonly PaperResponse[], channel: 'paper' | 'import'): Promise<number> {
  const events: NewEvent<'survey.response_recorded'>[] = rows.map((r) => ({
    type: 'survey.response_recorded',
    aggregateId: randomResponseId(),
    payload: { questionnaireVersion: QUESTIONNAIRE_VERSION, channel, ...r },
  }));
  if (events.length > 0) await recordEvents(app, actorId, events);
  return events.length;
}
