/**
 * Backups of the workstation database (issue 15, docs/adr/0016-data-safety.md).
 *
 * Always SQLite's online backup (better-sqlite3 `db.backup()`), never a raw copy of a live file: a raw copy
 * of a database in WAL mode misses what is still in the WAL, or catches a page half-written. The backup is
 * written to `<name>.part`, checked (integrity_check; its event count and last event id against the live
 * log), then renamed: a backup killed half-way leaves only a `.part`, which never counts and is swept away.
 * Each finished backup has a manifest beside it (`<name>.json`) with what the check found.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { copyDatabase, keyOf, openCopyOf } from './sqlite';
import { witaIsoDate } from '../domain/time/wita';

export const BACKUP_DIR_NAME = 'backups';
export const BACKUP_PREFIX = 'counter-';

export type BackupKind = 'auto' | 'closing' | 'manual' | 'pre_migration' | 'pre_rebuild' | 'pre_restore' | 'pre_encryption';

export interface BackupManifest {
  file: string;
  kind: BackupKind;
  at: number;
  schemaVersion: number;
  events: number;
  lastEventId: string | null;
  lastSeq: number;
  /** Events this PC had recorded that the server had not acknowledged yet when the backup was taken. */
  unsynced: number;
  bytes: number;
  sha256: string;
  ms: number;
  /** Encrypted with the database key (docs/adr/0017); absent in manifests written before encryption. */
  encrypted?: boolean;
}

export class BackupCheckError extends Error {
  readonly code = 'backup_check_failed';
}

export function backupDir(dataDir: string): string {
  return path.join(dataDir, BACKUP_DIR_NAME);
}

function stamp(at: number): string {
  return new Date(at).toISOString().replace(/[-:]/g, '').replace('T', '-').replace(/\.(\d{3})Z$/, '$1Z');
}

/** The numbers a backup is checked against: the live log up to the backup's last event. */
function logFacts(db: Database.Database, schema = 'main'): { events: number; lastEventId: string | null; lastSeq: number; unsynced: number } {
  const last = db.prepare(`SELECT seq, id FROM ${schema}.events ORDER BY seq DESC LIMIT 1`).get() as { seq: number; id: string } | undefined;
  const events = (db.prepare(`SELECT count(*) AS n FROM ${schema}.events`).get() as { n: number }).n;
  const unsynced = (db.prepare(`SELECT count(*) AS n FROM ${schema}.events WHERE is_local = 1 AND server_seq IS NULL`).get() as { n: number }).n;
  return { events, lastEventId: last?.id ?? null, lastSeq: last?.seq ?? 0, unsynced };
}

export interface BackupOptions {
  kind: BackupKind;
  now: number;
  /** Told between steps of the online backup: pages left. */
  progress?: (remaining: number, total: number) => void;
  /** Pages copied per step; between steps the counter's own statements run (the backup never stalls it). */
  pagesPerStep?: number;
}

/**
 * Backs the open database up into `dir`, checks the copy and returns its manifest. Throws
 * `BackupCheckError` (and keeps nothing) when the copy does not check out.
 */
