/**
 * Handlers of the monthly report and its exports (contract: `contract/report.ts`). An export runs as a job in
 * the backend: the request returns at once with a job id; the screen polls its progress and finally gets the
 * file. Jobs run one at a time (they are heavy) and yield to the event loop, so other requests — including
 * the progress polls — are answered meanwhile. A finished job is kept 10 minutes for its owner.
 */
import type { MethodName, OutputOf, ParsedInputOf } from '../../contract/api';
import type { ExportJobView } from '../../contract/report';
import { AppError } from '../../contract/result';
import { uuidv7 } from '../../domain/events/uuidv7';
import { buildExport, finishExport, monthlyReport, type ExportRequest, type ExportResult } from '../report/export';
import type { AppContext, AuthedCallContext } from '../context';
import { log } from '../log';

type ReportMethods = 'report.monthly' | 'report.exportStart' | 'report.exportStatus' | 'report.exports';
type H<M extends MethodName> = (ctx: AuthedCallContext, input: ParsedInputOf<M>) => Promise<OutputOf<M>>;

interface Job {
  id: string;
  ownerId: string;
  state: 'running' | 'done' | 'failed';
  progress: number;
  phase: string;
  error: string | null;
  result: ExportResult | null;
  finishedAt: number | null;
}

const KEEP_MS = 10 * 60_000;
const jobsByApp = new WeakMap<AppContext, { jobs: Map<string, Job>; chain: Promise<unknown> }>();

function jobsOf(app: AppContext) {
  let j = jobsByApp.get(app);
  if (!j) {
    j = { jobs: new Map(), chain: Promise.resolve() };
    jobsByApp.set(app, j);
  }
  return j;
}

function view(job: Job): ExportJobView {
  return {
    jobId: job.id,
    state: job.state,
    progress: Math.round(job.progress * 1000) / 1000,
    phase: job.phase,
    error: job.error,
    file: job.result
      ? {
          fileName: job.result.fileName,
          mimeType: job.result.mimeType,
          base64: job.result.data.toString('base64'),
          bytes: job.result.data.length,
          personalData: job.result.personalData,
          visitCount: job.result.visitCount,
        }
      : null,
  };
}

/** Starts an export job; also used by tests and the bench to wait for it. */
export function startExportJob(app: AppContext, ownerId: string, req: ExportRequest): { job: Job; done: Promise<void> } {
  const state = jobsOf(app);
  const now = app.now();
  for (const [id, j] of state.jobs) if (j.finishedAt !== null && now - j.finishedAt > KEEP_MS) state.jobs.delete(id);
  const job: Job = { id: uuidv7(now), ownerId, state: 'running', progress: 0, phase: 'Menunggu giliran', error: null, result: null, finishedAt: null };
  state.jobs.set(job.id, job);
  const done = state.chain.then(async () => {
    try {
      const progress = (p: number, phase: string) => {
        job.progress = p;
        job.phase = phase;
      };
      // Reading and writing the file happen in the background worker (backend/jobs/); the PDF's rendering
      // and the `report.exported` event happen here, on the main connection.
      const built = app.jobs ? await app.jobs.run('export', { req, now: app.now() }, progress) : await buildExport(app, req, progress);
      job.result = await finishExport(app, req, built, progress);
      job.state = 'done';
      job.progress = 1;
      job.phase = 'Selesai';
    } catch (err) {
      job.state = 'failed';
      job.error = 'Ekspor gagal dibuat. Coba lagi; bila berulang, hubungi admin sistem.';
      log.error('report_export_failed', { format: req.format, error: err instanceof Error ? err.message : String(err) });
    } finally {
      job.finishedAt = app.now();
    }
  });
  state.chain = done.catch(() => undefined);
  return { job, done };
}

export const reportHandlers: { [M in ReportMethods]: H<M> } = {
  async 'report.monthly'(ctx, input) {
    const { jobs } = ctx.app;
    return jobs ? jobs.run('report', { month: input.month, now: ctx.app.now() }) : monthlyReport(ctx.app, input.month);
  },

  async 'report.exportStart'(ctx, input) {
    const { job } = startExportJob(ctx.app, ctx.session.userId, {
      month: input.month,
      format: input.format,
      personalData: input.includePersonalData,
      via: 'app',
      actorId: ctx.session.userId,
      actorName: ctx.session.displayName,
      operator: null,
    });
    return { jobId: job.id };
  },

  async 'report.exportStatus'(ctx, input) {
    const job = jobsOf(ctx.app).jobs.get(input.jobId);
    // Another user's export is not theirs to download, even for a supervisor.
    if (!job || job.ownerId !== ctx.session.userId) throw new AppError('not_found', 'Ekspor tidak ditemukan atau sudah kedaluwarsa. Mulai ekspor lagi.');
    return view(job);
  },

  async 'report.exports'(ctx, input) {
    const rows = await ctx.app.db
      .selectFrom('report_exports')
      .leftJoin('users', 'users.id', 'report_exports.exported_by')
      .select([
        'report_exports.exported_at as at',
        'users.display_name as byName',
        'report_exports.operator as operator',
        'report_exports.month as month',
        'report_exports.format as format',
        'report_exports.personal_data as personalData',
        'report_exports.visit_count as visitCount',
        'report_exports.file_name as fileName',
        'report_exports.sha256 as sha256',
        'report_exports.via as via',
      ])
      .orderBy('report_exports.exported_at', 'desc')
      .limit(input.limit)
      .execute();
    return {
      entries: rows.map((r) => ({
        at: r.at,
        byName: r.byName ?? (r.operator ? `${r.operator} (CLI)` : null),
        month: r.month,
        format: r.format,
        personalData: r.personalData === 1,
        visitCount: r.visitCount,
        fileName: r.fileName,
        sha256: r.sha256,
        via: r.via,
      })),
    };
  },
};
