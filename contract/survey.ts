/**
 * The satisfaction survey (SKM, PermenPANRB 14/2017; docs/adr/0010). Spread into `api` in `api.ts`.
 *
 * Staff methods (signed in): the kiosk's opening, status, start for a visit, cancel and close; a visit's
 * survey state; paper questionnaires and CSV import; the SKM report, the IKM figures, exports and the
 * poster; the improvement plan (supervisor).
 *
 * Kiosk methods (`survey.kiosk*` taking `kioskToken`): public in the session sense — the kiosk window holds
 * no staff session — and accepted only with the token of the kiosk this PC opened, so the kiosk can take a
 * code, answer, and go back to its start, and nothing else.
 */
import { z } from 'zod';
import { method, PUBLIC, roles, SUPERVISOR, uuid } from './method';
import { PLAN_STATUSES, answersSchema } from '../domain/survey/events';
import { PERIOD_KEY_RE, PERIOD_KINDS } from '../domain/survey/period';
import { AGE_GROUPS, EDUCATIONS, ELEMENT_CODES, MAX_AGE, MIN_AGE, OCCUPATIONS, SEXES } from '../domain/survey/questionnaire';

/** Everyone who serves at the counter may open the kiosk and type paper questionnaires. */
const STAFF = roles('helpdesk', 'verifier', 'sysadmin', 'supervisor');

