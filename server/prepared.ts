/**
 * Hot queries compiled once. Kysely builds and compiles a query tree on every call, which costs more than
 * running a simple indexed query; a `PreparedQuery` is compiled once with marker values and executed with
 * the real ones substituted, through the same Kysely executor on both dialects (on SQLite the statement
 * itself is also prepared once: see `cachingStatements` in db.ts).
 */
import { CompiledQuery, type Compilable, type QueryResult } from 'kysely';

/** A Kysely instance or transaction: anything that runs a compiled query. */
export interface Executor {
  executeQuery<T>(query: CompiledQuery<T>): Promise<QueryResult<T>>;
}

const MARK = '\u0000arg:';

export class PreparedQuery<R> {
  private readonly sql: string;
  private readonly slots: number[];
  /** The i-th parameter is the i-th argument (multi-row inserts): the arguments are passed as they are. */
  private readonly inOrder: boolean;

  /** `build` receives `arg(i)`, a stand-in for the i-th argument; every parameter must be one. */
  constructor(build: (arg: (i: number) => never) => Compilable<R>) {
    const compiled = build((i) => `${MARK}${i}` as never).compile();
    this.sql = compiled.sql;
    this.slots = compiled.parameters.map((p) => {
      if (typeof p !== 'string' || !p.startsWith(MARK)) throw new Error(`prepared query has a literal parameter: ${String(p)}`);
      return Number(p.slice(MARK.length));
    });
    this.inOrder = this.slots.every((slot, i) => slot === i);
  }

  execute(db: Executor, args: readonly unknown[]): Promise<QueryResult<R>> {
    // The drivers only read the parameters (never change the array).
    const params = this.inOrder && args.length === this.slots.length ? (args as unknown[]) : this.slots.map((i) => args[i]);
    return db.executeQuery(CompiledQuery.raw(this.sql, params));
  }
}

/** Prepared queries whose shape depends on a count (IN lists, multi-row inserts), kept per count. */
export class PreparedFamily<R> {
  private readonly byCount = new Map<number, PreparedQuery<R>>();

  constructor(
    private readonly build: (n: number, arg: (i: number) => never) => Compilable<R>,
    private readonly maxShapes = 64,
  ) {}

  get(n: number): PreparedQuery<R> {
    let q = this.byCount.get(n);
    if (!q) {
      if (this.byCount.size >= this.maxShapes) this.byCount.clear();
      q = new PreparedQuery((arg) => this.build(n, arg));
      this.byCount.set(n, q);
    }
    return q;
  }
}
