/**
 * Kysely queries built and compiled once, then run many times with new values. Building a query (an
 * immutable node tree) and compiling it to SQL costs more than running a small indexed statement, and the
 * counter's hot path (one checklist mark) runs about ten of them. A prepared query is written with Kysely
 * as usual, so it stays type-checked against the schema; the values are named parameters:
 *
 *   const personById = prepared((db, p: { id: string }) => db.selectFrom('persons').selectAll().where('id', '=', p.id));
 *   const row = await personById.first(db, { id });
 *
 * It runs through Kysely's executor, so it takes the connection like any other query (and inside a
 * transaction, that transaction's). Inside `ownedTransaction` or `ownedConnection`, which hold the
 * connection for their whole callback, it runs the better-sqlite3 statement directly: better-sqlite3 is
 * synchronous, and the executor's layers of promises cost more than the statement.
 */
import type Database from 'better-sqlite3';
import type { Compilable, CompiledQuery, Kysely, QueryResult, Transaction } from 'kysely';
import type { DB } from './schema';

/** Transactions opened by `ownedTransaction` that are still running, with their connection. */
const owned = new WeakMap<Kysely<DB>, Database.Database>();

/**
 * Reads on one held connection (no transaction): its prepared queries run directly on the connection.
 * Every query inside must use the `Kysely` passed to `fn`; one on the outer instance would wait for the
 * held connection forever. Do not keep `c` past the callback: Kysely would still run queries on it,
 * outside the connection's lock.
 */
export async function ownedConnection<T>(db: Kysely<DB>, sqlite: Database.Database, fn: (c: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (c) => {
    owned.set(c, sqlite);
    try {
      return await fn(c);
    } finally {
      owned.delete(c);
    }
  });
}

/**
 * A Kysely transaction whose prepared queries run directly on the connection. The transaction holds the
 * connection until the callback settles (Kysely's connection mutex keeps every other query waiting), and
 * the registration ends with it, so a `tx` kept past its callback falls back to Kysely (which refuses it).
 */
export async function ownedTransaction<T>(db: Kysely<DB>, sqlite: Database.Database, fn: (tx: Transaction<DB>) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(async (tx) => {
        owned.set(tx, sqlite);
        try {
          return await fn(tx);
        } finally {
          owned.delete(tx);
        }
      });
    } catch (err) {
      // A transaction that reads before it writes (check, then append) cannot upgrade to a writer when
      // another connection (the CLI, a second window) committed after its first read: SQLite refuses at
      // once, without the busy timeout. Everything was rolled back, so the whole callback runs again.
      if (attempt >= BUSY_SNAPSHOT_ATTEMPTS || (err as { code?: unknown }).code !== 'SQLITE_BUSY_SNAPSHOT') throw err;
    }
  }
}

const BUSY_SNAPSHOT_ATTEMPTS = 5;

/** Whether `db` is a transaction or connection held by `ownedTransaction`/`ownedConnection` (prepared queries run directly). */
export function isOwned(db: Kysely<DB>): boolean {
  return owned.has(db);
}

/** The connection held by `ownedTransaction`/`ownedConnection` for `db`, or undefined (run through Kysely). */
export function ownedSqlite(db: Kysely<DB>): Database.Database | undefined {
  return owned.get(db);
}

/** Stands in for a named value while the query is built; compiled, it is one bound parameter. */
class Param {
  constructor(readonly name: string) {}
}

export interface PreparedQuery<P, O> {
  /** All rows. */
  all(db: Kysely<DB>, values: P): Promise<O[]>;
  /** The first row, or undefined. */
  first(db: Kysely<DB>, values: P): Promise<O | undefined>;
  /** Runs a statement that returns no rows; the number of rows it changed. */
  run(db: Kysely<DB>, values: P): Promise<number>;
  /** The SQL text (for tests and diagnostics). */
  sql(db: Kysely<DB>): string;
}

