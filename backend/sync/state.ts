/**
 * The sync engine's persistent state, in the `sync_state` table (migration 004). Only backend/sync reads
 * it: the device token in here never crosses to the renderer.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';

export type SyncStateTables = {
  sync_state: { key: string; value: string };
  sync_held_events: { id: string; server_seq: number; event: string; reason: string; held_at: number };
};
export type SyncDB = DB & SyncStateTables;
export type SyncExec = Kysely<SyncDB> | Transaction<SyncDB>;

export function syncDb(db: Kysely<DB>): Kysely<SyncDB> {
  return db.withTables<SyncStateTables>();
}
export function syncTx(tx: Transaction<DB>): Transaction<SyncDB> {
  return tx.withTables<SyncStateTables>();
}

export interface LastError {
  code: SyncErrorCode;
  message: string;
  at: number;
}

export type SyncErrorCode =
  | 'offline'
  | 'server_error'
  | 'revoked'
  | 'rejected'
  | 'protocol'
  | 'clock_behind'
  | 'clock_ahead'
  | 'refused'
  | 'key_conflict'
  | 'server_outdated'
  | 'internal';

export interface SyncState {
  serverUrl: string | null;
  deviceToken: string | null;
  serverDeviceId: string | null;
  officeId: string | null;
  officeName: string | null;
  /** The office this workstation's data belongs to; kept after "forget" so it never joins another office. */
  boundOfficeId: string | null;
  boundOfficeName: string | null;
  enrolledAt: number | null;
  epoch: string | null;
  /** Highest server sequence number pulled and applied, and the id of that event. */
  cursor: number;
  cursorId: string | null;
  lastSuccessAt: number | null;
  lastAttemptAt: number | null;
  lastError: LastError | null;
  /** The most recent cycle failed (lastError describes it); false after a successful cycle. */
  failing: boolean;
  revoked: boolean;
  /** Set when the server lost data: received events it does not confirm are sent back to it. */
  resendRemote: boolean;
  /** Server clock minus this PC's clock, from the last answer. */
  clockOffsetMs: number | null;
  /** The server's signing key (ADR 0011), from enrollment or the session: server events and attestations. */
  serverKeyId: string | null;
  serverPublicKey: string | null;
  /** The key id the server knows for this device; null until it was registered (enrolled by an older app). */
  registeredKeyId: string | null;
}

const EMPTY: SyncState = {
  serverUrl: null,
  deviceToken: null,
  serverDeviceId: null,
  officeId: null,
  officeName: null,
  boundOfficeId: null,
  boundOfficeName: null,
  enrolledAt: null,
  epoch: null,
  cursor: 0,
  cursorId: null,
  lastSuccessAt: null,
  lastAttemptAt: null,
  lastError: null,
  failing: false,
  revoked: false,
  resendRemote: false,
  clockOffsetMs: null,
  serverKeyId: null,
  serverPublicKey: null,
  registeredKeyId: null,
};

type Key = keyof SyncState;

export async function readSyncState(db: SyncExec): Promise<SyncState> {
  const rows = await db.selectFrom('sync_state').select(['key', 'value']).execute();
  const state: SyncState = { ...EMPTY };
  for (const r of rows) {
    if (r.key in EMPTY) (state as unknown as Record<string, unknown>)[r.key] = JSON.parse(r.value) as unknown;
  }
  return state;
}

/** Writes the given fields (inside the caller's transaction when given one). */
export async function writeSyncState(db: SyncExec, patch: Partial<SyncState>): Promise<void> {
  const rows = (Object.keys(patch) as Key[]).map((key) => ({ key, value: JSON.stringify(patch[key] ?? null) }));
  if (rows.length === 0) return;
  await db
    .insertInto('sync_state')
    .values(rows)
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })))
    .execute();
}

export function isEnrolled(s: SyncState): boolean {
  return s.serverUrl !== null && s.deviceToken !== null;
}
