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

/**
 * Starts the WAL file ahead of the first write (issue 17, docs/adr/0021): SQLite deletes the WAL when the
 * last connection closes, and the first commit after a start creates it again — it writes and syncs the
 * WAL's header, syncs the data folder's directory (the new file's entry: an ext4 journal commit that waits
 * for whatever else the disk is writing) and only then writes and syncs the commit itself. Measured on the
 * counter's kind of machine: 10–40 ms for that first commit under load against 0.3–8 ms for the ones after
 * it. Run in the background after start-up, this pays it before anybody's first click or print.
 *
 * It changes no data: `PRAGMA user_version` is set to the value it already has, in one write transaction
 * (BEGIN IMMEDIATE: nothing can commit between the read and the write). SQLite marks the database header's
 * page as written whenever a header field is set, even to the same value, so the commit writes that one
 * page into the WAL (its schema, tables and rows are untouched; the header's change counter moves on, as on
 * any commit). If the WAL already holds frames this is one more small commit, in the background. Returns
 * false when there is nothing to start (not in WAL mode) or another connection held the write lock past the
 * busy timeout (its own commit then starts the WAL). Runs through Kysely's executor like any query, so it
 * never runs inside another caller's transaction.
 */
export async function startWal(db: Kysely<DB>): Promise<boolean> {
  return db.connection().execute(async (c) => {
    const run = <R>(q: string) => c.executeQuery<R>(CompiledQuery.raw(q));
    const [mode] = (await run<{ journal_mode: string }>('PRAGMA journal_mode')).rows;
    if (mode?.journal_mode !== 'wal') return false;
    try {
      await run('BEGIN IMMEDIATE');
    } catch {
      return false; // Another connection is writing (busy_timeout passed): its commit starts the WAL.
    }
    try {
      const [v] = (await run<{ user_version: number }>('PRAGMA user_version')).rows;
      const version = Number(v?.user_version);
      if (!Number.isInteger(version)) throw new Error('user_version unreadable');
      await run(`PRAGMA user_version = ${version}`);
      await run('COMMIT');
      return true;
    } catch (err) {
      await run('ROLLBACK').catch(() => undefined);
      throw err;
    }
  });
}
