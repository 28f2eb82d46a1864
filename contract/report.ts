/**
 * The monthly report (laporan bulanan) and its exports. Spread into `api` in `api.ts`. Only the supervisor
 * sees it: it holds staff performance (Perwali Pasal 5: evaluasi kinerja pelaksana) and, in exports on
 * request, personal data.
 *
 * Exports run as a background job in the backend so the screen can show progress: `report.exportStart`
 * returns a job id, `report.exportStatus` reports progress and, when done, the file (base64). Every finished
 * export is a `report.exported` event (who, when, what, whether personal data was included).
 */
import { z } from 'zod';
import { method, SUPERVISOR } from './method';
import { monthlyComplaintsSchema } from './complaints';
import { monthlyQueueSchema } from './queue';

export const monthInput = z
  .string({ message: 'Pilih bulan laporan.' })
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Bulan harus berformat TTTT-BB, mis. 2026-11.')
  .refine((m) => Number(m.slice(0, 4)) >= 2000 && Number(m.slice(0, 4)) <= 2999, 'Tahun laporan tidak valid.');

export const EXPORT_FORMATS = ['xlsx', 'pdf', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const nullableNumber = z.number().nullable();

export const stageKeys = ['waiting', 'checking', 'processing', 'total'] as const;
export type StageKey = (typeof stageKeys)[number];

export const monthlyReportSchema = z.object({
  month: z.string(),
  monthLabel: z.string(),
  firstDay: z.string(),
  lastDay: z.string(),
  generatedAt: z.number(),
  workingDays: z.number().int(),
  totals: z.object({
    visits: z.number().int(),
    withService: z.number().int(),
    otherPurpose: z.number().int(),
    returnedVisits: z.number().int(),
    returns: z.number().int(),
    handedOver: z.number().int(),
    finished: z.number().int(),
    completed: z.number().int(),
    rejected: z.number().int(),
    open: z.number().int(),
    openOverdue: z.number().int(),
    finishedInTime: z.number().int(),
    finishedLate: z.number().int(),
    /** finishedInTime / (finishedInTime + finishedLate), in percent; null when nothing was timed. */
    inTimePct: nullableNumber,
    /** The same with excused disruption time counted (issue 9: both figures, never one alone). */
    finishedInTimeWithoutExcuse: z.number().int(),
    finishedLateWithoutExcuse: z.number().int(),
    inTimePctWithoutExcuse: nullableNumber,
    /**
     * Finished service-7 cases forwarded to the LKPP helpdesk within the limit (di luar jangka waktu layanan):
     * finishedInTime + finishedLate + outsideLimit = finished.
     */
    outsideLimit: z.number().int(),
    /** Files with excused (not counted) disruption time, and that time in working minutes. */
    excusedVisits: z.number().int(),
    excusedMinutes: z.number(),
    discretion: z.number().int(),
    forwardedLkpp: z.number().int(),
  }),
  services: z.array(
    z.object({
      code: z.string(),
      number: z.number().int(),
      name: z.string(),
      shortName: z.string(),
      limitText: z.string(),
      visits: z.number().int(),
      returnedVisits: z.number().int(),
      handedOver: z.number().int(),
      completed: z.number().int(),
      rejected: z.number().int(),
      open: z.number().int(),
      openOverdue: z.number().int(),
      finishedInTime: z.number().int(),
      finishedLate: z.number().int(),
      inTimePct: nullableNumber,
      finishedInTimeWithoutExcuse: z.number().int(),
      finishedLateWithoutExcuse: z.number().int(),
      inTimePctWithoutExcuse: nullableNumber,
      outsideLimit: z.number().int(),
      excusedVisits: z.number().int(),
      excusedMinutes: z.number(),
      /** The shorter guarantee beside the limit (service 2: 30 minutes), over finished files. */
      guarantee: z.object({ minutes: z.number(), met: z.number().int(), timed: z.number().int(), pct: nullableNumber }).nullable(),
      processingMedianMin: nullableNumber,
      processingP90Min: nullableNumber,
    }),
  ),
  /** Office-wide outages that overlap the month (their time is excused where the service allows). */
  outages: z.array(z.object({ from: z.number(), to: z.number().nullable(), kind: z.enum(['internet', 'spse']), kindLabel: z.string(), reason: z.string() })).default([]),
  stages: z.array(z.object({ stage: z.enum(stageKeys), label: z.string(), count: z.number().int(), medianMin: nullableNumber, p90Min: nullableNumber })),
  missingDocuments: z.array(z.object({ label: z.string(), itemCode: z.string(), count: z.number().int(), visits: z.number().int() })),
  returnReasons: z.array(z.object({ reason: z.string(), label: z.string(), count: z.number().int() })),
  discretion: z.array(
    z.object({ day: z.string(), receiptNo: z.string().nullable(), companyName: z.string().nullable(), serviceName: z.string(), reason: z.string().nullable(), byName: z.string().nullable() }),
  ),
  rejections: z.array(
    z.object({ day: z.string(), receiptNo: z.string().nullable(), companyName: z.string().nullable(), serviceName: z.string(), reason: z.string().nullable(), byName: z.string().nullable() }),
  ),
  staff: z.array(
    z.object({
      userId: z.string(),
      name: z.string(),
      roles: z.array(z.string()),
      registered: z.number().int(),
      handedOver: z.number().int(),
      checkingMedianMin: nullableNumber,
      finished: z.number().int(),
      completed: z.number().int(),
      rejected: z.number().int(),
      finishedInTime: z.number().int(),
      inTimePct: nullableNumber,
      processingMedianMin: nullableNumber,
    }),
  ),
  days: z.array(
    z.object({
      day: z.string(),
      weekday: z.number().int(),
      workingDay: z.boolean(),
      visits: z.number().int(),
      /** Visits per service code ("lainnya" for visits without a service). */
      byService: z.record(z.string(), z.number().int()),
    }),
  ),
  /** Services in catalogue order, as used in `days[].byService` and the charts. */
  seriesCodes: z.array(z.object({ code: z.string(), label: z.string() })),
  /** Complaints and suggestions of the month (issue 12; `report/complaints.ts`). */
  complaints: monthlyComplaintsSchema.optional(),
  /** The waiting room's queue of the month (issue 16; `report/queue.ts`). */
  queue: monthlyQueueSchema.optional(),
});
export type MonthlyReport = z.infer<typeof monthlyReportSchema>;

const exportJob = z.object({
  jobId: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  /** 0..1 */
  progress: z.number(),
  /** What is being done now (Indonesian), e.g. "Menyusun lembar rincian (4.200/10.512)". */
  phase: z.string(),
  error: z.string().nullable(),
  file: z
    .object({ fileName: z.string(), mimeType: z.string(), base64: z.string(), bytes: z.number().int(), personalData: z.boolean(), visitCount: z.number().int() })
    .nullable(),
});
export type ExportJobView = z.infer<typeof exportJob>;

export const reportApi = {
  'report.monthly': method(z.object({ month: monthInput }), monthlyReportSchema, SUPERVISOR, false),
  'report.exportStart': method(
    z.object({
      month: monthInput,
      format: z.enum(EXPORT_FORMATS, { message: 'Pilih format: xlsx, pdf, atau csv.' }),
      /** Full NIK and phone numbers instead of masked ones; must be asked for explicitly. */
      includePersonalData: z.boolean().default(false),
    }),
    z.object({ jobId: z.string() }),
    SUPERVISOR,
    true,
  ),
  'report.exportStatus': method(z.object({ jobId: z.string().uuid({ message: 'Pengenal ekspor tidak valid.' }) }), exportJob, SUPERVISOR, false),
  /** The export log: who exported which month, and whether personal data was included. */
  'report.exports': method(
    z.object({ limit: z.number().int().min(1).max(500).default(100) }),
    z.object({
      entries: z.array(
        z.object({
          at: z.number(),
          byName: z.string().nullable(),
          month: z.string(),
          format: z.string(),
          personalData: z.boolean(),
          visitCount: z.number().int(),
          fileName: z.string(),
          sha256: z.string(),
          via: z.string(),
        }),
      ),
    }),
    SUPERVISOR,
    false,
  ),
} as const;
