/**
 * "Ambil ulang dari server" (issue 15 item 3, docs/adr/0016 and 0017): rebuilds this PC's database from the
 * office log the server holds, as a fresh enrolment would, while keeping the PC's identity (device id, server
 * credential, signing key) and the current database set aside for undo.
 *
 * 1. The enrolment (server address, device credential, office) and the device's meta are read from the
 *    current database, or, when it cannot be read, from the newest backup that can.
 * 2. A fresh database is created in a scratch folder inside the data folder, given that enrolment with the
 *    cursor at 0, and the whole office log is pulled into it through the ordinary sync engine (same trust
 *    checks, same fold). This device's own events come back with their ids and are marked as its own again.
 * 3. The current file is set aside and the rebuilt one moved in (db/restore.ts `replaceDatabaseFile`), which
 *    writes number floors for every number the current database issued that the server never received: no
 *    number is issued twice, and nothing is resent as new (events keep their ids; the server ignores ids it
 *    knows).
 * Events this PC recorded that never reached the server are not in the server's log: they are lost to the
 * rebuilt database (but kept in the set-aside file); the preview counts them first.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { backupDir, listBackups } from '../db/backup';
import { DB_FILE_NAME, openDatabase } from '../db/open';
import { replaceDatabaseFile, type NumberFloor } from '../db/restore';
import { openEitherWay } from '../db/sqlite';
import { FileKeyStore, type KeyStore } from '../trust/key-store';
import { createBackend } from './app';
import { syncEngineFor, type SyncOptions } from './sync/engine';

export class ServerRestoreError extends Error {
  readonly code = 'server_restore';
}

interface Enrolment {
  from: string;
  meta: { key: string; value: string }[];
  sync: { key: string; value: string }[];
}

function readEnrolment(file: string, key: Buffer | null): Omit<Enrolment, 'from'> | null {
  let db: Database.Database | null = null;
  try {
    db = openEitherWay(file, key, { readonly: true, fileMustExist: true });
    const meta = db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[];
    const sync = db.prepare('SELECT key, value FROM sync_state').all() as { key: string; value: string }[];
    const token = sync.find((r) => r.key === 'deviceToken');
    if (!token || token.value === 'null') return null;
    return { meta, sync };
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

/** The enrolment to rebuild with: the current database's, else the newest readable backup's. */
function findEnrolment(dataDir: string, key: Buffer | null): Enrolment {
  const current = path.join(dataDir, DB_FILE_NAME);
  const here = fs.existsSync(current) && fs.statSync(current).size > 0 ? readEnrolment(current, key) : null;
  if (here) return { from: current, ...here };
  for (const b of listBackups(backupDir(dataDir))) {
    const f = path.join(backupDir(dataDir), b.file);
    const e = readEnrolment(f, key);
    if (e) return { from: f, ...e };
  }
  throw new ServerRestoreError('Komputer ini belum terdaftar ke server (atau data pendaftarannya tidak dapat dibaca), sehingga tidak dapat mengambil ulang data dari server. Pulihkan dari berkas cadangan.');
}

export interface ServerRestorePreview {
  /** Events in the current database (null: it cannot be read). */
  eventsHere: number | null;
  /** Events recorded here that the server never acknowledged: not in the server's log, so not regained. */
  lost: number | null;
  lostReceipts: string[];
  serverUrl: string | null;
}

