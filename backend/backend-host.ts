/**
 * The backend as a process owns it (browser shell, Electron): one `dispatch` and one change feed that stay the
 * same while the backend underneath is closed and reopened on another database file (issue 15 item 3,
 * docs/adr/0024-restore-screen-and-recovery-mode.md).
 *
 * - `reopenAfter(swap)` (given to handlers as `ctx.host`): waits for the other calls under way, closes the
 *   backend (sync stopped, database closed), runs `swap` on the closed folder (db/restore.ts), and opens a new
 *   backend on the file now in place. Calls that arrive meanwhile wait for it. Sessions and the change feed
 *   are carried over, so the supervisor stays signed in and every window keeps listening; a '*' notice then
 *   makes every screen read again. When the swapped-in file does not open, the host goes to recovery mode.
 * - **Recovery mode**: when the database cannot be opened at all (damaged, zero bytes, another program's
 *   file, a key that does not fit), the host does not exit: it serves only what the restore screen needs
 *   (contract methods listed in `RECOVERY_METHODS`). The accounts of the broken file cannot be read, so
 *   `dataSafety.recoverySignIn` checks the officer against the staff records of the newest readable backup
 *   (the same records a restore from it would bring back), throttled per user name like the normal sign-in
 *   (backend/login-throttle.ts); only a system administrator or a head of the unit gets a recovery session,
 *   and every method but the status, the storage state and that sign-in needs one. Recovery sessions end
 *   when a database opens again (the app then asks to sign in on the restored file).
 */
import path from 'node:path';
import { api, isMethodName, type OutputOf } from '../contract/api';
import { AppError, ERROR_MESSAGES, type Result } from '../contract/result';
import { backupDir, listBackups } from '../db/backup';
import { DatabaseCorruptError, DatabaseKeyError, DB_FILE_NAME } from '../db/open';
import { restorePreview } from '../db/restore';
import { openEitherWay } from '../db/sqlite';
import { witaIsoDate } from '../domain/time/wita';
import type { Role } from '../domain/events/schema';
import { HEAD_ROLES, holdsAnyRole } from '../domain/roles';
import { retryText, throttleFor } from './login-throttle';
import { dummyPasswordHash, verifyPassword } from './password';
import type { KeyStore } from '../trust/key-store';
import type { Backend } from './app';
import { ChangeFeed } from './changes';
import { backupInfoOf, backupInfos } from './backup-info';
import { log } from './log';
import { restoreBackupFile, restoreFromServerFolder, undoCandidate, undoLastRestore } from './restore-actions';
import { serverRestorePreview } from './restore-from-server';
import { SessionStore } from './sessions';
import type { SyncOptions } from './sync/engine';

export const RECOVERY_MESSAGE =
  'Basis data di komputer ini tidak dapat dibuka, sehingga aplikasi berjalan dalam mode pemulihan. Pulihkan data dari cadangan atau ambil ulang dari server; tidak ada yang diubah sampai Anda memilih.';

/** What the restore screen calls; in recovery mode these are the only methods served. */
export const RECOVERY_METHODS: ReadonlySet<string> = new Set([
  'app.status',
  'dataSafety.storage',
  'dataSafety.status',
  'dataSafety.restorePreview',
  'dataSafety.restore',
  'dataSafety.serverRestorePreview',
  'dataSafety.restoreFromServer',
  'dataSafety.undoRestore',
  'dataSafety.recoverySignIn',
]);

/** What recovery mode serves before anyone has signed in: the status, the storage state, the sign-in. */
const RECOVERY_OPEN: ReadonlySet<string> = new Set(['app.status', 'dataSafety.storage', 'dataSafety.recoverySignIn']);

/** Who may restore a PC in recovery mode (docs/adr/0024): a system administrator or a head of the unit. */
export const RECOVERY_ROLES: readonly Role[] = ['sysadmin', ...HEAD_ROLES];

export const RECOVERY_SIGN_IN_REQUIRED =
  'Masuk terlebih dahulu sebagai administrator sistem, Kepala Bagian, atau Kepala Sub Bagian untuk memulihkan data.';

interface BackupStaff {
  file: string;
  at: number;
  user: { id: string; username: string; display_name: string; roles: string; password_hash: string } | null;
}

/**
 * The account `username` as the newest readable backup holds it (null user: that backup has no such active
 * account). Null when no backup can be read at all.
 */
function staffOfNewestBackup(dataDir: string, key: Buffer | null, username: string): BackupStaff | null {
  const dir = backupDir(dataDir);
  for (const m of listBackups(dir)) {
    let db;
    try {
      db = openEitherWay(path.join(dir, m.file), key, { readonly: true, fileMustExist: true });
    } catch {
      continue; // unreadable (damaged, another key): the next older one
    }
    try {
      const user = db
        .prepare('SELECT id, username, display_name, roles, password_hash FROM users WHERE username = ? AND active = 1')
        .get(username) as BackupStaff['user'] | undefined;
      return { file: m.file, at: m.at, user: user ?? null };
    } catch {
      continue;
    } finally {
      db.close();
    }
  }
  return null;
}

