/**
 * The one place a workstation SQLite file is opened (issue 15 item 5, docs/adr/0017-encryption-at-rest.md):
 * the app's database, its backups, restore previews, `db verify`'s scratch copy, the CLI, the bench and the
 * tests all go through `openSqlite`. The engine is `better-sqlite3-multiple-ciphers` (better-sqlite3's API
 * with SQLite3 Multiple Ciphers compiled in); with a key, every page of the file and of its WAL is encrypted
 * (ChaCha20-Poly1305, the library's default cipher, authenticated per page).
 *
 * No Electron import here: a worker thread opens its own connection with the key passed in.
 */
import fs from 'node:fs';
import type Database from 'better-sqlite3';
import CipherDatabase from 'better-sqlite3-multiple-ciphers';

/** A raw database key: 32 random bytes, kept by the operating system (db/database-key.ts). */
export const DATABASE_KEY_BYTES = 32;

export class DatabaseKeyError extends Error {
  readonly code = 'database_key';
  constructor(
    message: string,
    /** `wrong`: the key does not open the file (another device's key, or page 1 damaged). */
    readonly reason: 'wrong',
  ) {
    super(message);
  }
}

export interface SqliteOpenOptions {
  /** Encrypts (new file) or opens (encrypted file) with this key; absent: a plain file. */
  key?: Buffer | null;
  readonly?: boolean;
  fileMustExist?: boolean;
  /** The native module built for this runtime (Electron's ABI differs from Node's; build/native-electron.mjs). */
  nativeBinding?: string;
}

// The key a connection was opened with, so a backup or a scratch copy made from it is encrypted alike and
// can be opened again, without every caller passing the key along (the backup API stays as it was).
const keys = new WeakMap<Database.Database, Buffer>();

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Whether a file begins with SQLite's plain header (an unencrypted database). False for a missing/short file. */
export function isPlainSqliteFile(file: string): boolean {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const head = Buffer.alloc(16);
      return fs.readSync(fd, head, 0, 16, 0) === 16 && head.equals(SQLITE_HEADER);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
}

/**
 * Opens a database file. With `key`, applies it before anything is read and proves it by reading the schema;
 * a file that does not open with it (or is encrypted and no key was given) throws `DatabaseKeyError` with an
 * Indonesian message, and nothing was written.
 */
export function openSqlite(file: string, opts: SqliteOpenOptions = {}): Database.Database {
  const key = opts.key ?? null;
  if (key && key.length !== DATABASE_KEY_BYTES) throw new Error(`database key must be ${DATABASE_KEY_BYTES} bytes`);
  // The fork ships better-sqlite3's API unchanged; the app is typed against better-sqlite3's declarations.
  const Ctor = CipherDatabase as unknown as typeof Database;
  const sqlite = new Ctor(file, {
    ...(opts.readonly ? { readonly: true } : {}),
    ...(opts.fileMustExist ? { fileMustExist: true } : {}),
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
  });
  try {
    if (key) {
      // A raw key (hexkey), not a passphrase: it is already random, so no key derivation is needed.
      sqlite.pragma(`cipher = 'chacha20'`);
      sqlite.pragma(`hexkey = '${key.toString('hex')}'`);
      keys.set(sqlite, key);
    }
    // Reading the schema is what proves the key (SQLITE_NOTADB otherwise).
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    return sqlite;
  } catch (err) {
    sqlite.close();
    // Without a key an encrypted file and a damaged one look the same (SQLITE_NOTADB): the caller reports it
    // as damaged. With a key, the file not opening is reported as the key's doing (or damage).
    if (key && err instanceof Error && /file is not a database/i.test(err.message) && !isPlainSqliteFile(file)) {
      throw new DatabaseKeyError(`Basis data ${file} tidak dapat dibuka dengan kunci perangkat ini: kuncinya berbeda, atau berkasnya rusak. Tidak ada yang diubah.`, 'wrong');
    }
    throw err;
  }
}

/** The key a connection was opened with (null: a plain file). */
export function keyOf(sqlite: Database.Database): Buffer | null {
  return keys.get(sqlite) ?? null;
}

/**
 * Copies an open database into a new file, consistently while the app keeps working, encrypted like the
 * source. A plain source uses SQLite's online backup API step by step (the counter's statements run between
 * steps). An encrypted one uses `VACUUM INTO`: SQLite3 Multiple Ciphers refuses an online backup into a
 * target without the same codec ("backup is not supported with incompatible source and target databases"),
 * better-sqlite3 opens the backup target itself with no way to key it, and `VACUUM INTO` attaches its target
 * with the main database's key (sqlite3mcHandleAttachKey). It is one statement: it runs from a single read
 * transaction (a consistent snapshot) but holds the thread until done — see ADR 0017 for the measured cost.
 */
export async function copyDatabase(sqlite: Database.Database, dest: string, opts: { progress?: (remaining: number, total: number) => void; pagesPerStep?: number } = {}): Promise<void> {
  if (keyOf(sqlite)) {
    sqlite.prepare('VACUUM INTO ?').run(dest);
    return;
  }
  await sqlite.backup(dest, {
    // better-sqlite3 yields to the event loop between steps: the counter's actions run in between.
    progress: ({ totalPages, remainingPages }) => {
      opts.progress?.(remainingPages, totalPages);
      return opts.pagesPerStep ?? 256;
    },
  });
}

/** Opens a copy made by `copyDatabase` (a backup, a scratch file) with the source's key. */
export function openCopyOf(source: Database.Database, file: string, opts: { readonly?: boolean } = {}): Database.Database {
  return openSqlite(file, { key: keyOf(source), fileMustExist: true, ...(opts.readonly ? { readonly: true } : {}) });
}

/**
 * Encrypts a plain database file in place (it must not be open elsewhere). SQLite3 Multiple Ciphers cannot
 * rekey a database in WAL mode, so it is switched to a rollback journal for the rekey (which runs as one
 * transaction: a crash leaves the plain file) and back to WAL afterwards when it was.
 */
export function encryptFileInPlace(file: string, key: Buffer): void {
  const sqlite = openSqlite(file, { fileMustExist: true });
  try {
    const wasWal = String(sqlite.pragma('journal_mode', { simple: true })) === 'wal';
    sqlite.pragma('journal_mode = DELETE');
    sqlite.pragma(`hexrekey = '${key.toString('hex')}'`);
    if (wasWal) sqlite.pragma('journal_mode = WAL');
  } finally {
    sqlite.close();
  }
}

/**
 * Opens a file that may be plain or encrypted with `key`: a backup taken before the database was encrypted,
 * a restored file not yet opened by the app. Plain files open without the key; others with it.
 */
export function openEitherWay(file: string, key: Buffer | null, opts: Omit<SqliteOpenOptions, 'key'> = {}): Database.Database {
  return openSqlite(file, { ...opts, key: isPlainSqliteFile(file) ? null : key });
}
