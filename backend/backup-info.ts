/**
 * A backup as the contract shows it (contract/data-safety.ts `backupInfo`), with the retention rule that
 * keeps it (db/backup.ts DEFAULT_RETENTION): the supervisor sees why each copy is still there.
 */
import { backupsToKeep, DEFAULT_RETENTION, type BackupManifest, type RetentionPolicy } from '../db/backup';
import type { BackupInfo } from '../contract/data-safety';

export type KeptBy = NonNullable<BackupInfo['keptBy']>;

/**
 * The first rule of the policy that keeps each backup, found by asking `backupsToKeep` with one rule at a
 * time (so this can never disagree with what `applyRetention` deletes).
 */
export function keptByRule(backups: readonly BackupManifest[], now: number, policy: RetentionPolicy = DEFAULT_RETENTION): Map<string, KeptBy> {
  const none: RetentionPolicy = { today: 0, days: 0, months: 0, safetyCopies: 0 };
  const rules: [KeptBy, RetentionPolicy][] = [
    ['safety', { ...none, safetyCopies: policy.safetyCopies }],
    ['today', { ...none, today: policy.today }],
    ['day', { ...none, days: policy.days }],
    ['month', { ...none, months: policy.months }],
  ];
  const out = new Map<string, KeptBy>();
  for (const [rule, p] of rules) for (const f of backupsToKeep(backups, now, p)) if (!out.has(f)) out.set(f, rule);
  return out;
}

export function backupInfoOf(m: BackupManifest, keptBy: KeptBy | null = null): BackupInfo {
  return { file: m.file, kind: m.kind, at: m.at, events: m.events, lastEventId: m.lastEventId, unsynced: m.unsynced, bytes: m.bytes, keptBy };
}

/** Every backup of a folder's list with its rule, newest first. */
export function backupInfos(backups: readonly BackupManifest[], now: number): BackupInfo[] {
  const rules = keptByRule(backups, now);
  return backups.map((b) => backupInfoOf(b, rules.get(b.file) ?? null));
}
