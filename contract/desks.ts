/**
 * The handlers' desks (verifier; system admin for service 7), the service clock of a visit, the supervisor's
 * discretion (Perwali Pasal 6) and dashboard. Spread into `api` in `api.ts`.
 *
 * Access: a helpdesk officer cannot call any desk method (the dispatcher refuses it); the handlers further
 * check that a verifier works only on files handed to verifiers and a system admin only on files handed to
 * system admins (the supervisor may act on both).
 */
import { z } from 'zod';
import { calendarNotice } from './calendar';
import { DESK, isoDate, method, optionalText, requiredText, roles, SIGNED_IN, SUPERVISOR, uuid } from './method';
import { vendorRecordInput, vendorRecordView } from './vendor-record';

/** Optional text of a desk action: absent means none. */
const optionalNote = (max: number, label: string) => optionalText(max, label).default(null);

/** A desk is a handling unit of the catalogue (domain/catalogue/units.ts), named by its code. */
export const deskKindSchema = z.string().regex(/^[a-z][a-z0-9_]{1,63}$/, 'Kode meja tidak valid.');
export type DeskKind = z.infer<typeof deskKindSchema>;

const stage = z.object({ wallMs: z.number(), workingMinutes: z.number(), ongoing: z.boolean() }).nullable();

/** Where a visit stands against the time limit of its service (computed as of `asOf`). */
export const serviceClockView = z.object({
  /** `outside_limit`: service 7 forwarded to the LKPP helpdesk within its limit (di luar jangka waktu layanan). */
  state: z.enum(['not_started', 'running', 'paused', 'done_in_time', 'done_late', 'overdue', 'outside_limit']),
  /** Overdue now, or finished late. */
  late: z.boolean(),
  /** Running or paused with less than 20% of the limit left. */
  dueSoon: z.boolean(),
  limitText: z.string(),
  limitUnit: z.enum(['minutes', 'working_days']),
  limitWorkingMinutes: z.number().nullable(),
  elapsedWorkingMinutes: z.number(),
  /** Negative when late. */
  remainingWorkingMinutes: z.number().nullable(),
  deadlineMs: z.number().nullable(),
  startedAtMs: z.number().nullable(),
  /** Working time is counting at `asOf` (running inside counter hours): countdowns may tick. */
  ticking: z.boolean(),
  activePause: z.enum(['waiting_vendor', 'external_lkpp', 'disruption_internet', 'disruption_spse']).nullable(),
  /** The open pause's own label when the service defines its kind (issue 14: "Menunggu tanda tangan pejabat"). */
  activePauseLabel: z.string().nullable().optional(),
  pausedWorkingMinutes: z.object({ total: z.number(), waitingVendor: z.number(), externalLkpp: z.number() }),
  /** Excused disruption time (gangguan internet/SPSE) not counted against the limit, in working minutes. */
  excusedWorkingMinutes: z.number(),
  /** Late if the excused time were counted: the figure shown beside, never hidden. */
  lateWithoutExcuse: z.boolean(),
  /** The deadline depends on a year whose holidays are not decreed yet (*perkiraan*). */
  deadlineProvisional: z.boolean(),
  /** Out of the limit since this instant (service 7 forwarded to the LKPP helpdesk). */
  outsideLimitSinceMs: z.number().nullable(),
  /** The shorter guarantee beside the limit (service 2: 30 minutes when the internet works). */
  guarantee: z.object({ minutes: z.number(), state: z.enum(['running', 'met', 'missed']), remainingWorkingMinutes: z.number() }).nullable(),
  /** The deadline recorded with the handover (on the receipt); null for files handed over before it was recorded. */
  promisedDeadlineMs: z.number().nullable(),
  promisedProvisional: z.boolean().nullable(),
  /** The same deadline computed now, on today's calendar (no pauses). */
  recomputedDeadlineMs: z.number().nullable(),
  /** A calendar change since the handover moved the deadline: show both, promised and recomputed. */
  deadlineChanged: z.boolean(),
  stages: z.object({ waiting: stage, checking: stage, processing: stage }),
  /** Arrival → outcome (or now). */
  total: z.object({ wallMs: z.number(), workingMinutes: z.number() }),
  asOf: z.number(),
});
export type ServiceClockView = z.infer<typeof serviceClockView>;

