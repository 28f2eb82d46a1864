/**
 * The one declaration of the API between the renderer and the backend (DESIGN §1). The Electron IPC
 * registration, the preload's `window.counter`, the browser shell's HTTP routes and the renderer's types are
 * all derived from this object. Each method: a zod input, a zod output, and who may call it.
 */
import { z } from 'zod';
import { catalogueSchema } from '../domain/catalogue/schema';
import { LEGAL_FORMS, roleSchema, visitorRoleSchema } from '../domain/events/schema';
import { validateEmail, validateNik, validateNpwp, validatePhone } from '../domain/validation';
import { newPassword, password, username } from './account-fields';
import { calendarApi } from './calendar';
import { complaintsApi } from './complaints';
import { desksApi } from './desks';
import { excusedApi } from './excused';
import { printApi } from './print';
import { reportApi } from './report';
import { staffApi } from './staff';
import { syncApi } from './sync';
import { securityApi } from './security';
import { privacyApi } from './privacy';
import { VISIT_STAGE_KEYS } from '../domain/visit-status';
import { isoDate, method, optionalText, PUBLIC, roles, SIGNED_IN, uuid, type MethodDef } from './method';
import { surveyApi } from './survey';
import { queueApi } from './queue';
import { standardApi } from './standard';
import { dataSafetyApi, storageState } from './data-safety';
import { maklumatApi } from './maklumat';
import { vendorHistoryEntry } from './vendor-record';
import { evaluationApi } from './evaluation';

export { method, PUBLIC, roles, SIGNED_IN, type Access, type MethodDef } from './method';

const trimmed = (min: number, max: number, label: string) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? `${label} wajib diisi.` : `${label} minimal ${min} karakter.`)
    .max(max, `${label} maksimal ${max} karakter.`);

// ---- shared output shapes -------------------------------------------------------------------------------

export const userSummary = z.object({ id: z.string(), username: z.string(), displayName: z.string(), roles: z.array(roleSchema) });
export type UserSummary = z.infer<typeof userSummary>;

export const sessionInfo = z.object({ token: z.string(), user: userSummary, expiresAt: z.number() });
export type SessionInfo = z.infer<typeof sessionInfo>;

export const vendorSummary = z.object({
  id: z.string(),
  name: z.string(),
  legalForm: z.enum(LEGAL_FORMS),
  npwp: z.string().nullable(),
  npwpFormatted: z.string().nullable(),
  address: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  leaderName: z.string().nullable(),
  /** Issue 14: the SPSE User ID recorded by service 1 or 5, and its state. */
  spseUserId: z.string().nullable().optional(),
  spseUserState: z.enum(['active', 'deactivated']).nullable().optional(),
});
export type VendorSummary = z.infer<typeof vendorSummary>;

export const personSummary = z.object({
  id: z.string(),
  name: z.string(),
  /** Masked ("6371••••••••0001") for roles that do not need the full number. */
  nik: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  vendorId: z.string().nullable(),
  companyName: z.string().nullable(),
});
export type PersonSummary = z.infer<typeof personSummary>;

export const visitStatusSchema = z.enum([
  'registered',
  'checking',
  'returned',
  'handed_over',
  'closed',
  // after the handover, at the verifier's / system admin's desk (contract/desks.ts)
  'in_process',
  'waiting_vendor',
  'at_lkpp',
  'completed',
  'rejected',
]);
export type VisitStatusValue = z.infer<typeof visitStatusSchema>;

export const visitRow = z.object({
  id: z.string(),
  day: z.string(),
  arrivedAt: z.number(),
  visitorName: z.string(),
  companyName: z.string().nullable(),
  visitorRole: visitorRoleSchema,
  serviceCode: z.string().nullable(),
  serviceName: z.string().nullable(),
  purposeNote: z.string().nullable(),
  status: visitStatusSchema,
  returnedCount: z.number(),
  handedOverAt: z.number().nullable(),
  /** The handling unit's code (domain/catalogue/units.ts). */
  handedOverTo: z.string().nullable(),
  /** The unit's name in the visit's catalogue version ("Verifikator", "Unit Layanan Pengaduan"). Optional: additive. */
  handedOverToName: z.string().nullable().optional(),
  receiptNo: z.string().nullable(),
  discretion: z.boolean(),
});
export type VisitRow = z.infer<typeof visitRow>;

