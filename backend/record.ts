import type { Transaction } from 'kysely';
import { appendEvents, loadAggregate, stampEvents, type AggregateSnapshot, type AppendResult, type NewEvent } from '../db/event-store';
import { ownedTransaction } from '../db/prepared';
import type { AggregateStates, KnownAggregate } from '../domain/aggregates';
import type { DB } from '../db/schema';
import { noteChanges } from './changes';
import type { AppContext } from './context';

/** Records local events: stamps them and appends them with their projection updates in one transaction. */
export async function recordEvents(app: AppContext, actorId: string | null, events: readonly NewEvent[]): Promise<AppendResult> {
  return app.db.transaction().execute((tx) => recordEventsIn(tx, app, actorId, events));
}

/**
 * Records local events inside the caller's transaction. `known` passes snapshots the caller read in this
 * same transaction, so the append does not read them again.
 */
export async function recordEventsIn(
  tx: Transaction<DB>,
  app: AppContext,
  actorId: string | null,
  events: readonly NewEvent[],
  known?: ReadonlyMap<string, AggregateSnapshot>,
): Promise<AppendResult> {
  const stamped = stampEvents(events, { deviceId: app.deviceId, actorId, hlc: app.hlc, now: app.now });
  // Chained to this device's previous event and signed with its key before it is stored (ADR 0011).
  await app.trust.sign(tx, stamped);
  const result = await appendEvents(tx, stamped, true, app.now(), known ? { known } : {});
  // Announced once the caller's transaction has committed (backend/changes.ts).
  noteChanges(app.changes, result.affected, app.sqlite);
  return result;
}

/**
 * One action on an aggregate, in one transaction: reads its snapshot (a cached one is checked against the
 * stored row), lets `decide` check the state and name the events (an AppError rolls everything back),
 * records them with the snapshot passed on, and lets `read` gather what the answer needs from the state
 * just folded, in the same transaction. Checking inside the transaction means no event (a sync page,
 * another window) can land between the check and the append. The new snapshot is cached once committed.
 * Everything inside `decide` and `read` must use their `tx`, never app.db (it would wait for `tx` forever).
 */
export async function aggregateAction<K extends KnownAggregate, R>(
  app: AppContext,
  actorId: string,
  aggregateId: string,
  opts: {
    type: K;
    notFound: () => Error;
    decide: (state: AggregateStates[K], tx: Transaction<DB>) => NewEvent[] | Promise<NewEvent[]>;
    read: (snapshot: AggregateSnapshot<K>, tx: Transaction<DB>) => R | Promise<R>;
  },
): Promise<{ snapshot: AggregateSnapshot<K>; answer: R }> {
  const result = await ownedTransaction(app.db, app.sqlite, async (tx) => {
    const current = await loadAggregate<K>(tx, aggregateId, app.snapshotCache);
    // An id of another kind of aggregate (a person's id given as a visit) is not found either.
    if (!current?.state || current.type !== opts.type) throw opts.notFound();
    const events = await opts.decide(current.state, tx);
    let next = current;
    if (events.length > 0) {
      const r = await recordEventsIn(tx, app, actorId, events, new Map([[aggregateId, current]]));
      next = (r.snapshots.get(aggregateId) as AggregateSnapshot<K> | undefined) ?? current;
    }
    return { snapshot: next, answer: await opts.read(next, tx) };
  });
  app.snapshotCache.set(result.snapshot);
  return result;
}
