/**
 * Electron keeps the workstation's private signing key encrypted by the operating system (`safeStorage`:
 * DPAPI on Windows, the keychain on macOS, the secret service on Linux), in a file of the data folder that
 * only this user may read. A copy of the data folder taken to another machine or account cannot decrypt it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';
import type { KeyStore } from '../trust/key-store';

export class SafeStorageKeyStore implements KeyStore {
  readonly location: string;

  constructor(dataDir: string, fileName = 'device-key.enc') {
    this.location = path.join(dataDir, fileName);
  }

  load(): string | null {
    if (!fs.existsSync(this.location)) return null;
    if (!safeStorage.isEncryptionAvailable()) throw new Error('Penyimpanan kunci sistem operasi tidak tersedia: kunci perangkat tidak dapat dibuka.');
    return safeStorage.decryptString(fs.readFileSync(this.location));
  }

  save(pem: string): void {
    if (!safeStorage.isEncryptionAvailable()) throw new Error('Penyimpanan kunci sistem operasi tidak tersedia: kunci perangkat tidak dapat disimpan.');
    const tmp = `${this.location}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, safeStorage.encryptString(pem), { mode: 0o600 });
    fs.renameSync(tmp, this.location);
  }
}
