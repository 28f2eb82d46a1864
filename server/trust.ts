/**
 * The server's part of trust in the log (ADR 0011):
 * - its own signing key (created once, in `server_meta`, shared by every instance on the same database);
 * - events the server writes itself into an office's log (`appendServerEvent`: device keys and revocations,
 *   the public complaint form's records; the survey's form later), signed with its key;
 * - its attestation of unsigned legacy events (stored before signatures existed, or pushed by a workstation
 *   whose app predates them), so every event a PC pulls carries a signature it can check;
 * - checking a push: every new event signed by a current key of its author, the author being the pushing
 *   device (a re-send after the server lost data may carry other devices' signed events), no clock beyond
 *   the drift bound, payloads within the shared limits.
 */
import type { KeyObject } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { fromEnvelopeRow, toEnvelopeRow, type WireEnvelope } from '../domain/events/codec';
import { SERVER_DEVICE_ID } from '../domain/events/device-events';
import { formatHlc, parseHlc } from '../domain/events/hlc';
import { checkPayloadLimits, type LimitViolation } from '../domain/events/limits';
import { EVENT_TYPES, type EventType, type PayloadOf, type StoredEvent } from '../domain/events/schema';
import { uuidv7 } from '../domain/events/uuidv7';
import { generateSigningKey, publicKeyFrom, signingKeyFromPem, type SigningKey } from '../trust/ed25519';
import { attestEvent, signEvents } from '../trust/events';
import type { VerifyJob, VerifyRow } from './verify-job';
import { verifySignatures } from './verify-pool';
import { recordServerNumbers } from './numbering';
import type { ServerDB } from './schema';

/** The clock bound beyond which a pushed event is refused (the workstations' HLC drift bound, 24 h). */
export const MAX_CLOCK_AHEAD_MS = 24 * 60 * 60 * 1000;

export interface ServerKey {
  key: SigningKey;
  verify: KeyObject;
}

/** The server's key, created on first use; concurrent first starts agree on one (insert-if-absent). */
export async function loadServerKey(db: Kysely<ServerDB>): Promise<ServerKey> {
  const read = () => db.selectFrom('server_meta').select('value').where('key', '=', 'signing_key').executeTakeFirst();
  let row = await read();
  if (!row) {
    const { pem } = generateSigningKey();
    await db.insertInto('server_meta').values({ key: 'signing_key', value: pem }).onConflict((oc) => oc.column('key').doNothing()).execute();
    row = await read();
  }
  const key = signingKeyFromPem(row!.value);
  return { key, verify: publicKeyFrom(key.publicKey)! };
}

/**
 * Signs every unsigned event the database holds (stored before this version): the server vouches that it
 * received them from their device. One-off after the upgrade, in chunks, before the server answers.
 */
export async function attestLegacyEvents(db: Kysely<ServerDB>, serverKey: ServerKey, onProgress?: (n: number) => void): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await db.selectFrom('events').selectAll().where('signature', 'is', null).orderBy('office_id').orderBy('server_seq').limit(1000).execute();
    if (rows.length === 0) return total;
    await db.transaction().execute(async (tx) => {
      for (const r of rows) {
        const signature = attestEvent(fromEnvelopeRow(r), serverKey.key);
        await tx.updateTable('events').set({ signature }).where('office_id', '=', r.office_id).where('server_seq', '=', r.server_seq).execute();
      }
    });
    total += rows.length;
    onProgress?.(total);
  }
}

export async function lockOffice(db: Transaction<ServerDB>, dialect: 'sqlite' | 'pg', officeId: string): Promise<{ lastSeq: number }> {
  // PostgreSQL: a row lock held to commit serialises pushes per office. SQLite: the single writer does.
  const r = await db
    .selectFrom('offices')
    .select('last_seq')
    .where('id', '=', officeId)
    .$if(dialect === 'pg', (q) => q.forUpdate())
    .executeTakeFirstOrThrow();
  return { lastSeq: Number(r.last_seq) };
}

