/**
 * Opens the server database: PostgreSQL when a connection string is given, otherwise an SQLite file in the
 * data folder. Everything above this file uses the same Kysely query code for both.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { SERVER_MIGRATIONS } from './migrations';
import type { ServerDB } from './schema';

export type Dialect = 'sqlite' | 'pg';

export interface ServerDatabase {
  db: Kysely<ServerDB>;
  dialect: Dialect;
  /** Where the data lives, for logs: the SQLite file or the PostgreSQL host/database (never the password). */
  location: string;
  /** The raw SQLite handle (prepared-statement fast paths); null on PostgreSQL. */
  sqlite: Database.Database | null;
  close(): Promise<void>;
}

export interface OpenServerDbOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** PostgreSQL pool size. */
  poolSize?: number;
  /** Told about errors of idle PostgreSQL connections (logged by the server). */
  onPoolError?: (err: Error) => void;
}

export const SQLITE_FILE_NAME = 'server.sqlite';

export class ServerDatabaseTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(`server database schema version ${found} was written by a newer server (this build supports ${supported})`);
  }
}

/** int8 → number: server sequences and epoch milliseconds stay far below 2^53. */
const PG_INT8_OID = 20;
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown =>
    oid === PG_INT8_OID ? (v: string) => Number(v) : (pg.types.getTypeParser(oid, format) as unknown)) as typeof pg.types.getTypeParser,
};

export async function openServerDatabase(opts: OpenServerDbOptions): Promise<ServerDatabase> {
  let sd: ServerDatabase;
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10, types: pgTypes });
    // An idle connection that PostgreSQL drops (restart, failover) must not bring the server down: the pool
    // replaces it, /health reports the outage, requests fail with 5xx and the clients retry.
    pool.on('error', (err) => opts.onPoolError?.(err));
    const db = new Kysely<ServerDB>({ dialect: new PostgresDialect({ pool }) });
    sd = { db, dialect: 'pg', location: describePgUrl(opts.databaseUrl), sqlite: null, close: () => db.destroy() };
  } else {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    const file = path.join(opts.dataDir, SQLITE_FILE_NAME);
    const sqlite = new Database(file);
    sqlite.pragma('journal_mode = WAL');
    // An acknowledged event must survive a power cut: the client stops re-sending it once acknowledged.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('cache_size = -64000');
    const db = new Kysely<ServerDB>({ dialect: new SqliteDialect({ database: cachingStatements(sqlite) }) });
    sd = { db, dialect: 'sqlite', location: file, sqlite, close: () => db.destroy() };
  }
  try {
    await migrateServer(sd);
  } catch (err) {
    await sd.close();
    throw err;
  }
  return sd;
}

/**
 * Kysely's SQLite driver prepares every statement it runs; preparing is a large part of a simple indexed
 * query. The server's queries have few distinct texts, so each is prepared once and kept (bounded).
 * Statements are run synchronously by the driver, so a cached one is never in use twice at once.
 */
function cachingStatements(sqlite: Database.Database): { prepare(sql: string): Database.Statement; close(): void } {
  const cache = new Map<string, Database.Statement>();
  return {
    prepare(text: string) {
      let st = cache.get(text);
      if (!st) {
        if (cache.size >= 256) cache.clear();
        st = sqlite.prepare(text);
        cache.set(text, st);
      }
      return st;
    },
    close: () => sqlite.close(),
  };
}

function describePgUrl(url: string): string {
  try {
    const u = new URL(url);
    return `postgres://${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'postgres';
  }
}

async function migrateServer(sd: ServerDatabase): Promise<void> {
  const { db, dialect } = sd;
  await sql
    .raw(
      dialect === 'pg'
        ? 'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)'
        : 'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT',
    )
    .execute(db);
  await db.transaction().execute(async (tx) => {
    // Several server instances may start at once against one PostgreSQL: one migrates, the others wait.
    if (dialect === 'pg') await sql`SELECT pg_advisory_xact_lock(7423001)`.execute(tx);
    const done = await tx.selectFrom('schema_migrations').select((eb) => eb.fn.max('version').as('v')).executeTakeFirst();
    const current = Number(done?.v ?? 0);
    if (current > SERVER_MIGRATIONS.length) throw new ServerDatabaseTooNewError(current, SERVER_MIGRATIONS.length);
    for (let i = current; i < SERVER_MIGRATIONS.length; i++) {
      const m = SERVER_MIGRATIONS[i]!;
      for (const s of dialect === 'pg' ? m.pg : m.sqlite) await sql.raw(s).execute(tx);
      if (i === 0) await createEpoch(tx);
      await tx.insertInto('schema_migrations').values({ version: i + 1, name: m.name, applied_at: Date.now() }).execute();
    }
  });
}

async function createEpoch(tx: Transaction<ServerDB>): Promise<void> {
  await tx
    .insertInto('server_meta')
    .values([
      { key: 'epoch', value: crypto.randomUUID() },
      { key: 'created_at', value: String(Date.now()) },
    ])
    .execute();
}

export async function readEpoch(db: Kysely<ServerDB>): Promise<string> {
  const r = await db.selectFrom('server_meta').select('value').where('key', '=', 'epoch').executeTakeFirstOrThrow();
  return r.value;
}

/**
 * Gives the database a new epoch. Run after restoring a backup: every client then re-sends what the
 * restored database lacks and pulls everything again (both idempotent).
 */
export async function rotateEpoch(db: Kysely<ServerDB>): Promise<string> {
  const epoch = crypto.randomUUID();
  await db.updateTable('server_meta').set({ value: epoch }).where('key', '=', 'epoch').execute();
  return epoch;
}
