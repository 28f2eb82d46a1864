/**
 * Frozen once released. Data safety (issue 15, docs/adr/0016-data-safety.md):
 * - `number_floors`: after a restore, the highest number of each series and scope that the replaced
 *   database had issued and the restored one lacks. The next number is one more than the higher of the log's
 *   highest (`issued_numbers`) and the floor, so a restore never hands out a receipt number twice, even
 *   before the events that issued it come back from the server. Local state (a ledger table): no event
 *   carries it, `db verify` does not compare it.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE number_floors (
    series TEXT NOT NULL,
    scope TEXT NOT NULL,
    number INTEGER NOT NULL,
    source TEXT NOT NULL,
    set_at INTEGER NOT NULL,
    PRIMARY KEY (series, scope)
  ) STRICT, WITHOUT ROWID`.execute(db);
}
