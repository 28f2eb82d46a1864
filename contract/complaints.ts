/**
 * Complaints (pengaduan) and suggestions (saran dan masukan), Perwali Banjarmasin 67/2018 Pasal 8 and the
 * Lampiran (issue 12). Spread into `api` in `api.ts`.
 *
 * Access: the helpdesk records complaints and suggestions at the counter, adds what a complainant brings
 * later, notes and scans, and prints the acknowledgement; the supervisor (Kepala Sub Bagian / Kepala Bagian)
 * handles them: administrative check, completeness, coordination, response, closing, the decision on a late
 * complaint, and the letters signed by the Kepala Bagian. Verifiers and system admins do not see complainants'
 * personal data.
 */
import { z } from 'zod';
import { ATTACHMENT_DATA_URL_RE, COMPLAINT_CHANNELS, COMPLAINT_LETTERS, COMPLAINT_NOTE_KINDS, COORDINATION_SCOPES, MAX_ATTACHMENT_DATA_URL } from '../domain/events/complaint-events';
import { isoDate, method, optionalText, requiredText, roles, SUPERVISOR, uuid } from './method';

const COUNTER = roles('helpdesk', 'supervisor');

const epochMs = z.number({ message: 'Waktu wajib diisi.' }).int('Waktu tidak valid.').nonnegative('Waktu tidak valid.');
const required = (max: number, label: string, min = 1) => requiredText(min, max, label);
const optional = (max: number, label: string) => optionalText(max, label).default(null);

export const complaintChannelSchema = z.enum(COMPLAINT_CHANNELS, { message: 'Pilih saluran pengaduan.' });
/** The public form is the server's channel: the app records every other one. */
const staffChannel = complaintChannelSchema.refine((c) => c !== 'web', 'Pengaduan melalui formulir daring dicatat oleh server pusat, bukan di loket.');
export const complaintLetterSchema = z.enum(COMPLAINT_LETTERS, { message: 'Jenis surat tidak dikenal.' });
const layout = z.enum(['a4', 'a5', 'thermal80', 'thermal58'], { message: 'Pilih ukuran kertas: A4, A5, thermal 80 mm, atau thermal 58 mm.' });

export const attachmentInput = z.object({
  fileName: required(200, 'Nama berkas'),
  dataUrl: z
    .string({ message: 'Berkas lampiran wajib diisi.' })
    .max(MAX_ATTACHMENT_DATA_URL, 'Berkas lampiran terlalu besar (maksimal sekitar 300 KB; foto diperkecil otomatis).')
    .regex(ATTACHMENT_DATA_URL_RE, 'Lampiran harus berupa gambar (JPEG, PNG, WebP) atau PDF.'),
  note: optional(500, 'Keterangan lampiran'),
});

export const addComplaintInput = z
  .object({
    receivedAt: epochMs,
    channel: staffChannel,
    complainant: z.object({
      name: required(200, 'Nama pengadu'),
      address: required(500, 'Alamat lengkap pengadu', 5),
      contact: optional(200, 'Kontak'),
    }),
    /** The visit concerned, found by receipt number or name. */
    visitId: uuid.nullable().default(null),
    /** Without a visit: the service concerned (catalogue code), if the complainant named one. */
    serviceCode: z.string().max(64).nullable().default(null),
    /** Without a visit: the receipt number as the complainant wrote it. */
    receiptNo: optional(64, 'Nomor tanda terima'),
    /** Without a visit: the date the complainant received the service (for the 30-day limit). */
    serviceDate: isoDate.nullable().default(null),
    text: required(5000, 'Uraian pengaduan', 10),
    loss: optional(3000, 'Uraian kerugian'),
    request: required(3000, 'Permintaan penyelesaian', 5),
    place: optional(200, 'Tempat'),
    signed: z.boolean({ message: 'Nyatakan apakah pengaduan ditandatangani.' }),
    laporNo: optional(64, 'Nomor tiket SP4N-LAPOR!'),
    attachments: z.array(attachmentInput).max(5, 'Maksimal 5 lampiran sekaligus.').default([]),
  })
  .superRefine((v, ctx) => {
    if (v.channel === 'lapor' && !v.laporNo) ctx.addIssue({ code: 'custom', path: ['laporNo'], message: 'Nomor tiket SP4N-LAPOR! wajib diisi untuk pengaduan dari LAPOR!.' });
    if (v.visitId !== null && v.serviceDate !== null) ctx.addIssue({ code: 'custom', path: ['serviceDate'], message: 'Tanggal layanan diambil dari kunjungan yang dipilih.' });
  });
