import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { HybridLogicalClock } from '../domain/events/hlc';
import type { AggregateEventCache } from '../db/aggregate-events';
import type { SnapshotCache } from '../db/event-store';
import type { DB } from '../db/schema';
import type { SessionStore, Session } from './sessions';
import type { DeviceTrust } from './device-trust';
import type { ChangeFeed } from './changes';
import type { BackupService, StorageState } from './data-safety';
import type { KeyStore } from '../trust/key-store';
import type { SyncOptions } from './sync/engine';
import type { JobRunner } from './jobs/runner';

export interface AppContext {
  db: Kysely<DB>;
  sqlite: Database.Database;
  dataDir: string;
  deviceId: string;
  hlc: HybridLogicalClock;
  /** Injectable wall clock: tests move time instead of sleeping. */
  now: () => number;
  sessions: SessionStore;
  transport: 'electron' | 'browser';
  appVersion: string;
  /** Recently shown aggregates' events (visit timelines), brought up to date on each read. */
  eventCache: AggregateEventCache;
  /** Recently used aggregate snapshots, checked against the stored row before use. */
  snapshotCache: SnapshotCache;
  /** This workstation's signing key and hash chain (ADR 0011): every local event is signed before it is stored. */
  trust: DeviceTrust;
  /** Announces after each commit which aggregates changed (backend/changes.ts); screens subscribe to it. */
  changes: ChangeFeed;
  /** The storage state the app runs in (issue 15): read-only or damaged refuse every `mutates` method. */
  storage: StorageState;
  /** Automatic backups; null on a read-only or damaged database, or when switched off. */
  backups: BackupService | null;
  /**
   * The process that owns this backend (backend/backend-host.ts): closes it, lets a restore swap the database
   * file, and reopens on the new file. Absent where nothing can reopen it (the CLI, most tests).
   */
  host?: BackendRestarter;
  /**
   * Long read-only work (exports, reports, backups, verify) off the counter's thread (backend/jobs/);
   * absent where the backend was built without it (then that work runs on the main connection).
   */
  jobs?: JobRunner;
}

export interface BackendRestarter {
  /** Closes the database, runs `swap` on the closed data folder, reopens; `swap`'s answer is returned. */
  reopenAfter<T>(swap: () => Promise<T>): Promise<T>;
  /** The database key and the signing key store the host opened with (a rebuild from the server keeps both). */
  key: Buffer | null;
  keyStore?: KeyStore;
  /** Sync options for a rebuild from the server (tests pass their transport). */
  sync?: SyncOptions;
}

/**
 * What read-only work needs of the backend: the connection, the data folder (cache keys) and the clock.
 * The background worker (backend/jobs/) builds one over its own read-only connection, so reports, exports
 * and checks run there with the same code as on the main connection.
 */
export type ReadContext = Pick<AppContext, 'db' | 'dataDir' | 'now'>;

export interface CallContext {
  app: AppContext;
  session: Session | null;
}

/** A session that the dispatcher has already checked. */
export interface AuthedCallContext extends CallContext {
  session: Session;
}