/** What a list row needs of the clock (queues, dashboard, visit lists): state, countdown and deadline. */
export const serviceClockSummary = serviceClockView.pick({
  state: true,
  late: true,
  dueSoon: true,
  limitText: true,
  elapsedWorkingMinutes: true,
  remainingWorkingMinutes: true,
  deadlineMs: true,
  ticking: true,
  activePause: true,
  activePauseLabel: true,
  deadlineProvisional: true,
  deadlineChanged: true,
  excusedWorkingMinutes: true,
  asOf: true,
});
export type ServiceClockSummary = z.infer<typeof serviceClockSummary>;

const staffRef = z.object({ id: z.string(), name: z.string() }).nullable();

export const deskQueueRow = z.object({
  visitId: z.string(),
  arrivedAt: z.number(),
  handedOverAt: z.number().nullable(),
  handedOverTo: deskKindSchema.nullable(),
  status: z.string(),
  statusLabel: z.string(),
  visitorName: z.string(),
  companyName: z.string().nullable(),
  serviceCode: z.string().nullable(),
  serviceName: z.string().nullable(),
  receiptNo: z.string().nullable(),
  claimedBy: staffRef,
  /** Two people claimed this file; see `desk.get` for who. */
  claimConflict: z.boolean(),
  discretion: z.boolean(),
  outcomeAt: z.number().nullable(),
  clock: serviceClockSummary.nullable(),
});
export type DeskQueueRow = z.infer<typeof deskQueueRow>;

export const deskInfo = z.object({
  visitId: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  handedOverTo: deskKindSchema.nullable(),
  /** The unit's name in the visit's catalogue version (issue 14). Optional: additive. */
  handedOverToName: z.string().nullable().optional(),
  /** The caller may work at the desk the file was handed to (its unit's roles, or a head). Optional: additive. */
  canWork: z.boolean().optional(),
  serviceCode: z.string().nullable(),
  serviceName: z.string().nullable(),
  /** The service may be forwarded to LKPP (ADP, SPSE problems). */
  lkppAllowed: z.boolean(),
  claimedBy: staffRef,
  claimedAt: z.number().nullable(),
  /** The caller owns the file. */
  mine: z.boolean(),
  /** "Berkas ini sudah diambil oleh X": shown to the owner and to whoever's claim lost. */
  conflictMessage: z.string().nullable(),
  claimConflicts: z.array(z.object({ byName: z.string().nullable(), at: z.number(), ownerName: z.string().nullable() })),
  /** `kind`: waiting_vendor, external_lkpp, or a pause kind of the service's catalogue entry (issue 14), with its label. */
  pauses: z.array(z.object({ from: z.number(), to: z.number().nullable(), kind: z.string(), kindLabel: z.string(), byName: z.string().nullable(), note: z.string().nullable() })),
  /** The waits this service allows (built-in "menunggu penyedia" first), from the visit's catalogue version. */
  pauseKinds: z.array(z.object({ code: z.string(), label: z.string() })),
  notes: z.array(z.object({ at: z.number(), byName: z.string().nullable(), text: z.string() })),
  outcome: z
    .object({ kind: z.enum(['completed', 'rejected']), at: z.number(), byName: z.string().nullable(), note: z.string().nullable(), viaLkpp: z.boolean() })
    .nullable(),
  lkpp: z
    .object({
      forwardedAt: z.number(),
      forwardedByName: z.string().nullable(),
      note: z.string().nullable(),
      ticketNo: z.string().nullable(),
      closedAt: z.number().nullable(),
      result: z.enum(['approved', 'rejected', 'answered']).nullable(),
      resultNote: z.string().nullable(),
    })
    .nullable(),
  discretion: z
    .object({ items: z.array(z.object({ code: z.string(), label: z.string() })), reason: z.string().nullable(), byName: z.string().nullable() })
    .nullable(),
  /** Actions recorded on another workstation that came too late to count (e.g. a second outcome). */
  ignored: z.array(z.object({ type: z.string(), label: z.string(), byName: z.string().nullable(), at: z.number() })),
  /** The service's limit does not count excused disruption time (services 2–5). */
  excusable: z.boolean(),
  /** Disruptions on this file, and office-wide outages since its handover (issue 9). */
  disruptions: z.array(
    z.object({
      from: z.number(),
      to: z.number().nullable(),
      kind: z.enum(['internet', 'spse']),
      kindLabel: z.string(),
      reason: z.string(),
      byName: z.string().nullable(),
      at: z.number(),
      scope: z.enum(['file', 'office']),
      /** Not counted against this service's limit. */
      excused: z.boolean(),
    }),
  ),
  clock: serviceClockView.nullable(),
  /** Issue 14: services 1–5 change the vendor's record when completed; what the verifier enters and sees. */
  vendorRecord: vendorRecordView.nullable().optional(),
});
export type DeskInfo = z.infer<typeof deskInfo>;