export function prepared<P extends object, O>(build: (db: Kysely<DB>, p: P) => Compilable<O>): PreparedQuery<P, O> {
  let compiled: CompiledQuery<O> | null = null;
  const compile = (db: Kysely<DB>): CompiledQuery<O> => {
    if (compiled) return compiled;
    const markers = new Proxy({} as P, {
      get: (_t, key) => {
        if (typeof key !== 'string') throw new Error('prepared query: parameter names are strings');
        return new Param(key);
      },
      // Spreading `p` would see no keys and silently bind nothing: every value must be named.
      ownKeys: () => {
        throw new Error('prepared query: name each parameter (p.name); do not spread p');
      },
    });
    compiled = build(db, markers).compile();
    return compiled;
  };
  const statements = new WeakMap<Database.Database, Database.Statement>();
  // Which parameters are named values and which are constants, worked out once (a bulk apply binds
  // hundreds of thousands of statements: issue 17).
  let slots: { names: (string | null)[]; constants: unknown[] } | null = null;
  const bind = (c: CompiledQuery<O>, values: P): unknown[] => {
    slots ??= {
      names: c.parameters.map((x): string | null => (x instanceof Param ? x.name : null)),
      constants: c.parameters.map((x) => (x instanceof Param ? undefined : x)),
    };
    const v = values as Record<string, unknown>;
    const { names, constants } = slots;
    const parameters = new Array<unknown>(names.length);
    for (let i = 0; i < names.length; i++) {
      const name = names[i] as string | null;
      if (name === null) parameters[i] = constants[i];
      else {
        const value = v[name];
        if (value === undefined && !(name in v)) throw new Error(`prepared query: no value for parameter "${name}"`);
        parameters[i] = value;
      }
    }
    return parameters;
  };
  const statementOn = (sqlite: Database.Database, c: CompiledQuery<O>): Database.Statement => {
    let stmt = statements.get(sqlite);
    if (!stmt) {
      stmt = sqlite.prepare(c.sql);
      statements.set(sqlite, stmt);
    }
    return stmt;
  };
  /**
   * Runs the query; on a held connection the statement runs at once and its result comes back in an already
   * settled promise (a counter action runs about fifteen of these: no async function layers per query).
   */
  const execute = <R>(db: Kysely<DB>, values: P, direct: (stmt: Database.Statement, parameters: unknown[]) => R, viaKysely: (r: QueryResult<O>) => R): Promise<R> => {
    try {
      const c = compile(db);
      const parameters = bind(c, values);
      const sqlite = owned.get(db);
      if (!sqlite) return db.executeQuery<O>({ ...c, parameters }).then(viaKysely);
      return Promise.resolve(direct(statementOn(sqlite, c), parameters));
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  };
  const rowsOf = (stmt: Database.Statement, parameters: unknown[]): O[] => (stmt.reader ? (stmt.all(parameters) as O[]) : (stmt.run(parameters), []));
  return {
    all: (db, values) => execute(db, values, rowsOf, (r) => r.rows),
    first: (db, values) => execute(db, values, (stmt, parameters) => rowsOf(stmt, parameters)[0], (r) => r.rows[0]),
    run: (db, values) =>
      execute(
        db,
        values,
        (stmt, parameters) => (stmt.reader ? (stmt.all(parameters), 0) : stmt.run(parameters).changes),
        (r) => Number(r.numAffectedRows ?? 0),
      ),
    sql: (db) => compile(db).sql,
  };
}

/**
 * Prepared queries whose text depends on a shape (e.g. which columns an UPDATE sets): one per shape, built
 * on first use. The number of shapes must be small and bounded by the code, never by the data.
 */
export function preparedByShape<P extends object, O>(build: (shape: string) => (db: Kysely<DB>, p: P) => Compilable<O>): (shape: string) => PreparedQuery<P, O> {
  const byShape = new Map<string, PreparedQuery<P, O>>();
  return (shape) => {
    let q = byShape.get(shape);
    if (!q) {
      if (byShape.size >= 256) byShape.clear(); // a guard: shapes come from code, so this never happens
      q = prepared(build(shape));
      byShape.set(shape, q);
    }
    return q;
  };
}
