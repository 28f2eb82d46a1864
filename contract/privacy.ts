/**
 * Personal-data duties (UU 27/2022, issue 15 item 6, ADR 0019): the responsible officer and the retention
 * period, erasure (on request, or of everyone whose retention ran out), a person's records on request, and
 * the erasure register. Spread into `api` in `api.ts`.
 */
import { z } from 'zod';
import { method, requiredText, SUPERVISOR, uuid } from './method';

export const privacySubject = z.object({
  personId: z.string(),
  name: z.string(),
  /** Masked as everywhere else (domain/personal-data.ts) unless the caller may see it whole. */
  nik: z.string().nullable(),
  phone: z.string().nullable(),
  visitCount: z.number().int().nonnegative(),
  lastVisitAt: z.number().nullable(),
});
export type PrivacySubject = z.infer<typeof privacySubject>;

export const erasureRow = z.object({
  id: z.string(),
  subjectId: z.string(),
  reason: z.enum(['retention', 'request']),
  retentionMonths: z.number().nullable(),
  note: z.string().nullable(),
  visitCount: z.number().int(),
  at: z.number(),
  actorName: z.string().nullable(),
  deviceId: z.string(),
  /** What this PC redacted for it, and how many of its own events wait for the server's acknowledgement. */
  appliedHere: z.object({ at: z.number(), redacted: z.number().int(), pending: z.number().int() }).nullable(),
});
export type ErasureRow = z.infer<typeof erasureRow>;

const erasureOutcome = z.object({ erasureId: z.string(), redacted: z.number().int(), pending: z.number().int() });

const monthsField = z
  .number({ message: 'Masa retensi harus berupa angka bulan.' })
  .int('Masa retensi harus bilangan bulat bulan.')
  .min(1, 'Masa retensi minimal 1 bulan.')
  .max(1200, 'Masa retensi maksimal 1200 bulan.');

const exportHeld = z.object({
  id: z.string(),
  month: z.string(),
  format: z.string(),
  fileName: z.string(),
  at: z.number(),
  byName: z.string().nullable(),
  deviceId: z.string().nullable(),
  deviceName: z.string().nullable(),
  personalData: z.boolean(),
  visitCount: z.number().int(),
});

const deviceHeld = z.object({ deviceId: z.string(), name: z.string().nullable(), revoked: z.boolean() });

export const breachRow = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  discoveredAt: z.number(),
  recordedByName: z.string().nullable(),
  /** discoveredAt + 3 × 24 hours (UU 27/2022 Pasal 46). */
  deadline: z.number(),
  remainingMs: z.number(),
  late: z.boolean(),
  notifiedSubjectsAt: z.number().nullable(),
  notifiedAuthorityAt: z.number().nullable(),
  closedAt: z.number().nullable(),
  /** The devices and exports named in the incident. */
  devices: z.array(deviceHeld),
  exports: z.array(exportHeld),
  /** Visitors whose data those held (not erased since): to be notified. */
  affectedVisitors: z.number().int(),
  /** Everywhere else those visitors' data is held: every workstation of the office, the server, exports with personal data of their months. */
  alsoHeldBy: z.object({ devices: z.array(deviceHeld), server: z.boolean(), exports: z.array(exportHeld) }),
});
export type BreachRow = z.infer<typeof breachRow>;

export const privacyApi = {
  /** The officer, the retention period, how many visitors are due, and the erasure register (newest first). */
  'privacy.overview': method(
    z.object({}),
    z.object({
      dpoName: z.string().nullable(),
      dpoContact: z.string().nullable(),
      retentionMonths: z.number().nullable(),
      /** Visitors whose last visit lies before the retention cutoff (0 when no period is set). */
      dueCount: z.number().int(),
      cutoff: z.number().nullable(),
      erasures: z.array(erasureRow),
    }),
    SUPERVISOR,
    false,
  ),
  'privacy.setRetention': method(z.object({ months: monthsField.nullable() }), z.object({ months: z.number().nullable() }), SUPERVISOR, true),
  /** Visitors found by NIK (digits) or name, for a request (erasure or a copy of their records). */
  'privacy.findSubjects': method(
    z.object({ query: z.string().trim().min(2, 'Ketik minimal 2 karakter NIK atau nama.').max(200) }),
    z.object({ subjects: z.array(privacySubject) }),
    SUPERVISOR,
    false,
  ),
  /** Visitors due for erasure under the retention period (oldest last visit first). */
  'privacy.retentionDue': method(
    z.object({ limit: z.number().int().min(1).max(5000).default(500) }),
    z.object({ months: z.number().nullable(), cutoff: z.number().nullable(), total: z.number().int(), subjects: z.array(privacySubject) }),
    SUPERVISOR,
    false,
  ),
  /** Erases one visitor's personal data at their request (Pasal 8 UU 27/2022): a written reason is kept. */
  'privacy.erase': method(
    z.object({ personId: uuid, note: requiredText(5, 1000, 'Dasar permintaan penghapusan') }),
    erasureOutcome,
    SUPERVISOR,
    true,
  ),
  /** Erases every visitor due under the retention period, one audited erasure each. */
  'privacy.eraseExpired': method(
    z.object({ confirm: z.literal(true, { message: 'Penghapusan harus dikonfirmasi.' }) }),
    z.object({ months: z.number(), erased: z.number().int(), redacted: z.number().int(), pending: z.number().int() }),
    SUPERVISOR,
    true,
  ),
  /** Everything held on one visitor (the person, their visits, every event naming them), as JSON. */
  'privacy.subjectExport': method(
    z.object({ personId: uuid }),
    z.object({ fileName: z.string(), json: z.string() }),
    SUPERVISOR,
    false,
  ),
  /** The same copy as a readable A4 PDF with the letterhead, in Indonesian (print/subject-export.ts). */
  'privacy.subjectExportPdf': method(
    z.object({ personId: uuid }),
    z.object({ fileName: z.string(), base64: z.string(), bytes: z.number().int() }),
    SUPERVISOR,
    false,
  ),
  /** The breach register, newest first, each with its 3 × 24-hour countdown and where the data was held. */
  'privacy.breaches': method(
    z.object({}),
    z.object({ breaches: z.array(breachRow), devices: z.array(deviceHeld), exports: z.array(exportHeld) }),
    SUPERVISOR,
    false,
  ),
  'privacy.recordBreach': method(
    z
      .object({
        discoveredAt: z.number({ message: 'Waktu diketahuinya insiden wajib diisi.' }).int().nonnegative(),
        title: requiredText(5, 200, 'Judul insiden'),
        description: z.string().trim().max(2000, 'Uraian maksimal 2000 karakter.'),
        deviceIds: z.array(z.string().min(1).max(100)).max(50),
        exportIds: z.array(uuid).max(200),
      })
      .refine((v) => v.deviceIds.length + v.exportIds.length > 0, { message: 'Pilih minimal satu komputer atau berkas ekspor yang terdampak.', path: ['deviceIds'] }),
    z.object({ breachId: z.string() }),
    SUPERVISOR,
    true,
  ),
  'privacy.notifyBreach': method(
    z.object({ breachId: uuid, recipient: z.enum(['subjects', 'authority']), note: z.string().trim().max(1000).nullable() }),
    z.object({ breachId: z.string() }),
    SUPERVISOR,
    true,
  ),
} as const;