const visitIdInput = z.object({ visitId: uuid });

const countRow = z.object({ key: z.string(), label: z.string(), count: z.number() });

export const dashboardSummary = z.object({
  day: z.string(),
  asOf: z.number(),
  todayByStatus: z.array(countRow),
  todayByService: z.array(z.object({ serviceCode: z.string().nullable(), serviceName: z.string(), total: z.number(), byStatus: z.record(z.string(), z.number()) })),
  /** Files at the desks (not finished), by time since the handover. */
  openByAge: z.array(countRow),
  openTotal: z.number(),
  returnedOpen: z.number(),
  overdue: z.array(deskQueueRow),
  dueSoon: z.array(deskQueueRow),
  /** "Kalender 2027 belum ditetapkan …" while it applies (issue 9), with a link to the calendar. */
  calendarNotice: calendarNotice.nullable(),
  /** Office-wide outages going on now. */
  ongoingOutages: z.array(z.object({ id: z.string(), kindLabel: z.string(), from: z.number(), reason: z.string() })),
  perStaff: z.array(
    z.object({
      userId: z.string(),
      name: z.string(),
      registered: z.number(),
      handedOver: z.number(),
      completed: z.number(),
      rejected: z.number(),
      finishedLate: z.number(),
      openClaims: z.number(),
    }),
  ),
});
export type DashboardSummary = z.infer<typeof dashboardSummary>;

/** A desk as menus and desk screens show it (issue 14: the catalogue's handling units). */
export const deskUnitView = z.object({
  code: z.string(),
  name: z.string(),
  /** Menu and desk title, e.g. "Meja Verifikator", "Meja Unit Layanan Pengaduan". */
  title: z.string(),
  roles: z.array(z.enum(['verifier', 'sysadmin'])),
  /** The caller may serve this desk. */
  canServe: z.boolean(),
  /** One of the two desks the app always had (they keep their own menu entries and shortcuts). */
  seeded: z.boolean(),
});
export type DeskUnitView = z.infer<typeof deskUnitView>;

