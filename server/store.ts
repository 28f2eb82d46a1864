/**
 * The server's data operations, written once in Kysely for both SQLite and PostgreSQL. The office comes
 * from the authenticated device in every function that touches events: no function here takes an office
 * id from a request.
 */
import crypto from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { PullQuery, PushRequest, WireEvent } from '../contract/sync-protocol';
import { ENVELOPE_COLUMNS, fromWire, type EnvelopeRow } from '../domain/events/codec';
import { keyIdOf, publicKeyFrom } from '../trust/ed25519';
import type { Dialect } from './db';
import { InListSelect, MultiRowInsert, PreparedQuery } from './prepared';
import type { ServerDB, ServerEventsTable } from './schema';
import type { StoredEvent } from '../domain/events/schema';
import { SERVER_DEVICE_ID } from '../domain/events/device-events';
import { recordServerNumbers } from './numbering';
import { hashSecret, newDeviceToken, newEnrollmentCode, normalizeEnrollmentCode } from './tokens';
import { allowedErasures, applyServerErasures, redactArrivals, scheduleServerScrub } from './privacy';
import { appendServerEventIn, attest, checkPushedEvents, loadServerKey, lockOffice, officeKeys, type EventRefusal, type ServerKey } from './trust';

export const DEFAULT_CODE_TTL_MS = 72 * 60 * 60 * 1000;

export interface Store {
  db: Kysely<ServerDB>;
  dialect: Dialect;
  /**
   * Called once a transaction that added events to an office's log has committed: pushed events and the
   * server's own (device keys, revocations). The sync server wakes that office's long-polling workstations
   * with it (GET /v1/wait, server/wait.ts).
   */
  onAppended?: (officeId: string) => void;
  /** A background rewrite after an erasure failed (server/privacy.ts `scheduleServerScrub`): for the log. */
  onScrubError?: (err: unknown, willRetry: boolean) => void;
}

function appended(s: Store, officeId: string): void {
  s.onAppended?.(officeId);
}

const serverKeys = new WeakMap<Kysely<ServerDB>, Promise<ServerKey>>();

/** The server's signing key for this database (created on first use, then kept in memory). */
export function serverKeyOf(s: Store): Promise<ServerKey> {
  let k = serverKeys.get(s.db);
  if (!k) {
    k = loadServerKey(s.db);
    serverKeys.set(s.db, k);
    k.catch(() => serverKeys.delete(s.db));
  }
  return k;
}

export interface Office {
  id: string;
  name: string;
  createdAt: number;
  lastSeq: number;
}

export interface DeviceInfo {
  /** The signing key the device registered (null: enrolled by an app that predates keys). */
  keyId?: string | null;
  id: string;
  officeId: string;
  clientDeviceId: string;
  name: string;
  appVersion: string;
  createdAt: number;
  lastSeenAt: number | null;
  revokedAt: number | null;
  lastDeviceSeq: number;
}

/** The device a request authenticated as. */
export interface AuthedDevice {
  id: string;
  officeId: string;
  clientDeviceId: string;
  /** Its signing key, null for a device enrolled by an app that predates keys (ADR 0011). */
  keyId?: string | null;
}

// ---- offices, codes, devices ------------------------------------------------------------------------

export async function createOffice(s: Store, name: string, now: number): Promise<Office> {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 200) throw new Error('Nama kantor wajib diisi (1–200 karakter).');
  const office = { id: crypto.randomUUID(), name: trimmed, created_at: now };
  await s.db.insertInto('offices').values(office).execute();
  return { id: office.id, name: office.name, createdAt: now, lastSeq: 0 };
}

export async function listOffices(s: Store): Promise<Office[]> {
  const rows = await s.db.selectFrom('offices').selectAll().orderBy('created_at').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: Number(r.created_at), lastSeq: Number(r.last_seq) }));
}

export async function getOffice(s: Store, id: string): Promise<Office | null> {
  const r = await s.db.selectFrom('offices').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? { id: r.id, name: r.name, createdAt: Number(r.created_at), lastSeq: Number(r.last_seq) } : null;
}