/** What a rebuild from the server would not bring back (read-only; nothing changes). */
export function serverRestorePreview(dataDir: string, key: Buffer | null): ServerRestorePreview {
  const e = findEnrolment(dataDir, key);
  const url = e.sync.find((r) => r.key === 'serverUrl')?.value;
  const serverUrl = url ? (JSON.parse(url) as string | null) : null;
  const file = path.join(dataDir, DB_FILE_NAME);
  let db: Database.Database | null = null;
  try {
    db = openEitherWay(file, key, { readonly: true, fileMustExist: true });
    const n = (q: string) => (db!.prepare(q).get() as { n: number }).n;
    const lostReceipts = db
      .prepare("SELECT n.label FROM issued_numbers n JOIN events e ON e.id = n.event_id WHERE n.series = 'receipt' AND e.is_local = 1 AND e.server_seq IS NULL ORDER BY n.label")
      .pluck()
      .all() as string[];
    return { eventsHere: n('SELECT count(*) AS n FROM events'), lost: n('SELECT count(*) AS n FROM events WHERE is_local = 1 AND server_seq IS NULL'), lostReceipts, serverUrl };
  } catch {
    return { eventsHere: null, lost: null, lostReceipts: [], serverUrl };
  } finally {
    db?.close();
  }
}

export interface ServerRestoreOptions {
  key: Buffer | null;
  now: () => number;
  /** The device's signing key store (its identity is kept); defaults to the data folder's file. */
  keyStore?: KeyStore;
  /** The sync engine's options (tests pass their transport and timer). */
  sync?: SyncOptions;
}

export interface ServerRestoreResult {
  events: number;
  kept: string;
  floors: NumberFloor[];
  enrolmentFrom: string;
}

/** Rebuilds the (closed) database of `dataDir` from the server. The app must not be running on it. */
export async function restoreFromServer(dataDir: string, opts: ServerRestoreOptions): Promise<ServerRestoreResult> {
  const enrolment = findEnrolment(dataDir, opts.key);
  const scratch = fs.mkdtempSync(path.join(dataDir, 'from-server-'));
  try {
    const fresh = await openDatabase(scratch, { key: opts.key });
    try {
      const meta = fresh.sqlite.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
      const sync = fresh.sqlite.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
      const reset: Record<string, string> = { cursor: '0', cursorId: 'null', resendRemote: 'false', failing: 'false', lastError: 'null', lastSuccessAt: 'null' };
      fresh.sqlite.transaction(() => {
        // Only this device's identity: the schema's own entries are the fresh file's.
        for (const r of enrolment.meta) if (r.key === 'device_id' || r.key === 'hlc_last') meta.run(r.key, r.value);
        for (const r of enrolment.sync) sync.run(r.key, reset[r.key] ?? r.value);
      })();
    } finally {
      await fresh.close();
    }
    const backend = await createBackend({
      dataDir: scratch,
      transport: 'browser',
      now: opts.now,
      key: opts.key,
      backup: false,
      sync: { ...(opts.sync ?? {}), initialDelayMs: 60 * 60_000 },
      // The device's own signing key, from the real data folder (the scratch folder has none).
      keyStore: opts.keyStore ?? new FileKeyStore(dataDir),
    });
    let events: number;
    try {
      const engine = syncEngineFor(backend.ctx);
      for (let i = 0; i < 10_000; i++) {
        const before = (backend.ctx.sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
        await engine.syncNow();
        const st = await engine.status();
        if (st.state === 'error' || st.state === 'offline' || st.state === 'revoked') throw new ServerRestoreError(`Pengambilan ulang dari server gagal: ${(st.lastError?.message ?? st.state).replace(/\.?$/, '.')} Basis data di komputer ini tidak diubah.`);
        const after = (backend.ctx.sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
        if (after === before) break;
      }
      // This device's own events came back as received ones: they are its own again (its chain head, its
      // "not yet sent" count).
      backend.ctx.sqlite.prepare('UPDATE events SET is_local = 1 WHERE device_id = ?').run(backend.ctx.deviceId);
      events = (backend.ctx.sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    } finally {
      await backend.close();
    }
    const r = replaceDatabaseFile(dataDir, path.join(dataDir, DB_FILE_NAME), path.join(scratch, DB_FILE_NAME), opts.now(), opts.key);
    return { events, kept: r.kept, floors: r.floors, enrolmentFrom: enrolment.from };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