export const desksApi = {
  /** Every desk of the published catalogue versions (issue 14), for the side menu and the desk screens. */
  'desk.units': method(z.object({}), z.object({ units: z.array(deskUnitView) }), SIGNED_IN, false),
  /** The queue of a desk: open files oldest first, the caller's own, or finished today. */
  'desk.queue': method(
    z.object({ desk: deskKindSchema, view: z.enum(['open', 'mine', 'done_today']).default('open'), limit: z.number().int().min(1).max(500).default(200) }),
    z.object({ rows: z.array(deskQueueRow), openCount: z.number(), overdueCount: z.number(), asOf: z.number() }),
    DESK,
    false,
  ),
  'desk.get': method(visitIdInput, deskInfo, DESK, false),
  'desk.claim': method(visitIdInput, deskInfo, DESK, true),
  'desk.release': method(z.object({ visitId: uuid, note: optionalNote(1000, 'Catatan') }), deskInfo, DESK, true),
  /**
   * `vendorRecord` (issue 14): what service 1–5 changed in SPSE (new e-mail, CV→PT, new NPWP, the User ID
   * activated or deactivated), recorded on the vendor. For those services the service's field is required
   * (refused with `vendorRecord.<field>` named, in Indonesian) and checked by the domain rules (e-mail, NPWP
   * format and check digit); ignored for other services.
   */
  'desk.complete': method(z.object({ visitId: uuid, note: optionalNote(1000, 'Catatan'), vendorRecord: vendorRecordInput.optional() }), deskInfo, DESK, true),
  'desk.reject': method(z.object({ visitId: uuid, reason: requiredText(5, 2000, 'Alasan penolakan') }), deskInfo, DESK, true),
  'desk.forwardLkpp': method(
    z.object({ visitId: uuid, note: optionalNote(1000, 'Catatan'), ticketNo: optionalNote(100, 'Nomor tiket LKPP') }),
    deskInfo,
    DESK,
    true,
  ),
  'desk.lkppResult': method(
    z
      .object({ visitId: uuid, result: z.enum(['approved', 'rejected', 'answered'], { message: 'Pilih hasil dari LKPP.' }), note: optionalNote(2000, 'Keterangan') })
      .superRefine((v, ctx) => {
        if (v.result === 'rejected' && (!v.note || v.note.length < 5)) {
          ctx.addIssue({ code: 'custom', path: ['note'], message: 'Tuliskan alasan penolakan dari LKPP (minimal 5 karakter); alasan ini disampaikan kepada penyedia.' });
        }
      }),
    deskInfo,
    DESK,
    true,
  ),
  /** The clock stops while waiting for the vendor to bring or fix something (menunggu penyedia). */
  /** `kind`: `waiting_vendor` (default) or a pause kind of the visit's service (`deskInfo.pauseKinds`, issue 14). */
  'desk.pause': method(
    z.object({
      visitId: uuid,
      note: requiredText(3, 1000, 'Keterangan yang ditunggu dari penyedia'),
      kind: z.string().regex(/^[a-z][a-z0-9_]{1,63}$/, 'Jenis penundaan tidak valid.').optional(),
    }),
    deskInfo,
    DESK,
    true,
  ),
  'desk.resume': method(visitIdInput, deskInfo, DESK, true),
  'desk.addNote': method(z.object({ visitId: uuid, text: requiredText(1, 2000, 'Catatan') }), deskInfo, DESK, true),

  /** Clock, claim, outcome and discretion of any visit, for every screen that shows one. */
  'visits.deskInfo': method(visitIdInput, deskInfo, SIGNED_IN, false),
  /** Service clocks of several visits at once (lists). */
  'visits.clocks': method(
    z.object({ visitIds: z.array(uuid).max(500) }),
    z.object({ asOf: z.number(), clocks: z.record(z.string(), serviceClockSummary.nullable()) }),
    SIGNED_IN,
    false,
  ),
  /**
   * Perwali Pasal 6: the supervisor accepts a file although items are missing, with a written reason; the
   * file is handed over with those items recorded as accepted under discretion.
   */
  'visits.acceptWithDiscretion': method(
    z.object({ visitId: uuid, reason: requiredText(10, 1000, 'Alasan diskresi') }),
    deskInfo,
    // Pasal 6: the Kepala Bagian's discretion (issue 14); the fold applies the same rule (domain/permissions.ts).
    roles('kepala_bagian'),
    true,
  ),

  'dashboard.summary': method(z.object({ day: isoDate.optional() }), dashboardSummary, SUPERVISOR, false),
} as const;
