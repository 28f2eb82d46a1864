/**
 * The event log. Appending an event and updating the projections it affects happen in one SQLite
 * transaction (the caller's), so state and log never disagree. Remote events (sync) go through the same
 * path: an aggregate whose new events sort after everything it has folded is advanced incrementally; one
 * that received an event from the past is folded again from all its events.
 */
import { sql, type Kysely, type OnConflictBuilder, type Selectable, type Transaction } from 'kysely';
import { applyEvents, foldAggregate, isKnownAggregate, type AggregateStates, type KnownAggregate } from '../domain/aggregates';
import { EVENT_TYPES, eventSortKey, rememberParsed, toDomainEvent, type EventType, type PayloadOf, type StoredEvent } from '../domain/events/schema';
import { ENVELOPE_COLUMNS, fromEnvelopeRow, toEnvelopeRow, type EnvelopeRowIn } from '../domain/events/codec';
import { checkPayloadLimits } from '../domain/events/limits';
import { NUMBERING_EVENT_TYPES, numbersIn } from '../domain/numbering';
import { judgeAppended, judgeWholeLog } from './permissions';
import type { HybridLogicalClock } from '../domain/events/hlc';
import { uuidv7 } from '../domain/events/uuidv7';
import { Lru } from './lru';
import { applyErasureIn, redactIncoming } from './erasure';
import { PERSONAL_EVENT_TYPES } from '../domain/privacy/erasure';
import { PERMISSION_RULES_VERSION } from '../domain/permissions';
import { isOwned, prepared } from './prepared';
import { project } from './projections';
import type { AggregatesTable, DB, EventsTable } from './schema';

export type { Exec } from './exec';
import type { Exec } from './exec';

/** Rows per INSERT when appending many events: 14 columns × 500 stays under SQLite's bind-parameter limit. */
const APPEND_CHUNK = 500;

type EventRow = Omit<Selectable<EventsTable>, 'seq'>;
type AggregateUpsert = Selectable<AggregatesTable>;

/** The envelope columns (domain/events/codec.ts) plus the workstation's own two. */
const EVENT_ROW_COLUMNS = [...ENVELOPE_COLUMNS, 'is_local', 'server_seq'] as const satisfies readonly (keyof EventRow)[];

const insertEvent = prepared((db, p: EventRow) =>
  db
    .insertInto('events')
    .values(Object.fromEntries(EVENT_ROW_COLUMNS.map((c) => [c, p[c]])) as EventRow)
    .onConflict((oc) => oc.column('id').doNothing()),
);

const aggregateConflict = (oc: OnConflictBuilder<DB, 'aggregates'>) =>
  oc.column('id').doUpdateSet((eb) => ({ last_key: eb.ref('excluded.last_key'), state: eb.ref('excluded.state'), event_count: eb.ref('excluded.event_count') }));

const upsertAggregate = prepared((db, p: AggregateUpsert) =>
  db.insertInto('aggregates').values({ id: p.id, type: p.type, last_key: p.last_key, state: p.state, event_count: p.event_count }).onConflict(aggregateConflict),
);

export interface NewEvent<T extends EventType = EventType> {
  type: T;
  aggregateId: string;
  payload: PayloadOf<T>;
}

export class InvalidEventError extends Error {
  readonly code = 'invalid_event';
}

export interface AppendResult {
  /** Events that were new to this database. */
  inserted: StoredEvent[];
  /** Aggregates whose state changed, by id. */
  affected: Map<string, KnownAggregate>;
  /** The new snapshot of every affected aggregate. */
  snapshots: Map<string, AggregateSnapshot>;
  parked: number;
  /** New events kept but not applied: their actor was not allowed to record them (domain/permissions.ts). */
  denied: number;
}

export interface AppendOptions {
  /** Sync: the central server's sequence number of each received event (stored with it). */
  serverSeqs?: ReadonlyMap<string, number>;
  /**
   * Snapshots the caller has already read in this same transaction (a handler that checked the state
   * before deciding on its events): the append uses them instead of reading the rows again.
   */
  known?: ReadonlyMap<string, AggregateSnapshot>;
}

/** An aggregate's folded state with the sort key of its newest folded event and how many it folded. */
export interface AggregateSnapshot<K extends KnownAggregate = KnownAggregate> {
  id: string;
  type: K;
  lastKey: string;
  eventCount: number;
  state: AggregateStates[K] | null;
}