export async function backupDatabase(sqlite: Database.Database, dir: string, opts: BackupOptions): Promise<BackupManifest> {
  fs.mkdirSync(dir, { recursive: true });
  let name = `${BACKUP_PREFIX}${stamp(opts.now)}-${opts.kind}.sqlite`;
  // Two backups in one millisecond (a stopped test clock, a manual one right after an automatic one).
  for (let i = 2; fs.existsSync(path.join(dir, name)); i++) name = `${BACKUP_PREFIX}${stamp(opts.now)}-${i}-${opts.kind}.sqlite`;
  const file = path.join(dir, name);
  const part = `${file}.part`;
  const started = performance.now();
  try {
    // Online backup step by step (plain), or VACUUM INTO encrypted with the same key (db/sqlite.ts).
    await copyDatabase(sqlite, part, { ...(opts.progress ? { progress: opts.progress } : {}), ...(opts.pagesPerStep ? { pagesPerStep: opts.pagesPerStep } : {}) });
    const copy = openCopyOf(sqlite, part, { readonly: true });
    let facts: ReturnType<typeof logFacts>;
    let schemaVersion: number;
    try {
      const integrity = (copy.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
      if (!(integrity.length === 1 && integrity[0] === 'ok')) throw new BackupCheckError(`integrity_check: ${integrity.slice(0, 3).join('; ')}`);
      facts = logFacts(copy);
      schemaVersion = Number(copy.pragma('user_version', { simple: true }));
    } finally {
      copy.close();
    }
    // The copy must hold every event the live log holds up to the copy's last one, and that one must be
    // the same event in both (a backup of a different or rolled-back file would differ).
    if (facts.lastEventId !== null) {
      const live = sqlite.prepare('SELECT id FROM events WHERE seq = ?').get(facts.lastSeq) as { id: string } | undefined;
      const upTo = (sqlite.prepare('SELECT count(*) AS n FROM events WHERE seq <= ?').get(facts.lastSeq) as { n: number }).n;
      if (live?.id !== facts.lastEventId) throw new BackupCheckError(`last event ${facts.lastEventId} of the copy is not event ${facts.lastSeq} of the database`);
      if (upTo !== facts.events) throw new BackupCheckError(`the copy holds ${facts.events} events, the database ${upTo} up to the same point`);
    }
    const bytes = fs.statSync(part).size;
    const sha256 = await fileSha256(part);
    fsyncFile(part);
    fs.renameSync(part, file);
    fsyncDir(dir);
    const manifest: BackupManifest = { file: name, kind: opts.kind, at: opts.now, schemaVersion, ...facts, bytes, sha256, ms: Math.round(performance.now() - started), encrypted: keyOf(sqlite) !== null };
    writeFileDurably(`${file}.json`, `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } catch (err) {
    fs.rmSync(part, { force: true });
    throw err;
  }
}

export async function fileSha256(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Windows cannot open a folder for fsync; NTFS journals the rename itself.
  }
}

export function writeFileDurably(file: string, text: string): void {
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, text);
  fsyncFile(tmp);
  fs.renameSync(tmp, file);
}

/** The finished backups in a folder (those with a manifest), newest first. Unreadable manifests are skipped. */
export function listBackups(dir: string): BackupManifest[] {
  if (!fs.existsSync(dir)) return [];
  const out: BackupManifest[] = [];
  for (const f of fs.readdirSync(dir)) {
    if (!f.startsWith(BACKUP_PREFIX) || !f.endsWith('.sqlite.json')) continue;
    try {
      const m = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as BackupManifest;
      if (fs.existsSync(path.join(dir, m.file))) out.push(m);
    } catch {
      // a manifest cut short by a crash: its backup never counted
    }
  }
  return out.sort((a, b) => b.at - a.at || (a.file < b.file ? 1 : -1));
}

/** Removes what a backup killed half-way left behind (`.part` files and temporary manifests). */
export function sweepUnfinished(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let n = 0;
  for (const f of fs.readdirSync(dir)) {
    if (f.startsWith(BACKUP_PREFIX) && (f.endsWith('.part') || f.endsWith('.tmp'))) {
      fs.rmSync(path.join(dir, f), { force: true });
      n++;
    }
  }
  return n;
}

export interface RetentionPolicy {
  /** Routine backups kept from today (WITA), newest first. */
  today: number;
  /** Days before today for which the day's newest routine backup is kept. */
  days: number;
  /** Months for which the month's newest routine backup is kept. */
  months: number;
  /** Copies taken before a migration, rebuild, restore or encryption: the newest ones kept. */
  safetyCopies: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { today: 4, days: 14, months: 12, safetyCopies: 5 };

const ROUTINE: ReadonlySet<BackupKind> = new Set(['auto', 'closing', 'manual']);

/** Which backups a policy keeps (by file name). Pure, so it is tested apart from the file system. */
export function backupsToKeep(backups: readonly BackupManifest[], now: number, policy: RetentionPolicy = DEFAULT_RETENTION): Set<string> {
  const keep = new Set<string>();
  const newestFirst = [...backups].sort((a, b) => b.at - a.at);
  const today = witaIsoDate(now);
  const routine = newestFirst.filter((b) => ROUTINE.has(b.kind));
  routine.filter((b) => witaIsoDate(b.at) === today).slice(0, policy.today).forEach((b) => keep.add(b.file));
  const dayLimit = witaIsoDate(now - policy.days * 86_400_000);
  const seenDays = new Set<string>();
  for (const b of routine) {
    const day = witaIsoDate(b.at);
    if (day === today || day < dayLimit || seenDays.has(day)) continue;
    seenDays.add(day);
    keep.add(b.file);
  }
  const months: string[] = [];
  for (let i = 0; i < policy.months; i++) {
    const [y, m] = today.split('-').map(Number) as [number, number];
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    months.push(d.toISOString().slice(0, 7));
  }
  const seenMonths = new Set<string>();
  for (const b of routine) {
    const month = witaIsoDate(b.at).slice(0, 7);
    if (!months.includes(month) || seenMonths.has(month)) continue;
    seenMonths.add(month);
    keep.add(b.file);
  }
  newestFirst
    .filter((b) => !ROUTINE.has(b.kind))
    .slice(0, policy.safetyCopies)
    .forEach((b) => keep.add(b.file));
  return keep;
}

/** Deletes the backups (and their manifests) the policy does not keep. Returns the names removed. */
export function applyRetention(dir: string, now: number, policy: RetentionPolicy = DEFAULT_RETENTION): string[] {
  const all = listBackups(dir);
  const keep = backupsToKeep(all, now, policy);
  const removed: string[] = [];
  for (const b of all) {
    if (keep.has(b.file)) continue;
    fs.rmSync(path.join(dir, b.file), { force: true });
    fs.rmSync(path.join(dir, `${b.file}.json`), { force: true });
    removed.push(b.file);
  }
  return removed;
}

/**
 * Copies a finished backup to a second folder (a USB disk, a network share) and checks the copy's hash.
 * A copy of a closed, checked backup file is a plain file copy: it is not a live database.
 */
export async function copyBackupTo(dir: string, manifest: BackupManifest, target: string): Promise<void> {
  fs.mkdirSync(target, { recursive: true });
  const dest = path.join(target, manifest.file);
  const part = `${dest}.part`;
  try {
    fs.copyFileSync(path.join(dir, manifest.file), part);
    if ((await fileSha256(part)) !== manifest.sha256) throw new BackupCheckError(`copy in ${target} does not match its backup`);
    fsyncFile(part);
    fs.renameSync(part, dest);
    writeFileDurably(`${dest}.json`, `${JSON.stringify(manifest, null, 2)}\n`);
  } catch (err) {
    fs.rmSync(part, { force: true });
    throw err;
  }
}
