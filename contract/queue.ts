/**
 * The waiting room's queue (issue 16, ADR 0013). Spread into `api` in `api.ts`.
 *
 * Staff methods: the day's board (every desk's queue), the desk's actions — call next, call again, not
 * present, serving, finished — a ticket's return to the queue, a visit's ticket, the queue slip, the
 * television's opening, and the office's queue settings (supervisor).
 *
 * The television (`queue.display`, taking `displayToken`): public in the session sense — the TV holds no
 * staff session — and accepted only with this PC's display token, which reads the board and nothing else.
 * The token is kept in the database (never synced), so the TV comes back by itself after a restart. The TV
 * reads it again when the backend announces a change it shows (the change feed, ADR 0008), never on a timer.
 */
import { z } from 'zod';
import { method, PUBLIC, roles, SIGNED_IN, SUPERVISOR, uuid } from './method';
import { QUEUE_DESK_ROLES } from '../domain/queue/events';
import { SLIP_MODES } from '../domain/queue/settings';

/** Who serves at a desk: helpdesk, verifier, system admin; the supervisor may sit in for any. */
export const QUEUE_STAFF = roles('helpdesk', 'verifier', 'sysadmin', 'supervisor');

export const deskInput = z.object(
  {
    role: z.enum(QUEUE_DESK_ROLES, { message: 'Pilih loket: helpdesk, verifikator, atau admin sistem.' }),
    number: z.number({ message: 'Nomor loket 0–9.' }).int('Nomor loket 0–9.').min(0, 'Nomor loket 0–9.').max(9, 'Nomor loket 0–9.'),
  },
  { message: 'Loket wajib dipilih.' },
);
const ticketId = z.string().regex(/^qt-[0-9a-f-]{36}$/, 'Pengenal nomor antrean tidak valid.');
const phase = z.enum(['waiting', 'deferred', 'called', 'serving', 'away', 'done']);
const deskOut = z.object({ role: z.enum(QUEUE_DESK_ROLES), number: z.number().int() });

export const queueTicketRow = z.object({
  ticketId: z.string(),
  label: z.string(),
  letter: z.enum(['A', 'B']),
  number: z.number().int(),
  phase,
  phaseLabel: z.string(),
  role: z.enum(QUEUE_DESK_ROLES).nullable(),
  desk: deskOut.nullable(),
  deskLabel: z.string().nullable(),
  since: z.number(),
  issuedAt: z.number(),
  /** Deferred after "tidak hadir": calls of others still to come before it is due again. */
  remaining: z.number().int(),
  implicit: z.boolean(),
  visitIds: z.array(z.string()),
  visitorName: z.string().nullable(),
  companyName: z.string().nullable(),
  serviceName: z.string().nullable(),
  /** Times called (first calls and repeats) and marked not present. */
  calls: z.number().int(),
  notPresent: z.number().int(),
  /** Waiting before service, measured: issue → first serving (null while not served). */
  waitMs: z.number().nullable(),
});
export type QueueTicketRow = z.infer<typeof queueTicketRow>;

export const queueCallOut = z.object({
  id: z.string(),
  ticketId: z.string(),
  label: z.string(),
  desk: deskOut,
  deskLabel: z.string(),
  at: z.number(),
  again: z.boolean(),
  /** The announcement as text and as the clips the television plays (domain/queue/spoken.ts). */
  text: z.string(),
  clips: z.array(z.string()),
});
export type QueueCall = z.infer<typeof queueCallOut>;

export const queueBoardSchema = z.object({
  day: z.string(),
  enabled: z.boolean(),
  /** This PC's station among those handing out numbers; null when it hands out none. */
  station: z.object({ station: z.number().int(), stations: z.number().int() }).nullable(),
  desks: z.array(z.object({ desk: deskOut, label: z.string(), current: queueTicketRow.nullable() })),
  queues: z.object({ helpdesk: z.array(queueTicketRow), verifier: z.array(queueTicketRow), sysadmin: z.array(queueTicketRow) }),
  /** Everything else of the day (served, done, away), newest first. */
  others: z.array(queueTicketRow),
  recentCalls: z.array(queueCallOut),
  /** Numbers handed out twice (two PCs offline with a changed station list): shown, never hidden. */
  duplicates: z.array(z.string()),
  counts: z.object({ issued: z.number().int(), waiting: z.number().int(), served: z.number().int(), noShows: z.number().int() }),
  requeueAfter: z.number().int(),
});
export type QueueBoard = z.infer<typeof queueBoardSchema>;