/** Stamps new local events with id, HLC, device and actor, validating each payload against its schema. */
export function stampEvents(
  events: readonly NewEvent[],
  ctx: { deviceId: string; actorId: string | null; hlc: HybridLogicalClock; now: () => number; random?: (bytes: Uint8Array) => Uint8Array },
): StoredEvent[] {
  return events.map((e) => {
    const def = EVENT_TYPES[e.type];
    // Always parsed, also in the built app (ADR 0025): the parse puts the payload's keys in the schema's
    // order, the order every other PC folds it in after parsing the stored JSON, and reducers that walk a
    // payload's keys (a vendor's service history) depend on it.
    const parsed = def.payload.safeParse(e.payload);
    if (!parsed.success) throw new InvalidEventError(`payload of ${e.type} is invalid: ${parsed.error.message}`);
    // The limits every PC and the server enforce (domain/events/limits.ts): never write what they refuse.
    const limit = checkPayloadLimits(parsed.data);
    if (limit) throw new InvalidEventError(`payload of ${e.type}: ${limit.message}`);
    const now = ctx.now();
    const stored: StoredEvent = {
      id: uuidv7(now, ctx.random),
      hlc: ctx.hlc.now(),
      deviceId: ctx.deviceId,
      actorId: ctx.actorId,
      type: e.type,
      aggregateType: def.aggregate,
      aggregateId: e.aggregateId,
      payload: parsed.data,
      schemaVersion: def.version,
      recordedAt: now,
    };
    rememberParsed(stored);
    return stored;
  });
}

/**
 * Inserts events (ignoring ones already present, by id) and brings every affected aggregate and its
 * projection rows up to date. Must run inside a transaction.
 */
export async function appendEvents(
  tx: Transaction<DB>,
  events: readonly StoredEvent[],
  isLocal: boolean,
  now: number,
  opts: AppendOptions = {},
): Promise<AppendResult> {
  const { serverSeqs, known } = opts;
  // A pulled event about a person already erased, recorded before the erasure: stored redacted (ADR 0019).
  if (!isLocal) events = await redactAll(tx, events);
  // Multi-row inserts (a synced page holds hundreds of events); RETURNING names the rows that were new.
  const fresh = new Set<string>();
  const toRow = (e: StoredEvent): EventRow => ({
    ...toEnvelopeRow(e),
    is_local: isLocal ? 1 : 0,
    server_seq: serverSeqs?.get(e.id) ?? null,
  });
  if (events.length === 1 || isOwned(tx)) {
    // A counter action: one event, one prepared statement. A synced page in a held transaction: the same
    // statement run directly per row costs less than building and compiling a multi-row insert.
    for (const e of events) if ((await insertEvent.run(tx, toRow(e))) > 0) fresh.add(e.id);
  } else {
    for (let i = 0; i < events.length; i += APPEND_CHUNK) {
      const rows = await tx
        .insertInto('events')
        .values(events.slice(i, i + APPEND_CHUNK).map(toRow))
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .execute();
      for (const r of rows) fresh.add(r.id);
    }
  }
  // Already stored (or a second copy in this batch) when not fresh.
  const { inserted, parked, denied, refold, byAggregate } = await admitStored(
    tx,
    events.filter((e) => fresh.delete(e.id)),
    now,
  );
  const affected = new Map<string, KnownAggregate>();
  // One read of the affected aggregates' rows and one multi-row write back, not two queries per aggregate.
  const ids = [...new Set([...byAggregate.keys(), ...refold])];
  const current = new Map<string, AggregateSnapshot>();
  const unknown = known ? ids.filter((id) => !known.has(id)) : ids;
  if (known) for (const id of ids) if (known.has(id)) current.set(id, known.get(id)!);
  if (isOwned(tx)) {
    // Held connection: one prepared lookup per aggregate runs directly, without building an IN list.
    for (const id of unknown) {
      const r = await aggregateById.first(tx, { id });
      if (r) current.set(r.id, toSnapshot(r));
    }
  } else for (let i = 0; i < unknown.length; i += APPEND_CHUNK) {
    const found = await tx
      .selectFrom('aggregates')
      .select(['id', 'type', 'last_key', 'state', 'event_count'])
      .where('id', 'in', unknown.slice(i, i + APPEND_CHUNK))
      .execute();
    for (const r of found) current.set(r.id, toSnapshot(r));
  }
  const updates: AggregateUpsert[] = [];
  const snapshots = new Map<string, AggregateSnapshot>();
  for (const aggregateId of ids) {
    const list = byAggregate.get(aggregateId) ?? [];
    const type = (list[0]?.aggregateType ?? current.get(aggregateId)?.type ?? (await aggregateTypeOf(tx, aggregateId))) as KnownAggregate | null;
    if (!type || !isKnownAggregate(type)) continue;
    const next = refold.has(aggregateId) ? await refoldAggregate(tx, type, aggregateId, current.get(aggregateId)) : await advanceAggregate(tx, type, aggregateId, list, current.get(aggregateId));
    updates.push({ id: aggregateId, type, last_key: next.lastKey, state: next.state === null ? null : JSON.stringify(next.state), event_count: next.eventCount });
    snapshots.set(aggregateId, next);
    affected.set(aggregateId, type);
  }
  if (updates.length === 1 || isOwned(tx)) {
    for (const u of updates) await upsertAggregate.run(tx, u);
  } else {
    for (let i = 0; i < updates.length; i += APPEND_CHUNK) {
      await tx.insertInto('aggregates').values(updates.slice(i, i + APPEND_CHUNK)).onConflict(aggregateConflict).execute();
    }
  }
  await carryOutErasures(tx, inserted, denied, now, affected);
  return { inserted, affected, snapshots, parked, denied: denied.size };
}

