/**
 * Frozen once released. The log of report exports (projection of `report.exported`): the supervisor and the
 * data-protection officer can list which exports were made and which held personal data (UU 27/2022); and
 * an index to look receipts up by number.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `CREATE TABLE report_exports (
      id TEXT PRIMARY KEY,
      exported_at INTEGER NOT NULL,
      exported_by TEXT,
      month TEXT NOT NULL,
      format TEXT NOT NULL,
      personal_data INTEGER NOT NULL,
      visit_count INTEGER NOT NULL,
      file_name TEXT NOT NULL,
      sha256 TEXT NOT NULL,
      via TEXT NOT NULL,
      operator TEXT
    ) STRICT`,
    `CREATE INDEX report_exports_by_time ON report_exports (exported_at)`,
    // Checking a receipt presented at the counter (print.verifyReceipt) looks it up by number.
    `CREATE INDEX visits_by_receipt ON visits (receipt_no) WHERE receipt_no IS NOT NULL`,
  ];
  for (const s of statements) await sql.raw(s).execute(db);
}
