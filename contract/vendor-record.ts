/**
 * The vendor's record following the service (issue 14, ADR 0023): what the verifier enters when completing
 * services 1–5, and what the desk shows of the vendor's current record. Used by contract/desks.ts.
 */
import { z } from 'zod';
import { LEGAL_FORMS } from '../domain/events/schema';
import { SPSE_USER_STATES } from '../domain/events/vendor-events';
import { validateEmail, validateNpwp } from '../domain/validation';

const optionalTrimmed = z
  .string()
  .trim()
  .transform((s) => (s === '' ? null : s))
  .nullable()
  .optional();

/** "cvmaju01", "PT.SUMBER_JAYA": letters, digits and . _ - @, as SPSE user names are. */
export const SPSE_USER_ID_RE = /^[A-Za-z0-9][A-Za-z0-9._@-]{2,63}$/;

export const vendorRecordInput = z.object({
  email: optionalTrimmed.superRefine((s, ctx) => {
    if (!s) return;
    const r = validateEmail(s);
    if (!r.ok) for (const e of r.errors) ctx.addIssue({ code: 'custom', message: e.message });
  }),
  npwp: optionalTrimmed.transform((s, ctx) => {
    if (!s) return s ?? null;
    const r = validateNpwp(s);
    if (!r.ok) {
      for (const e of r.errors) ctx.addIssue({ code: 'custom', message: e.message });
      return z.NEVER;
    }
    return r.value.digits;
  }),
  legalForm: z.enum(LEGAL_FORMS, { message: 'Pilih bentuk usaha.' }).nullable().optional(),
  name: z.string().trim().max(200, 'Nama perusahaan maksimal 200 karakter.').transform((s) => (s === '' ? null : s)).nullable().optional(),
  spseUserId: optionalTrimmed.refine((s) => !s || SPSE_USER_ID_RE.test(s), 'User ID SPSE terdiri atas 3–64 huruf, angka, titik, garis bawah, tanda hubung, atau @.'),
});
export type VendorRecordInputParsed = z.output<typeof vendorRecordInput>;

export const vendorRecordView = z.object({
  kind: z.enum(['spse_activate', 'email', 'legal_form', 'npwp', 'spse_deactivate']),
  vendorId: z.string().nullable(),
  current: z
    .object({
      name: z.string(),
      legalForm: z.enum(LEGAL_FORMS),
      npwp: z.string().nullable(),
      email: z.string().nullable(),
      spseUserId: z.string().nullable(),
      spseUserState: z.enum(SPSE_USER_STATES).nullable(),
    })
    .nullable(),
  /** What this visit's completion recorded (after it was completed). */
  recorded: z.array(z.object({ field: z.string(), label: z.string(), from: z.string().nullable(), to: z.string() })).nullable(),
});
export type VendorRecordView = z.infer<typeof vendorRecordView>;

/** One entry of the vendor's history (vendors.get). */
export const vendorHistoryEntry = z.object({
  at: z.number(),
  byName: z.string().nullable(),
  serviceCode: z.string(),
  serviceName: z.string(),
  receiptNo: z.string().nullable(),
  fields: z.array(z.object({ field: z.string(), label: z.string(), from: z.string().nullable(), to: z.string() })),
});
