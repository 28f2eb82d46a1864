/**
 * Frozen once released. `aggregates` becomes a rowid table (docs/adr/0033-aggregates-rowid.md).
 *
 * Migration 001 made it `WITHOUT ROWID`: its rows live in an index b-tree, whose leaf cells keep at most about
 * 1 KB of a row on the page at 4 KiB pages (https://sqlite.org/fileformat2.html#b_tree_pages); a visit's
 * 2.3–3.2 KB state spills into an overflow page. Every checklist tick rewrote the leaf, wrote a new overflow
 * page, freed the old one (zeroed and written: `secure_delete`, db/open.ts) and changed page 1's freelist
 * count. A rowid table's leaf keeps up to 4,061 bytes of a row locally, so the same write touches the one leaf
 * page (WAL frames per tick: 13.0 → 11.0 in a test file, 14.8 → 13.6 on the bench's file). `id TEXT PRIMARY
 * KEY` becomes the table's unique index, so every query (`WHERE id = ?`, `ON CONFLICT (id)`, `ORDER BY id`)
 * keeps its meaning unchanged.
 *
 * The rows move over as they are (same columns, same values, in id order so the rowids follow the ids).
 * Idempotent in effect: run on a table that is already rowid (a test that rewinds user_version), it copies
 * the rows once more.
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
  await sql`INSERT INTO aggregates_014 (id, type, last_key, state, event_count)
    SELECT id, type, last_key, state, event_count FROM aggregates ORDER BY id`.execute(db);
  await sql`DROP TABLE aggregates`.execute(db);
  await sql`ALTER TABLE aggregates_014 RENAME TO aggregates`.execute(db);
}
