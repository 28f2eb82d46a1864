/**
 * Data safety at run time (issue 15, docs/adr/0016-data-safety.md): the storage state the app runs in
 * (normal, read-only, damaged), the automatic backups and their second copy, and plain answers to storage
 * faults (a full disk).
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { applyRetention, backupDatabase, backupDir, copyBackupTo, listBackups, sweepUnfinished, writeFileDurably, type BackupKind, type BackupManifest } from '../db/backup';
import { log } from './log';
import type { JobRunner } from './jobs/runner';

export type StorageMode = 'normal' | 'read_only' | 'damaged';

export interface StorageState {
  mode: StorageMode;
  /** Indonesian, for the banner: why the app runs as it does. Null when normal. */
  message: string | null;
  /** What the start-up check found (Indonesian). */
  problems: string[];
}

export const NORMAL_STORAGE: StorageState = { mode: 'normal', message: null, problems: [] };

export const STORAGE_FULL_MESSAGE =
  'Penyimpanan penuh: tindakan ini tidak dicatat dan tidak ada data yang berubah. Kosongkan ruang disk, lalu ulangi; pekerjaan dapat dilanjutkan begitu ruang tersedia.';
export const READ_ONLY_MESSAGE =
  'Folder data tidak dapat ditulisi (hanya-baca). Aplikasi berjalan dalam mode hanya-baca: data dapat dilihat, tetapi tidak ada perubahan yang dapat dicatat. Hubungi admin sistem.';
export const DAMAGED_MESSAGE =
  'Basis data di komputer ini rusak. Perubahan tidak dapat dicatat sampai data dipulihkan dari cadangan atau diambil ulang dari server.';

/** SQLite's "disk full" (SQLITE_FULL), however a driver or a failed rollback reports it. */
export function isStorageFull(err: unknown): boolean {
  for (let e: unknown = err, i = 0; e && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    const code = (e as { code?: unknown }).code;
    if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EFBIG') return true;
    if (e instanceof Error && /database or disk is full|ENOSPC|no space left/i.test(e.message)) return true;
  }
  return false;
}

/** SQLite refusing to write a read-only file or folder. */
export function isReadOnlyError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES');
}

