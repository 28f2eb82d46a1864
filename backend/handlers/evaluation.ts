/** Evaluasi kinerja pelaksana (contract: contract/evaluation.ts; computed in backend/report/evaluation.ts). */
import type { ParsedInputOf } from '../../contract/api';
import { AppError } from '../../contract/result';
import { userNames } from '../../db/queries';
import { layoutSpec } from '../../print/layouts';
import type { AuthedCallContext } from '../context';
import { log } from '../log';
import { pdfRendererFor } from '../pdf';
import { staffEvaluation } from '../report/evaluation';
import { evaluationHtml } from '../report/evaluation-html';
import type { ReportInputs } from '../report/monthly';
import { loadCatalogue } from '../views/catalogue';
import { loadOfficeSettings } from '../views/office';
import { listOutages } from '../views/outages';
import { loadWorkCalendar } from '../views/service-clock';

type Ctx = AuthedCallContext;

async function inputsFor(ctx: Ctx, month: string): Promise<ReportInputs> {
  const { app } = ctx;
  const [calendar, outages] = await Promise.all([loadWorkCalendar(app), listOutages(app.db)]);
  return { db: app.db, month, calendar, loadCatalogue: (v) => loadCatalogue(app, v), now: app.now(), outages };
}

export const evaluationHandlers = {
  async 'evaluation.month'(ctx: Ctx, input: ParsedInputOf<'evaluation.month'>) {
    return staffEvaluation(ctx.app, await inputsFor(ctx, input.month));
  },

  async 'evaluation.pdf'(ctx: Ctx, input: ParsedInputOf<'evaluation.pdf'>) {
    const { app } = ctx;
    const [e, office, names] = await Promise.all([staffEvaluation(app, await inputsFor(ctx, input.month)), loadOfficeSettings(app), userNames(app.db, [ctx.session.userId])]);
    const spec = layoutSpec('a4');
    let pdf: Buffer;
    try {
      pdf = await pdfRendererFor(app).render(evaluationHtml(e, office, names.get(ctx.session.userId) ?? 'petugas'), { pageSize: spec.pageSize, marginMm: spec.marginMm });
    } catch (err) {
      log.error('pdf_render_failed', { error: err instanceof Error ? err.message : String(err) });
      throw new AppError('internal', 'PDF tidak dapat dibuat: mesin cetak (Chromium) tidak tersedia atau gagal. Hubungi admin sistem.');
    }
    return { base64: pdf.toString('base64'), fileName: `evaluasi-kinerja-pelaksana-${input.month}.pdf`, bytes: pdf.length };
  },
};