const kioskToken = z.string().min(20).max(100);
const isoDate = (label: string) =>
  z
    .string({ message: `${label} wajib diisi.` })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label} harus berformat TTTT-BB-HH.`);
const gradeSchema = z.enum(['A', 'B', 'C', 'D']);
const serviceCodeInput = z.string().trim().min(1, 'Pilih layanan.').max(64);

const nullableEnum = <T extends readonly [string, ...string[]]>(values: T, message: string) => z.enum(values, { message }).nullable();

/** What a respondent gives: the standard profile (each may be left empty) and U1–U9 (1–4 or unanswered). */
export const responseInput = z.object({
  sex: nullableEnum(SEXES, 'Jenis kelamin: L atau P.'),
  ageGroup: nullableEnum(AGE_GROUPS, 'Kelompok usia tidak dikenal.'),
  education: nullableEnum(EDUCATIONS, 'Pendidikan tidak dikenal.'),
  occupation: nullableEnum(OCCUPATIONS, 'Pekerjaan tidak dikenal.'),
  answers: answersSchema.refine((a) => Object.values(a).some((v) => v !== null), 'Jawab paling sedikit satu pertanyaan.'),
});
export type ResponseInput = z.infer<typeof responseInput>;

/** One paper questionnaire typed on the entry grid. */
export const paperRowInput = z.object({
  day: isoDate('Tanggal pengisian'),
  serviceCode: serviceCodeInput,
  sex: nullableEnum(SEXES, 'Jenis kelamin: L atau P.'),
  /** Whole years as written on the form; kept as its age group only. */
  age: z
    .number({ message: `Usia harus angka ${MIN_AGE}–${MAX_AGE}.` })
    .int(`Usia harus bilangan bulat.`)
    .min(MIN_AGE, `Usia paling rendah ${MIN_AGE} tahun.`)
    .max(MAX_AGE, `Usia paling tinggi ${MAX_AGE} tahun.`)
    .nullable(),
  education: nullableEnum(EDUCATIONS, 'Pendidikan tidak dikenal.'),
  occupation: nullableEnum(OCCUPATIONS, 'Pekerjaan tidak dikenal.'),
  answers: answersSchema.refine((a) => Object.values(a).some((v) => v !== null), 'Kuesioner kosong: isi paling sedikit satu jawaban.'),
});
export type PaperRowInput = z.input<typeof paperRowInput>;

export const kioskViewSchema = z.object({
  version: z.number().int(),
  state: z.enum(['standby', 'survey', 'closed']),
  survey: z.object({ assignmentId: z.string(), serviceName: z.string(), startedAt: z.number() }).nullable(),
  officeName: z.string(),
});
export type KioskView = z.infer<typeof kioskViewSchema>;

export const kioskStatusSchema = z.object({
  open: z.boolean(),
  /** The kiosk window asked for work in the last 40 s. */
  connected: z.boolean(),
  busy: z.object({ serviceName: z.string(), startedAt: z.number(), visitId: z.string().nullable(), byCode: z.boolean() }).nullable(),
});
export type KioskStatus = z.infer<typeof kioskStatusSchema>;

export const visitSurveyStateSchema = z.enum(['not_eligible', 'not_issued', 'here', 'elsewhere', 'spent', 'expired']);

const countRow = z.object({ key: z.string(), label: z.string(), count: z.number().int() });

export const surveyReportSchema = z.object({
  period: z.object({ key: z.string().nullable(), kind: z.enum(PERIOD_KINDS).nullable(), label: z.string(), from: z.string(), to: z.string() }),
  serviceCode: z.string().nullable(),
  serviceName: z.string().nullable(),
  generatedAt: z.number(),
  respondents: z.number().int(),
  /** Visits registered for a service in the period (for one service: that service). */
  population: z.number().int(),
  minimumSample: z.number().int(),
  sampleSufficient: z.boolean(),
  elements: z.array(
    z.object({
      code: z.enum(ELEMENT_CODES),
      name: z.string(),
      shortName: z.string(),
      answered: z.number().int(),
      sum: z.number().int(),
      nrr: z.number().nullable(),
      nrrConverted: z.number().nullable(),
      category: gradeSchema.nullable(),
      categoryLabel: z.string().nullable(),
    }),
  ),
  ikm: z.number().nullable(),
  ikmConverted: z.number().nullable(),
  grade: gradeSchema.nullable(),
  gradeLabel: z.string().nullable(),
  /** Why there is no IKM (Indonesian), or null. */
  problem: z.string().nullable(),
  lowest: z.array(z.object({ code: z.enum(ELEMENT_CODES), name: z.string(), nrrConverted: z.number() })),
  profile: z.object({ sex: z.array(countRow), ageGroup: z.array(countRow), education: z.array(countRow), occupation: z.array(countRow) }),
  channels: z.array(countRow),
  services: z.array(
    z.object({
      code: z.string(),
      number: z.number().int().nullable(),
      name: z.string(),
      respondents: z.number().int(),
      population: z.number().int(),
      minimumSample: z.number().int(),
      /** Respondents ≥ the service's own minimum sample: only then are its IKM and grade given. */
      sufficient: z.boolean(),
      ikmConverted: z.number().nullable(),
      grade: gradeSchema.nullable(),
    }),
  ),
  /** Responses given twice with the same code (counted once). */
  duplicatesIgnored: z.number().int(),
  /** Kiosk responses on this PC waiting for their day to end before entering the log. */
  heldOnThisPc: z.number().int(),
  plan: z
    .object({
      period: z.string(),
      items: z.array(
        z.object({
          element: z.enum(ELEMENT_CODES),
          problem: z.string(),
          action: z.string(),
          timeframe: z.string(),
          responsible: z.string(),
          followUp: z.string(),
          status: z.enum(PLAN_STATUSES),
        }),
      ),
      note: z.string().nullable(),
      updatedAt: z.number(),
      updatedByName: z.string().nullable(),
    })
    .nullable(),
});
export type SurveyReport = z.infer<typeof surveyReportSchema>;

/** The figures of `ikm --json`, field for field as issue 13 names them. */
export const ikmFiguresSchema = z.object({
  respondents: z.number().int(),
  population: z.number().int(),
  minimumSample: z.number().int(),
  elements: z.record(z.enum(ELEMENT_CODES), z.object({ answered: z.number().int(), sum: z.number().int(), nrr: z.number().nullable() })),
  ikm: z.number().nullable(),
  ikmConverted: z.number().nullable(),
  grade: gradeSchema.nullable(),
});
export type IkmFigures = z.infer<typeof ikmFiguresSchema>;

const periodKey = z
  .string({ message: 'Pilih periode.' })
  .trim()
  .regex(PERIOD_KEY_RE, 'Periode harus berupa TTTT-BB (bulan), TTTT-Qn (triwulan), TTTT-Sn (semester), atau TTTT (tahun).')
  .refine((k) => Number(k.slice(0, 4)) >= 2000 && Number(k.slice(0, 4)) <= 2999, 'Tahun periode tidak valid.');

const rangeInput = z
  .object({ from: isoDate('Tanggal awal'), to: isoDate('Tanggal akhir'), serviceCode: serviceCodeInput.nullable().default(null) })
  .refine((r) => r.from <= r.to, { message: 'Tanggal awal harus sebelum atau sama dengan tanggal akhir.', path: ['to'] });

export const planItemInput = z.object({
  element: z.enum(ELEMENT_CODES, { message: 'Pilih unsur pelayanan.' }),
  problem: z.string().trim().max(1000, 'Permasalahan maksimal 1000 karakter.'),
  action: z.string().trim().min(1, 'Program/kegiatan perbaikan wajib diisi.').max(1000, 'Program/kegiatan maksimal 1000 karakter.'),
  timeframe: z.string().trim().max(200, 'Waktu maksimal 200 karakter.'),
  responsible: z.string().trim().max(200, 'Penanggung jawab maksimal 200 karakter.'),
  followUp: z.string().trim().max(2000, 'Tindak lanjut maksimal 2000 karakter.'),
  status: z.enum(PLAN_STATUSES, { message: 'Status: rencana, proses, atau selesai.' }),
});

export const SURVEY_EXPORT_FORMATS = ['xlsx', 'pdf', 'poster'] as const;


export const surveyApi = {
  // ---- staff: the kiosk --------------------------------------------------------------------------------
  /** Opens this PC's kiosk (or returns the open one). The desktop app opens its window itself. */
  'survey.kioskOpen': method(z.object({}), z.object({ kioskToken: z.string(), windowOpened: z.boolean() }), STAFF, false),
  'survey.kioskStatus': method(z.object({}), kioskStatusSchema, STAFF, false),
  /** Puts the survey of a visit just served on the kiosk (issuing the visit's code when it has none). */
  'survey.kioskStart': method(z.object({ visitId: uuid }), kioskStatusSchema, STAFF, true),
  /** Takes the survey off the kiosk (the visitor left); the code stays unused. */
  'survey.kioskCancel': method(z.object({}), kioskStatusSchema, STAFF, false),
  'survey.kioskClose': method(z.object({}), kioskStatusSchema, STAFF, false),
  /** The survey state of a visit on this PC, for the visit screen. */
  'survey.visitStatus': method(
    z.object({ visitId: uuid }),
    z.object({ state: visitSurveyStateSchema, message: z.string(), validUntil: z.string().nullable(), kiosk: kioskStatusSchema }),
    STAFF,
    false,
  ),
  /** Visits this staff member served today, newest first, with their survey state (the kiosk widget). */
  'survey.recentServed': method(
    z.object({}),
    z.object({
      visits: z.array(z.object({ visitId: z.string(), at: z.number(), visitorName: z.string(), companyName: z.string().nullable(), serviceName: z.string(), state: visitSurveyStateSchema })),
    }),
    STAFF,
    false,
  ),

  // ---- the kiosk window ----------------------------------------------------------------------------------
  /** Long-poll: answers at once when the kiosk changed since `version`, else within 25 s. */
  'survey.kioskWait': method(z.object({ kioskToken, version: z.number().int().min(0) }), kioskViewSchema, PUBLIC, false),
  /** A visitor types or scans the survey code from their receipt. */
  'survey.kioskRedeem': method(z.object({ kioskToken, code: z.string().trim().min(1, 'Ketik kode survei.').max(500) }), kioskViewSchema, PUBLIC, true),
  'survey.kioskSubmit': method(
    z.object({ kioskToken, assignmentId: z.string().uuid(), response: responseInput }),
    z.object({ message: z.string(), view: kioskViewSchema }),
    PUBLIC,
    true,
  ),
  /** Back to the start (the visitor pressed "Batal", or 60 s passed without a touch). */
  'survey.kioskReset': method(z.object({ kioskToken, assignmentId: z.string().uuid() }), kioskViewSchema, PUBLIC, false),

  // ---- staff: paper and import ---------------------------------------------------------------------------
  'survey.recordPaper': method(
    z.object({ rows: z.array(paperRowInput).min(1, 'Belum ada kuesioner yang diisi.').max(500, 'Paling banyak 500 kuesioner sekali simpan.') }),
    z.object({ recorded: z.number().int() }),
    STAFF,
    true,
  ),
  'survey.importCsv': method(
    z.object({ csv: z.string().min(1, 'Berkas CSV kosong.').max(8_000_000, 'Berkas CSV terlalu besar (paling besar sekitar 8 MB).') }),
    z.object({ recorded: z.number().int() }),
    STAFF,
    true,
  ),

  // ---- the report ----------------------------------------------------------------------------------------
  'survey.report': method(z.object({ period: periodKey, serviceCode: serviceCodeInput.nullable().default(null) }), surveyReportSchema, STAFF, false),
  /** The figures of a free date range (CLI `ikm`). */
  'survey.ikm': method(rangeInput, ikmFiguresSchema, STAFF, false),
  'survey.export': method(
    z.object({
      period: periodKey,
      serviceCode: serviceCodeInput.nullable().default(null),
      format: z.enum(SURVEY_EXPORT_FORMATS, { message: 'Pilih format: xlsx, pdf, atau poster.' }),
    }),
    z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string(), bytes: z.number().int() }),
    STAFF,
    false,
  ),
  'survey.setPlan': method(
    z.object({
      period: periodKey,
      items: z.array(planItemInput).max(30, 'Paling banyak 30 baris rencana tindak lanjut.'),
      note: z
        .string()
        .trim()
        .max(2000, 'Catatan maksimal 2000 karakter.')
        .transform((s) => (s === '' ? null : s))
        .nullable(),
    }),
    z.object({ period: z.string(), updatedAt: z.number() }),
    SUPERVISOR,
    true,
  ),
} as const;

/**
 * The change notice type of the kiosk's state (ADR 0008): the kiosk lives in memory, not in the log, so the
 * backend announces it itself (backend/survey/kiosk.ts) whenever it changes, connects or stops asking.
 */
export const KIOSK_NOTICE_TYPE = 'survey_kiosk';