/** Whether the data folder (and the database file in it) can be written; nothing is left behind. */
export function folderWritable(dataDir: string, dbFile: string): boolean {
  try {
    const probe = path.join(dataDir, `.write-test-${process.pid}`);
    fs.writeFileSync(probe, 'x');
    fs.rmSync(probe, { force: true });
    if (fs.existsSync(dbFile)) fs.accessSync(dbFile, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

// ---- automatic backups ----------------------------------------------------------------------------------

export const BACKUP_INTERVAL_MS = 15 * 60_000;

interface BackupState {
  /** The folder the supervisor chose for a second copy (USB disk, network share). */
  secondDir: string | null;
  secondLastOkAt: number | null;
  secondLastError: string | null;
  secondLastErrorAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
}

const EMPTY_STATE: BackupState = { secondDir: null, secondLastOkAt: null, secondLastError: null, secondLastErrorAt: null, lastError: null, lastErrorAt: null };

export interface BackupStatus extends BackupState {
  dir: string;
  intervalMinutes: number;
  last: BackupManifest | null;
  backups: BackupManifest[];
  running: boolean;
}

export interface BackupServiceOptions {
  /** Backups every `intervalMs` while data changed; `false` disables the timer (tests call `tick`). */
  timer?: boolean;
  intervalMs?: number;
  /** Told after each backup (or failed one) and change of the second folder: the screen reads again. */
  onChange?: () => void;
}

/**
 * Takes a backup every 15 minutes when the database changed since the last one, and at closing; keeps them
 * by the retention policy and copies each to the second folder when one is chosen. The state of the
 * service (second folder, last errors) is a small file beside the backups, not a database row: writing it
 * must not itself count as a change to back up, and it must stay readable when the database is not.
 */
export class BackupService {
  readonly dir: string;
  readonly #stateFile: string;
  readonly #changes: Database.Statement;
  #backedUpAt: number;
  #running: Promise<BackupManifest | null> | null = null;
  #timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly sqlite: Database.Database,
    dataDir: string,
    private readonly now: () => number,
    private readonly opts: BackupServiceOptions = {},
    /** Where the copy is taken: the background worker's own connection (backend/jobs/), or this one. */
    private readonly jobs: JobRunner | null = null,
  ) {
    this.dir = backupDir(dataDir);
    this.#stateFile = path.join(this.dir, 'state.json');
    this.#changes = sqlite.prepare('SELECT total_changes() AS n').pluck();
    // Changes made by this connection since it opened: none yet, so the first backup waits for a change.
    this.#backedUpAt = this.#changes.get() as number;
    sweepUnfinished(this.dir);
    if (opts.timer !== false) {
      this.#timer = setInterval(() => void this.tick().catch(() => undefined), opts.intervalMs ?? BACKUP_INTERVAL_MS);
      this.#timer.unref();
    }
  }

  state(): BackupState {
    try {
      return { ...EMPTY_STATE, ...(JSON.parse(fs.readFileSync(this.#stateFile, 'utf8')) as Partial<BackupState>) };
    } catch {
      return { ...EMPTY_STATE };
    }
  }

  #save(patch: Partial<BackupState>): void {
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      writeFileDurably(this.#stateFile, `${JSON.stringify({ ...this.state(), ...patch }, null, 2)}\n`);
    } catch (err) {
      log.warn('backup_state_not_saved', { error: err instanceof Error ? err.message : String(err) });
    }
    this.opts.onChange?.();
  }

  status(): BackupStatus {
    const backups = listBackups(this.dir);
    return { ...this.state(), dir: this.dir, intervalMinutes: BACKUP_INTERVAL_MS / 60_000, last: backups[0] ?? null, backups, running: this.#running !== null };
  }

  /** Data changed since the last backup. */
  changed(): boolean {
    return this.sqlite.open && (this.#changes.get() as number) !== this.#backedUpAt;
  }

  /** The timer's check: a backup when data changed. */
  async tick(): Promise<BackupManifest | null> {
    if (!this.changed()) return null;
    return this.run('auto');
  }

  /** Takes a backup now (one at a time: a second call waits for the running one and returns it). */
  async run(kind: BackupKind): Promise<BackupManifest | null> {
    if (this.#running) return this.#running;
    this.#running = this.#run(kind).finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #run(kind: BackupKind): Promise<BackupManifest | null> {
    const changesAtStart = this.#changes.get() as number;
    const at = this.now();
    let manifest: BackupManifest;
    try {
      manifest = this.jobs ? await this.jobs.run('backup', { dir: this.dir, kind, now: at }) : await backupDatabase(this.sqlite, this.dir, { kind, now: at });
    } catch (err) {
      // A worker that died mid-copy leaves its `.part` behind: it never counted, and goes now.
      sweepUnfinished(this.dir);
      const message = err instanceof Error ? err.message : String(err);
      log.error('backup_failed', { kind, error: message });
      this.#save({ lastError: message, lastErrorAt: at });
      throw err;
    }
    this.#backedUpAt = changesAtStart;
    applyRetention(this.dir, at);
    this.#save({ lastError: null, lastErrorAt: null });
    const second = this.state().secondDir;
    if (second) {
      try {
        await copyBackupTo(this.dir, manifest, second);
        applyRetention(second, at);
        this.#save({ secondLastOkAt: at, secondLastError: null, secondLastErrorAt: null });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        log.warn('backup_second_copy_failed', { error: message });
        this.#save({ secondLastError: message, secondLastErrorAt: at });
      }
    }
    return manifest;
  }

  setSecondDir(dir: string | null): void {
    this.#save({ secondDir: dir, secondLastOkAt: null, secondLastError: null, secondLastErrorAt: null });
  }

  /** Stops the timer; the caller takes the closing backup (`run('closing')`) before closing the database. */
  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** Waits for a running backup (closing must not cut one short). */
  async idle(): Promise<void> {
    await this.#running?.catch(() => undefined);
  }
}
