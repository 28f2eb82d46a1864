/**
 * Frozen once released. The handlers' desks and the working-day calendar:
 * - visit columns for the claim, the outcome, the pauses of the service clock and the discretion reason,
 *   with the indexes of the verifier / system admin queue and the supervisor's dashboard;
 * - the calendar projection (holidays, counter hours per weekday), seeded from the national decree
 *   (`seed/holidays-2025-2026.json`, a copy of the shared `data/holidays-id.json`) as one
 *   `calendar.imported` event with a fixed id, clock and device, so every workstation seeds the very same
 *   event and sync deduplicates it.
 * Writes rows directly (no app code): the state literal below is what the calendar reducer folds from the
 * seed event (a test checks that they agree).
 */
import { sql, type Kysely } from 'kysely';
import seed from './seed/holidays-2025-2026.json';

export const SEED_CALENDAR_EVENT_ID = '0167f1a0-0000-7000-8000-000000000003';
const SEED_DEVICE_ID = 'seed';
const SEED_HLC = '001543334400000-00000';
const SEED_AT = 1543334400000; // the same instant as the catalogue seed (migration 002)

/** Statuses of files still in a handler's queue; the queue index is partial on them. */
const OPEN_STATUSES = `('handed_over', 'in_process', 'waiting_vendor', 'at_lkpp')`;

type SeedKind = 'libur_nasional' | 'cuti_bersama';
interface SeedDoc {
  sources: Record<string, string>;
  years: Record<string, Partial<Record<SeedKind, { date: string; name: string }[]>>>;
}

/** Holidays of the seed in date order (the seed has one entry per date). */
export function seedHolidays(): { date: string; name: string; kind: SeedKind }[] {
  const doc = seed as SeedDoc;
  const out: { date: string; name: string; kind: SeedKind }[] = [];
  for (const byKind of Object.values(doc.years)) {
    for (const kind of ['libur_nasional', 'cuti_bersama'] as const) {
      for (const h of byKind[kind] ?? []) out.push({ date: h.date, name: h.name, kind });
    }
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export function seedCalendarPayload() {
  const doc = seed as SeedDoc;
  return {
    holidays: seedHolidays(),
    mode: 'replace_years' as const,
    years: Object.keys(doc.years).map(Number),
    source: `SKB 3 Menteri: ${Object.entries(doc.sources)
      .map(([y, s]) => `${y}: ${s}`)
      .join('; ')}`,
  };
}

/** Counter hours seeded (DOMAIN-RULES "Working time"): Mon–Thu 07:30–16:00, Fri 07:30–16:30, weekend closed. */
const SEED_HOURS: Record<string, { open: string; close: string } | null> = {
  1: { open: '07:30', close: '16:00' },
  2: { open: '07:30', close: '16:00' },
  3: { open: '07:30', close: '16:00' },
  4: { open: '07:30', close: '16:00' },
  5: { open: '07:30', close: '16:30' },
  6: null,
  7: null,
};

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `ALTER TABLE visits ADD COLUMN registered_by TEXT`,
    `ALTER TABLE visits ADD COLUMN handed_over_by TEXT`,
    `ALTER TABLE visits ADD COLUMN claimed_by TEXT`,
    `ALTER TABLE visits ADD COLUMN claimed_at INTEGER`,
    `ALTER TABLE visits ADD COLUMN claim_conflicts INTEGER NOT NULL DEFAULT 0`,
    `ALTER TABLE visits ADD COLUMN outcome_at INTEGER`,
    `ALTER TABLE visits ADD COLUMN outcome_by TEXT`,
    `ALTER TABLE visits ADD COLUMN outcome_note TEXT`,
    `ALTER TABLE visits ADD COLUMN lkpp_result TEXT`,
    // The service clock's pauses, JSON [{from, to, kind}]: the queue computes clocks without loading states.
    `ALTER TABLE visits ADD COLUMN pauses TEXT NOT NULL DEFAULT '[]'`,
    `ALTER TABLE visits ADD COLUMN discretion_reason TEXT`,
    // Verifier / system admin queue (oldest first) and the dashboard's open files: only open files are indexed.
    `CREATE INDEX visits_desk_queue ON visits (handed_over_to, handed_over_at) WHERE status IN ${OPEN_STATUSES}`,
    // Dashboard: files handed over / finished today, per member of staff.
    `CREATE INDEX visits_by_handover ON visits (handed_over_at) WHERE handed_over_at IS NOT NULL`,
    `CREATE INDEX visits_by_outcome ON visits (outcome_at) WHERE outcome_at IS NOT NULL`,
    `CREATE TABLE calendar_holidays (
      date TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      kind TEXT NOT NULL
    ) STRICT, WITHOUT ROWID`,
    `CREATE TABLE calendar_hours (
      weekday INTEGER PRIMARY KEY,
      open TEXT,
      close TEXT
    ) STRICT`,
  ];
  for (const s of statements) await sql.raw(s).execute(db);

  // Visits recorded before this migration: who registered and handed them over is in their folded state.
  await sql`UPDATE visits SET
              registered_by = (SELECT json_extract(a.state, '$.registeredBy') FROM aggregates a WHERE a.id = visits.id),
              handed_over_by = (SELECT json_extract(a.state, '$.handedOverBy') FROM aggregates a WHERE a.id = visits.id)`.execute(db);

  const payload = seedCalendarPayload();
  await sql`INSERT INTO events (id, hlc, device_id, actor_id, type, aggregate_type, aggregate_id, payload, schema_version, recorded_at, is_local, server_seq)
            VALUES (${SEED_CALENDAR_EVENT_ID}, ${SEED_HLC}, ${SEED_DEVICE_ID}, NULL, 'calendar.imported', 'calendar', 'calendar',
                    ${JSON.stringify(payload)}, 1, ${SEED_AT}, 0, NULL)`.execute(db);
  const state = { hours: SEED_HOURS, holidays: payload.holidays, updatedAt: SEED_AT, updatedBy: null };
  await sql`INSERT INTO aggregates (id, type, last_key, state, event_count)
            VALUES ('calendar', 'calendar', ${`${SEED_HLC}|${SEED_DEVICE_ID}|${SEED_CALENDAR_EVENT_ID}`}, ${JSON.stringify(state)}, 1)`.execute(db);
  for (const h of payload.holidays) {
    await sql`INSERT INTO calendar_holidays (date, name, kind) VALUES (${h.date}, ${h.name}, ${h.kind})`.execute(db);
  }
  for (const [weekday, h] of Object.entries(SEED_HOURS)) {
    await sql`INSERT INTO calendar_hours (weekday, open, close) VALUES (${Number(weekday)}, ${h?.open ?? null}, ${h?.close ?? null})`.execute(db);
  }
}
