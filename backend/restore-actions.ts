/**
 * The guided restore's three actions on a closed data folder (issue 15 item 3, docs/adr/0016 and 0024):
 * restore a backup, rebuild from the server, undo the last restore. The same functions the CLI's
 * `db restore` / `db undo-restore` verbs build on (db/restore.ts, backend/restore-from-server.ts); here
 * they answer in the contract's shape (`RestoreDone`) and in Indonesian, for the screen and the recovery
 * mode. The caller has closed the database (backend/backend-host.ts `reopenAfter`).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RestoreDone } from '../contract/data-safety';
import { AppError } from '../contract/result';
import { backupDir, listBackups } from '../db/backup';
import { DB_FILE_NAME } from '../db/open';
import { keptFiles, KEPT_PREFIX, replaceDatabaseFile } from '../db/restore';
import { openEitherWay } from '../db/sqlite';
import { formatWita } from '../domain/time/wita';
import type { KeyStore } from '../trust/key-store';
import { restoreFromServer, ServerRestoreError } from './restore-from-server';
import type { SyncOptions } from './sync/engine';

function countEvents(file: string, key: Buffer | null): { events: number; integrity: string[] } {
  const db = openEitherWay(file, key, { readonly: true, fileMustExist: true });
  try {
    return {
      events: (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n,
      integrity: (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check),
    };
  } finally {
    db.close();
  }
}

/** A backup from this folder's `backups/`, checked before anything is touched. */
export function checkedBackup(dataDir: string, file: string, key: Buffer | null): { source: string; events: number; at: number } {
  const dir = backupDir(dataDir);
  const m = listBackups(dir).find((b) => b.file === file);
  if (!m) throw new AppError('not_found', 'Berkas cadangan tidak ditemukan.');
  const source = path.join(dir, m.file);
  let facts: { events: number; integrity: string[] };
  try {
    facts = countEvents(source, key);
  } catch (err) {
    throw new AppError('invalid_state', `Berkas cadangan ${file} tidak dapat dibaca (${err instanceof Error ? err.message : String(err)}). Pilih cadangan lain; tidak ada yang diubah.`);
  }
  if (!(facts.integrity.length === 1 && facts.integrity[0] === 'ok')) {
    throw new AppError('invalid_state', `Berkas cadangan ${file} rusak (${facts.integrity.slice(0, 2).join('; ')}). Pilih cadangan lain; tidak ada yang diubah.`);
  }
  return { source, events: facts.events, at: m.at };
}

/** Replaces the (closed) database with a checked backup; the current file is set aside for undo. */
export async function restoreBackupFile(dataDir: string, file: string, key: Buffer | null, now: number): Promise<RestoreDone> {
  const { source, events, at } = checkedBackup(dataDir, file, key);
  const r = replaceDatabaseFile(dataDir, path.join(dataDir, DB_FILE_NAME), source, now, key);
  return {
    events,
    kept: path.basename(r.kept),
    floors: r.floors.length,
    message: `Data dipulihkan dari cadangan ${formatWita(at, 'datetime')} (${events} kejadian). Basis data sebelumnya disimpan dan pemulihan dapat dibatalkan.`,
  };
}

/** Rebuilds the (closed) database from the server's log, keeping this PC's identity. */
export async function restoreFromServerFolder(dataDir: string, opts: { key: Buffer | null; now: () => number; keyStore?: KeyStore; sync?: SyncOptions }): Promise<RestoreDone> {
  try {
    const r = await restoreFromServer(dataDir, opts);
    return {
      events: r.events,
      kept: path.basename(r.kept),
      floors: r.floors.length,
      message: `Data diambil ulang dari server (${r.events} kejadian). Basis data sebelumnya disimpan dan pemulihan dapat dibatalkan.`,
    };
  } catch (err) {
    if (err instanceof ServerRestoreError) throw new AppError('invalid_state', err.message);
    throw err;
  }
}

/** The file the last restore set aside, with when (from its name). */
export function undoCandidate(dataDir: string): { file: string; at: number } | null {
  const kept = keptFiles(dataDir)[0];
  if (!kept) return null;
  const stamp = path.basename(kept).slice(KEPT_PREFIX.length, -'.sqlite'.length);
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z(~\d+)?$/.exec(stamp);
  const at = m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, +m[7]!) : fs.statSync(kept).mtimeMs;
  return { file: path.basename(kept), at };
}

/** Puts back the database the last restore set aside; the restored one is set aside in turn. */
export async function undoLastRestore(dataDir: string, key: Buffer | null, now: number): Promise<RestoreDone> {
  const kept = keptFiles(dataDir)[0];
  if (!kept) throw new AppError('not_found', 'Tidak ada basis data yang disisihkan oleh pemulihan; tidak ada yang dapat dibatalkan.');
  let events = 0;
  try {
    events = countEvents(kept, key).events;
  } catch {
    // The set-aside file may be the damaged one: it is put back as it was, as asked.
  }
  const r = replaceDatabaseFile(dataDir, path.join(dataDir, DB_FILE_NAME), kept, now, key);
  fs.rmSync(kept, { force: true });
  for (const ext of ['-wal', '-shm']) fs.rmSync(kept + ext, { force: true });
  return {
    events,
    kept: path.basename(r.kept),
    floors: r.floors.length,
    message: 'Pemulihan dibatalkan: basis data sebelum pemulihan dikembalikan. Basis data hasil pemulihan disimpan terpisah.',
  };
}
