/**
 * The database key (issue 15 item 5, docs/adr/0017-encryption-at-rest.md): 32 random bytes, created once per
 * data folder and kept where the device's signing key is kept (trust/key-store.ts): by the operating system
 * through Electron's `safeStorage` in the desktop app, in a file only this user may read (0600, checked at
 * every load) in the browser shell. The database and its backups hold none of it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { FileKeyStore, type KeyStore } from '../trust/key-store';
import { DATABASE_KEY_BYTES } from './sqlite';

/** The browser shell's key file in the data folder (Electron keeps `database-key.enc`, OS-encrypted). */
export const DATABASE_KEY_FILE_NAME = 'database-key';
export const DATABASE_KEY_SAFE_FILE_NAME = 'database-key.enc';

function parse(text: string, where: string): Buffer {
  const hex = text.trim();
  if (!/^[0-9a-f]+$/i.test(hex) || hex.length !== DATABASE_KEY_BYTES * 2) throw new Error(`Kunci basis data di ${where} tidak sah (bukan ${DATABASE_KEY_BYTES} bita heksadesimal). Tidak ada yang diubah.`);
  return Buffer.from(hex, 'hex');
}

/** The key in `store`, created (and stored) when there is none yet. */
export function loadOrCreateDatabaseKey(store: KeyStore): Buffer {
  const existing = store.load();
  if (existing !== null) return parse(existing, store.location);
  const key = crypto.randomBytes(DATABASE_KEY_BYTES);
  store.save(key.toString('hex'));
  return key;
}

/** The file store the browser shell and the CLI use for a data folder. */
export function fileDatabaseKeyStore(dataDir: string): FileKeyStore {
  return new FileKeyStore(dataDir, DATABASE_KEY_FILE_NAME);
}

/**
 * The key of a data folder if its file store holds one (the CLI and tools acting on a folder the browser
 * shell encrypted); null otherwise. Never creates one.
 */
export function existingFileDatabaseKey(dataDir: string): Buffer | null {
  if (!fs.existsSync(path.join(dataDir, DATABASE_KEY_FILE_NAME))) return null;
  const store = fileDatabaseKeyStore(dataDir);
  const text = store.load();
  return text === null ? null : parse(text, store.location);
}

/**
 * The key the app opens a data folder with, from `store`: created on first use. When it cannot be created
 * (a read-only folder) the database stays as it is: plain, read-only (db/open.ts).
 */
export function databaseKeyFor(store: KeyStore): Buffer | null {
  if (store.load() !== null) return loadOrCreateDatabaseKey(store);
  try {
    return loadOrCreateDatabaseKey(store);
  } catch {
    return null;
  }
}
