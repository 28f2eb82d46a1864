/**
 * Work that waits for the end of the transaction now open on a connection: the change feed announces what a
 * transaction appended once it has committed, and forgets it when it rolled back (backend/changes.ts).
 *
 * The app's Kysely instance runs every transaction through its driver, whose BEGIN, COMMIT and ROLLBACK
 * statements come from the connection's statement cache (db/open.ts `cachingPrepare`); that cache hands out
 * statements that report here when they have run. A connection has at most one transaction at a time, so
 * "the transaction now open" is well defined. Should a transaction end some other way (a raw COMMIT on the
 * connection), the next BEGIN finds its work still waiting and runs it as committed: late, never lost.
 */
import type Database from 'better-sqlite3';
import type { SqliteStatement } from 'kysely';

type EndHook = (committed: boolean) => void;

const waiting = new WeakMap<Database.Database, EndHook[]>();

/**
 * Runs `fn` once the transaction open on `sqlite` has ended (committed: true, rolled back: false); at once,
 * as committed, when none is open.
 */
export function afterTransaction(sqlite: Database.Database, fn: EndHook): void {
  if (!sqlite.inTransaction) {
    fn(true);
    return;
  }
  const list = waiting.get(sqlite);
  if (list) list.push(fn);
  else waiting.set(sqlite, [fn]);
}

/** Called by the statement cache after a transaction statement ran on `sqlite`. */
export function transactionEnded(sqlite: Database.Database, committed: boolean): void {
  const list = waiting.get(sqlite);
  if (!list) return;
  waiting.delete(sqlite);
  for (const fn of list) fn(committed);
}

/**
 * Wraps a BEGIN, COMMIT or ROLLBACK statement so the hooks above run when it has run; any other statement is
 * returned as it is. COMMIT reports only when it succeeded (a failed COMMIT leaves the transaction open, and
 * the driver then rolls it back); ROLLBACK reports in any case (SQLite may already have rolled back, and then
 * the statement fails).
 */
export function reportingTransactionStatement(sqlite: Database.Database, text: string, stmt: SqliteStatement): SqliteStatement {
  const kind = /^\s*(begin|commit|end|rollback)\b/i.exec(text)?.[1]?.toLowerCase();
  // ROLLBACK TO (a savepoint) does not end the transaction.
  if (!kind || /^\s*rollback\s+(transaction\s+)?to\b/i.test(text)) return stmt;
  return {
    reader: false,
    all: (params) => stmt.all(params),
    iterate: (params) => stmt.iterate(params),
    run: (params) => {
      if (kind === 'begin') {
        // A transaction that ended unseen (see the file comment): what waited for it counts as committed.
        transactionEnded(sqlite, true);
        return stmt.run(params);
      }
      if (kind === 'rollback') {
        try {
          return stmt.run(params);
        } finally {
          transactionEnded(sqlite, false);
        }
      }
      const r = stmt.run(params);
      transactionEnded(sqlite, true);
      return r;
    },
  };
}
