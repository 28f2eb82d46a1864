/**
 * Restore that cannot make things worse (issue 15, docs/adr/0016-data-safety.md).
 *
 * The preview says what a restore would lose or regain; `restoreFromBackup` swaps the database file for a
 * checked backup, keeping the current file beside it so the restore can be undone. Numbers are never
 * reissued: the receipts are derived from the log (db/numbering.ts), and every event the server holds comes
 * back at the next sync with its number. Events the server never received are lost with the restore, but
 * stay in the kept file (and the preview says how many).
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { keyOf, openEitherWay } from './sqlite';

export interface NumberFloor {
  series: string;
  scope: string;
  number: number;
}

/**
 * The highest number per series and scope the current database issued that the backup lacks: written into
 * the restored database (`number_floors`) so none is issued again.
 */
export function floorsAfter(sqlite: Database.Database, backupFile: string): NumberFloor[] {
  const backup = openEitherWay(backupFile, keyOf(sqlite), { readonly: true, fileMustExist: true });
  try {
    const inBackup = new Set(backup.prepare('SELECT event_id FROM issued_numbers').pluck().all() as string[]);
    const rows = sqlite.prepare('SELECT series, scope, number, event_id FROM issued_numbers').all() as (NumberFloor & { event_id: string })[];
    const floors = new Map<string, NumberFloor>();
    for (const r of rows) {
      if (inBackup.has(r.event_id)) continue;
      const k = `${r.series}\u0000${r.scope}`;
      if ((floors.get(k)?.number ?? 0) < r.number) floors.set(k, { series: r.series, scope: r.scope, number: r.number });
    }
    // Floors the current database itself carried from an earlier restore are carried on too.
    const kept = sqlite.prepare('SELECT series, scope, number FROM number_floors').all() as NumberFloor[];
    for (const f of kept) {
      const k = `${f.series}\u0000${f.scope}`;
      if ((floors.get(k)?.number ?? 0) < f.number) floors.set(k, f);
    }
    return [...floors.values()];
  } finally {
    backup.close();
  }
}

/** Writes floors into a (closed) database file. */
export function writeFloors(dbFile: string, floors: readonly NumberFloor[], source: string, at: number, key: Buffer | null = null): void {
  if (floors.length === 0) return;
  const db = openEitherWay(dbFile, key);
  try {
    const up = db.prepare(
      'INSERT INTO number_floors (series, scope, number, source, set_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (series, scope) DO UPDATE SET number = max(number, excluded.number), source = excluded.source, set_at = excluded.set_at',
    );
    db.transaction(() => {
      for (const f of floors) up.run(f.series, f.scope, f.number, source, at);
    })();
  } finally {
    db.close();
  }
}

export interface RestorePreviewFacts {
  newerHere: number;
  regainedFromServer: number;
  lost: number;
  receiptsAfterBackup: string[];
  lostReceipts: string[];
}

/** Compares the open database with a backup file (read-only; nothing changes). */
export function restorePreview(sqlite: Database.Database, backupFile: string): RestorePreviewFacts {
  const backup = openEitherWay(backupFile, keyOf(sqlite), { readonly: true, fileMustExist: true });
  try {
    const inBackup = new Set((backup.prepare('SELECT id FROM events').pluck().all() as string[]));
    const here = sqlite.prepare('SELECT id, is_local, server_seq FROM events').all() as { id: string; is_local: number; server_seq: number | null }[];
    const newer = here.filter((e) => !inBackup.has(e.id));
    // A local event the server never acknowledged is only on this PC; a received one is on the server.
    const lostIds = new Set(newer.filter((e) => e.is_local === 1 && e.server_seq === null).map((e) => e.id));
    const receipts = (sqlite.prepare("SELECT label, event_id FROM issued_numbers WHERE series = 'receipt' ORDER BY label").all() as { label: string; event_id: string }[]).filter((r) => !inBackup.has(r.event_id));
    return {
      newerHere: newer.length,
      regainedFromServer: newer.length - lostIds.size,
      lost: lostIds.size,
      receiptsAfterBackup: receipts.map((r) => r.label),
      lostReceipts: receipts.filter((r) => lostIds.has(r.event_id)).map((r) => r.label),
    };
  } finally {
    backup.close();
  }
}

export const KEPT_PREFIX = 'counter.sqlite.before-restore-';

/** Where the current database is kept by a restore (for undo). */
export function keptFile(dataDir: string, at: number): string {
  const stamp = `${KEPT_PREFIX}${new Date(at).toISOString().replace(/[-:.]/g, '')}`;
  // Two restores in one millisecond (an undo right after a restore on a stopped clock) must not share a name:
  // the second would overwrite the file the first set aside. '~' sorts after '.', so newest-first still holds.
  let file = path.join(dataDir, `${stamp}.sqlite`);
  for (let i = 2; fs.existsSync(file); i++) file = path.join(dataDir, `${stamp}~${i}.sqlite`);
  return file;
}


export interface RestoreResult {
  restored: string;
  kept: string;
}

/**
 * Replaces the database file (closed by the caller) with a backup: the current file and its WAL are first
 * checkpointed into one file and moved aside (`kept`, for undo), then the backup is copied in through a
 * temporary name and renamed. The backup file itself is never changed.
 */
export function replaceDatabaseFile(dataDir: string, dbFile: string, source: string, at: number, key: Buffer | null = null): RestoreResult & { floors: NumberFloor[] } {
  const kept = keptFile(dataDir, at);
  let floors: NumberFloor[] = [];
  try {
    const cur = openEitherWay(dbFile, key, { readonly: true, fileMustExist: true });
    try {
      floors = floorsAfter(cur, source);
    } finally {
      cur.close();
    }
  } catch {
    // The current file cannot be read: its numbers cannot be known (docs/adr/0016-data-safety.md).
  }
  if (fs.existsSync(dbFile)) {
    // Fold the WAL into the file so the kept copy is one self-contained file.
    try {
      const cur = openEitherWay(dbFile, key);
      cur.pragma('wal_checkpoint(TRUNCATE)');
      cur.close();
    } catch {
      // a damaged file is kept as it is, WAL and all
    }
    fs.renameSync(dbFile, kept);
    for (const ext of ['-wal', '-shm']) if (fs.existsSync(dbFile + ext)) fs.renameSync(dbFile + ext, kept + ext);
  }
  const tmp = `${dbFile}.restoring`;
  fs.copyFileSync(source, tmp);
  writeFloors(tmp, floors, path.basename(source), at, key);
  fs.renameSync(tmp, dbFile);
  return { restored: source, kept, floors };
}

/** The files kept by earlier restores, newest first. */
export function keptFiles(dataDir: string): string[] {
  if (!fs.existsSync(dataDir)) return [];
  return fs
    .readdirSync(dataDir)
    .filter((f) => f.startsWith(KEPT_PREFIX) && f.endsWith('.sqlite'))
    .sort()
    .reverse()
    .map((f) => path.join(dataDir, f));
}
