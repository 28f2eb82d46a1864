import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type SqliteDatabase, type SqliteStatement } from 'kysely';
import { backupDatabase, backupDir } from './backup';
import { startIdleCheckpoints } from './checkpoint';
import { encryptExistingDatabase } from './encrypt';
import { DatabaseKeyError, isPlainSqliteFile, openSqlite } from './sqlite';
import { reportingTransactionStatement } from './transaction-end';

export { DatabaseKeyError } from './sqlite';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { finishStartupSteps } from './event-store';
import { markSecureSince } from './erasure';
import type { DB } from './schema';

export class DatabaseTooNewError extends Error {
  readonly code = 'database_too_new';
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(`database schema version ${found} was written by a newer version of the app (this build supports ${supported})`);
  }
}

export class DatabaseCorruptError extends Error {
  readonly code = 'database_corrupt';
  constructor(
    message: string,
    /** `empty`: a zero-byte file; `foreign`: an SQLite file of another program; `damaged`: unreadable. */
    readonly reason: 'empty' | 'foreign' | 'damaged' = 'damaged',
  ) {
    super(message);
  }
}

/** The data folder cannot be written and holds no database to read (nothing to start on). */
export class DataFolderReadOnlyError extends Error {
  readonly code = 'data_folder_read_only';
}

export interface OpenedDatabase {
  sqlite: Database.Database;
  db: Kysely<DB>;
  file: string;
  /** Opened read-only (asked for, or the folder could not be written). */
  readOnly: boolean;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Absolute path of the better-sqlite3 native module built for this runtime (Electron vs Node ABI). */
  nativeBinding?: string;
  readonly?: boolean;
  /**
   * Open read-only, instead of failing, when the folder or the file cannot be written (a write-protected
   * USB disk, a read-only share): `OpenedDatabase.readOnly` says so (issue 15).
   */
  readOnlyFallback?: boolean;
  /** Told when an idle-time WAL checkpoint fails (it is tried again later; nothing is lost). */
  onCheckpointError?: (err: unknown) => void;
  /**
   * The database key (db/database-key.ts): the file is encrypted with it, and a plain file found here is
   * converted once, a checked backup kept (db/encrypt.ts). Absent: a plain database.
   */
  key?: Buffer | null;
}

export const DB_FILE_NAME = 'counter.sqlite';

/**
 * Opens (creating if needed) the workstation database in `dataDir`, sets the pragmas once, refuses a
 * database written by a newer app, backs the file up and migrates it, one transaction per migration.
 */
export async function openDatabase(dataDir: string, opts: OpenOptions = {}): Promise<OpenedDatabase> {
  const file = path.join(dataDir, DB_FILE_NAME);
  const existed = fs.existsSync(file);
  let readOnly = opts.readonly ?? false;
  if (!readOnly && opts.readOnlyFallback && !canWrite(dataDir, file)) {
    if (!existed) throw new DataFolderReadOnlyError(`data folder ${dataDir} cannot be written and holds no database`);
    readOnly = true;
  }
  if (!readOnly) fs.mkdirSync(dataDir, { recursive: true });
  // A zero-byte file is what a failed write or a bad copy leaves: SQLite would treat it as a new, empty
  // database and the app would start as a fresh install over the office's data. It is refused instead.
  if (existed && fs.statSync(file).size === 0) throw new DatabaseCorruptError(`database file ${file} is empty (0 bytes)`, 'empty');
  // SQLite cannot open a WAL database in a folder where it cannot create the `-shm` index, even to read. A
  // folder nobody can write is not changing, so a plain copy of it (file and WAL) to a private temporary
  // folder is consistent, and is what a read-only start reads.
  // An existing plain database is encrypted once, before anything else opens it (a read-only one cannot be).
  if (opts.key && existed && !readOnly && isPlainSqliteFile(file)) await encryptExistingDatabase(dataDir, file, opts.key, opts.nativeBinding);
  const snapshot = readOnly && !opts.readonly ? readOnlySnapshot(file) : null;
  let sqlite: Database.Database;
  try {
    sqlite = openSqlite(snapshot?.file ?? file, { key: opts.key ?? null, readonly: readOnly, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) });
  } catch (err) {
    snapshot?.remove();
    throw asOpenError(err, file);
  }
  try {
    configure(sqlite, readOnly);
    const found = Number(sqlite.pragma('user_version', { simple: true }));
    if (found > SCHEMA_VERSION) throw new DatabaseTooNewError(found, SCHEMA_VERSION);
    if (existed && found === 0) {
      // Version 0 with tables in it: another program's SQLite file, never this app's new install.
      const tables = (sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n;
      if (tables > 0) throw new DatabaseCorruptError(`database file ${file} belongs to another program (no schema version, ${tables} tables)`, 'foreign');
    }
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: cachingPrepare(sqlite) }) });
    if (found < SCHEMA_VERSION) {
      if (readOnly) throw new DataFolderReadOnlyError(`database ${file} needs migrating (schema ${found}) but cannot be written`);
      // Checked online backup (db/backup.ts) before the schema changes: a failed check stops the upgrade.
      if (existed && found > 0) await backupDatabase(sqlite, backupDir(dataDir), { kind: 'pre_migration', now: Date.now() });
      await migrate(db, sqlite, found);
      // A new file is finished as a start would finish it (db/event-store.ts): the refold migration 006 leaves
      // is done now, so a folder no app has started yet (demo data, a test, the CLI) is not pending forever.
      // An upgraded file is left to the app's start, which checks the file before touching it.
      if (found === 0) {
        await finishStartupSteps(db, Date.now());
        // Written with secure_delete from its first page: no residue of rewritten rows (db/erasure.ts).
        markSecureSince(sqlite, Date.now());
      }
    }
    const checkpoints = readOnly ? null : startIdleCheckpoints(db, sqlite, opts.onCheckpointError ? { onError: opts.onCheckpointError } : {});
    return {
      sqlite,
      db,
      file,
      readOnly,
      close: async () => {
        checkpoints?.stop();
        await db.destroy(); // closes the better-sqlite3 handle too
        snapshot?.remove();
      },
    };
  } catch (err) {
    if (sqlite.open) sqlite.close();
    snapshot?.remove();
    throw asOpenError(err, file);
  }
}

