/**
 * Exports of the SKM report: XLSX (report + the data of every response), PDF (the report) and the one-page
 * public poster (PDF). Shared by the report screen and the tests; none holds personal data.
 */
import { surveyExec } from '../../db/schema-survey';
import { ELEMENT_CODES } from '../../domain/survey/questionnaire';
import { layoutSpec } from '../../print/layouts';
import { surveyPosterHtml, surveyReportHtml } from '../report/survey-html';
import { writeSurveyXlsx, type ResponseRow } from '../report/survey-xlsx';
import type { AppContext } from '../context';
import { loadOfficeSettings } from '../views/office';
import { pdfRendererFor } from '../pdf';
import { surveyReport, type SurveyRange } from './report';

export type SurveyExportFormat = 'xlsx' | 'pdf' | 'poster';

export interface SurveyExport {
  fileName: string;
  mimeType: string;
  data: Buffer;
}

async function responseRows(app: AppContext, r: SurveyRange, serviceName: (code: string) => string): Promise<ResponseRow[]> {
  const rows = await surveyExec(app.db)
    .selectFrom('survey_responses')
    .selectAll()
    .where('day', '>=', r.from)
    .where('day', '<=', r.to)
    .$if(r.serviceCode !== null, (q) => q.where('service_code', '=', r.serviceCode!))
    .orderBy('day')
    .orderBy('service_code')
    .orderBy('id')
    .execute();
  return rows.map((x) => ({
    day: x.day,
    serviceName: serviceName(x.service_code),
    channel: x.channel,
    sex: x.sex,
    ageGroup: x.age_group,
    education: x.education,
    occupation: x.occupation,
    answers: ELEMENT_CODES.map((c) => x[c.toLowerCase() as 'u1'] ?? null),
  }));
}

export async function exportSurvey(app: AppContext, r: SurveyRange, format: SurveyExportFormat, preparedBy: string): Promise<SurveyExport> {
  const [report, office] = await Promise.all([surveyReport(app, r), loadOfficeSettings(app)]);
  const key = report.period.key ?? `${r.from}_${r.to}`;
  const suffix = r.serviceCode ? `-${r.serviceCode}` : '';
  switch (format) {
    case 'xlsx': {
      const names = new Map(report.services.map((s) => [s.code, s.name]));
      const rows = await responseRows(app, r, (c) => names.get(c) ?? c);
      return {
        fileName: `laporan-skm-${key}${suffix}.xlsx`,
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        data: await writeSurveyXlsx(report, office, rows, preparedBy),
      };
    }
    case 'pdf':
    case 'poster': {
      const spec = layoutSpec('a4');
      const htmlDoc = format === 'pdf' ? surveyReportHtml(report, office, preparedBy) : surveyPosterHtml(report, office);
      const data = await pdfRendererFor(app).render(htmlDoc, { pageSize: spec.pageSize, marginMm: spec.marginMm });
      return { fileName: `${format === 'pdf' ? 'laporan-skm' : 'poster-ikm'}-${key}${suffix}.pdf`, mimeType: 'application/pdf', data };
    }
    default: {
      const never: never = format;
      throw new Error(`unknown format ${String(never)}`);
    }
  }
}