export interface IssuedCode {
  code: string;
  officeId: string;
  expiresAt: number;
}

/** A one-time enrollment code; only its hash is stored, so it is shown once, now. */
export async function issueEnrollmentCode(s: Store, officeId: string, now: number, ttlMs = DEFAULT_CODE_TTL_MS): Promise<IssuedCode> {
  const office = await getOffice(s, officeId);
  if (!office) throw new Error(`Kantor dengan ID ${officeId} tidak ditemukan.`);
  const code = newEnrollmentCode();
  const expiresAt = now + ttlMs;
  await s.db
    .insertInto('enrollment_codes')
    .values({ code_hash: hashSecret(normalizeEnrollmentCode(code)!), office_id: officeId, created_at: now, expires_at: expiresAt, used_at: null, used_by_device: null })
    .execute();
  return { code, officeId, expiresAt };
}

export interface Enrollment {
  token: string;
  device: DeviceInfo;
  office: Office;
}

/**
 * Trades a one-time code for a device token. Returns null for a code that is unknown, used or expired
 * (one answer for all three, so the endpoint is no oracle). Claiming the code and creating the device is
 * one transaction: two workstations racing with the same code cannot both win.
 */
export async function enrollDevice(
  s: Store,
  input: { code: string; clientDeviceId: string; name: string; appVersion: string; publicKey?: string | undefined },
  now: number,
): Promise<Enrollment | null> {
  const serverKey = await serverKeyOf(s);
  const norm = normalizeEnrollmentCode(input.code);
  if (!norm) return null;
  const codeHash = hashSecret(norm);
  const enrolled = await s.db.transaction().execute(async (tx) => {
    const deviceId = crypto.randomUUID();
    const claimed = await tx
      .updateTable('enrollment_codes')
      .set({ used_at: now, used_by_device: deviceId })
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('office_id')
      .executeTakeFirst();
    if (!claimed) return null;
    const token = newDeviceToken();
    const row = {
      id: deviceId,
      office_id: claimed.office_id,
      token_hash: hashSecret(token),
      client_device_id: input.clientDeviceId,
      name: input.name,
      app_version: input.appVersion,
      created_at: now,
      last_seen_at: now,
      revoked_at: null,
    };
    const keyId = input.publicKey ? keyIdOf(input.publicKey) : null;
    await tx.insertInto('devices').values({ ...row, key_id: keyId }).execute();
    const announced = input.publicKey ? (await registerKeyIn(s, tx, serverKey, claimed.office_id, { id: deviceId, clientDeviceId: input.clientDeviceId, name: input.name }, input.publicKey, now)).announced : false;
    const office = await tx.selectFrom('offices').selectAll().where('id', '=', claimed.office_id).executeTakeFirstOrThrow();
    return {
      announced,
      token,
      device: { ...toDeviceInfo({ ...row, last_device_seq: 0 }), keyId },
      office: { id: office.id, name: office.name, createdAt: Number(office.created_at), lastSeq: Number(office.last_seq) },
    };
  });
  if (!enrolled) return null;
  const { announced, ...enrollment } = enrolled;
  if (announced) appended(s, enrollment.office.id);
  return enrollment;
}

/**
 * Records a device's key and announces it in the office's log (a server-signed `device.key_registered`),
 * unless the office already knows that key. Inside the caller's transaction; `announced` tells whether an
 * event was added to the log (the caller calls `appended` once it has committed).
 */
async function registerKeyIn(
  s: Store,
  tx: Transaction<ServerDB>,
  serverKey: ServerKey,
  officeId: string,
  device: { id: string; clientDeviceId: string; name: string },
  publicKey: string,
  now: number,
): Promise<{ keyId: string; announced: boolean }> {
  const keyId = keyIdOf(publicKey);
  const known = await tx.selectFrom('device_keys').select(['client_device_id', 'revoked_at']).where('office_id', '=', officeId).where('key_id', '=', keyId).executeTakeFirst();
  if (known) {
    if (known.client_device_id !== device.clientDeviceId || known.revoked_at !== null) throw new KeyConflictError('key already used');
    return { keyId, announced: false };
  }
  await tx.insertInto('device_keys').values({ office_id: officeId, key_id: keyId, client_device_id: device.clientDeviceId, public_key: publicKey, created_at: now, revoked_at: null }).execute();
  await appendServerEventIn(tx, s.dialect, serverKey, officeId, {
    type: 'device.key_registered',
    aggregateId: device.clientDeviceId,
    payload: { keyId, publicKey, name: device.name, serverDeviceId: device.id, at: now },
  }, now);
  return { keyId, announced: true };
}