export interface BackendHostOptions {
  dataDir: string;
  /** The database key (docs/adr/0017); null for a plain database. */
  key: Buffer | null;
  /** The device's signing key store (kept by a rebuild from the server). */
  keyStore?: KeyStore;
  now: () => number;
  appVersion: string;
  transport: 'electron' | 'browser';
  /** Opens the backend; the host passes the sessions and change feed to carry over. */
  create: (carry: { sessions: SessionStore; changes: ChangeFeed; onLateDamage: (problems: string[]) => void }) => Promise<Backend>;
  /** Sync options for a rebuild from the server (tests pass their transport). */
  sync?: SyncOptions;
}

/** Errors that mean "this file cannot be used": recovery mode instead of exiting. */
export function isUnopenable(err: unknown): boolean {
  return err instanceof DatabaseCorruptError || err instanceof DatabaseKeyError;
}

/** Why the file cannot be opened, in Indonesian (the errors' own messages are for the log). */
export function unopenableText(err: unknown): string {
  if (err instanceof DatabaseKeyError) return err.message;
  if (err instanceof DatabaseCorruptError) {
    if (err.reason === 'empty') return 'Berkas basis data kosong (0 bita). Berkas ini tidak diperlakukan sebagai pemasangan baru.';
    if (err.reason === 'foreign') return 'Berkas basis data bukan milik LPSE Counter (berkas SQLite program lain). Berkas ini tidak diubah.';
    return 'Berkas basis data rusak, atau dienkripsi dengan kunci yang tidak dimiliki komputer ini.';
  }
  return 'Basis data tidak dapat dibuka.';
}

export class BackendHost {
  readonly changes = new ChangeFeed();
  readonly sessions = new SessionStore();
  #backend: Backend | null = null;
  #recovery: string[] | null = null;
  /** Sessions opened by the recovery sign-in; ended when a database opens again. */
  readonly #recoveryTokens = new Set<string>();
  #reopening: Promise<unknown> | null = null;
  #inFlight = 0;
  #idle: (() => void) | null = null;
  /** Told each time a backend has been reopened after a swap (Electron attaches its printers and windows). */
  onOpen: ((backend: Backend) => void) | null = null;

  private constructor(private readonly opts: BackendHostOptions) {}

  /** Opens the backend, or recovery mode when the database cannot be opened. Other errors are thrown. */
  static async start(opts: BackendHostOptions): Promise<BackendHost> {
    const host = new BackendHost(opts);
    await host.#open();
    return host;
  }

  get backend(): Backend | null {
    return this.#backend;
  }

  get recovery(): boolean {
    return this.#recovery !== null;
  }

