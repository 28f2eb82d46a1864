import type { Transaction } from 'kysely';
import { appendEvents, stampEvents, type AggregateSnapshot, type AppendResult, type NewEvent } from '../db/event-store';
import type { DB } from '../db/schema';
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
  return appendEvents(tx, stamped, true, app.now(), known ? { known } : {});
}
