/**
 * Events of the personal-data duties (UU 27/2022, issue 15 item 6; ADR 0019). Kept here so the shared event
 * list only names them. Append-only like every synced payload. Imports only zod (no cycle with schema.ts).
 */
import { z } from 'zod';

const epochMs = z.number().int().nonnegative();

/** Why a person's data was erased: the retention period ran out, or they asked (Pasal 8 UU 27/2022). */
export const ERASURE_REASONS = ['retention', 'request'] as const;
export const erasureReasonSchema = z.enum(ERASURE_REASONS);
export type ErasureReason = z.infer<typeof erasureReasonSchema>;

export const subjectErasedPayload = z.object({
  at: epochMs,
  /** Only visitors (guest-book persons and their visits) for now; more kinds are new literals. */
  subjectKind: z.literal('visitor'),
  /** The person aggregate whose personal fields are erased (with every visit.registered naming it). */
  subjectId: z.string().uuid(),
  reason: erasureReasonSchema,
  /** The retention period in force (retention) or the request's reference (request). */
  retentionMonths: z.number().int().positive().nullable(),
  note: z.string().max(1000).nullable(),
  /** How many visits of the person the erasing PC held: the audit trail says what was erased, not whose. */
  visitCount: z.number().int().nonnegative(),
});
export type SubjectErasedPayload = z.infer<typeof subjectErasedPayload>;

/** A personal-data breach (insiden pelanggaran data pribadi): what was lost or exposed, found when. */
export const breachRecordedPayload = z.object({
  /** When the office learnt of it: the 3 × 24-hour notice period (UU 27/2022 Pasal 46) runs from here. */
  discoveredAt: epochMs,
  title: z.string().min(1).max(200),
  description: z.string().max(2000),
  /** Workstations lost, stolen or intruded upon (device ids as in the log). */
  deviceIds: z.array(z.string().min(1).max(100)).max(50),
  /** Exported files that went astray (report_export aggregate ids). */
  exportIds: z.array(z.string().uuid()).max(200),
});
export type BreachRecordedPayload = z.infer<typeof breachRecordedPayload>;

export const BREACH_RECIPIENTS = ['subjects', 'authority'] as const;

export const PRIVACY_EVENTS = {
  /** Aggregate 'erasure', one per erasure: the audited, synced order that every PC and the server obey. */
  'subject.erased': { aggregate: 'erasure', version: 1, payload: subjectErasedPayload },
  /** Aggregate 'breach', one per incident: the breach register. */
  'breach.recorded': { aggregate: 'breach', version: 1, payload: breachRecordedPayload },
  /** The written notice to the data subjects or to the authority was sent. */
  'breach.notified': {
    aggregate: 'breach',
    version: 1,
    payload: z.object({ at: epochMs, recipient: z.enum(BREACH_RECIPIENTS), note: z.string().max(1000).nullable() }),
  },
  'breach.closed': { aggregate: 'breach', version: 1, payload: z.object({ at: epochMs, note: z.string().max(1000).nullable() }) },
} as const;

/**
 * Office settings of the personal-data duties (members of `settings.changed`, set by the supervisor):
 * how long a visitor's personal fields are kept after their last visit (jadwal retensi arsip), in months;
 * null: no period set yet (nothing falls due; the settings screen asks for it).
 */
export const PRIVACY_SETTING_CHANGES = [z.object({ key: z.literal('retention_visitor_months'), value: z.number().int().min(1).max(1200).nullable() })] as const;

export const PRIVACY_SETTING_DEFAULTS = {
  retention_visitor_months: null as number | null,
};