function asOpenError(err: unknown, file: string): unknown {
  if (err instanceof Error && !(err instanceof DatabaseKeyError) && /file is not a database|malformed/i.test(err.message)) {
    // Without the key, an encrypted file reads as damaged too (db/sqlite.ts): the message says both.
    const hint = isPlainSqliteFile(file) ? '' : ' (or encrypted with a key this device does not hold)';
    return new DatabaseCorruptError(`database file ${file} is damaged${hint}: ${err.message}`);
  }
  return err;
}

function readOnlySnapshot(file: string): { file: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lpse-readonly-'));
  const copy = path.join(dir, DB_FILE_NAME);
  fs.copyFileSync(file, copy);
  if (fs.existsSync(`${file}-wal`)) fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
  return { file: copy, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Whether the folder and the database file can be written (a probe file is created and removed). */
function canWrite(dataDir: string, file: string): boolean {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    const probe = path.join(dataDir, `.write-test-${process.pid}`);
    fs.writeFileSync(probe, '');
    fs.rmSync(probe, { force: true });
    if (fs.existsSync(file)) fs.accessSync(file, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export const WAL_AUTOCHECKPOINT_PAGES = 10_000;

function configure(sqlite: Database.Database, readOnly = false): void {
  // A read-only connection cannot change the journal mode (the file already is in WAL: it was written here).
  if (!readOnly) sqlite.pragma('journal_mode = WAL');
  // A receipt already printed must survive a power cut: FULL syncs the WAL on every commit.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // Every byte SQLite frees is zeroed at once (sqlite.org/pragma.html#pragma_secure_delete): an erased
  // visitor's fields (ADR 0019), and every earlier version of a row rewritten since, leave nothing in the
  // unused space of pages, so an erasure needs no VACUUM on a file written this way since it was created
  // (db/erasure.ts, SECURE_SINCE_KEY). Cost: a memset of what is freed; the pages are written whole anyway.
  if (!readOnly) sqlite.pragma('secure_delete = ON');
  sqlite.pragma('busy_timeout = 5000');
  // A backstop: checkpoints normally run while the counter is idle (db/checkpoint.ts). 10,000 pages =
  // 40 MB: only a long burst with no pause (a first sync of a large backlog) reaches it.
  sqlite.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  // No journal_size_limit: a WAL file cut back after each reset grows again on the next burst, and a
  // commit that extends the file syncs its metadata too (a raw insert went from 0.21 to 0.36 ms).
  sqlite.pragma('cache_size = -32000');
  sqlite.pragma('temp_store = MEMORY');
}

async function migrate(db: Kysely<DB>, sqlite: Database.Database, from: number): Promise<void> {
  for (let i = from; i < MIGRATIONS.length; i++) {
    const m = MIGRATIONS[i]!;
    // Kysely does not wrap SQLite migrations in a transaction; a crash mid-migration must leave the old schema.
    await db.transaction().execute(async (trx) => {
      await m.up(trx as unknown as Kysely<unknown>);
      await sql.raw(`PRAGMA user_version = ${i + 1}`).execute(trx);
    });
  }
  void sqlite;
}

/**
 * Kysely's SQLite driver prepares every statement it runs, and preparing costs as much as running a small
 * indexed query. The app runs few distinct statement texts (projections, lookups), so each is prepared once
 * and kept; the cache is bounded, and very long texts (multi-row inserts) are not kept. The driver runs
 * statements synchronously, so a cached one is never in use twice at once. The driver's BEGIN, COMMIT and
 * ROLLBACK report when they have run, for work that waits for a transaction's end (db/transaction-end.ts).
 */
function cachingPrepare(sqlite: Database.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    prepare(text: string) {
      if (text.length > 2000) return sqlite.prepare(text);
      let st = cache.get(text);
      if (!st) {
        if (cache.size >= 500) cache.clear();
        st = reportingTransactionStatement(sqlite, text, sqlite.prepare(text));
        cache.set(text, st);
      }
      return st;
    },
    close: () => sqlite.close(),
  };
}