export const checklistItemView = z.object({
  code: z.string(),
  label: z.string(),
  description: z.string(),
  original: z.enum(['show', 'submit', 'none']),
  copyRequired: z.boolean(),
  mustBeValid: z.boolean(),
  needsMeterai: z.boolean(),
  proxyOnly: z.boolean(),
  signedByLeader: z.boolean(),
  mark: z
    .object({
      originalSeen: z.boolean(),
      copyReceived: z.boolean(),
      validUntil: z.string().nullable(),
      noExpiry: z.boolean(),
      meteraiOk: z.boolean(),
      notBrought: z.boolean(),
      note: z.string().nullable(),
      at: z.number(),
      by: z.string().nullable(),
    })
    .nullable(),
  verdict: z.enum(['ok', 'not_brought', 'original_not_shown', 'copy_missing', 'expired', 'no_validity_date', 'no_meterai', 'unchecked']),
});
export type ChecklistItemView = z.infer<typeof checklistItemView>;

export const timelineEntry = z.object({ at: z.number(), type: z.string(), actorName: z.string().nullable(), summary: z.string() });

export const visitDetail = z.object({
  visit: visitRow,
  person: personSummary,
  vendor: vendorSummary.nullable(),
  service: z
    .object({
      code: z.string(),
      number: z.number(),
      name: z.string(),
      timeLimitText: z.string(),
      handlerRole: z.string(),
      /** The handling unit's name in the visit's catalogue version (issue 14). */
      handlerName: z.string(),
      catalogueVersion: z.number(),
      /** From the catalogue version the visit started with (issue 14): shown step by step where it is served. */
      procedure: z.array(z.string()),
      serviceGuarantee: z.array(z.string()),
      product: z.string(),
      fee: z.string(),
    })
    .nullable(),
  checklist: z.array(checklistItemView),
  summary: z.object({ total: z.number(), satisfied: z.number(), complete: z.boolean() }),
  returns: z.array(
    z.object({
      at: z.number(),
      byName: z.string().nullable(),
      note: z.string().nullable(),
      missing: z.array(z.object({ itemCode: z.string(), label: z.string(), reason: z.string() })),
    }),
  ),
  timeline: z.array(timelineEntry),
  /**
   * Handovers of this visit after the first (two PCs handed it over while offline): each receipt given out
   * stays valid and is shown, so the conflict is seen and settled by people (ADR 0011).
   */
  receiptConflicts: z.array(z.object({ receiptNo: z.string(), at: z.number(), byName: z.string().nullable() })).default([]),
  /** When the personal-data notice was given (UU 27/2022); null for visits recorded before it was kept. */
  privacyNoticeAt: z.number().nullable().default(null),
});
export type VisitDetail = z.infer<typeof visitDetail>;

// ---- inputs ---------------------------------------------------------------------------------------------

// Username and password rules live in account-fields.ts, shared with staff management (contract/staff.ts).

const nikField = z
  .string()
  .trim()
  .transform((s, ctx) => {
    if (s === '') return null;
    const r = validateNik(s);
    if (!r.ok) {
      for (const e of r.errors) ctx.addIssue({ code: 'custom', message: e.message });
      return z.NEVER;
    }
    return r.value.digits;
  })
  .nullable();

const phoneField = z
  .string()
  .trim()
  .transform((s, ctx) => {
    if (s === '') return null;
    const r = validatePhone(s);
    if (!r.ok) {
      for (const e of r.errors) ctx.addIssue({ code: 'custom', message: e.message });
      return z.NEVER;
    }
    return r.value.e164;
  })
  .nullable();

const emailField = z
  .string()
  .trim()
  .transform((s, ctx) => {
    if (s === '') return null;
    const r = validateEmail(s);
    if (!r.ok) {
      for (const e of r.errors) ctx.addIssue({ code: 'custom', message: e.message });
      return z.NEVER;
    }
    return r.value.address;
  })
  .nullable();

