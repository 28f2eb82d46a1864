/**
 * Frozen once released. `aggregates` becomes a rowid table (docs/adr/0032-aggregates-rowid.md).
 *
 * Migration 001 made it `WITHOUT ROWID`: its rows live in an index b-tree, whose leaf cells keep at most about
 * 1 KB of a row on the page at 4 KiB pages (https://sqlite.org/fileformat2.html#b_tree_pages); a visit's
 * 2.5–2.9 KB state spills over two overflow pages. Every checklist tick rewrote the leaf, freed the old
 * overflow chain (zeroed: `secure_delete`, db/open.ts) and allocated a new one (freelist trunk, page 1): about
 * ten of the fifteen pages an action wrote to the WAL. A rowid table's leaf keeps up to 4,061 bytes of a row
 * locally, so the same write touches the one leaf page. The `id TEXT PRIMARY KEY` becomes the table's unique
 * index, so every query (`WHERE id = ?`, `ON CONFLICT (id)`, `ORDER BY id`) keeps its meaning unchanged.
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
