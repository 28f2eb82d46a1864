import type { Transaction } from 'kysely';
import { appendEvents, stampEvents, type AppendResult, type NewEvent } from '../db/event-store';
import type { DB } from '../db/schema';
import type { AppContext } from './context';

/**
 * Records local events: stamps them and appends them with their projection updates in one transaction.
 * `extra` runs inside the same transaction (e.g. reading a counter) before the events are appended.
 */
export async function recordEvents(app: AppContext, actorId: string | null, events: readonly NewEvent[]): Promise<AppendResult> {
  return app.db.transaction().execute((tx) => recordEventsIn(tx, app, actorId, events));
}

export async function recordEventsIn(tx: Transaction<DB>, app: AppContext, actorId: string | null, events: readonly NewEvent[]): Promise<AppendResult> {
  const stamped = stampEvents(events, { deviceId: app.deviceId, actorId, hlc: app.hlc, now: app.now });
  return appendEvents(tx, stamped, true, app.now());
}
