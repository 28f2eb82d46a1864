/**
 * Events of complaints (pengaduan) and suggestions (saran dan masukan), Perwali Banjarmasin 67/2018 Pasal 8
 * and each service's "Penanganan Pengaduan, Saran dan Masukan" (issue 12). Spread into `EVENT_TYPES` in
 * `schema.ts`; stand-alone (imports only zod) like the other event lists. Synced payloads are append-only
 * contracts: never rename or drop a field, only add optional ones.
 *
 * What the complainant wrote (`complaint.received`) is never changed: a correction or a staff note is a
 * `complaint.note_added` beside it, and what the complainant adds later is a `complaint.supplement_received`
 * in their own words.
 */
import { z } from 'zod';

const epochMs = z.number().int().nonnegative();
const text = (max: number) => z.string().min(1).max(max);
const nullableText = (max: number) => z.string().max(max).nullable();

/**
 * Where a complaint or a suggestion came in (Pasal 8(1)–(2): directly, a complaint box, or information
 * technology): at the counter (a written letter), the complaint box, e-mail, telephone/WhatsApp noted by
 * staff, SP4N-LAPOR! (with its tracking number), and the public form of the central server.
 */
export const COMPLAINT_CHANNELS = ['loket', 'kotak', 'email', 'telepon', 'lapor', 'web'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

/** The three letters of a complaint (tanda terima pengaduan, pemberitahuan kelengkapan, surat tanggapan). */
export const COMPLAINT_LETTERS = ['acknowledgement', 'completeness', 'response'] as const;
export type ComplaintLetter = (typeof COMPLAINT_LETTERS)[number];

/** What a staff entry beside the complainant's words is: a correction of a recorded detail, or a note. */
export const COMPLAINT_NOTE_KINDS = ['correction', 'note'] as const;

/** Coordination of the handling (Lampiran: "koordinasi internal/eksternal"). */
export const COORDINATION_SCOPES = ['internal', 'external'] as const;

/** Scans and photos: about 300 KB of data, like the office logo (a phone photo is shrunk before upload). */
export const MAX_ATTACHMENT_DATA_URL = 400_000;
export const ATTACHMENT_DATA_URL_RE = /^data:(image\/(png|jpeg|webp)|application\/pdf);base64,[A-Za-z0-9+/]+={0,2}$/;

/** The complainant as they identified themselves (Pasal 8(4)a: nama dan alamat lengkap; a contact). */
export const complainantSchema = z.object({
  name: text(200),
  address: text(500),
  /** Telephone, WhatsApp or e-mail to reach them; null when given none. */
  contact: nullableText(200),
});

export const complaintReceivedPayload = z.object({
  /** When the office received the complaint (both clocks count from here). */
  receivedAt: epochMs,
  /** The complaint's number, unique across workstations and the server (`domain/numbering.ts`; declared by `numbersIn`). */
  number: z.string().min(1).max(64),
  channel: z.enum(COMPLAINT_CHANNELS),
  complainant: complainantSchema,
  /** The service concerned (catalogue code), when known. */
  serviceCode: z.string().max(64).nullable(),
  /** The visit the complaint is about, found by receipt number or name, when there is one. */
  visitId: z.string().uuid().nullable(),
  /** The visit's receipt number (tanda terima berkas) as linked or as the complainant wrote it. */
  receiptNo: nullableText(64),
  /**
   * When the complainant received the service (Pasal 8(3): a complaint is due within 30 days of it): the
   * linked visit's outcome (or arrival), or the date the complainant gave. Null when unknown.
   */
  serviceAt: epochMs.nullable(),
  /** Pasal 8(4)b: what did not meet the service standard. The complainant's words, never edited. */
  text: text(5000),
  /** Pasal 8(4)b: the material or immaterial loss suffered. */
  loss: nullableText(3000),
  /** Pasal 8(4)c: the resolution requested. */
  request: text(3000),
  /** Pasal 8(4)d: place of submission (time is `receivedAt`) and whether it is signed. */
  place: nullableText(200),
  signed: z.boolean(),
  /** SP4N-LAPOR! tracking number for a complaint that came through LAPOR!. */
  laporNo: nullableText(64),
  /**
   * The deadlines stated on the acknowledgement, counted on the calendar of the moment (like a receipt's
   * promise, ADR 0007: kept, and shown beside a recount when a calendar change moves them). Optional.
   */
  completenessDueAt: epochMs.optional(),
  responseDueAt: epochMs.optional(),
  /** Those deadlines depended on a year whose holidays were not decreed yet (*perkiraan*). */
  dueProvisional: z.boolean().optional(),
  /**
   * Web complaints: SHA-256 (hex) of the secret code given to the complainant for the status page, bound to
   * this complaint's id (`domain/complaints/status-code.ts`). The code itself is never stored.
   */
  statusCodeHash: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  /** When it was recorded (later than `receivedAt` for a complaint box emptied in the morning). */
  at: epochMs,
});
export type ComplaintReceivedPayload = z.infer<typeof complaintReceivedPayload>;

export const COMPLAINT_EVENTS = {
  'complaint.received': { aggregate: 'complaint', version: 1, payload: complaintReceivedPayload },
  /** A scan or photo of the written complaint (or of what the complainant added). */
  'complaint.attachment_added': {
    aggregate: 'complaint',
    version: 1,
    payload: z.object({
      at: epochMs,
      id: z.string().uuid(),
      fileName: text(200),
      dataUrl: z.string().max(MAX_ATTACHMENT_DATA_URL).regex(ATTACHMENT_DATA_URL_RE),
      note: nullableText(500),
    }),
  },
  /** A staff entry beside the complainant's words: a correction of a recorded detail (`field`) or a note. */
  'complaint.note_added': {
    aggregate: 'complaint',
    version: 1,
    payload: z.object({ at: epochMs, kind: z.enum(COMPLAINT_NOTE_KINDS), field: nullableText(64), text: text(2000) }),
  },
  /** Stage: cek administrasi (Lampiran 2a). */
  'complaint.check_started': { aggregate: 'complaint', version: 1, payload: z.object({ at: epochMs }) },
  /**
   * Pasal 8(5): complete or not. Incomplete: `missing` says what the complainant must add; the response
   * clock stands still until they do (`complaint.supplement_received`).
   */
  'complaint.completeness_decided': {
    aggregate: 'complaint',
    version: 1,
    payload: z.object({ at: epochMs, complete: z.boolean(), missing: nullableText(2000), note: nullableText(1000) }),
  },
  /** What the complainant added, in their words; the response clock runs again. */
  'complaint.supplement_received': {
    aggregate: 'complaint',
    version: 1,
    payload: z.object({ at: epochMs, channel: z.enum(COMPLAINT_CHANNELS), text: text(5000) }),
  },
  /** Stage: koordinasi internal/eksternal (Lampiran 2b). */
  'complaint.coordination_started': {
    aggregate: 'complaint',
    version: 1,
    payload: z.object({ at: epochMs, scope: z.enum(COORDINATION_SCOPES), note: nullableText(1000) }),
  },
  /** The response (tanggapan), printed on the surat tanggapan. Stops the response clock. */
  'complaint.responded': { aggregate: 'complaint', version: 1, payload: z.object({ at: epochMs, text: text(5000) }) },
  /** Selesai: resolved, or closed without a response (e.g. never completed), with a note saying why. */
  'complaint.closed': { aggregate: 'complaint', version: 1, payload: z.object({ at: epochMs, note: nullableText(1000) }) },
  /** The supervisor's decision on a complaint received more than 30 days after its service (Pasal 8(3)). */
  'complaint.late_filing_decided': {
    aggregate: 'complaint',
    version: 1,
    payload: z.object({ at: epochMs, accept: z.boolean(), reason: text(1000) }),
  },
  /** Every print, reprint and saved PDF of a complaint's letters. */
  'complaint.letter_printed': {
    aggregate: 'complaint',
    version: 1,
    payload: z.object({
      at: epochMs,
      letter: z.enum(COMPLAINT_LETTERS),
      layout: z.enum(['a4', 'a5', 'thermal80', 'thermal58']),
      output: z.enum(['printer', 'pdf']),
      printer: nullableText(200),
    }),
  },
} as const;

/** A suggestion (saran dan masukan): a short entry, identity optional, from any channel. */
export const SUGGESTION_EVENTS = {
  'suggestion.received': {
    aggregate: 'suggestion',
    version: 1,
    payload: z.object({
      receivedAt: epochMs,
      channel: z.enum(COMPLAINT_CHANNELS),
      name: nullableText(200),
      contact: nullableText(200),
      serviceCode: z.string().max(64).nullable(),
      text: text(2000),
      at: epochMs,
    }),
  },
} as const;