const insertIssuedNumber = prepared((db, p: { series: string; scope: string; number: number; label: string; aggregate_id: string; event_id: string }) =>
  db
    .insertInto('issued_numbers')
    .values({ series: p.series, scope: p.scope, number: p.number, label: p.label, aggregate_id: p.aggregate_id, event_id: p.event_id })
    .onConflict((oc) => oc.doNothing()),
);

/** What `admitStored` answers: the batch's events that fold, judged and grouped. */
export interface Admitted {
  /** The new events this app can fold (denied ones included), in batch order. */
  inserted: StoredEvent[];
  parked: number;
  denied: Set<string>;
  /** Aggregates to fold again from all their events (an account event re-judged their past). */
  refold: Set<string>;
  /** The allowed events of `inserted`, by aggregate, in batch order. */
  byAggregate: Map<string, StoredEvent[]>;
}

/**
 * What follows storing a batch's new events, for `appendEvents` and a bulk page (db/bulk-apply.ts) alike:
 * the events this app cannot fold are parked, the numbers the rest carry recorded, their permissions judged,
 * and the allowed ones grouped by aggregate.
 */
export async function admitStored(tx: Transaction<DB>, fresh: readonly StoredEvent[], now: number): Promise<Admitted> {
  const inserted: StoredEvent[] = [];
  let parked = 0;
  for (const e of fresh) {
    if (!isKnownAggregate(e.aggregateType) || toDomainEvent(e) === null) {
      // Written by a newer app (or malformed): keep it, fold it after this app is upgraded.
      await tx.insertInto('parked_events').values({ id: e.id, reason: `${e.type}@${e.schemaVersion}`, parked_at: now }).onConflict((oc) => oc.doNothing()).execute();
      parked++;
      continue;
    }
    inserted.push(e);
  }

  await recordIssuedNumbers(tx, inserted);
  // Permissions are part of the fold: a denied event stays in the log, unfolded; an account event that
  // changes someone's roles from the past re-judges the events it governs (their aggregates re-fold).
  const { denied, refold } = inserted.length > 0 ? await judgeAppended(tx, inserted) : { denied: new Set<string>(), refold: new Set<string>() };

  const byAggregate = new Map<string, StoredEvent[]>();
  for (const e of inserted) {
    if (denied.has(e.id)) continue;
    const list = byAggregate.get(e.aggregateId);
    if (list) list.push(e);
    else byAggregate.set(e.aggregateId, [e]);
  }
  return { inserted, parked, denied, refold, byAggregate };
}

/**
 * An erasure folded (allowed by the permission fold) is carried out in the same transaction (ADR 0019); the
 * aggregates it folds again join `affected`.
 */
export async function carryOutErasures(
  tx: Transaction<DB>,
  inserted: readonly StoredEvent[],
  denied: ReadonlySet<string>,
  now: number,
  affected: Map<string, KnownAggregate>,
): Promise<void> {
  for (const e of inserted) {
    if (e.type !== 'subject.erased' || denied.has(e.id)) continue;
    const { subjectId } = e.payload as PayloadOf<'subject.erased'>;
    const done = await applyErasureIn(tx, { id: e.aggregateId, subjectId, key: eventSortKey(e) }, now);
    for (const [id, type] of done.refolded) if (isKnownAggregate(type)) affected.set(id, type);
  }
}

