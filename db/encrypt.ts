/**
 * Converting an existing plain database to an encrypted one, once (issue 15 item 5, docs/adr/0017).
 *
 * 1. A checked backup of the plain file (`pre_encryption`, db/backup.ts) is taken first: if anything below
 *    fails, it is still there, plain, to go back to.
 * 2. The file is encrypted in place (db/sqlite.ts `encryptFileInPlace`, one transaction).
 * 3. It is opened with the key and checked: `quick_check`, and the same number of events and last event as
 *    before. A failure stops here with the plain backup kept.
 * 4. Only then are the backups in the folder (the safety copy included) encrypted too, so no plain copy of
 *    the office's data stays on the disk the app manages. Copies already made to the second folder (a USB
 *    disk) before the conversion are not reachable from here: ADR 0017 says so.
 */
import fs from 'node:fs';
import path from 'node:path';
import { backupDatabase, backupDir, fileSha256, listBackups, writeFileDurably, type BackupManifest } from './backup';
import { encryptFileInPlace, isPlainSqliteFile, openSqlite } from './sqlite';

export class EncryptionCheckError extends Error {
  readonly code = 'encryption_check_failed';
}

function facts(sqlite: ReturnType<typeof openSqlite>): { events: number; last: string | null } {
  const events = (sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  const last = sqlite.prepare('SELECT id FROM events ORDER BY seq DESC LIMIT 1').get() as { id: string } | undefined;
  return { events, last: last?.id ?? null };
}

function hasEventsTable(sqlite: ReturnType<typeof openSqlite>): boolean {
  return !!sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get();
}

export interface EncryptionReport {
  events: number;
  /** The safety copy taken before (now encrypted itself), or null for a file that held no log yet. */
  backup: string | null;
  backupsEncrypted: number;
}

export async function encryptExistingDatabase(dataDir: string, file: string, key: Buffer, nativeBinding?: string, now = Date.now()): Promise<EncryptionReport> {
  const binding = nativeBinding ? { nativeBinding } : {};
  const plain = openSqlite(file, { fileMustExist: true, ...binding });
  let before: { events: number; last: string | null } | null = null;
  let safety: BackupManifest | null = null;
  try {
    if (hasEventsTable(plain)) {
      before = facts(plain);
      safety = await backupDatabase(plain, backupDir(dataDir), { kind: 'pre_encryption', now });
    }
    // Everything into the main file, so the rekey below has no WAL left to reckon with.
    plain.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    plain.close();
  }
  encryptFileInPlace(file, key);
  const enc = openSqlite(file, { key, fileMustExist: true, ...binding });
  try {
    const quick = (enc.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check);
    if (!(quick.length === 1 && quick[0] === 'ok')) throw new EncryptionCheckError(`quick_check after encryption: ${quick.slice(0, 3).join('; ')}`);
    if (before) {
      const after = facts(enc);
      if (after.events !== before.events || after.last !== before.last) {
        throw new EncryptionCheckError(`the encrypted database holds ${after.events} events (last ${after.last}), the plain one held ${before.events} (last ${before.last}); the plain backup ${safety?.file} is kept`);
      }
    }
  } finally {
    enc.close();
  }
  const dir = backupDir(dataDir);
  let backupsEncrypted = 0;
  for (const m of listBackups(dir)) {
    const f = path.join(dir, m.file);
    if (!isPlainSqliteFile(f)) continue;
    encryptFileInPlace(f, key);
    // A backup is a closed file: no WAL or journal of it may stay beside it.
    for (const side of ['-wal', '-shm', '-journal']) fs.rmSync(`${f}${side}`, { force: true });
    const updated: BackupManifest = { ...m, bytes: fs.statSync(f).size, sha256: await fileSha256(f), encrypted: true };
    writeFileDurably(`${f}.json`, `${JSON.stringify(updated, null, 2)}\n`);
    backupsEncrypted++;
  }
  return { events: before?.events ?? 0, backup: safety?.file ?? null, backupsEncrypted };
}
