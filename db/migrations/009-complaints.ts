/**
 * Frozen once released. Issue 12 (complaints and suggestions, Perwali 67/2018 Pasal 8):
 * - `complaints`: projection of the `complaint` aggregates — the register's columns, the stage and what the
 *   two working-day clocks need (first completeness decision, waits for the complainant, response, close),
 *   so the desk and the report never parse folded states;
 * - `suggestions`: projection of the `suggestion` aggregates.
 * The complaint number is indexed but not unique: numbers cannot collide by construction (device tag), and a
 * constraint that a synced event could violate would stop a whole sync page.
 * Written to be renumbered (only its file name and list entry would change).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `CREATE TABLE complaints (
      id TEXT PRIMARY KEY,
      number TEXT NOT NULL,
      channel TEXT NOT NULL,
      received_at INTEGER NOT NULL,
      received_day TEXT NOT NULL,
      recorded_at INTEGER NOT NULL,
      recorded_by TEXT,
      recorded_on TEXT NOT NULL,
      complainant_name TEXT NOT NULL,
      name_norm TEXT NOT NULL,
      service_code TEXT,
      visit_id TEXT,
      receipt_no TEXT,
      service_at INTEGER,
      late_filing INTEGER NOT NULL,
      late_decision TEXT,
      lapor_no TEXT,
      stage TEXT NOT NULL,
      first_decision_at INTEGER,
      complete INTEGER,
      ever_incomplete INTEGER NOT NULL,
      waits TEXT NOT NULL,
      responded_at INTEGER,
      closed_at INTEGER,
      promised_completeness_at INTEGER,
      promised_response_at INTEGER,
      updated_at INTEGER NOT NULL
    ) STRICT`,
    `CREATE INDEX complaints_by_received ON complaints (received_at)`,
    `CREATE INDEX complaints_by_number ON complaints (number)`,
    `CREATE INDEX complaints_by_visit ON complaints (visit_id) WHERE visit_id IS NOT NULL`,
    // The desk reads the complaints not closed yet (a handful) through this partial index.
    `CREATE INDEX complaints_open ON complaints (received_at) WHERE stage <> 'closed'`,
    `CREATE TABLE suggestions (
      id TEXT PRIMARY KEY,
      received_at INTEGER NOT NULL,
      received_day TEXT NOT NULL,
      channel TEXT NOT NULL,
      name TEXT,
      service_code TEXT,
      text TEXT NOT NULL,
      recorded_by TEXT,
      recorded_at INTEGER NOT NULL
    ) STRICT`,
    `CREATE INDEX suggestions_by_received ON suggestions (received_at)`,
  ];
  for (const s of statements) await sql.raw(s).execute(db);
}
