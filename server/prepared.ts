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

/**
 * A multi-row INSERT … ON CONFLICT DO NOTHING written as text, kept per row count. Kysely builds and compiles
 * a tree of rows × columns nodes for every new count (about 25 ms for 1,000 rows of the events table), and a
 * push's last chunk has a count of its own almost every time. The arguments are the rows' values, row after
 * row, in `columns` order.
 */
export class MultiRowInsert {
  private readonly byCount = new Map<number, string>();
  private readonly head: string;
  private readonly tail: string;

  constructor(
    table: string,
    private readonly columns: readonly string[],
    conflictColumns: readonly string[],
    private readonly dialect: 'sqlite' | 'pg',
    private readonly maxShapes = 64,
  ) {
    const q = (name: string) => `"${name}"`;
    this.head = `insert into ${q(table)} (${columns.map(q).join(', ')}) values `;
    this.tail = ` on conflict (${conflictColumns.map(q).join(', ')}) do nothing`;
  }

  text(rows: number): string {
    let t = this.byCount.get(rows);
    if (!t) {
      if (this.byCount.size >= this.maxShapes) this.byCount.clear();
      const tuples = new Array<string>(rows);
      const width = this.columns.length;
      for (let r = 0; r < rows; r++) {
        const marks = new Array<string>(width);
        for (let c = 0; c < width; c++) marks[c] = this.dialect === 'pg' ? `$${r * width + c + 1}` : '?';
        tuples[r] = `(${marks.join(', ')})`;
      }
      t = this.head + tuples.join(', ') + this.tail;
      this.byCount.set(rows, t);
    }
    return t;
  }

  execute(db: Executor, rows: number, args: unknown[]): Promise<QueryResult<never>> {
    if (args.length !== rows * this.columns.length) throw new Error(`multi-row insert: ${args.length} values for ${rows} rows of ${this.columns.length} columns`);
    return db.executeQuery(CompiledQuery.raw(this.text(rows), args));
  }
}

/**
 * `SELECT columns FROM table WHERE key = $1 AND column IN ($2, …)` written as text, kept per list length
 * (the same reason as `MultiRowInsert`: a new length would otherwise cost a Kysely build and compile).
 * The arguments are the key, then the list.
 */
export class InListSelect<R> {
  private readonly byCount = new Map<number, string>();

  constructor(
    private readonly head: string,
    private readonly dialect: 'sqlite' | 'pg',
    private readonly maxShapes = 64,
  ) {}

  static of<R>(table: string, columns: readonly string[], keyColumn: string, listColumn: string, dialect: 'sqlite' | 'pg'): InListSelect<R> {
    const q = (name: string) => `"${name}"`;
    return new InListSelect<R>(`select ${columns.map(q).join(', ')} from ${q(table)} where ${q(keyColumn)} = ${dialect === 'pg' ? '$1' : '?'} and ${q(listColumn)} in (`, dialect);
  }

  text(n: number): string {
    let t = this.byCount.get(n);
    if (!t) {
      if (this.byCount.size >= this.maxShapes) this.byCount.clear();
      const marks = new Array<string>(n);
      for (let i = 0; i < n; i++) marks[i] = this.dialect === 'pg' ? `$${i + 2}` : '?';
      t = `${this.head}${marks.join(', ')})`;
      this.byCount.set(n, t);
    }
    return t;
  }

  execute(db: Executor, key: unknown, list: readonly unknown[]): Promise<QueryResult<R>> {
    return db.executeQuery<R>(CompiledQuery.raw(this.text(list.length), [key, ...list]));
  }
}