/** The numbers the new events issue (receipts, complaints), so the next number is derived from the log. */
export async function recordIssuedNumbers(tx: Transaction<DB>, events: readonly StoredEvent[]): Promise<void> {
  for (const e of events) {
    if (!NUMBERING_EVENT_TYPES.has(e.type)) continue; // most events issue none (domain/numbering.ts)
    for (const n of numbersIn(e)) {
      await insertIssuedNumber.run(tx, { series: n.series, scope: n.scope, number: n.number, label: n.label, aggregate_id: e.aggregateId, event_id: e.id });
    }
  }
}

export async function aggregateTypeOf(tx: Transaction<DB>, aggregateId: string): Promise<string | null> {
  const r = await tx.selectFrom('events').select('aggregate_type').where('aggregate_id', '=', aggregateId).limit(1).executeTakeFirst();
  return r?.aggregate_type ?? null;
}

/** Folds an aggregate again from all its applicable events (a verdict on one of them changed). */
export async function refoldAggregate(tx: Transaction<DB>, type: KnownAggregate, aggregateId: string, current: AggregateSnapshot | undefined): Promise<AggregateSnapshot> {
  const all = await loadAggregateEvents(tx, aggregateId);
  const next = foldAggregate(type, all);
  const lastKey = all.length ? eventSortKey(all[all.length - 1]!) : (current?.lastKey ?? '');
  await project(tx, type, aggregateId, (current?.state ?? null) as never, next as never);
  return { id: aggregateId, type, lastKey, eventCount: all.length, state: next };
}

export type AggregateRow = Pick<Selectable<AggregatesTable>, 'id' | 'type' | 'last_key' | 'state' | 'event_count'>;

export function toSnapshot(r: AggregateRow): AggregateSnapshot {
  return { id: r.id, type: r.type as KnownAggregate, lastKey: r.last_key, eventCount: r.event_count, state: r.state ? (JSON.parse(r.state) as never) : null };
}

/** Folds the new events into the aggregate, updates its projection rows and returns its new snapshot. */
export async function advanceAggregate(
  tx: Transaction<DB>,
  type: KnownAggregate,
  aggregateId: string,
  newEvents: StoredEvent[],
  current: AggregateSnapshot | undefined,
): Promise<AggregateSnapshot> {
  if (newEvents.length > 1) {
    // Each event's key computed once (a page folds runs of a dozen events per visit), not twice per comparison.
    const keys = new Map(newEvents.map((e) => [e, eventSortKey(e)]));
    newEvents.sort((a, b) => (keys.get(a)! < keys.get(b)! ? -1 : 1));
  }
  // Reducers never mutate their input, so a caller's snapshot can be folded onward as it is.
  const prev = current?.state ?? null;
  const firstKey = eventSortKey(newEvents[0]!);
  let next: unknown;
  let lastKey: string;
  if (!current || firstKey > current.lastKey) {
    next = applyEvents(type, prev as never, newEvents);
    lastKey = eventSortKey(newEvents[newEvents.length - 1]!);
  } else {
    const all = await loadAggregateEvents(tx, aggregateId);
    next = foldAggregate(type, all);
    lastKey = all.length ? eventSortKey(all.reduce((a, b) => (eventSortKey(a) > eventSortKey(b) ? a : b))) : firstKey;
  }
  const eventCount = (current?.eventCount ?? 0) + newEvents.length;
  await project(tx, type, aggregateId, prev as never, next as never);
  return { id: aggregateId, type, lastKey, eventCount, state: next as AggregateSnapshot['state'] };
}

/** An aggregate's snapshot as stored, or null when no event of it was folded yet. */
const aggregateById = prepared((db, p: { id: string }) => db.selectFrom('aggregates').select(['id', 'type', 'last_key', 'state', 'event_count']).where('id', '=', p.id));

/**
 * An aggregate's snapshot as stored, or null when no event of it was folded yet. With a cache, a cached
 * snapshot whose last key and event count match the stored row is used as it is (no state to parse).
 */
