/**
 * Frozen once released. Personal-data duties (issue 15 item 6, docs/adr/0017-personal-data-erasure.md):
 * - `erasures`: the erasure register, a projection of `subject.erased` events (subject by id only, reason,
 *   who, which device, when).
 * - `erasure_applied`: local ledger of what this PC redacted for each erasure and when; `pending` counts this
 *   PC's own events about the subject that the server had not acknowledged yet (kept as signed until their
 *   push is acknowledged, then redacted: the server redacts its copy on arrival).
 * Existing events need no rewriting: the design redacts in place, the same way for old and new events.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE erasures (
    id TEXT PRIMARY KEY,
    subject_kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    retention_months INTEGER,
    note TEXT,
    visit_count INTEGER NOT NULL,
    erased_at INTEGER NOT NULL,
    actor_id TEXT,
    device_id TEXT NOT NULL,
    event_key TEXT NOT NULL
  ) STRICT`.execute(db);
  await sql`CREATE INDEX erasures_by_subject ON erasures (subject_id)`.execute(db);
  await sql`CREATE TABLE erasure_applied (
    erasure_id TEXT PRIMARY KEY,
    subject_id TEXT NOT NULL,
    applied_at INTEGER NOT NULL,
    events_redacted INTEGER NOT NULL,
    pending INTEGER NOT NULL
  ) STRICT`.execute(db);
}