/**
 * Appends an event the server writes itself to an office's log, signed with the server's key, inside the
 * caller's transaction (which must hold the office lock: `lockOffice`). Returns it with its sequence number.
 * Reusable for every server-authored record (device keys; the public complaint form, ADR 0012; the survey's
 * form later). A number the event carries (`numbersIn`) is recorded as issued in the same transaction.
 */
export async function appendServerEventIn<T extends EventType>(
  tx: Transaction<ServerDB>,
  dialect: 'sqlite' | 'pg',
  serverKey: ServerKey,
  officeId: string,
  input: { type: T; aggregateId: string; payload: PayloadOf<T> },
  now: number,
): Promise<{ event: StoredEvent; serverSeq: number }> {
  const def = EVENT_TYPES[input.type];
  const payload = def.payload.parse(input.payload);
  const office = await lockOffice(tx, dialect, officeId);
  const seq = office.lastSeq + 1;
  // The server's logical time is the log's: just after the newest events it holds, not its wall clock. A
  // workstation then never sees a server event "from the future" (its clock may lag the server's; the wall
  // time is kept in `recordedAt`).
  const recent = await tx.selectFrom('events').select('hlc').where('office_id', '=', officeId).orderBy('server_seq', 'desc').limit(100).execute();
  const latest = recent.reduce<string | null>((m, r) => (m === null || r.hlc > m ? r.hlc : m), null);
  const base = latest ? parseHlc(latest) : { ms: 0, counter: 0 };
  const event: StoredEvent = {
    id: uuidv7(now),
    hlc: formatHlc(base.counter < 99_999 ? { ms: base.ms, counter: base.counter + 1 } : { ms: base.ms + 1, counter: 0 }),
    deviceId: SERVER_DEVICE_ID,
    actorId: null,
    type: input.type,
    aggregateType: def.aggregate,
    aggregateId: input.aggregateId,
    payload,
    schemaVersion: def.version,
    recordedAt: now,
  };
  signEvents([event], serverKey.key, null);
  await tx
    .insertInto('events')
    .values({ office_id: officeId, server_seq: seq, ...toEnvelopeRow(event), received_at: now, source_device: SERVER_DEVICE_ID, device_seq: null })
    .execute();
  await tx.updateTable('offices').set({ last_seq: seq }).where('id', '=', officeId).execute();
  await recordServerNumbers(tx, officeId, [event]);
  return { event, serverSeq: seq };
}

/** The same, in a transaction of its own. */
export async function appendServerEvent<T extends EventType>(
  db: Kysely<ServerDB>,
  dialect: 'sqlite' | 'pg',
  serverKey: ServerKey,
  officeId: string,
  input: { type: T; aggregateId: string; payload: PayloadOf<T> },
  now: number,
): Promise<{ event: StoredEvent; serverSeq: number }> {
  return db.transaction().execute((tx) => appendServerEventIn(tx, dialect, serverKey, officeId, input, now));
}

export interface OfficeKey {
  keyId: string;
  clientDeviceId: string;
  verify: KeyObject;
  revokedAt: number | null;
}

/** An office's device keys (tens of rows), read per push: a revocation counts from the next request. */
export async function officeKeys(db: Kysely<ServerDB>, officeId: string): Promise<Map<string, OfficeKey>> {
  const rows = await db.selectFrom('device_keys').select(['key_id', 'client_device_id', 'public_key', 'revoked_at']).where('office_id', '=', officeId).execute();
  const out = new Map<string, OfficeKey>();
  for (const r of rows) {
    const verify = publicKeyFrom(r.public_key);
    if (verify) out.set(r.key_id, { keyId: r.key_id, clientDeviceId: r.client_device_id, verify, revokedAt: r.revoked_at === null ? null : Number(r.revoked_at) });
  }
  return out;
}

export type EventRefusalCode = 'device_mismatch' | 'unsigned' | 'bad_signature' | 'unknown_key' | 'key_revoked' | 'clock_ahead' | LimitViolation['code'];