export async function loadAggregate<K extends KnownAggregate>(db: Exec, aggregateId: string, cache?: SnapshotCache): Promise<AggregateSnapshot<K> | null> {
  const cached = cache?.get(aggregateId);
  if (cached) {
    const v = await aggregateVersion.first(db, { id: aggregateId });
    if (v && v.last_key === cached.lastKey && v.event_count === cached.eventCount) return cached as AggregateSnapshot<K>;
  }
  const row = await aggregateById.first(db, { id: aggregateId });
  const snapshot = row ? (toSnapshot(row) as AggregateSnapshot<K>) : null;
  // Inside a transaction the row may hold this transaction's own uncommitted writes: not kept.
  if (snapshot && !db.isTransaction) cache?.set(snapshot);
  return snapshot;
}

const aggregateVersion = prepared((db, p: { id: string }) => db.selectFrom('aggregates').select(['last_key', 'event_count']).where('id', '=', p.id));

/**
 * Recently used snapshots, parsed. An entry is only ever used after its (last key, event count) matched
 * the stored row in the reader's own transaction, so a stale or rolled-back entry is merely a miss: the
 * last key names the newest folded event, and folding is deterministic.
 */
export class SnapshotCache {
  readonly #entries: Lru<string, AggregateSnapshot>;

  constructor(capacity = 256) {
    this.#entries = new Lru(capacity);
  }

  get(id: string): AggregateSnapshot | undefined {
    return this.#entries.get(id);
  }

  set(snapshot: AggregateSnapshot): void {
    this.#entries.set(snapshot.id, snapshot);
  }

  /** Forgets everything (after an erasure re-folded aggregates without changing their last key: ADR 0019). */
  clear(): void {
    this.#entries.clear();
  }
}

/** An aggregate's applicable events in fold order: denied events (domain/permissions.ts) are left out. */
export async function loadAggregateEvents(db: Exec, aggregateId: string): Promise<StoredEvent[]> {
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where('aggregate_id', '=', aggregateId)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('event_denials').select('event_denials.id').whereRef('event_denials.id', '=', 'events.id'))))
    .orderBy('hlc')
    .orderBy('device_id')
    .orderBy('id')
    .execute();
  return rows.map(rowToEvent);
}

export function rowToEvent(r: EnvelopeRowIn): StoredEvent {
  return fromEnvelopeRow(r);
}

export async function loadAggregateState<K extends KnownAggregate>(db: Exec, aggregateId: string): Promise<AggregateStates[K] | null> {
  return (await loadAggregate<K>(db, aggregateId))?.state ?? null;
}

/**
 * Re-folds every aggregate that has parked events this app now understands (after an upgrade).
 */
export async function replayParked(db: Kysely<DB>, now: number): Promise<number> {
  const parked = await db
    .selectFrom('parked_events')
    .innerJoin('events', 'events.id', 'parked_events.id')
    .selectAll('events')
    .execute();
  const ready = parked.map(rowToEvent).filter((e) => isKnownAggregate(e.aggregateType) && toDomainEvent(e) !== null);
  if (ready.length === 0) return 0;
  await db.transaction().execute(async (tx) => {
    // Numbers in events this app could not read before (a newer PC's complaint) count from now on as well.
    await recordIssuedNumbers(tx, ready);
    const ids = new Set(ready.map((e) => e.aggregateId));
    for (const id of ids) {
      const all = await loadAggregateEvents(tx, id);
      const type = all.find((e) => isKnownAggregate(e.aggregateType))!.aggregateType as KnownAggregate;
      const row = await tx.selectFrom('aggregates').select('state').where('id', '=', id).executeTakeFirst();
      const prev = row?.state ? (JSON.parse(row.state) as never) : null;
      const next = foldAggregate(type, all);
      const lastKey = eventSortKey(all[all.length - 1]!);
      await tx
        .insertInto('aggregates')
        .values({ id, type, last_key: lastKey, state: next === null ? null : JSON.stringify(next), event_count: all.length })
        .onConflict((oc) => oc.column('id').doUpdateSet({ last_key: lastKey, state: next === null ? null : JSON.stringify(next), event_count: all.length }))
        .execute();
      await project(tx, type, id, prev, next as never);
    }
    await tx.deleteFrom('parked_events').where('id', 'in', ready.map((e) => e.id)).execute();
  });
  void now;
  void sql;
  return ready.length;
}