export class KeyConflictError extends Error {}

/**
 * A device enrolled by an app that predates keys registers its key, once, with its token (ADR 0011, the
 * upgrade rule). The same key again is a no-op; another key is a conflict (someone else registered first:
 * the admin revokes the device and enrolls it again).
 */
export async function registerDeviceKey(s: Store, device: AuthedDevice, publicKey: string, now: number): Promise<{ keyId: string } | { conflict: true }> {
  if (!publicKeyFrom(publicKey)) return { conflict: true };
  const serverKey = await serverKeyOf(s);
  const keyId = keyIdOf(publicKey);
  let announced = false;
  const out = await s.db.transaction().execute(async (tx) => {
    const d = await tx.selectFrom('devices').select(['key_id', 'name', 'client_device_id']).where('id', '=', device.id).executeTakeFirstOrThrow();
    if (d.key_id !== null) return d.key_id === keyId ? { keyId } : { conflict: true as const };
    try {
      ({ announced } = await registerKeyIn(s, tx, serverKey, device.officeId, { id: device.id, clientDeviceId: d.client_device_id, name: d.name }, publicKey, now));
    } catch (err) {
      if (err instanceof KeyConflictError) return { conflict: true as const };
      throw err;
    }
    await tx.updateTable('devices').set({ key_id: keyId }).where('id', '=', device.id).execute();
    return { keyId };
  });
  if (announced && 'keyId' in out) appended(s, device.officeId);
  return out;
}

function toDeviceInfo(r: {
  id: string;
  office_id: string;
  client_device_id: string;
  name: string;
  app_version: string;
  created_at: number;
  last_seen_at: number | null;
  revoked_at: number | null;
  last_device_seq: number;
  key_id?: string | null;
}): DeviceInfo {
  return {
    keyId: r.key_id ?? null,
    id: r.id,
    officeId: r.office_id,
    clientDeviceId: r.client_device_id,
    name: r.name,
    appVersion: r.app_version,
    createdAt: Number(r.created_at),
    lastSeenAt: r.last_seen_at === null ? null : Number(r.last_seen_at),
    revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
    lastDeviceSeq: Number(r.last_device_seq),
  };
}

export async function listDevices(s: Store, officeId: string): Promise<DeviceInfo[]> {
  const rows = await s.db
    .selectFrom('devices')
    .select(['id', 'office_id', 'client_device_id', 'name', 'app_version', 'created_at', 'last_seen_at', 'revoked_at', 'last_device_seq', 'key_id'])
    .where('office_id', '=', officeId)
    .orderBy('created_at')
    .execute();
  return rows.map(toDeviceInfo);
}

/**
 * Revokes a device's token and its signing key. Returns null when there is no such device. Idempotent. The
 * revocation of the key is announced in the office's log (server-signed `device.key_revoked`): every PC then
 * refuses events signed with it that the server sequenced after this point; earlier ones stay valid.
 */
