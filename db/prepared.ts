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
 * transaction, that transaction's). The statement itself is prepared once per connection by the driver's
 * statement cache (db/open.ts).
 */
import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { DB } from './schema';

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
  const execute = (db: Kysely<DB>, values: P): Promise<QueryResult<O>> => {
    const c = compile(db);
    const v = values as Record<string, unknown>;
    const parameters = c.parameters.map((x) => {
      if (!(x instanceof Param)) return x;
      if (!(x.name in v)) throw new Error(`prepared query: no value for parameter "${x.name}"`);
      return v[x.name];
    });
    return db.executeQuery<O>({ ...c, parameters });
  };
  return {
    all: async (db, values) => (await execute(db, values)).rows,
    first: async (db, values) => (await execute(db, values)).rows[0],
    run: async (db, values) => Number((await execute(db, values)).numAffectedRows ?? 0),
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