export type AddComplaintInput = z.input<typeof addComplaintInput>;

/** One of a complaint's two clocks as of `asOf` (the service clock's vocabulary). */
export const complaintClock = z.object({
  /** running / paused (waiting for the complainant) / overdue / done_in_time / done_late. */
  state: z.enum(['not_started', 'running', 'paused', 'done_in_time', 'done_late', 'overdue', 'outside_limit']),
  limitText: z.string(),
  deadlineMs: z.number().nullable(),
  /** The deadline depends on a year whose holidays are not decreed yet (*perkiraan*). */
  deadlineProvisional: z.boolean(),
  remainingWorkingMinutes: z.number().nullable(),
  elapsedWorkingMinutes: z.number(),
  /** Working minutes the clock stood still waiting for the complainant. */
  pausedWorkingMinutes: z.number(),
  paused: z.boolean(),
  /** Working time is being counted right now (a countdown may move on screen). */
  ticking: z.boolean(),
  dueSoon: z.boolean(),
  /** When the clock stopped (decision, response or closing), or null. */
  endedAt: z.number().nullable(),
  /** The deadline stated on the acknowledgement, and whether a calendar change moved it since. */
  promisedDeadlineMs: z.number().nullable(),
  deadlineChanged: z.boolean(),
  asOf: z.number(),
});
export type ComplaintClockView = z.infer<typeof complaintClock>;

export const complaintStageSchema = z.enum(['received', 'admin_check', 'complete', 'waiting_completeness', 'coordination', 'responded', 'closed']);

export const complaintRow = z.object({
  id: z.string(),
  number: z.string(),
  channel: complaintChannelSchema,
  channelLabel: z.string(),
  receivedAt: z.number(),
  complainantName: z.string(),
  serviceCode: z.string().nullable(),
  serviceName: z.string().nullable(),
  receiptNo: z.string().nullable(),
  stage: complaintStageSchema,
  stageLabel: z.string(),
  /** Received more than 30 days after the service (Pasal 8(3)); still recorded, the supervisor decides. */
  lateFiling: z.boolean(),
  lateDecision: z.enum(['accept', 'decline']).nullable(),
  completeness: complaintClock,
  response: complaintClock,
  /** Either clock is past its deadline without the step done. */
  overdue: z.boolean(),
  /** The nearest deadline still running (queue order), or null when both clocks stopped. */
  nextDeadlineMs: z.number().nullable(),
});
export type ComplaintRow = z.infer<typeof complaintRow>;

const who = z.string().nullable();