/**
 * The month's queue in the monthly report (issue 16 item 5): tickets handed out, visitors per hour of the day
 * (WITA, by the hour the number was taken), the measured waiting before service (number taken → first served
 * at a desk, wall-clock minutes) and no-shows, per service. Computed in `backend/report/queue.ts`.
 */
const queueWait = { waitMedianMin: z.number().nullable(), waitP90Min: z.number().nullable() };
export const monthlyQueueSchema = z.object({
  tickets: z.number().int(),
  served: z.number().int(),
  noShows: z.number().int(),
  /** Neither served nor marked not present (left before being called, or still waiting). */
  notServed: z.number().int(),
  /** Days on which numbers were handed out. */
  queueDays: z.number().int(),
  ...queueWait,
  byHour: z.array(
    z.object({
      hour: z.number().int().min(0).max(23),
      tickets: z.number().int(),
      /** Average per queue day. */
      perDay: z.number().nullable(),
      ...queueWait,
      /** Tickets per service code ("lainnya" without a service). */
      byService: z.record(z.string(), z.number().int()),
    }),
  ),
  byService: z.array(z.object({ code: z.string(), label: z.string(), tickets: z.number().int(), served: z.number().int(), noShows: z.number().int(), ...queueWait })),
});
export type MonthlyQueue = z.infer<typeof monthlyQueueSchema>;

const actionOut = z.object({ ticket: queueTicketRow, call: queueCallOut.nullable(), message: z.string() });

export const slideSchema = z.discriminatedUnion('kind', [
  /** The maklumat pelayanan (issue 14 adds its text); until then the standard's summary fills this slot. */
  z.object({ kind: z.literal('maklumat'), title: z.string(), paragraphs: z.array(z.string()), signer: z.string().nullable() }),
  z.object({
    kind: z.literal('standard'),
    title: z.string(),
    source: z.string(),
    services: z.array(z.object({ number: z.number().int(), name: z.string(), timeLimit: z.string(), fee: z.string() })),
  }),
  z.object({
    kind: z.literal('service'),
    number: z.number().int(),
    name: z.string(),
    timeLimit: z.string(),
    timeNotes: z.array(z.string()),
    fee: z.string(),
    requirements: z.array(z.object({ label: z.string(), note: z.string().nullable() })),
  }),
  z.object({
    kind: z.literal('ikm'),
    period: z.string(),
    ikm: z.number().nullable(),
    grade: z.string().nullable(),
    gradeLabel: z.string().nullable(),
    respondents: z.number().int(),
  }),
  z.object({ kind: z.literal('complaints'), channels: z.array(z.string()), responseDays: z.number().int(), lodgeWithinDays: z.number().int() }),
  z.object({ kind: z.literal('hours'), date: z.string(), today: z.string(), week: z.string(), open: z.boolean() }),
]);
export type Slide = z.infer<typeof slideSchema>;

export const displayBoardSchema = z.object({
  now: z.number(),
  day: z.string(),
  officeName: z.string(),
  enabled: z.boolean(),
  voice: z.object({ enabled: z.boolean(), volume: z.number().int() }),
  slideSeconds: z.number().int(),
  desks: z.array(z.object({ key: z.string(), label: z.string(), ticket: z.string().nullable(), phase: phase.nullable() })),
  /** The newest calls first (a repeat is a call too); the TV announces those it has not announced yet. */
  calls: z.array(queueCallOut.omit({ ticketId: true })),
  waiting: z.array(z.object({ role: z.enum(QUEUE_DESK_ROLES), label: z.string(), tickets: z.array(z.string()) })),
  slides: z.array(slideSchema),
});
export type DisplayBoard = z.infer<typeof displayBoardSchema>;

export const queueSettingsSchema = z.object({
  enabled: z.boolean(),
  groupB: z.array(z.string()).nullable(),
  requeueAfter: z.number().int(),
  voice: z.object({ enabled: z.boolean(), volume: z.number().int() }),
  slip: z.enum(SLIP_MODES),
  stations: z.array(z.string()),
  slideSeconds: z.number().int(),
});
export type QueueSettingsView = z.infer<typeof queueSettingsSchema>;