export async function revokeDevice(s: Store, deviceId: string, now: number): Promise<DeviceInfo | null> {
  const serverKey = await serverKeyOf(s);
  const announcedIn = await s.db.transaction().execute(async (tx): Promise<string | null> => {
    const d = await tx.selectFrom('devices').select(['office_id', 'client_device_id', 'key_id', 'revoked_at']).where('id', '=', deviceId).executeTakeFirst();
    if (!d || d.revoked_at !== null) return null;
    const office = await lockOffice(tx, s.dialect, d.office_id);
    await tx.updateTable('devices').set({ revoked_at: now }).where('id', '=', deviceId).execute();
    if (d.key_id === null) return null;
    const key = await tx.selectFrom('device_keys').select('revoked_at').where('office_id', '=', d.office_id).where('key_id', '=', d.key_id).executeTakeFirst();
    if (!key || key.revoked_at !== null) return null;
    await tx.updateTable('device_keys').set({ revoked_at: now }).where('office_id', '=', d.office_id).where('key_id', '=', d.key_id).execute();
    await appendServerEventIn(tx, s.dialect, serverKey, d.office_id, { type: 'device.key_revoked', aggregateId: d.client_device_id, payload: { keyId: d.key_id, at: now, afterSeq: office.lastSeq } }, now);
    return d.office_id;
  });
  if (announcedIn) appended(s, announcedIn);
  const r = await s.db
    .selectFrom('devices')
    .select(['id', 'office_id', 'client_device_id', 'name', 'app_version', 'created_at', 'last_seen_at', 'revoked_at', 'last_device_seq', 'key_id'])
    .where('id', '=', deviceId)
    .executeTakeFirst();
  return r ? toDeviceInfo(r) : null;
}

export type AuthResult = { ok: true; device: AuthedDevice } | { ok: false; reason: 'unknown' | 'revoked' };

export async function authenticate(s: Store, token: string): Promise<AuthResult> {
  const res = await hot(s).auth.execute(s.db, [hashSecret(token)]);
  const r = res.rows[0];
  if (!r) return { ok: false, reason: 'unknown' };
  if (r.revoked_at !== null) return { ok: false, reason: 'revoked' };
  return { ok: true, device: { id: r.id, officeId: r.office_id, clientDeviceId: r.client_device_id, keyId: r.key_id } };
}

export async function touchDevice(s: Store, deviceId: string, now: number): Promise<void> {
  await s.db.updateTable('devices').set({ last_seen_at: now }).where('id', '=', deviceId).execute();
}

export async function deviceSession(s: Store, device: AuthedDevice): Promise<{ office: Office; lastDeviceSeq: number }> {
  const office = await getOffice(s, device.officeId);
  const d = await s.db.selectFrom('devices').select('last_device_seq').where('id', '=', device.id).executeTakeFirstOrThrow();
  return { office: office!, lastDeviceSeq: Number(d.last_device_seq) };
}

// ---- events -----------------------------------------------------------------------------------------

export type PushOutcome =
  | { kind: 'ok'; accepted: number; acks: { id: string; serverSeq: number }[]; lastDeviceSeq: number; refused: EventRefusal[] }
  | { kind: 'gap'; expectedDeviceSeq: number }
  /** The device's own push held an event the server does not take: nothing of it is stored. */
  | { kind: 'refused'; refusal: EventRefusal };

/** Rows per INSERT and ids per lookup: 17 columns × 1000 stays under both dialects' bind-parameter limits (SQLite 32766, PostgreSQL 65535). */
const INSERT_CHUNK = 1000;
const LOOKUP_CHUNK = 1000;

async function knownIds(s: Store, db: Kysely<ServerDB> | Transaction<ServerDB>, officeId: string, ids: readonly string[]): Promise<Map<string, number>> {
  const known = new Map<string, number>();
  const q = hot(s);
  for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
    const chunk = ids.slice(i, i + LOOKUP_CHUNK);
    const res = await q.lookup.execute(db, officeId, chunk);
    for (const r of res.rows) known.set(r.id, Number(r.server_seq));
  }
  return known;
}

/**
 * Stores a pushed batch. Idempotent by event id (within the office): events already present are not
 * inserted again and are acknowledged with the sequence number they already have. New events are checked
 * first (ADR 0011: signature by a current key of their author, the author being the pushing device unless
 * this is a re-send, clock within the drift bound, payload within the shared limits); the checks run before
 * the transaction, so the office is not locked while signatures are verified. The office row is locked for
 * the whole transaction, so sequence numbers are assigned and committed in the same order and a reader
 * paging by `server_seq` can never skip an event committed later with a smaller number.
 */