export const complaintDetail = z.object({
  row: complaintRow,
  complainant: z.object({ name: z.string(), address: z.string(), contact: z.string().nullable() }),
  text: z.string(),
  loss: z.string().nullable(),
  request: z.string(),
  place: z.string().nullable(),
  signed: z.boolean(),
  laporNo: z.string().nullable(),
  recordedAt: z.number(),
  recordedByName: who,
  /** Recorded by the central server (public form). */
  viaServer: z.boolean(),
  serviceAt: z.number().nullable(),
  daysSinceService: z.number().nullable(),
  visit: z
    .object({ id: z.string(), receiptNo: z.string().nullable(), visitorName: z.string(), companyName: z.string().nullable(), arrivedAt: z.number(), statusLabel: z.string() })
    .nullable(),
  history: z.array(z.object({ stage: complaintStageSchema, stageLabel: z.string(), at: z.number(), byName: who, note: z.string().nullable() })),
  completeness: z.object({ at: z.number(), byName: who, complete: z.boolean(), missing: z.string().nullable(), note: z.string().nullable() }).nullable(),
  waits: z.array(z.object({ from: z.number(), to: z.number().nullable() })),
  supplements: z.array(z.object({ at: z.number(), byName: who, channelLabel: z.string(), text: z.string() })),
  coordination: z.array(z.object({ at: z.number(), byName: who, scopeLabel: z.string(), note: z.string().nullable() })),
  response: z.object({ at: z.number(), byName: who, text: z.string() }).nullable(),
  closed: z.object({ at: z.number(), byName: who, note: z.string().nullable() }).nullable(),
  lateFilingDecision: z.object({ at: z.number(), byName: who, accept: z.boolean(), reason: z.string() }).nullable(),
  notes: z.array(z.object({ at: z.number(), byName: who, kind: z.enum(COMPLAINT_NOTE_KINDS), fieldLabel: z.string().nullable(), text: z.string() })),
  attachments: z.array(z.object({ id: z.string(), at: z.number(), byName: who, fileName: z.string(), mimeType: z.string(), bytes: z.number(), note: z.string().nullable() })),
  /** Decisions recorded offline that lost to an earlier one in fold order (shown, never dropped silently). */
  ignored: z.array(z.object({ type: z.string(), at: z.number(), byName: who })),
  /** What the signed-in user may do now (the backend checks again). */
  actions: z.array(
    z.enum(['startCheck', 'decideCompleteness', 'addSupplement', 'startCoordination', 'respond', 'close', 'decideLateFiling', 'addNote', 'addAttachment']),
  ),
  letters: z.array(complaintLetterSchema),
});
export type ComplaintDetail = z.infer<typeof complaintDetail>;

export const complaintListInput = z.object({
  /** open: not closed yet (ordered by the nearest deadline); closed; all (received in the range). */
  view: z.enum(['open', 'closed', 'all']).default('open'),
  from: isoDate.optional(),
  to: isoDate.optional(),
  limit: z.number().int().min(1).max(1000).default(200),
});

export const visitCandidate = z.object({
  visitId: z.string(),
  receiptNo: z.string().nullable(),
  arrivedAt: z.number(),
  visitorName: z.string(),
  companyName: z.string().nullable(),
  serviceCode: z.string().nullable(),
  serviceName: z.string().nullable(),
  statusLabel: z.string(),
  /** When the service was received (outcome, else handover, else arrival): the 30-day limit counts from it. */
  serviceAt: z.number(),
});
export type VisitCandidate = z.infer<typeof visitCandidate>;

const letterTarget = z.object({ id: uuid, letter: complaintLetterSchema, layout });
const pageSizeOut = z.object({ widthMm: z.number(), heightMm: z.number(), roll: z.boolean() });

export const complaintCounters = z.object({
  open: z.number().int(),
  waitingCompleteness: z.number().int(),
  completenessOverdue: z.number().int(),
  responseOverdue: z.number().int(),
  dueSoon: z.number().int(),
  lateFilingUndecided: z.number().int(),
  receivedThisMonth: z.number().int(),
  suggestionsThisMonth: z.number().int(),
  /** The open complaints with the nearest deadlines (at most 5). */
  nearest: z.array(complaintRow),
  asOf: z.number(),
});
export type ComplaintCounters = z.infer<typeof complaintCounters>;

export const suggestionRow = z.object({
  id: z.string(),
  receivedAt: z.number(),
  channel: complaintChannelSchema,
  channelLabel: z.string(),
  name: z.string().nullable(),
  contact: z.string().nullable(),
  serviceName: z.string().nullable(),
  text: z.string(),
  recordedByName: who,
});

/**
 * The complaints section of the monthly report (issue 12): complaints received in the month (WITA), their
 * state as of generation. "Dalam 3 hari kerja" / "dalam 6 hari kerja": the completeness notice and the
 * response given within their limit (the response limit moved by the wait for completeness); "menunggu"
 * where the step is not done and its deadline has not passed; "terlambat" done late or past due.
 */