const settingsInput = z.object({
  enabled: z.boolean().optional(),
  groupB: z.array(z.string().trim().min(1).max(64)).max(50).nullable().optional(),
  requeueAfter: z.number({ message: 'Isi angka 1–20.' }).int('Isi angka bulat 1–20.').min(1, 'Paling sedikit 1.').max(20, 'Paling banyak 20.').optional(),
  voice: z
    .object({ enabled: z.boolean(), volume: z.number({ message: 'Volume 0–100.' }).int('Volume 0–100.').min(0, 'Volume 0–100.').max(100, 'Volume 0–100.') })
    .optional(),
  slip: z.enum(SLIP_MODES, { message: 'Pilihan slip: tidak, tawarkan, atau cetak otomatis.' }).optional(),
  stations: z.array(z.string().trim().min(1).max(100)).max(20, 'Paling banyak 20 PC.').optional(),
  slideSeconds: z.number({ message: 'Isi angka 5–120.' }).int().min(5, 'Paling sedikit 5 detik.').max(120, 'Paling lama 120 detik.').optional(),
});

const slipLayout = z.enum(['thermal80', 'thermal58'], { message: 'Pilih kertas thermal 80 mm atau 58 mm.' });

export const queueApi = {
  'queue.board': method(z.object({}), queueBoardSchema, SIGNED_IN, false),
  'queue.callNext': method(z.object({ desk: deskInput }), actionOut, QUEUE_STAFF, true),
  'queue.callAgain': method(z.object({ desk: deskInput, ticketId }), actionOut, QUEUE_STAFF, true),
  'queue.notPresent': method(z.object({ desk: deskInput, ticketId }), actionOut, QUEUE_STAFF, true),
  'queue.serve': method(z.object({ desk: deskInput, ticketId }), actionOut, QUEUE_STAFF, true),
  'queue.finish': method(z.object({ desk: deskInput, ticketId }), actionOut, QUEUE_STAFF, true),
  /** A returning visitor (or one marked not present who came back): back at their original place. */
  'queue.rejoin': method(z.object({ ticketId }), actionOut, roles('helpdesk', 'supervisor'), true),
  'queue.ofVisit': method(z.object({ visitId: uuid }), z.object({ ticket: queueTicketRow.nullable(), ahead: z.number().int(), slip: z.enum(SLIP_MODES) }), SIGNED_IN, false),
  /** The thermal queue slip as HTML (preview and print dialog) or as PDF. */
  'queue.slip': method(
    z.object({ ticketId, layout: slipLayout, format: z.enum(['html', 'pdf']) }),
    z.object({ html: z.string().nullable(), base64: z.string().nullable(), fileName: z.string(), widthMm: z.number(), heightMm: z.number() }),
    SIGNED_IN,
    false,
  ),
  /** Opens the television (the desktop app: its own full-screen window; the browser shell: a tab). */
  'queue.displayOpen': method(z.object({}), z.object({ displayToken: z.string(), windowOpened: z.boolean() }), QUEUE_STAFF, true),
  'queue.displayClose': method(z.object({}), z.object({ closed: z.boolean() }), QUEUE_STAFF, true),
  /** A new display token: a television opened with the old one stops (a link that leaked). */
  'queue.displayReset': method(z.object({}), z.object({ displayToken: z.string() }), SUPERVISOR, true),
  /**
   * The television's board, read again on each change notice (renderer/src/live.ts, ADR 0008). Accepted
   * only with the display token.
   */
  'queue.display': method(z.object({ displayToken: z.string().min(20, 'Tautan layar televisi tidak valid.').max(100, 'Tautan layar televisi tidak valid.') }), displayBoardSchema, PUBLIC, false),
  'queue.settings': method(z.object({}), queueSettingsSchema.extend({ devices: z.array(z.object({ deviceId: z.string(), name: z.string(), thisPc: z.boolean() })) }), SIGNED_IN, false),
  'queue.setSettings': method(settingsInput, queueSettingsSchema, SUPERVISOR, true),
} as const;