export async function pushEvents(s: Store, device: AuthedDevice, req: PushRequest, now: number): Promise<PushOutcome> {
  const serverKey = await serverKeyOf(s);
  // Duplicates inside the batch: the first copy wins (copies of one id are the same event).
  const unique = new Map<string, { e: WireEvent; index: number }>();
  req.events.forEach((e, index) => {
    if (!unique.has(e.id)) unique.set(e.id, { e, index });
  });
  const ids = [...unique.keys()];
  const own = req.firstDeviceSeq !== null;
  // Checked before the transaction (no lock held while signatures are verified). Events the server already
  // holds are acknowledged whatever their check says: their verdicts are dropped below.
  const all = [...unique.values()].map(({ e }) => e);
  const check = all.length
    ? checkPushedEvents(all, {
        pusherDeviceId: device.clientDeviceId,
        pusherHasKey: !!device.keyId,
        own,
        keys: await officeKeys(s.db, device.officeId),
        serverKey,
        now,
      })
    : { attest: new Set<string>(), refused: [] as EventRefusal[], payloadTexts: new Map<string, string>(), signatures: Promise.resolve([] as EventRefusal[]) };

  let erasedHere = 0;
  const out = await s.db
    .transaction()
    .execute(async (tx): Promise<PushOutcome> => {
    const office = await lockOffice(tx, s.dialect, device.officeId);
    const dev = await tx.selectFrom('devices').select('last_device_seq').where('id', '=', device.id).executeTakeFirstOrThrow();
    const lastDeviceSeq = Number(dev.last_device_seq);
    if (req.firstDeviceSeq !== null && req.firstDeviceSeq > lastDeviceSeq + 1) return { kind: 'gap', expectedDeviceSeq: lastDeviceSeq + 1 };
    const known = await knownIds(s, tx, device.officeId, ids);
    // A device's own push is all or nothing: its events are stored while their signatures are still being
    // verified on the worker (ADR 0039), and the transaction is rolled back below if one fails. A re-send
    // keeps the events that pass, so it waits for the verdicts first.
    const refused = check.refused.filter((r) => !known.has(r.id));
    if (own && refused.length > 0) return { kind: 'refused', refusal: refused[0]! };
    if (!own) refused.push(...(await check.signatures).filter((r) => !known.has(r.id)));
    const refusedIds = new Set(refused.map((r) => r.id));
    // The events to store, each turned into its stored form once (it was three times: for the redaction,
    // the row and the numbers).
    const fresh: { stored: StoredEvent; id: string; index: number }[] = [];
    for (const [id, { e, index }] of unique) if (!known.has(id) && !refusedIds.has(id)) fresh.push({ stored: fromWire(e), id, index });
    // Events about a person already erased, recorded before the erasure: stored redacted (ADR 0019).
    const redactedArrivals = await redactArrivals(
      tx,
      serverKey,
      device.officeId,
      fresh.map((f) => f.stored),
    );

    let seq = office.lastSeq;
    const acks: { id: string; serverSeq: number }[] = [];
    // In the push's order; new events are numbered in that order by the insert below.
    let next = seq;
    for (const [id] of unique) {
      const existing = known.get(id);
      if (existing !== undefined) acks.push({ id, serverSeq: existing });
      else if (!refusedIds.has(id)) acks.push({ id, serverSeq: ++next });
    }
    const q = hot(s);
    let accepted = 0;
    const erasureEvents: StoredEvent[] = [];
    const serverEvents: StoredEvent[] = [];
    // The insert's bind values are written straight from each event in EVENT_COLUMNS order (no row object
    // per event, then a second pass reading it back column by column: that cost a push a tenth of its time).
    for (let i = 0; i < fresh.length; i += INSERT_CHUNK) {
      const chunk = fresh.slice(i, i + INSERT_CHUNK);
      const args: unknown[] = new Array(chunk.length * EVENT_COLUMNS.length);
      let k = 0;
      for (const { stored: wire, id, index } of chunk) {
        let stored = wire;
        if (check.attest.has(id)) stored.signature = attest(wire, serverKey);
        let payloadText = check.payloadTexts.get(id);
        const arrival = redactedArrivals.get(id);
        if (arrival) {
          stored = arrival;
          payloadText = undefined;
        }
        seq += 1;
        if (stored.type === 'subject.erased') erasureEvents.push(stored);
        if (stored.deviceId === SERVER_DEVICE_ID) serverEvents.push(stored);
        args[k++] = device.officeId;
        args[k++] = seq;
        args[k++] = stored.id;
        args[k++] = stored.hlc;
        args[k++] = stored.deviceId;
        args[k++] = stored.actorId;
        args[k++] = stored.type;
        args[k++] = stored.aggregateType;
        args[k++] = stored.aggregateId;
        args[k++] = payloadText ?? JSON.stringify(stored.payload);
        args[k++] = stored.schemaVersion;
        args[k++] = stored.recordedAt;
        args[k++] = stored.prev ?? null;
        args[k++] = stored.signature ?? null;
        args[k++] = now;
        args[k++] = device.id;
        args[k++] = req.firstDeviceSeq === null ? null : req.firstDeviceSeq + index;
      }
      // The lookup above already excluded known ids while the office is locked; ON CONFLICT keeps the
      // insert idempotent all the same.
      const res = await q.insert.execute(tx, chunk.length, args);
      accepted += Number(res.numAffectedRows ?? 0n);
    }
    if (own) {
      const bad = (await check.signatures).filter((r) => !known.has(r.id));
      if (bad.length > 0) throw new RefusedPush(bad[0]!);
    }
    // The server's own numbered events (public complaints, ADR 0012) coming back from a workstation after a
    // restore: their numbers count as issued again (server/numbering.ts).
    if (serverEvents.length > 0) await recordServerNumbers(tx, device.officeId, serverEvents);
    // Erasures in this push (allowed by the permission fold) are carried out in the same transaction.
    erasedHere = erasureEvents.length === 0 ? 0 : await applyServerErasures(tx, s.dialect, serverKey, device.officeId, await allowedErasures(tx, device.officeId, erasureEvents), now);
    if (seq !== office.lastSeq) await tx.updateTable('offices').set({ last_seq: seq }).where('id', '=', device.officeId).execute();
    const newLast = req.firstDeviceSeq === null ? lastDeviceSeq : Math.max(lastDeviceSeq, req.firstDeviceSeq + req.events.length - 1);
    await tx.updateTable('devices').set({ last_device_seq: newLast, last_seen_at: now }).where('id', '=', device.id).execute();
    return { kind: 'ok', accepted, acks, lastDeviceSeq: newLast, refused };
    })
    .catch((err: unknown): PushOutcome => {
      if (err instanceof RefusedPush) return { kind: 'refused', refusal: err.refusal };
      throw err;
    });
  if (out.kind === 'ok' && out.accepted > 0) appended(s, device.officeId);
  // The rewrite of the server's files runs after this answer, in the background (server/privacy.ts).
  if (erasedHere > 0) scheduleServerScrub(s.db, s.dialect, s.onScrubError);
  return out;
}