export const monthlyComplaintsSchema = z.object({
  received: z.number().int(),
  /** Found complete at the first check, found incomplete (at any check), not decided yet. */
  complete: z.number().int(),
  incomplete: z.number().int(),
  undecided: z.number().int(),
  completenessInTime: z.number().int(),
  completenessLate: z.number().int(),
  completenessPending: z.number().int(),
  responseInTime: z.number().int(),
  responseLate: z.number().int(),
  responsePending: z.number().int(),
  /** Percent of decided/answered complaints that were in time; null when none was. */
  completenessInTimePct: z.number().nullable(),
  responseInTimePct: z.number().nullable(),
  responded: z.number().int(),
  closed: z.number().int(),
  /** Open now with a clock past its deadline. */
  overdue: z.number().int(),
  /** Received more than 30 days after the service (Pasal 8(3)). */
  lateFiling: z.number().int(),
  byService: z.array(z.object({ code: z.string().nullable(), name: z.string(), count: z.number().int() })),
  byChannel: z.array(z.object({ channel: complaintChannelSchema, label: z.string(), count: z.number().int() })),
  suggestions: z.number().int(),
  suggestionsByChannel: z.array(z.object({ channel: complaintChannelSchema, label: z.string(), count: z.number().int() })),
  /** Every complaint of the month, without the complainant's identity (numbers, dates, stages). */
  list: z.array(
    z.object({
      number: z.string(),
      receivedAt: z.number(),
      channelLabel: z.string(),
      serviceName: z.string().nullable(),
      stageLabel: z.string(),
      completenessDue: z.number().nullable(),
      completenessAt: z.number().nullable(),
      completenessState: z.string(),
      responseDue: z.number().nullable(),
      responseAt: z.number().nullable(),
      responseState: z.string(),
      pausedWorkingMinutes: z.number(),
      lateFiling: z.boolean(),
      provisional: z.boolean(),
    }),
  ),
});
export type MonthlyComplaints = z.infer<typeof monthlyComplaintsSchema>;

const idInput = z.object({ id: uuid });

