/**
 * WAL checkpoints while the counter is idle. With SQLite's default, the commit that pushes the WAL past its
 * threshold copies the whole WAL into the database file and syncs it, inside somebody's click: a few
 * milliseconds, every hundred or so actions. Here a timer checkpoints (PASSIVE: it never waits for or
 * blocks a reader) once nothing has been written for `idleMs`, so an action rarely meets a long WAL; the
 * automatic checkpoint stays on as a backstop at a higher threshold (db/open.ts) for long bursts with no
 * pause.
 *
 * The checkpoint goes through Kysely's executor, so it waits for the connection like any query and never
 * runs inside another caller's transaction.
 */
import { CompiledQuery, type Kysely } from 'kysely';
import type Database from 'better-sqlite3';
import type { DB } from './schema';

export interface IdleCheckpointer {
  /** One check: checkpoints when the connection wrote since the last one and has been quiet for `idleMs`. */
  tick(now: number): Promise<{ checkpointed: number } | null>;
  stop(): void;
}

export function startIdleCheckpoints(
  db: Kysely<DB>,
  sqlite: Database.Database,
  opts: { idleMs?: number; intervalMs?: number; now?: () => number; timer?: boolean; onError?: (err: unknown) => void } = {},
): IdleCheckpointer {
  const idleMs = opts.idleMs ?? 1000;
  const now = opts.now ?? (() => Date.now());
  const changes = sqlite.prepare('SELECT total_changes() AS n').pluck();
  let seenChanges = changes.get() as number;
  let quietSince = now();
  let checkpointedAt = seenChanges;
  let running = false;

  const tick = async (at: number): Promise<{ checkpointed: number } | null> => {
    if (running || !sqlite.open) return null;
    const n = changes.get() as number;
    if (n !== seenChanges) {
      seenChanges = n;
      quietSince = at;
      return null;
    }
    if (n === checkpointedAt || at - quietSince < idleMs) return null;
    running = true;
    try {
      const r = (await db.executeQuery<{ busy: number; log: number; checkpointed: number }>(CompiledQuery.raw('PRAGMA wal_checkpoint(PASSIVE)'))).rows[0];
      // A reader in another process can hold part of the WAL back: then the next tick tries again.
      if (r && r.busy === 0 && r.checkpointed >= r.log) checkpointedAt = n;
      return { checkpointed: r?.checkpointed ?? 0 };
    } finally {
      running = false;
    }
  };

  // A failed checkpoint loses nothing (the WAL is durable); it is reported and tried again on a later tick.
  const handle = opts.timer === false ? null : setInterval(() => void tick(now()).catch((err: unknown) => opts.onError?.(err)), opts.intervalMs ?? 250);
  handle?.unref();
  return {
    tick,
    stop: () => {
      if (handle) clearInterval(handle);
    },
  };
}