/** Rolls back a device's own push whose signature check failed after its events were inserted. */
class RefusedPush extends Error {
  constructor(readonly refusal: EventRefusal) {
    super(`push refused: ${refusal.code}`);
  }
}

/** An event as the server stores and serves it: the envelope row (payload as stored JSON) and its sequence. */
export interface StoredServerEvent extends EnvelopeRow {
  serverSeq: number;
}

export type PullOutcome = { kind: 'ok'; events: StoredServerEvent[]; more: boolean } | { kind: 'cursor_unknown' };

/**
 * Events of the device's office after a cursor. With `afterId`, the event at the cursor must be the one
 * the client received there: otherwise this database is not the one the client synced with (restored from
 * a backup) and the client must start over. One statement reads the cursor row and the page, so both come
 * from the same snapshot.
 */
export async function pullEvents(s: Store, device: AuthedDevice, q: PullQuery): Promise<PullOutcome> {
  const checkCursor = q.after > 0 && q.afterId !== undefined;
  const prepared = checkCursor ? hot(s).pullFrom : hot(s).pullAfter;
  const rows = (await prepared.execute(s.db, [device.officeId, q.after, q.limit + (checkCursor ? 2 : 1)])).rows;
  let start = 0;
  if (checkCursor) {
    const first = rows[0];
    if (!first || Number(first.server_seq) !== q.after || first.id !== q.afterId) return { kind: 'cursor_unknown' };
    start = 1;
  }
  const page = rows.slice(start, start + q.limit) as (EnvelopeRow & { server_seq: unknown; serverSeq: number })[];
  // The rows the driver just made are completed in place (a copy of each row cost a page of 5,000 events
  // more than writing its JSON): the numbers as numbers (PostgreSQL's int8 comes back as a string).
  for (const r of page) {
    r.serverSeq = Number(r.server_seq);
    r.schema_version = Number(r.schema_version);
    r.recorded_at = Number(r.recorded_at);
  }
  return { kind: 'ok', more: rows.length - start > q.limit, events: page };
}

