/**
 * Frozen once released. Issue 14 (the service standard as living data, ADR 0015):
 * - `catalogue_versions.effective_from`: the date a version takes effect; the version in force on a day is
 *   the highest one whose date has come (db/queries.ts, `activeCatalogueVersion`). Filled from each stored
 *   body, which has always carried `effectiveFrom`.
 * - `vendors.spse_user_id`, `vendors.spse_user_state`: the SPSE User ID activated (service 1) or deactivated
 *   (service 5) for the company, found by the type-ahead (index on the id).
 * No app code runs here. Written to be renumbered (only its file name and list entry would change).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `ALTER TABLE catalogue_versions ADD COLUMN effective_from TEXT NOT NULL DEFAULT '0000-01-01'`,
    `UPDATE catalogue_versions SET effective_from = coalesce(json_extract(body, '$.effectiveFrom'), '0000-01-01')`,
    `ALTER TABLE vendors ADD COLUMN spse_user_id TEXT`,
    `ALTER TABLE vendors ADD COLUMN spse_user_state TEXT`,
    `CREATE INDEX vendors_by_spse_user_id ON vendors (spse_user_id) WHERE spse_user_id IS NOT NULL`,
  ];
  for (const s of statements) await sql.raw(s).execute(db);
}
