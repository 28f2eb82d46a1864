/**
 * Events of the waiting room's queue (issue 16, ADR 0013). One aggregate per ticket (`queue_ticket`, id
 * `qt-<uuid>`): the number handed to a visitor for the day, and every step at the desks — called, called
 * again, not present, serving, finished — and a return to the queue. Where a ticket waits (helpdesk,
 * verifier, system admin) is read from its visits, so the visit's own events are not duplicated here.
 * Stand-alone (imports only zod), like the other event lists. Append-only: fields are only ever added.
 */
import { z } from 'zod';

const epochMs = z.number().int().nonnegative();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const QUEUE_LETTERS = ['A', 'B'] as const;
export const QUEUE_DESK_ROLES = ['helpdesk', 'verifier', 'sysadmin'] as const;

/** A desk (loket): the role it serves and its number among desks of that role (0 = the only one). */
export const deskSchema = z.object({ role: z.enum(QUEUE_DESK_ROLES), number: z.number().int().min(0).max(9) });
export type QueueDesk = z.infer<typeof deskSchema>;

export const QUEUE_TICKET_PREFIX = 'qt-';

export const QUEUE_EVENTS = {
  /**
   * A number for the day. `number` comes from the log (`issued_numbers`, series 'queue', scope
   * `<day>-<letter>`); `station` of `stations` says which residue class this PC draws from, so two PCs
   * offline never draw the same number (domain/queue/numbers.ts).
   */
  'queue.ticket_issued': {
    aggregate: 'queue_ticket',
    version: 1,
    payload: z.object({
      at: epochMs,
      day: isoDate,
      letter: z.enum(QUEUE_LETTERS),
      number: z.number().int().min(1).max(999),
      label: z.string().max(8),
      visitId: z.string().uuid(),
      personId: z.string().uuid().nullable(),
      serviceCode: z.string().max(64).nullable(),
      station: z.number().int().min(1).max(99),
      stations: z.number().int().min(1).max(99),
    }),
  },
  /** Another visit of the same visitor the same day: it keeps the number and the place. */
  'queue.visit_joined': { aggregate: 'queue_ticket', version: 1, payload: z.object({ at: epochMs, visitId: z.string().uuid() }) },
  /** Called to a desk; `again` for "panggil ulang" (the same visitor, announced once more). */
  'queue.called': { aggregate: 'queue_ticket', version: 1, payload: z.object({ at: epochMs, desk: deskSchema, again: z.boolean() }) },
  /** Not at the desk after the call: back in the queue after `requeueAfter` others are called. */
  'queue.not_present': { aggregate: 'queue_ticket', version: 1, payload: z.object({ at: epochMs, desk: deskSchema, requeueAfter: z.number().int().min(1).max(50) }) },
  /** Being served at the desk (the waiting before service ends here). */
  'queue.serving': { aggregate: 'queue_ticket', version: 1, payload: z.object({ at: epochMs, desk: deskSchema }) },
  /** Done at the desk (the next call at the same desk records it too). */
  'queue.finished': { aggregate: 'queue_ticket', version: 1, payload: z.object({ at: epochMs, desk: deskSchema }) },
  /** Back in the queue at the original place (a returning visitor, a file resumed the same day). */
  'queue.rejoined': { aggregate: 'queue_ticket', version: 1, payload: z.object({ at: epochMs }) },
} as const;

/** Steps that name a desk; the permissions of the fold check the actor holds that desk's role. */
export const QUEUE_DESK_EVENT_TYPES = ['queue.called', 'queue.not_present', 'queue.serving', 'queue.finished'] as const;