  async #open(): Promise<void> {
    try {
      let opened: Backend | null = null;
      // The check of a large file runs after start-up (backend/app.ts, ADR 0042): damage it finds switches
      // this backend, if it is still the one in use, to recovery mode as a start on that file would have.
      const onLateDamage = (problems: string[]) => {
        if (opened && this.#backend === opened) void this.#enterRecovery(problems);
      };
      const b = await this.opts.create({ sessions: this.sessions, changes: this.changes, onLateDamage });
      opened = b;
      if (b.ctx.storage.mode === 'damaged') {
        // The start check found damage (db/verify.ts): the app does not run on the broken file; only the
        // restore screen is served (issue 15 item 3). What the check found is shown there.
        const problems = b.ctx.storage.problems;
        await b.close();
        log.error('storage_damaged_recovery', { problems: problems.length });
        this.#backend = null;
        this.#recovery = problems.length > 0 ? problems : ['Pemeriksaan saat mulai menemukan kerusakan pada basis data.'];
        return;
      }
      b.ctx.host = { reopenAfter: (swap) => this.reopenAfter(swap), keyStore: this.opts.keyStore, key: this.opts.key, sync: this.opts.sync };
      this.#backend = b;
      this.#recovery = null;
      for (const t of this.#recoveryTokens) this.sessions.end(t);
      this.#recoveryTokens.clear();
      this.onOpen?.(b);
    } catch (err) {
      if (!isUnopenable(err)) throw err;
      log.error('storage_unopenable', { error: err instanceof Error ? err.message : String(err) });
      this.#backend = null;
      this.#recovery = [unopenableText(err)];
    }
  }

  async dispatch(method: string, input: unknown, token: string | null): Promise<Result<unknown>> {
    // A call that arrives while the database is swapped waits for the new one.
    while (this.#reopening) await this.#reopening.catch(() => undefined);
    this.#inFlight++;
    try {
      if (this.#backend) return await this.#backend.dispatch(method, input, token);
      return await this.#recoveryDispatch(method, input, token);
    } finally {
      this.#inFlight--;
      if (this.#inFlight <= 1) this.#idle?.();
    }
  }

  /** Closes the backend, runs `swap` on the closed folder, opens again (see the file comment). */
  async reopenAfter<T>(swap: () => Promise<T>): Promise<T> {
    if (this.#reopening) throw new AppError('invalid_state', 'Pemulihan lain sedang berjalan. Tunggu sampai selesai.');
    const run = (async () => {
      // The calling request is itself in flight: wait for the others (5 s at most; a stuck one must not block).
      if (this.#inFlight > 1) {
        await Promise.race([new Promise<void>((resolve) => (this.#idle = resolve)), new Promise((r) => setTimeout(r, 5_000))]);
        this.#idle = null;
      }
      const old = this.#backend;
      this.#backend = null;
      if (old) await old.close();
      let result: T;
      try {
        result = await swap();
      } finally {
        // Whatever the swap did (or failed to do), a backend is opened on what is in place now.
        await this.#open();
        this.changes.signal('*', 'system');
      }
      log.info('backend_reopened', { recovery: this.recovery });
      return result;
    })();
    this.#reopening = run;
    try {
      return await run;
    } finally {
      this.#reopening = null;
    }
  }

  /** Closes the running backend and serves recovery mode (the check after start-up found damage). */
  async #enterRecovery(problems: string[]): Promise<void> {
    if (this.#reopening) return; // a restore is swapping the file: the file it opens is checked anew
    const run = (async () => {
      // Requests already running finish first (5 s at most); new ones wait for recovery mode (dispatch).
      const until = Date.now() + 5_000;
      while (this.#inFlight > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      const old = this.#backend;
      this.#backend = null;
      this.#recovery = problems.length > 0 ? problems : ['Pemeriksaan basis data menemukan kerusakan.'];
      log.error('storage_damaged_recovery', { problems: problems.length, afterStart: true });
      await old?.close().catch((err: unknown) => log.warn('backend_close_failed', { error: err instanceof Error ? err.message : String(err) }));
      this.changes.signal('*', 'system');
    })();
    this.#reopening = run;
    try {
      await run;
    } finally {
      this.#reopening = null;
    }
  }

  async close(): Promise<void> {
    while (this.#reopening) await this.#reopening.catch(() => undefined);
    await this.#backend?.close();
    this.#backend = null;
  }

  // ---- recovery mode ------------------------------------------------------------------------------------

  async #recoveryDispatch(method: string, rawInput: unknown, token: string | null): Promise<Result<unknown>> {
    if (!isMethodName(method) || !RECOVERY_METHODS.has(method)) {
      return { ok: false, error: { code: 'read_only', message: RECOVERY_MESSAGE } };
    }
    if (!RECOVERY_OPEN.has(method)) {
      const session = token && this.#recoveryTokens.has(token) ? this.sessions.touch(token, this.opts.now()) : null;
      if (!session || !holdsAnyRole(session.roles, RECOVERY_ROLES)) return { ok: false, error: { code: 'unauthenticated', message: RECOVERY_SIGN_IN_REQUIRED } };
    }
    const parsed = api[method].input.safeParse(rawInput ?? {});
    if (!parsed.success) return { ok: false, error: { code: 'invalid_input', message: ERROR_MESSAGES.invalid_input } };
    const input = parsed.data as Record<string, unknown>;
    const { dataDir, key, now } = this.opts;
    try {
      const value = await this.#recoveryCall(method, input, dataDir, key, now);
      const out = api[method].output.safeParse(value);
      if (!out.success) return { ok: false, error: { code: 'internal', message: ERROR_MESSAGES.internal } };
      return { ok: true, value: out.data };
    } catch (err) {
      if (err instanceof AppError) return { ok: false, error: { code: err.code, message: err.message || ERROR_MESSAGES[err.code] } };
      log.error('recovery_call_failed', { method, error: err instanceof Error ? err.message : String(err) });
      return { ok: false, error: { code: 'internal', message: ERROR_MESSAGES.internal } };
    }
  }

  /** The recovery sign-in (see the file comment): the newest readable backup's staff, throttled per name. */
  async #recoverySignIn(username: string, password: string, dataDir: string, key: Buffer | null, now: number): Promise<OutputOf<'dataSafety.recoverySignIn'>> {
    const throttle = throttleFor(this);
    const verdict = throttle.check(username, now);
    if (!verdict.allowed) throw new AppError('throttled', `Terlalu banyak percobaan masuk yang gagal. Silakan coba lagi dalam ${retryText(verdict.retryAfterMs)}.`);
    const staff = staffOfNewestBackup(dataDir, key, username);
    if (!staff) {
      throw new AppError(
        'invalid_state',
        'Tidak ada cadangan yang dapat dibaca untuk memeriksa akun, sehingga pemulihan tidak dapat dilakukan dari layar ini. Hubungi admin sistem: pemulihan dapat dilakukan dengan perintah "db restore --from-server".',
      );
    }
    // An unknown name costs the same scrypt work as a wrong password (backend/handlers/auth.ts).
    const ok = await verifyPassword(password, staff.user ? staff.user.password_hash : await dummyPasswordHash());
    if (!staff.user || !ok) {
      throttle.fail(username, now);
      throw new AppError('bad_credentials', 'Nama pengguna atau kata sandi salah.');
    }
    throttle.succeed(username);
    const roles = JSON.parse(staff.user.roles) as Role[];
    if (!holdsAnyRole(roles, RECOVERY_ROLES)) {
      throw new AppError('forbidden', 'Hanya administrator sistem, Kepala Bagian, atau Kepala Sub Bagian yang dapat memulihkan data.');
    }
    const s = this.sessions.create({ userId: staff.user.id, username: staff.user.username, displayName: staff.user.display_name, roles }, now);
    this.#recoveryTokens.add(s.token);
    log.info('recovery_signed_in', { backup: staff.file });
    return {
      token: s.token,
      user: { id: s.userId, username: s.username, displayName: s.displayName, roles },
      expiresAt: s.lastActiveAt + this.sessions.idleTimeoutMs,
      checkedAgainst: { file: staff.file, at: staff.at },
    };
  }

  #storage(): OutputOf<'dataSafety.storage'> {
    return { mode: 'recovery', message: RECOVERY_MESSAGE, problems: this.#recovery ?? [] };
  }

  async #recoveryCall(method: string, input: Record<string, unknown>, dataDir: string, key: Buffer | null, now: () => number): Promise<unknown> {
    switch (method) {
      case 'app.status': {
        const day = witaIsoDate(now());
        return { setupRequired: false, deviceId: '', appVersion: this.opts.appVersion, schemaVersion: 0, now: now(), today: day, catalogueVersion: 0, transport: this.opts.transport, dataDir, storage: this.#storage() } satisfies Partial<OutputOf<'app.status'>>;
      }
      case 'dataSafety.storage':
        return this.#storage();
      case 'dataSafety.recoverySignIn':
        return this.#recoverySignIn(String(input.username), String(input.password), dataDir, key, now());
      case 'dataSafety.status': {
        const backups = backupInfos(listBackups(backupDir(dataDir)), now());
        return {
          storage: this.#storage(),
          enabled: false,
          dir: backupDir(dataDir),
          intervalMinutes: 15,
          last: backups[0] ?? null,
          backups,
          lastError: null,
          lastErrorAt: null,
          secondDir: null,
          secondLastOkAt: null,
          secondLastError: null,
          secondLastErrorAt: null,
          undo: undoCandidate(dataDir),
          encrypted: key !== null,
        };
      }
      case 'dataSafety.restorePreview': {
        const m = listBackups(backupDir(dataDir)).find((b) => b.file === input.file);
        if (!m) throw new AppError('not_found', 'Berkas cadangan tidak ditemukan.');
        // The current file cannot be opened: what it holds beyond the backup cannot be counted.
        let facts = { newerHere: 0, regainedFromServer: 0, lost: 0, receiptsAfterBackup: [] as string[], lostReceipts: [] as string[] };
        try {
          const cur = openEitherWay(path.join(dataDir, DB_FILE_NAME), key, { readonly: true, fileMustExist: true });
          try {
            facts = restorePreview(cur, path.join(backupDir(dataDir), m.file));
          } finally {
            cur.close();
          }
        } catch {
          // unreadable: the screen says the current data cannot be counted
        }
        return { backup: backupInfoOf(m), ...facts };
      }
      case 'dataSafety.serverRestorePreview':
        try {
          return serverRestorePreview(dataDir, key);
        } catch (err) {
          throw new AppError('invalid_state', err instanceof Error ? err.message : String(err));
        }
      case 'dataSafety.restore':
        return this.reopenAfter(() => restoreBackupFile(dataDir, String(input.file), key, now()));
      case 'dataSafety.restoreFromServer':
        return this.reopenAfter(() => restoreFromServerFolder(dataDir, { key, now, keyStore: this.opts.keyStore, sync: this.opts.sync }));
      case 'dataSafety.undoRestore':
        return this.reopenAfter(() => undoLastRestore(dataDir, key, now()));
      default:
        throw new AppError('invalid_state', RECOVERY_MESSAGE);
    }
  }
}