/**
 * The steps every start takes before the counter works (backend/app.ts), for anything else that opens a
 * database to write (a new file, the demo-data generator): events parked by an older build are folded now
 * (migration 006 leaves the calendar to this), and the log is judged against the current permission rules.
 * Idempotent; a database that is up to date costs two small reads.
 */
export async function finishStartupSteps(db: Kysely<DB>, now: number): Promise<{ replayed: number; rejudged: number }> {
  const replayed = await replayParked(db, now);
  // Events this build can judge for the first time (an upgrade, parked events now understood) are judged.
  if (replayed > 0) await db.insertInto('meta').values({ key: 'permissions_pending', value: '1' }).onConflict((oc) => oc.column('key').doUpdateSet({ value: '1' })).execute();
  const rejudged = await applyPermissionRules(db, PERMISSION_RULES_VERSION);
  return { replayed, rejudged };
}

/**
 * Whether a start would still change this database (`finishStartupSteps`): parked events, or permission
 * rules not yet applied. Read-only; `db verify` uses it so that a pending step is not taken for damage.
 */
export function startupStepsPending(sqlite: { prepare(sql: string): { get(...a: unknown[]): unknown } }): boolean {
  const parked = (sqlite.prepare('SELECT count(*) AS n FROM parked_events').get() as { n: number }).n;
  if (parked > 0) return true;
  const flags = sqlite.prepare("SELECT (SELECT value FROM meta WHERE key = 'permissions_pending') AS pending, (SELECT value FROM meta WHERE key = 'permission_rules') AS rules").get() as { pending: string | null; rules: string | null };
  return flags.pending === '1' || (flags.rules !== null && flags.rules !== String(PERMISSION_RULES_VERSION));
}

/**
 * Judges the whole log against the permission rules and re-folds the aggregates whose verdicts changed:
 * once after the upgrade that introduced them (migration 008 leaves `permissions_pending`), and whenever
 * the rules change (PERMISSION_RULES_VERSION). Idempotent.
 */
export async function applyPermissionRules(db: Kysely<DB>, rulesVersion: number): Promise<number> {
  const pending = await db.selectFrom('meta').select(['key', 'value']).where('key', 'in', ['permissions_pending', 'permission_rules']).execute();
  const flags = new Map(pending.map((r) => [r.key, r.value]));
  const stale = flags.get('permissions_pending') === '1' || (flags.has('permission_rules') && flags.get('permission_rules') !== String(rulesVersion));
  if (!stale) {
    if (!flags.has('permission_rules')) await setRulesVersion(db, rulesVersion);
    return 0;
  }
  return db.transaction().execute(async (tx) => {
    const refold = await judgeWholeLog(tx);
    for (const id of refold) {
      const row = await tx.selectFrom('aggregates').select(['id', 'type', 'last_key', 'state', 'event_count']).where('id', '=', id).executeTakeFirst();
      const type = row?.type ?? (await aggregateTypeOf(tx, id));
      if (!type || !isKnownAggregate(type)) continue;
      const next = await refoldAggregate(tx, type, id, row ? toSnapshot(row) : undefined);
      await tx
        .insertInto('aggregates')
        .values({ id, type, last_key: next.lastKey, state: next.state === null ? null : JSON.stringify(next.state), event_count: next.eventCount })
        .onConflict(aggregateConflict)
        .execute();
    }
    await tx.deleteFrom('meta').where('key', '=', 'permissions_pending').execute();
    await setRulesVersion(tx, rulesVersion);
    return refold.size;
  });
}

async function setRulesVersion(db: Exec, v: number): Promise<void> {
  await db.insertInto('meta').values({ key: 'permission_rules', value: String(v) }).onConflict((oc) => oc.column('key').doUpdateSet({ value: String(v) })).execute();
}

const anyErasure = prepared((db, _p: Record<string, never>) => db.selectFrom('erasures').select('id').limit(1));

/** `redactIncoming` over a batch; only person and visit registrations are looked at. */
export async function redactAll(tx: Transaction<DB>, events: readonly StoredEvent[]): Promise<readonly StoredEvent[]> {
  // No erasure in this database (nearly always): nothing to redact, and no lookup per person or visit.
  if (events.length > 1 && !(await anyErasure.first(tx, {}))) return events;
  let out: StoredEvent[] | null = null;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (!PERSONAL_EVENT_TYPES.has(e.type)) continue;
    const r = await redactIncoming(tx, e);
    if (r !== e) (out ??= events.slice())[i] = r;
  }
  return out ?? events;
}