const npwpField = z
  .string()
  .trim()
  .transform((s, ctx) => {
    if (s === '') return null;
    const r = validateNpwp(s);
    if (!r.ok) {
      for (const e of r.errors) ctx.addIssue({ code: 'custom', message: e.message });
      return z.NEVER;
    }
    return r.value.digits;
  })
  .nullable();

export const registerVisitInput = z
  .object({
    person: z.object({
      id: uuid.nullable(),
      name: trimmed(1, 200, 'Nama pemohon'),
      nik: nikField,
      phone: phoneField,
      email: emailField,
    }),
    company: z
      .object({
        id: uuid.nullable(),
        name: trimmed(1, 200, 'Nama perusahaan'),
        legalForm: z.enum(LEGAL_FORMS, { message: 'Pilih bentuk usaha.' }),
        npwp: npwpField,
        address: optionalText(500, 'Alamat'),
        email: emailField,
        phone: phoneField,
        leaderName: optionalText(200, 'Nama pimpinan'),
      })
      .nullable(),
    visitorRole: visitorRoleSchema,
    /** A catalogue service code, or null for "lainnya" (another purpose, described in purposeNote). */
    serviceCode: z.string().max(64).nullable(),
    purposeNote: optionalText(1000, 'Keterangan keperluan'),
    /** Shown the personal-data notice (UU 27/2022): recorded for accountability. */
    privacyNoticeShown: z.literal(true, { message: 'Pemberitahuan pelindungan data pribadi harus disampaikan kepada pemohon.' }),
  })
  .superRefine((v, ctx) => {
    if (v.serviceCode === null && !v.purposeNote) {
      ctx.addIssue({ code: 'custom', path: ['purposeNote'], message: 'Untuk keperluan "lainnya", keterangan keperluan wajib diisi.' });
    }
    if (v.serviceCode !== null && v.company === null) {
      ctx.addIssue({ code: 'custom', path: ['company', 'name'], message: 'Data perusahaan wajib diisi untuk layanan ini.' });
    }
    if (v.serviceCode !== null && v.person.nik === null) {
      ctx.addIssue({ code: 'custom', path: ['person', 'nik'], message: 'NIK pemohon wajib diisi untuk layanan ini.' });
    }
  });
export type RegisterVisitInput = z.input<typeof registerVisitInput>;

const visitIdInput = z.object({ visitId: uuid });

export const markItemInput = z.object({
  visitId: uuid,
  itemCode: z.string().min(1).max(64),
  originalSeen: z.boolean(),
  copyReceived: z.boolean(),
  validUntil: isoDate.nullable(),
  /** "Berlaku tanpa batas waktu": for an item that must be valid and has no expiry date (NIB, akta). */
  noExpiry: z.boolean().default(false),
  meteraiOk: z.boolean(),
  notBrought: z.boolean(),
  note: optionalText(500, 'Catatan'),
}).superRefine((v, ctx) => {
  if (v.noExpiry && v.validUntil !== null) {
    ctx.addIssue({ code: 'custom', path: ['noExpiry'], message: 'Pilih salah satu: tanggal masa berlaku, atau berlaku tanpa batas waktu.' });
  }
});
export type MarkItemInput = z.input<typeof markItemInput>;

export const visitListInput = z.object({
  day: isoDate.optional(),
  status: visitStatusSchema.optional(),
  /** A guest-book tab: the statuses of one stage (domain/visit-status.ts). */
  stage: z.enum(VISIT_STAGE_KEYS).optional(),
  /** Every day instead of `day` (the returned files a vendor comes back for, days later). */
  anyDay: z.boolean().default(false),
  query: z.string().trim().max(100).optional(),
  limit: z.number().int().min(1).max(500).default(200),
});

const appStatus = z.object({
  setupRequired: z.boolean(),
  deviceId: z.string(),
  appVersion: z.string(),
  schemaVersion: z.number(),
  now: z.number(),
  today: z.string(),
  catalogueVersion: z.number(),
  transport: z.enum(['electron', 'browser']),
  dataDir: z.string(),
  /** Normal, read-only or damaged (issue 15): the app's banner. */
  storage: storageState,
});
export type AppStatus = z.infer<typeof appStatus>;

