/** Data safety (contract/data-safety.ts, issue 15): storage state, backups, verification, restore preview. */
import path from 'node:path';
import type { OutputOf, ParsedInputOf } from '../../contract/api';
import { AppError } from '../../contract/result';
import { backupDir, listBackups, type BackupManifest } from '../../db/backup';
import { restorePreview } from '../../db/restore';
import { verifyDatabase } from '../../db/verify';
import { keyOf } from '../../db/sqlite';
import { backupInfoOf, backupInfos } from '../backup-info';
import { restoreBackupFile, restoreFromServerFolder, undoCandidate, undoLastRestore } from '../restore-actions';
import { serverRestorePreview } from '../restore-from-server';
import type { AppContext, AuthedCallContext, BackendRestarter, CallContext } from '../context';

function info(m: BackupManifest): OutputOf<'dataSafety.backupNow'> {
  return backupInfoOf(m);
}

/** The host that can close and reopen this backend (shell, Electron); the CLI and bare tests have none. */
function hostOf(app: AppContext): BackendRestarter {
  if (!app.host) throw new AppError('invalid_state', 'Pemulihan dari layar hanya dapat dilakukan pada aplikasi yang sedang berjalan. Gunakan perintah "db restore" pada CLI.');
  return app.host;
}

function status(ctx: CallContext): OutputOf<'dataSafety.status'> {
  const { app } = ctx;
  const s = app.backups?.status();
  const backups = s?.backups ?? listBackups(backupDir(app.dataDir));
  return {
    storage: app.storage,
    enabled: app.backups !== null,
    dir: s?.dir ?? backupDir(app.dataDir),
    intervalMinutes: s?.intervalMinutes ?? 15,
    last: backups[0] ? info(backups[0]) : null,
    backups: backupInfos(backups, app.now()),
    lastError: s?.lastError ?? null,
    lastErrorAt: s?.lastErrorAt ?? null,
    secondDir: s?.secondDir ?? null,
    secondLastOkAt: s?.secondLastOkAt ?? null,
    secondLastError: s?.secondLastError ?? null,
    secondLastErrorAt: s?.secondLastErrorAt ?? null,
    undo: undoCandidate(app.dataDir),
    encrypted: keyOf(app.sqlite) !== null,
  };
}

export const dataSafetyHandlers = {
  async 'dataSafety.storage'(ctx: CallContext): Promise<OutputOf<'dataSafety.storage'>> {
    return ctx.app.storage;
  },
  async 'dataSafety.status'(ctx: AuthedCallContext): Promise<OutputOf<'dataSafety.status'>> {
    return status(ctx);
  },
  async 'dataSafety.backupNow'(ctx: AuthedCallContext): Promise<OutputOf<'dataSafety.backupNow'>> {
    if (!ctx.app.backups) throw new AppError('invalid_state', 'Pencadangan otomatis tidak aktif di komputer ini.');
    try {
      const m = await ctx.app.backups.run('manual');
      if (!m) throw new Error('no backup');
      return info(m);
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError('internal', `Pencadangan gagal: ${err instanceof Error ? err.message : String(err)}. Data yang ada tidak berubah.`);
    }
  },
  async 'dataSafety.setSecondFolder'(ctx: AuthedCallContext, input: ParsedInputOf<'dataSafety.setSecondFolder'>): Promise<OutputOf<'dataSafety.setSecondFolder'>> {
    if (!ctx.app.backups) throw new AppError('invalid_state', 'Pencadangan otomatis tidak aktif di komputer ini.');
    const dir = input.dir ? path.resolve(input.dir) : null;
    if (dir && path.resolve(dir).startsWith(path.resolve(ctx.app.dataDir))) {
      throw new AppError('invalid_input', 'Folder salinan kedua harus di luar folder data (mis. diska USB atau folder jaringan).', [
        { path: 'dir', message: 'Pilih folder di luar folder data aplikasi.' },
      ]);
    }
    ctx.app.backups.setSecondDir(dir);
    // The new folder gets a copy at once, so its "last success" means something from the start.
    if (dir) await ctx.app.backups.run('manual').catch(() => undefined);
    return status(ctx);
  },
  async 'dataSafety.verify'(ctx: AuthedCallContext): Promise<OutputOf<'dataSafety.verify'>> {
    // In the background worker when there is one (backend/jobs/): the counter keeps working meanwhile.
    const r = ctx.app.jobs ? await ctx.app.jobs.run('verify', {}) : await verifyDatabase(ctx.app.sqlite);
    return { ok: r.ok, integrity: r.integrity, events: r.events, aggregates: r.aggregates, differences: r.differences, unknown: r.unknown, ms: r.ms };
  },
  async 'dataSafety.restorePreview'(ctx: AuthedCallContext, input: ParsedInputOf<'dataSafety.restorePreview'>): Promise<OutputOf<'dataSafety.restorePreview'>> {
    const dir = backupDir(ctx.app.dataDir);
    const m = listBackups(dir).find((b) => b.file === input.file);
    if (!m) throw new AppError('not_found', 'Berkas cadangan tidak ditemukan.');
    const p = restorePreview(ctx.app.sqlite, path.join(dir, m.file));
    return { backup: info(m), ...p };
  },
  async 'dataSafety.restore'(ctx: AuthedCallContext, input: ParsedInputOf<'dataSafety.restore'>): Promise<OutputOf<'dataSafety.restore'>> {
    const host = hostOf(ctx.app);
    const { dataDir, now } = ctx.app;
    const key = keyOf(ctx.app.sqlite);
    return host.reopenAfter(() => restoreBackupFile(dataDir, input.file, key, now()));
  },
  async 'dataSafety.serverRestorePreview'(ctx: AuthedCallContext): Promise<OutputOf<'dataSafety.serverRestorePreview'>> {
    try {
      return serverRestorePreview(ctx.app.dataDir, keyOf(ctx.app.sqlite));
    } catch (err) {
      throw new AppError('invalid_state', err instanceof Error ? err.message : String(err));
    }
  },
  async 'dataSafety.restoreFromServer'(ctx: AuthedCallContext): Promise<OutputOf<'dataSafety.restoreFromServer'>> {
    const host = hostOf(ctx.app);
    const { dataDir, now } = ctx.app;
    const key = keyOf(ctx.app.sqlite);
    return host.reopenAfter(() => restoreFromServerFolder(dataDir, { key, now, keyStore: host.keyStore, sync: host.sync }));
  },
  async 'dataSafety.recoverySignIn'(): Promise<OutputOf<'dataSafety.recoverySignIn'>> {
    // Recovery mode is served by the host (backend/backend-host.ts); a backend that runs has its accounts.
    throw new AppError('invalid_state', 'Aplikasi tidak berjalan dalam mode pemulihan. Masuk seperti biasa.');
  },
  async 'dataSafety.undoRestore'(ctx: AuthedCallContext): Promise<OutputOf<'dataSafety.undoRestore'>> {
    const host = hostOf(ctx.app);
    const { dataDir, now } = ctx.app;
    const key = keyOf(ctx.app.sqlite);
    return host.reopenAfter(() => undoLastRestore(dataDir, key, now()));
  },
};
