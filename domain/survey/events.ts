/**
 * Events of the satisfaction survey (spread into `EVENT_TYPES` in `domain/events/schema.ts`). Stand-alone:
 * imports only zod and the questionnaire data, so the shared schema module has no import cycle.
 * Synced payloads are append-only contracts: never rename or drop a field, only add optional ones.
 *
 * What each event may and may not carry is the rule of docs/adr/0010:
 * - `survey.token_issued` (aggregate `survey_token`, id `skm-token:<visit id>`) names the visit and the
 *   SHA-256 of its survey code, never the code. One per visit: the first in fold order wins.
 * - `survey.response_recorded` (aggregate `survey_response`) names no visit, person, staff member, code or
 *   code hash, and no time finer than the day. Its aggregate id is `skm:` + a second, independent hash of the
 *   code (so a code answers once, however many times it is used), or random for paper questionnaires.
 *   Responses from the kiosk carry no actor and enter the log in a shuffled batch after their day ends.
 * - `survey.plan_set` (aggregate `survey_plan`, id `skm-plan:<period key>`): the supervisor's improvement
 *   plan and its follow-up for a period; the last one in fold order is the plan.
 */
import { z } from 'zod';
import { AGE_GROUPS, CHANNELS, EDUCATIONS, ELEMENT_CODES, OCCUPATIONS, SEXES } from './questionnaire';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const answer = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).nullable();

export const answersSchema = z.object(Object.fromEntries(ELEMENT_CODES.map((c) => [c, answer])) as Record<(typeof ELEMENT_CODES)[number], typeof answer>);

export const surveyTokenIssuedPayload = z.object({
  visitId: z.string().uuid(),
  /** SHA-256 of "LPSE-SKM|token|" + the code (backend/survey/token.ts). */
  tokenHash: hex64,
  /** The service the visit received, so a response given with the code knows it without asking. */
  serviceCode: z.string().max(64),
  issuedDay: isoDate,
  /** Last day the code is accepted (inclusive). */
  validUntil: isoDate,
});
export type SurveyTokenIssuedPayload = z.infer<typeof surveyTokenIssuedPayload>;

export const surveyResponsePayload = z.object({
  questionnaireVersion: z.number().int().positive(),
  /** WITA day the questionnaire was answered (paper: the date written on it). */
  day: isoDate,
  serviceCode: z.string().min(1).max(64),
  channel: z.enum(CHANNELS),
  sex: z.enum(SEXES).nullable(),
  ageGroup: z.enum(AGE_GROUPS).nullable(),
  education: z.enum(EDUCATIONS).nullable(),
  occupation: z.enum(OCCUPATIONS).nullable(),
  answers: answersSchema.refine((a) => Object.values(a).some((v) => v !== null), 'at least one element answered'),
});
export type SurveyResponsePayload = z.infer<typeof surveyResponsePayload>;

export const PLAN_STATUSES = ['rencana', 'proses', 'selesai'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
/** How an improvement plan's status reads on screen and in the SKM report. */
export const PLAN_STATUS_LABEL: Readonly<Record<PlanStatus, string>> = { rencana: 'Rencana', proses: 'Dalam proses', selesai: 'Selesai' };

export const planItemSchema = z.object({
  element: z.enum(ELEMENT_CODES),
  /** What the survey showed (e.g. "Waktu penyelesaian dirasa lama saat antrean ramai"). */
  problem: z.string().max(1000),
  /** Program or activity to improve it (rencana tindak lanjut). */
  action: z.string().min(1).max(1000),
  /** When (e.g. "Triwulan I 2027"). */
  timeframe: z.string().max(200),
  /** Who is responsible. */
  responsible: z.string().max(200),
  /** What was done (tindak lanjut / realisasi). */
  followUp: z.string().max(2000),
  status: z.enum(PLAN_STATUSES),
});
export type PlanItem = z.infer<typeof planItemSchema>;

export const surveyPlanPayload = z.object({
  period: z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-S[12])?$/),
  items: z.array(planItemSchema).max(30),
  note: z.string().max(2000).nullable(),
});
export type SurveyPlanPayload = z.infer<typeof surveyPlanPayload>;

export const SURVEY_EVENTS = {
  'survey.token_issued': { aggregate: 'survey_token', version: 1, payload: surveyTokenIssuedPayload },
  'survey.response_recorded': { aggregate: 'survey_response', version: 1, payload: surveyResponsePayload },
  'survey.plan_set': { aggregate: 'survey_plan', version: 1, payload: surveyPlanPayload },
} as const;

export const surveyTokenAggregateId = (visitId: string) => `skm-token:${visitId}`;
export const surveyPlanAggregateId = (periodKey: string) => `skm-plan:${periodKey}`;
/** Prefix of response aggregate ids; the rest is 64 hex digits (a hash of the code, or random). */
export const SURVEY_RESPONSE_ID_PREFIX = 'skm:';
export const SURVEY_RESPONSE_ID_RE = /^skm:[0-9a-f]{64}$/;
