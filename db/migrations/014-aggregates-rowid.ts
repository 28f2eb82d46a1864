/**
 * Frozen once released. The `aggregates` table becomes an ordinary rowid table with its `id` as a unique
 * key (issue 17, docs/adr/0025-one-check-per-boundary.md). As a WITHOUT ROWID table its rows lived in an index b-tree,
 * where SQLite keeps at most about a quarter of a page (≈1,000 bytes of a 4 KiB page) in the b-tree cell and
 * spills the rest to overflow pages: a visit's folded state is 2–4 KB, so every checklist tick freed and
 * re-allocated two or three overflow pages besides the leaf, each one more page written to the WAL at
 * commit. A rowid table keeps a row of up to ≈4,000 bytes in its leaf. Same name, columns and constraints
 * (`id` stays the primary key, now through SQLite's automatic unique index), so every query and upsert
 * (`ON CONFLICT (id)`) is unchanged. Projection data: copied as it is, nothing re-folded.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE aggregates_014 (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    last_key TEXT NOT NULL,
    state TEXT,
    event_count INTEGER NOT NULL
  ) STRICT`.execute(db);
  await sql`INSERT INTO aggregates_014 (id, type, last_key, state, event_count) SELECT id, type, last_key, state, event_count FROM aggregates ORDER BY id`.execute(db);
  await sql`DROP TABLE aggregates`.execute(db);
  await sql`ALTER TABLE aggregates_014 RENAME TO aggregates`.execute(db);
}
