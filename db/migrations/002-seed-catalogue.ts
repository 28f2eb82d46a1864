/**
 * Seeds catalogue version 1 (Perwali Banjarmasin 67/2018) as a `catalogue.published` event. The event's
 * id, clock and device are fixed, so every workstation seeds the very same event and sync deduplicates it.
 * Writes rows directly (no app code): the state literal below is what the catalogue reducer folds from it.
 */
import { sql, type Kysely } from 'kysely';
import { PERWALI_67_2018 } from '../../domain/catalogue/perwali-67-2018';

export const SEED_CATALOGUE_EVENT_ID = '0167f1a0-0000-7000-8000-000000000001';
export const SEED_DEVICE_ID = 'seed';
const SEED_HLC = '001543334400000-00000';
const SEED_AT = 1543334400000; // 2018-11-28 00:00 WITA, the day the regulation was promulgated

export async function up(db: Kysely<unknown>): Promise<void> {
  const catalogue = PERWALI_67_2018;
  const payload = { version: catalogue.version, catalogue, note: 'Katalog awal sesuai Lampiran Perwali Banjarmasin Nomor 67 Tahun 2018' };
  await sql`INSERT INTO events (id, hlc, device_id, actor_id, type, aggregate_type, aggregate_id, payload, schema_version, recorded_at, is_local, server_seq)
            VALUES (${SEED_CATALOGUE_EVENT_ID}, ${SEED_HLC}, ${SEED_DEVICE_ID}, NULL, 'catalogue.published', 'catalogue', 'catalogue',
                    ${JSON.stringify(payload)}, 1, ${SEED_AT}, 0, NULL)`.execute(db);
  const state = {
    versions: { [String(catalogue.version)]: { catalogue, publishedAt: SEED_AT, publishedBy: null, note: payload.note } },
    activeVersion: catalogue.version,
  };
  await sql`INSERT INTO aggregates (id, type, last_key, state, event_count)
            VALUES ('catalogue', 'catalogue', ${`${SEED_HLC}|${SEED_DEVICE_ID}|${SEED_CATALOGUE_EVENT_ID}`}, ${JSON.stringify(state)}, 1)`.execute(db);
  await sql`INSERT INTO catalogue_versions (version, body, published_at, published_by, note)
            VALUES (${catalogue.version}, ${JSON.stringify(catalogue)}, ${SEED_AT}, NULL, ${payload.note})`.execute(db);
}
