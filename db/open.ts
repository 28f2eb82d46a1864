import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { startIdleCheckpoints } from './checkpoint';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
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
}

export interface OpenedDatabase {
  sqlite: Database.Database;
  db: Kysely<DB>;
  file: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Absolute path of the better-sqlite3 native module built for this runtime (Electron vs Node ABI). */
  nativeBinding?: string;
  readonly?: boolean;
  /** Told when an idle-time WAL checkpoint fails (it is tried again later; nothing is lost). */
  onCheckpointError?: (err: unknown) => void;
}

export const DB_FILE_NAME = 'counter.sqlite';

/**
 * Opens (creating if needed) the workstation database in `dataDir`, sets the pragmas once, refuses a
 * database written by a newer app, backs the file up and migrates it, one transaction per migration.
 */
export async function openDatabase(dataDir: string, opts: OpenOptions = {}): Promise<OpenedDatabase> {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DB_FILE_NAME);
  const existed = fs.existsSync(file);
  const sqlite = new Database(file, { nativeBinding: opts.nativeBinding, readonly: opts.readonly ?? false });
  try {
    configure(sqlite);
    const found = Number(sqlite.pragma('user_version', { simple: true }));
    if (found > SCHEMA_VERSION) throw new DatabaseTooNewError(found, SCHEMA_VERSION);
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: cachingPrepare(sqlite) }) });
    if (found < SCHEMA_VERSION) {
      if (existed && found > 0) backup(sqlite, file, found);
      await migrate(db, sqlite, found);
    }
    const checkpoints = opts.readonly ? null : startIdleCheckpoints(db, sqlite, opts.onCheckpointError ? { onError: opts.onCheckpointError } : {});
    return {
      sqlite,
      db,
      file,
      close: async () => {
        checkpoints?.stop();
        await db.destroy(); // closes the better-sqlite3 handle too
      },
    };
  } catch (err) {
    if (sqlite.open) sqlite.close();
    if (err instanceof Error && /file is not a database|malformed/i.test(err.message)) {
      throw new DatabaseCorruptError(`database file ${file} is damaged: ${err.message}`);
    }
    throw err;
  }
}

export const WAL_AUTOCHECKPOINT_PAGES = 10_000;

function configure(sqlite: Database.Database): void {
  sqlite.pragma('journal_mode = WAL');
  // A receipt already printed must survive a power cut: FULL syncs the WAL on every commit.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // A backstop: checkpoints normally run while the counter is idle (db/checkpoint.ts). 10,000 pages =
  // 40 MB: only a long burst with no pause (a first sync of a large backlog) reaches it.
  sqlite.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  // No journal_size_limit: a WAL file cut back after each reset grows again on the next burst, and a
  // commit that extends the file syncs its metadata too (a raw insert went from 0.21 to 0.36 ms).
  sqlite.pragma('cache_size = -32000');
  sqlite.pragma('temp_store = MEMORY');
}

function backup(sqlite: Database.Database, file: string, version: number): void {
  const target = `${file}.v${version}.${Date.now()}.bak`;
  sqlite.exec(`VACUUM INTO '${target.replace(/'/g, "''")}'`);
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
 * statements synchronously, so a cached one is never in use twice at once.
 */
function cachingPrepare(sqlite: Database.Database): { prepare(sql: string): Database.Statement; close(): void } {
  const cache = new Map<string, Database.Statement>();
  return {
    prepare(text: string) {
      if (text.length > 2000) return sqlite.prepare(text);
      let st = cache.get(text);
      if (!st) {
        if (cache.size >= 500) cache.clear();
        st = sqlite.prepare(text);
        cache.set(text, st);
      }
      return st;
    },
    close: () => sqlite.close(),
  };
}
