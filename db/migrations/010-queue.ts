/**
 * Frozen once released. The waiting room's queue (issue 16, ADR 0013): projections of the `queue_ticket`
 * aggregates.
 * - `queue_tickets`: one row per ticket (a visitor's number for the day) with its folded state (the steps
 *   at the desks), read whole for a day's board — a day holds tens to a few hundred tickets.
 * - `queue_ticket_visits`: which visits a ticket serves (a visitor with two requests keeps one number), to
 *   find a visit's ticket and a returning visitor's ticket of the day.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `CREATE TABLE queue_tickets (
      id TEXT PRIMARY KEY,
      day TEXT NOT NULL,
      letter TEXT NOT NULL,
      number INTEGER NOT NULL,
      label TEXT NOT NULL,
      service_code TEXT,
      person_id TEXT,
      issued_at INTEGER NOT NULL,
      device_id TEXT NOT NULL,
      state TEXT NOT NULL
    ) STRICT`,
    `CREATE INDEX queue_tickets_by_day ON queue_tickets (day, issued_at)`,
    `CREATE INDEX queue_tickets_by_person ON queue_tickets (person_id, day) WHERE person_id IS NOT NULL`,
    `CREATE TABLE queue_ticket_visits (
      visit_id TEXT NOT NULL,
      ticket_id TEXT NOT NULL,
      day TEXT NOT NULL,
      PRIMARY KEY (visit_id, ticket_id)
    ) STRICT, WITHOUT ROWID`,
    `CREATE INDEX queue_ticket_visits_by_ticket ON queue_ticket_visits (ticket_id)`,
  ];
  for (const s of statements) await sql.raw(s).execute(db);
}