/** Checks the database answers (for /health). */
export async function ping(s: Store): Promise<void> {
  await sql`SELECT 1`.execute(s.db);
}

/** All events of an office in server order (verification and tests; not used by the protocol). */
export async function officeEvents(s: Store, officeId: string): Promise<StoredServerEvent[]> {
  const out: StoredServerEvent[] = [];
  let after = 0;
  for (;;) {
    const r = await pullEvents(s, { id: '', officeId, clientDeviceId: '' }, { after, limit: 1000 });
    if (r.kind !== 'ok') throw new Error('unreachable');
    out.push(...r.events);
    if (!r.more) return out;
    after = r.events[r.events.length - 1]!.serverSeq;
  }
}

// ---- prepared hot paths -------------------------------------------------------------------------------

/** The server's event columns: the shared envelope (domain/events/codec.ts) and the server's own. */
export const EVENT_COLUMNS = ['office_id', 'server_seq', ...ENVELOPE_COLUMNS, 'received_at', 'source_device', 'device_seq'] as const satisfies readonly (keyof ServerEventsTable)[];

const PULL_COLUMNS = ['server_seq', ...ENVELOPE_COLUMNS] as const;

/** `pushEvents` writes an event's bind values in this order by hand: a change of the columns must be made there too. */
const PUSH_INSERT_ORDER = 'office_id,server_seq,id,hlc,device_id,actor_id,type,aggregate_type,aggregate_id,payload,schema_version,recorded_at,prev,signature,received_at,source_device,device_seq';
if (EVENT_COLUMNS.join(',') !== PUSH_INSERT_ORDER) throw new Error(`server/store.ts: the event columns changed (${EVENT_COLUMNS.join(',')}); update pushEvents' insert`);

function buildHot(db: Kysely<ServerDB>, dialect: Dialect) {
  return {
    auth: new PreparedQuery((arg) => db.selectFrom('devices').select(['id', 'office_id', 'client_device_id', 'revoked_at', 'key_id']).where('token_hash', '=', arg(0))),
    pullAfter: new PreparedQuery((arg) =>
      db.selectFrom('events').select(PULL_COLUMNS).where('office_id', '=', arg(0)).where('server_seq', '>', arg(1)).orderBy('server_seq').limit(arg(2)),
    ),
    pullFrom: new PreparedQuery((arg) =>
      db.selectFrom('events').select(PULL_COLUMNS).where('office_id', '=', arg(0)).where('server_seq', '>=', arg(1)).orderBy('server_seq').limit(arg(2)),
    ),
    lookup: InListSelect.of<{ id: string; server_seq: number }>('events', ['id', 'server_seq'], 'office_id', 'id', dialect),
    insert: new MultiRowInsert('events', EVENT_COLUMNS, ['office_id', 'id'], dialect),
  };
}

const hotQueries = new WeakMap<Kysely<ServerDB>, ReturnType<typeof buildHot>>();

function hot(s: Store): ReturnType<typeof buildHot> {
  let q = hotQueries.get(s.db);
  if (!q) {
    q = buildHot(s.db, s.dialect);
    hotQueries.set(s.db, q);
  }
  return q;
}
