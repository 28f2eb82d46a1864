/**
 * Evaluasi kinerja pelaksana (Perwali Banjarmasin 67/2018 Pasal 5, issue 14, ADR 0023): per officer and
 * month, from the log's own records — files handled, on time, returned, complaints concerning the files
 * they handled, and the survey results of the services they handled. For both heads of the unit.
 */
import { z } from 'zod';
import { method, SUPERVISOR } from './method';
import { monthInput } from './report';

const nullableNumber = z.number().nullable();

export const officerEvaluation = z.object({
  userId: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
  /** Guest book: visits registered; files checked and handed over; returns recorded (Daftar Kekurangan Berkas). */
  registered: z.number().int(),
  handedOver: z.number().int(),
  returned: z.number().int(),
  /** Desk: outcomes recorded (completed + rejected), of them within the limit / late. */
  finished: z.number().int(),
  completed: z.number().int(),
  rejected: z.number().int(),
  finishedInTime: z.number().int(),
  finishedLate: z.number().int(),
  inTimePct: nullableNumber,
  /** Files they hold at a desk past their limit as of generation time. */
  overdueOpen: z.number().int(),
  /** Complaints received in the month about a visit they registered, handed over or handled. */
  complaints: z.array(z.object({ number: z.string(), receiptNo: z.string().nullable(), stage: z.string() })),
  /** The satisfaction survey of the services they handled in the month (not of the officer: responses are anonymous). */
  survey: z.array(z.object({ serviceCode: z.string(), serviceName: z.string(), respondents: z.number().int(), ikm: nullableNumber })),
});
export type OfficerEvaluation = z.infer<typeof officerEvaluation>;

export const staffEvaluation = z.object({
  month: z.string(),
  label: z.string(),
  generatedAt: z.number(),
  officers: z.array(officerEvaluation),
  /** How each figure is counted, printed with it. */
  definitions: z.array(z.string()),
});
export type StaffEvaluation = z.infer<typeof staffEvaluation>;

export const evaluationApi = {
  'evaluation.month': method(z.object({ month: monthInput }), staffEvaluation, SUPERVISOR, false),
  'evaluation.pdf': method(z.object({ month: monthInput }), z.object({ base64: z.string(), fileName: z.string(), bytes: z.number().int() }), SUPERVISOR, false),
} as const;
