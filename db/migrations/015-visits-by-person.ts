/**
 * Frozen once released. `visits_by_person`: the visits of one person, by index.
 *
 * Every question about one person went through all of `visits`: the erasure's search for the events that
 * name the person (db/erasure.ts `candidates`, inside the erasure's transaction, while the counter waits),
 * the data subject's export and the person's visit count on the privacy screen (backend/handlers/privacy.ts).
 * On the bench's counter (110,000 visits) the erasure's search alone took 66–94 ms, a scan of the table;
 * with the index it reads the person's own rows. Counter actions do not touch the index: a visit's row is
 * updated column by column (db/projections.ts `projectVisit`) and its person never changes. `IF NOT EXISTS`:
 * a test that rewinds user_version runs it again.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS visits_by_person ON visits (person_id) WHERE person_id IS NOT NULL`.execute(db);
}
