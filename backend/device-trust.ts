/**
 * This workstation's signing identity (ADR 0011): its Ed25519 key, kept by a key store (never in the
 * database), and the head of its hash chain. Every event it records is chained to the previous one it wrote
 * and signed before it is stored.
 */
import type { Transaction } from 'kysely';
import { fromEnvelopeRow } from '../domain/events/codec';
import type { StoredEvent } from '../domain/events/schema';
import { prepared } from '../db/prepared';
import type { DB } from '../db/schema';
import { generateSigningKey, signingKeyFromPem, type SigningKey } from '../trust/ed25519';
import { eventHash, signEvents } from '../trust/events';
import type { KeyStore } from '../trust/key-store';
import type { Kysely } from 'kysely';

const lastLocalId = prepared((db) => db.selectFrom('events').select('id').where('is_local', '=', 1).orderBy('seq', 'desc').limit(1));
const eventById = prepared((db, p: { id: string }) => db.selectFrom('events').selectAll().where('id', '=', p.id));

export class DeviceTrust {
  /** The newest local event and its hash, as last seen; checked against the database before use. */
  private head: { id: string; hash: string } | null = null;

  private constructor(
    private keyStore: KeyStore,
    private current: SigningKey,
  ) {}

  /** Loads the workstation's key, creating it on the first start (or the first start after the upgrade). */
  static open(keyStore: KeyStore): DeviceTrust {
    const pem = keyStore.load();
    if (pem) return new DeviceTrust(keyStore, signingKeyFromPem(pem));
    const fresh = generateSigningKey();
    keyStore.save(fresh.pem);
    return new DeviceTrust(keyStore, fresh.key);
  }

  get key(): SigningKey {
    return this.current;
  }

  /**
   * A new key pair (after this device was revoked: its old key is no longer trusted). The caller re-signs
   * the events the server has not acknowledged yet.
   */
  rotate(): SigningKey {
    const fresh = generateSigningKey();
    this.keyStore.save(fresh.pem);
    this.current = fresh.key;
    return fresh.key;
  }

  /**
   * The hash of this device's newest local event (the `prev` of the next one): the one this process signed
   * last, or, at the first event after a start, read in `tx`. Not checked against the database on every
   * action: should the transaction that stored the remembered event have rolled back, the next event merely
   * names an event that does not exist, and its receivers verify it by its own signature instead of through
   * the chain (the chain only saves verification work; every event is signed on its own).
   */
  async chainHead(tx: Kysely<DB> | Transaction<DB>): Promise<string | null> {
    if (this.head) return this.head.hash;
    const last = await lastLocalId.first(tx, {});
    if (!last) return null;
    const row = await eventById.first(tx, { id: last.id });
    const hash = eventHash(fromEnvelopeRow(row!));
    this.head = { id: last.id, hash };
    return hash;
  }

  /** Chains and signs freshly stamped local events, inside the transaction that stores them. */
  async sign(tx: Transaction<DB>, events: StoredEvent[]): Promise<void> {
    if (events.length === 0) return;
    const prev = await this.chainHead(tx);
    const hash = signEvents(events, this.current, prev);
    this.head = { id: events[events.length - 1]!.id, hash: hash! };
  }

  /** Forgets the cached head (after rows were re-signed in bulk). */
  resetHead(): void {
    this.head = null;
  }
}

/**
 * Signs this device's own events that have no signature yet (written before the upgrade, or while no key
 * existed), in the order it wrote them, chained; and, with `resignPending`, re-signs with the current key
 * the ones the server has not acknowledged (after a key rotation). Returns how many were signed.
 */
export async function signBacklog(db: Kysely<DB>, trust: DeviceTrust, opts: { resignPending?: boolean } = {}): Promise<number> {
  let signed = 0;
  let after = 0;
  let prev: string | null = null;
  for (;;) {
    const rows = await db.selectFrom('events').selectAll().where('is_local', '=', 1).where('seq', '>', after).orderBy('seq').limit(2000).execute();
    if (rows.length === 0) break;
    await db.transaction().execute(async (tx) => {
      for (const r of rows) {
        const e = fromEnvelopeRow(r);
        const needs = e.signature === null || (opts.resignPending === true && r.server_seq === null && !e.signature?.startsWith(`${trust.key.keyId}.`));
        if (needs) {
          // An event signed before keeps its place in the chain (its `prev`); an unsigned one is chained now.
          const keepPrev = e.signature !== null;
          const chainPrev = keepPrev ? (e.prev ?? null) : prev;
          signEvents([e], trust.key, chainPrev);
          await tx.updateTable('events').set({ prev: e.prev ?? null, signature: e.signature ?? null }).where('seq', '=', r.seq).execute();
          signed++;
        }
        prev = eventHash(e);
      }
    });
    after = rows[rows.length - 1]!.seq;
  }
  trust.resetHead();
  return signed;
}