export interface EventRefusal {
  id: string;
  code: EventRefusalCode;
}

export interface PushCheck {
  /** Unsigned events of a device without a key (an app that predates keys): to be attested by the server. */
  attest: Set<string>;
  /** Refused by the checks made at once (limits, clock, device, unsigned), in the batch's order. */
  refused: EventRefusal[];
  /** Each checked payload's JSON, measured for the size limit and stored as it is (serialised once). */
  payloadTexts: Map<string, string>;
  /**
   * Refused by their signature (or a revoked key), in the batch's order: checked on the verification
   * worker (server/verify-pool.ts), so the caller can store the batch meanwhile. Never rejects.
   */
  signatures: Promise<EventRefusal[]>;
}

/**
 * Judges the new events of a push. `own` is true for the device's own events (a normal push), false for
 * a re-send of events the server lost (other devices' events, each proven by its own author's signature).
 * The cheap checks are made here; the signatures are verified on the worker (`signatures`).
 */
export function checkPushedEvents(
  events: readonly WireEnvelope[],
  ctx: { pusherDeviceId: string; pusherHasKey: boolean; own: boolean; keys: ReadonlyMap<string, OfficeKey>; serverKey: ServerKey; now: number },
): PushCheck {
  const refused: EventRefusal[] = [];
  const attest = new Set<string>();
  const rows: VerifyRow[] = [];
  const payloadTexts = new Map<string, string>();
  const refuse = (id: string, code: EventRefusalCode) => refused.push({ id, code });
  for (const e of events) {
    // The shape is checked before anything serialises the payload (a hostile depth overflows JSON.stringify).
    let limit = checkPayloadLimits(e.payload, '');
    let text = '';
    if (!limit) {
      text = JSON.stringify(e.payload);
      limit = checkPayloadLimits(null, text);
      payloadTexts.set(e.id, text);
    }
    if (limit) {
      refuse(e.id, limit.code);
      continue;
    }
    if (Number(e.hlc.slice(0, 15)) - ctx.now > MAX_CLOCK_AHEAD_MS) {
      refuse(e.id, 'clock_ahead');
      continue;
    }
    if (ctx.own && e.deviceId !== ctx.pusherDeviceId) {
      refuse(e.id, 'device_mismatch');
      continue;
    }
    if (!e.signature) {
      // Only a device that has no key yet (its app predates them) may still send unsigned events, and
      // only its own: the server then vouches for them. Once a device has a key, it signs everything.
      if (ctx.own && !ctx.pusherHasKey) attest.add(e.id);
      else refuse(e.id, 'unsigned');
      continue;
    }
    rows.push([e.id, e.hlc, e.deviceId, e.actorId, e.type, e.aggregateType, e.aggregateId, text, e.schemaVersion, e.recordedAt, e.prev ?? null, e.signature]);
  }
  const job: VerifyJob = {
    rows,
    keys: [...ctx.keys.values()].map((k) => [k.keyId, k.clientDeviceId, k.verify]),
    serverKeyId: ctx.serverKey.key.keyId,
    serverVerify: ctx.serverKey.verify,
    own: ctx.own,
  };
  const signatures = verifySignatures(job).then(
    (verdicts) => {
      const out: EventRefusal[] = [];
      verdicts.forEach((v, i) => {
        const id = rows[i]![0];
        if (!v.ok) out.push({ id, code: v.code });
        else if (ctx.keys.get(v.keyId)?.revokedAt != null) out.push({ id, code: 'key_revoked' });
      });
      return out;
    },
    // Cannot happen short of a bug in the checks: refuse the batch rather than store unchecked events.
    () => rows.map((r): EventRefusal => ({ id: r[0], code: 'bad_signature' })),
  );
  return { attest, refused, payloadTexts, signatures };
}

/** Signs an unsigned legacy event on receipt (see `checkPushedEvents`). */
export function attest(e: WireEnvelope, serverKey: ServerKey): string {
  return attestEvent(e, serverKey.key);
}