// ---- the API --------------------------------------------------------------------------------------------

export const api = {
  'app.status': method(z.object({}), appStatus, PUBLIC, false),
  'auth.setup': method(
    z.object({
      username,
      displayName: trimmed(1, 200, 'Nama lengkap'),
      password: newPassword,
      /** The data-protection officer (UU 27/2022), asked for at setup; also editable in the office settings. */
      dpoName: optionalText(200, 'Nama pejabat pelindungan data pribadi').optional(),
      dpoContact: optionalText(200, 'Kontak pejabat pelindungan data pribadi').optional(),
    }),
    sessionInfo,
    PUBLIC,
    true,
  ),
  'auth.signIn': method(z.object({ username, password }), sessionInfo, PUBLIC, false),
  'auth.signOut': method(z.object({}), z.object({}), SIGNED_IN, false),
  'auth.me': method(z.object({}), sessionInfo, SIGNED_IN, false),

  'catalogue.active': method(z.object({}), catalogueSchema, SIGNED_IN, false),
  'catalogue.get': method(z.object({ version: z.number().int().positive() }), catalogueSchema, SIGNED_IN, false),

  'lookup.search': method(
    z.object({ query: z.string().trim().min(1, 'Ketik minimal 1 karakter.').max(100) }),
    z.object({
      vendors: z.array(vendorSummary.extend({ openReturnedVisits: z.number() })),
      persons: z.array(personSummary),
    }),
    roles('helpdesk', 'supervisor'),
    false,
  ),
  'vendors.get': method(
    z.object({ id: uuid }),
    // `history` (issue 14): services that changed the record, newest first, with the old values.
    z.object({ vendor: vendorSummary, contacts: z.array(personSummary), recentVisits: z.array(visitRow), history: z.array(vendorHistoryEntry).optional() }),
    roles('helpdesk', 'supervisor'),
    false,
  ),

  'visits.register': method(registerVisitInput, z.object({ visit: visitDetail, warnings: z.array(z.object({ path: z.string(), message: z.string() })) }), roles('helpdesk', 'supervisor'), true),
  'visits.list': method(visitListInput, z.object({ day: z.string(), rows: z.array(visitRow), countsByStatus: z.record(z.string(), z.number()) }), SIGNED_IN, false),
  'visits.get': method(visitIdInput, visitDetail, SIGNED_IN, false),
  'visits.startChecklist': method(visitIdInput, visitDetail, roles('helpdesk', 'supervisor'), true),
  'visits.markItem': method(markItemInput, visitDetail, roles('helpdesk', 'supervisor'), true),
  'visits.returnIncomplete': method(z.object({ visitId: uuid, note: optionalText(1000, 'Catatan') }), visitDetail, roles('helpdesk', 'supervisor'), true),
  'visits.resume': method(visitIdInput, visitDetail, roles('helpdesk', 'supervisor'), true),
  'visits.handOver': method(visitIdInput, visitDetail, roles('helpdesk', 'supervisor'), true),
  'visits.close': method(z.object({ visitId: uuid, note: optionalText(1000, 'Catatan') }), visitDetail, roles('helpdesk', 'supervisor'), true),
  ...staffApi,
  ...calendarApi,
  ...desksApi,
  ...excusedApi,
  ...printApi,
  ...reportApi,
  ...syncApi,
  ...complaintsApi,
  ...securityApi,
  ...surveyApi,
  ...queueApi,
  ...standardApi,
  ...dataSafetyApi,
  ...privacyApi,
  ...maklumatApi,
  ...evaluationApi,
} as const satisfies Record<string, MethodDef>;

export type Api = typeof api;
export type MethodName = keyof Api;
export type InputOf<M extends MethodName> = z.input<Api[M]['input']>;
export type ParsedInputOf<M extends MethodName> = z.output<Api[M]['input']>;
export type OutputOf<M extends MethodName> = z.output<Api[M]['output']>;
export const METHOD_NAMES = Object.keys(api) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(api, name);
}
