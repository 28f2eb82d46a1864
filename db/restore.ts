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
import Database from 'better-sqlite3';

export interface RestorePreviewFacts {
  newerHere: number;
  regainedFromServer: number;
  lost: number;
  receiptsAfterBackup: string[];
  lostReceipts: string[];
}

/** Compares the open database with a backup file (read-only; nothing changes). */
export function restorePreview(sqlite: Database.Database, backupFile: string): RestorePreviewFacts {
  const backup = new Database(backupFile, { readonly: true, fileMustExist: true });
  try {
    const inBackup = new Set((backup.prepare('SELECT id FROM events').pluck().all() as string[]));
    const here = sqlite.prepare('SELECT id, is_local, server_seq FROM events').all() as { id: string; is_local: number; server_seq: number | null }[];
    const newer = here.filter((e) => !inBackup.has(e.id));
    // A local event the server never acknowledged is only on this PC; a received one is on the server.
    const lostIds = new Set(newer.filter((e) => e.is_local === 1 && e.server_seq === null).map((e) => e.id));
    const receipts = (sqlite.prepare('SELECT label, event_id FROM issued_numbers ORDER BY label').all() as { label: string; event_id: string }[]).filter((r) => !inBackup.has(r.event_id));
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
  return path.join(dataDir, `${KEPT_PREFIX}${new Date(at).toISOString().replace(/[-:.]/g, '')}.sqlite`);
}

void fs;
