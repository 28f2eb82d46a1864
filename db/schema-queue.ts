/**
 * Kysely table types of the waiting room's queue (migration 010). Kept apart from `schema.ts`, as the
 * survey's are: code that needs them widens its executor with `queueExec`.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema';

export interface QueueTicketsTable {
  id: string;
  day: string;
  letter: string;
  number: number;
  label: string;
  service_code: string | null;
  person_id: string | null;
  issued_at: number;
  device_id: string;
  /** JSON of the folded ticket (domain/aggregates/queue.ts). */
  state: string;
}

export interface QueueTicketVisitsTable {
  visit_id: string;
  ticket_id: string;
  day: string;
}

// A type alias, not an interface: `withTables` needs the implicit index signature.
export type QueueTables = {
  queue_tickets: QueueTicketsTable;
  queue_ticket_visits: QueueTicketVisitsTable;
};
export type QueueDB = DB & QueueTables;
export type QueueExec = Kysely<QueueDB> | Transaction<QueueDB>;

export function queueExec(db: Kysely<DB> | Transaction<DB>): QueueExec {
  return db.withTables<QueueTables>();
}
