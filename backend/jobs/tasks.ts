/**
 * The long jobs that run off the counter's thread (issue 17 item 3, docs/adr/0017-background-worker.md):
 * each is read-only work on a database connection, written once and run either in the background worker
 * (backend/jobs/worker.ts, its own read-only connection) or, where no worker is built, on the main
 * connection (`inline`, the unit tests running from source). Inputs and outputs are plain data: they cross
 * the thread boundary by structured clone.
 */
import type Database from 'better-sqlite3';
import type { MonthlyReport } from '../../contract/report';
import { backupDatabase, type BackupKind, type BackupManifest } from '../../db/backup';
import { quickCheck, verifyDatabase, type StartupCheck, type VerifyReport } from '../../db/verify';
import type { ReadContext } from '../context';
import { buildExport, monthlyReport, type BuiltExport, type ExportRequest } from '../report/export';

export interface JobInputs {
  /** The read side of a report export (the event is recorded by the main thread). */
  export: { req: ExportRequest; now: number };
  /** The monthly report as the screen shows it. */
  report: { month: string; now: number };
  /** A checked online backup into `dir` (db/backup.ts). */
  backup: { dir: string; kind: BackupKind; now: number };
  /** `db verify`: every aggregate re-folded in a scratch copy, every projection compared. */
  verify: { scratchDir?: string };
  /** SQLite's `quick_check` of a large file, run after start-up instead of before it (ADR 0042). */
  quickCheck: Record<string, never>;
}

export interface JobOutputs {
  export: BuiltExport;
  report: MonthlyReport;
  backup: BackupManifest;
  verify: VerifyReport;
  quickCheck: StartupCheck;
}

export type JobKind = keyof JobInputs;

export type JobProgress = (fraction: number, phase: string) => void;

/** A connection the jobs run on, and whether it is the worker's own (it may then hold a long read). */
export interface JobConnection {
  ctx: ReadContext;
  sqlite: Database.Database;
  /** The worker's connection: nothing else waits on this thread, and other connections write meanwhile. */
  ownThread: boolean;
  /** The clock the jobs read (`ctx.now`): set to the requester's time for each job. */
  setNow(now: number): void;
}

/** Which worker a job runs in: a backup or a verify never holds up a report the supervisor is waiting for. */
export const JOB_LANE: Record<JobKind, 'reports' | 'maintenance'> = {
  export: 'reports',
  report: 'reports',
  backup: 'maintenance',
  verify: 'maintenance',
  quickCheck: 'maintenance',
};

export async function runTask<K extends JobKind>(conn: JobConnection, kind: K, input: JobInputs[K], progress: JobProgress): Promise<JobOutputs[K]> {
  const run = async (): Promise<JobOutputs[JobKind]> => {
    switch (kind) {
      case 'export': {
        const i = input as JobInputs['export'];
        conn.setNow(i.now);
        return buildExport(conn.ctx, i.req, progress);
      }
      case 'report': {
        const i = input as JobInputs['report'];
        conn.setNow(i.now);
        return monthlyReport(conn.ctx, i.month);
      }
      case 'backup': {
        const i = input as JobInputs['backup'];
        // On the worker's connection the copy is one step (one read snapshot): the counter commits on
        // another connection meanwhile, and a commit between two steps would restart a stepped copy. On
        // the main connection, steps let the counter's statements run in between (and the counter's own
        // commits update the copy instead of restarting it).
        return backupDatabase(conn.sqlite, i.dir, {
          kind: i.kind,
          now: i.now,
          ...(conn.ownThread ? { pagesPerStep: 0x7fffffff } : {}),
          progress: (remaining, total) => progress(total ? 1 - remaining / total : 0, 'Menyalin basis data'),
        });
      }
      case 'quickCheck':
        return quickCheck(conn.sqlite);
      case 'verify': {
        const i = input as JobInputs['verify'];
        return verifyDatabase(conn.sqlite, { ...(i.scratchDir ? { scratchDir: i.scratchDir } : {}), oneStep: conn.ownThread });
      }
      default: {
        const never: never = kind;
        throw new Error(`unknown job ${String(never)}`);
      }
    }
  };
  return (await run()) as JobOutputs[K];
}
