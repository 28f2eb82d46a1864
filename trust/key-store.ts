/**
 * Where a workstation keeps its private signing key. Electron keeps it encrypted by the operating system
 * (`safeStorage`: DPAPI on Windows, the keychain on macOS, libsecret on Linux; electron/key-store.ts); the
 * browser shell, the CLI, the bench and the tests keep it in a file in the data folder that only the
 * user running the app may read (mode 0600, checked at every load).
 *
 * The key is apart from the database on purpose: a copy of `counter.sqlite` (a backup, an export sent for
 * support) carries the device token but not the key, and the device token alone can no longer sign.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface KeyStore {
  /** The stored private key (PKCS#8 PEM), or null when none was stored yet. */
  load(): string | null;
  save(pem: string): void;
  /** Where it is kept, for messages (never the key itself). */
  readonly location: string;
}

export const KEY_FILE_NAME = 'device-key.pem';

export class KeyFileError extends Error {}

export class FileKeyStore implements KeyStore {
  readonly location: string;

  constructor(dataDir: string, fileName = KEY_FILE_NAME) {
    this.location = path.join(dataDir, fileName);
  }

  load(): string | null {
    let st: fs.Stats;
    try {
      st = fs.statSync(this.location);
    } catch {
      return null;
    }
    // POSIX: group or others able to read the key is refused loudly rather than used (Windows has no mode
    // bits; the data folder sits in the user's own profile there).
    if (process.platform !== 'win32' && (st.mode & 0o077) !== 0) {
      throw new KeyFileError(`Berkas kunci perangkat ${this.location} dapat dibaca pengguna lain. Jalankan: chmod 600 "${this.location}"`);
    }
    return fs.readFileSync(this.location, 'utf8');
  }

  save(pem: string): void {
    const tmp = `${this.location}.tmp-${process.pid}`;
    // Created 0600 (not chmod-ed after the fact, so there is no moment another user could open it).
    fs.writeFileSync(tmp, pem, { mode: 0o600, flag: 'w' });
    fs.chmodSync(tmp, 0o600);
    const fd = fs.openSync(tmp, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, this.location);
  }
}

/** For tests and one-off tools: a key that lives only in memory. */
export class MemoryKeyStore implements KeyStore {
  readonly location = 'memory';
  private pem: string | null = null;
  load(): string | null {
    return this.pem;
  }
  save(pem: string): void {
    this.pem = pem;
  }
}