export const complaintsApi = {
  'complaints.add': method(addComplaintInput, complaintDetail, COUNTER, true),
  'complaints.findVisits': method(
    z.object({ query: z.string().trim().min(2, 'Ketik minimal 2 karakter nomor tanda terima atau nama.').max(100) }),
    z.object({ visits: z.array(visitCandidate) }),
    COUNTER,
    false,
  ),
  'complaints.list': method(complaintListInput, z.object({ rows: z.array(complaintRow), asOf: z.number() }), COUNTER, false),
  'complaints.get': method(idInput, complaintDetail, COUNTER, false),
  /** The complaints about one visit (shown on the visit's screen). */
  'complaints.forVisit': method(z.object({ visitId: uuid }), z.object({ rows: z.array(complaintRow) }), COUNTER, false),
  /** Stage: cek administrasi. */
  'complaints.startCheck': method(idInput, complaintDetail, SUPERVISOR, true),
  /** Pasal 8(5): complete, or incomplete with what the complainant must add (the response clock then waits). */
  'complaints.decideCompleteness': method(
    z
      .object({ id: uuid, complete: z.boolean({ message: 'Pilih lengkap atau tidak lengkap.' }), missing: optional(2000, 'Kekurangan'), note: optional(1000, 'Catatan') })
      .superRefine((v, ctx) => {
        if (!v.complete && (!v.missing || v.missing.length < 5)) ctx.addIssue({ code: 'custom', path: ['missing'], message: 'Tuliskan apa yang harus dilengkapi pengadu (minimal 5 karakter).' });
      }),
    complaintDetail,
    SUPERVISOR,
    true,
  ),
  /** What the complainant added (their words), from any channel; ends the wait for completeness. */
  'complaints.addSupplement': method(
    z.object({ id: uuid, channel: staffChannel, text: required(5000, 'Isi kelengkapan', 3), attachments: z.array(attachmentInput).max(5, 'Maksimal 5 lampiran sekaligus.').default([]) }),
    complaintDetail,
    COUNTER,
    true,
  ),
  'complaints.startCoordination': method(
    z.object({ id: uuid, scope: z.enum(COORDINATION_SCOPES, { message: 'Pilih koordinasi internal atau eksternal.' }), note: optional(1000, 'Catatan koordinasi') }),
    complaintDetail,
    SUPERVISOR,
    true,
  ),
  'complaints.respond': method(z.object({ id: uuid, text: required(5000, 'Isi tanggapan', 10) }), complaintDetail, SUPERVISOR, true),
  'complaints.close': method(z.object({ id: uuid, note: optional(1000, 'Catatan penutupan') }), complaintDetail, SUPERVISOR, true),
  /** Pasal 8(3): the supervisor decides whether a complaint received after 30 days is handled. */
  'complaints.decideLateFiling': method(
    z.object({ id: uuid, accept: z.boolean({ message: 'Pilih diproses atau tidak diproses.' }), reason: required(1000, 'Alasan keputusan', 5) }),
    complaintDetail,
    SUPERVISOR,
    true,
  ),
  /** A correction of a recorded detail or a staff note, beside the complainant's words (never replacing them). */
  'complaints.addNote': method(
    z.object({ id: uuid, kind: z.enum(COMPLAINT_NOTE_KINDS, { message: 'Pilih jenis catatan.' }), field: z.string().max(64).nullable().default(null), text: required(2000, 'Isi catatan', 3) }),
    complaintDetail,
    COUNTER,
    true,
  ),
  'complaints.addAttachment': method(attachmentInput.extend({ id: uuid }), complaintDetail, COUNTER, true),
  'complaints.attachment': method(z.object({ id: uuid, attachmentId: uuid }), z.object({ fileName: z.string(), dataUrl: z.string() }), COUNTER, false),
  /** The supervisor's dashboard counters and the nearest deadlines. */
  'complaints.counters': method(z.object({}), complaintCounters, SUPERVISOR, false),

  /** A letter as HTML for the preview; `copyNo` is the number the next print will carry. */
  'complaints.letterRender': method(
    letterTarget,
    z.object({ html: z.string(), title: z.string(), fileName: z.string(), pageSize: pageSizeOut, copyNo: z.number().int() }),
    COUNTER,
    false,
  ),
  /** The letter as PDF (base64), recorded as printed. */
  'complaints.letterPdf': method(letterTarget, z.object({ base64: z.string(), fileName: z.string(), bytes: z.number().int(), copyNo: z.number().int() }), COUNTER, true),
  /** Records a print made through the print dialog. */
  'complaints.letterLog': method(letterTarget.extend({ printer: z.string().trim().max(200).nullable().default(null) }), z.object({ copyNo: z.number().int() }), COUNTER, true),
  'complaints.letterSilent': method(
    letterTarget.extend({ printerName: z.string().trim().min(1, 'Pilih printer.').max(200), copies: z.number().int().min(1).max(5).default(1) }),
    z.object({ copyNo: z.number().int() }),
    COUNTER,
    true,
  ),
  'complaints.letterHistory': method(
    idInput,
    z.object({
      available: z.array(complaintLetterSchema),
      entries: z.array(
        z.object({ at: z.number(), letter: complaintLetterSchema, layout, output: z.enum(['printer', 'pdf']), printer: z.string().nullable(), byName: who, copyNo: z.number().int() }),
      ),
    }),
    COUNTER,
    false,
  ),

  'suggestions.add': method(
    z.object({
      receivedAt: epochMs,
      channel: staffChannel,
      name: optional(200, 'Nama'),
      contact: optional(200, 'Kontak'),
      serviceCode: z.string().max(64).nullable().default(null),
      text: required(2000, 'Isi saran', 5),
    }),
    suggestionRow,
    COUNTER,
    true,
  ),
  'suggestions.list': method(
    z.object({ from: isoDate.optional(), to: isoDate.optional(), limit: z.number().int().min(1).max(1000).default(200) }),
    z.object({ rows: z.array(suggestionRow), total: z.number().int() }),
    COUNTER,
    false,
  ),
} as const;
