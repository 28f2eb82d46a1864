/**
 * Exports of the monthly report (XLSX, PDF, CSV), shared by the screen (as a background job with progress)
 * and the CLI. Each finished export is recorded as a `report.exported` event: who, when, which month and
 * format, whether full personal data was included, how many visitors it lists, and the file's SHA-256 so a
 * copy found later can be recognised (UU 27/2022 breach assessment).
 */
import { witaIsoDate } from '../../domain/time/wita';
import { createHash } from 'node:crypto';
import type { ExportFormat, MonthlyReport } from '../../contract/report';
import { uuidv7 } from '../../domain/events/uuidv7';
import type { AppContext, ReadContext } from '../context';
import { loadCatalogue } from '../views/catalogue';
import { loadOfficeSettings } from '../views/office';
import { pdfRendererFor } from '../pdf';
import { recordEvents } from '../record';
import { loadWorkCalendar } from '../views/service-clock';
import { listOutages } from '../views/outages';
import { layoutSpec } from '../../print/layouts';
import { writeReportCsv } from './csv';
import { detailRows, returnItemRows } from './detail';
import { reportHtml } from './html';
import { monthRange } from './month';
import { assembleReport, clockVisits, computeMonthlyReport, reportExtras, type ReportInputs } from './monthly';
import { monthVisitsFull } from './source';
import { writeReportXlsx } from './xlsx';
import { monthComplaints } from './complaints';
import { monthQueue, type VisitQueueFacts } from './queue';
import { activeCatalogueVersion } from '../../db/queries';

export const MIME: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
};

export interface ExportRequest {
  month: string;
  format: ExportFormat;
  /** Full NIK and phone numbers (only the supervisor may ask; the CLI asks with a flag). */
  personalData: boolean;
  via: 'app' | 'cli';
  actorId: string | null;
  /** Name printed as "disusun oleh". */
  actorName: string;
  /** OS account for CLI exports. */
  operator: string | null;
}

export interface ExportResult {
  fileName: string;
  mimeType: string;
  data: Buffer;
  personalData: boolean;
  visitCount: number;
  sha256: string;
}

export type ExportProgress = (fraction: number, phase: string) => void;

async function reportInputs(app: ReadContext, month: string): Promise<ReportInputs> {
  const [calendar, outages] = await Promise.all([loadWorkCalendar(app), listOutages(app.db)]);
  return { db: app.db, month, calendar, loadCatalogue: (v) => loadCatalogue(app, v), now: app.now(), outages };
}

/** The month's report as the screen shows it. */
export async function monthlyReport(app: ReadContext, month: string): Promise<MonthlyReport> {
  const inputs = await reportInputs(app, month);
  return (await withSections(app, inputs, await computeMonthlyReport(inputs))).report;
}

/**
 * Adds the complaints section (issue 12), counted on the same calendar as the rest of the report, and the
 * waiting room's queue (issue 16) with each visit's number and waiting for the detail rows.
 */
async function withSections(app: ReadContext, inputs: ReportInputs, report: MonthlyReport): Promise<{ report: MonthlyReport; queueByVisit: Map<string, VisitQueueFacts> }> {
  const catalogue = await loadCatalogue(app, await activeCatalogueVersion(app.db, witaIsoDate(app.now())));
  const range = monthRange(inputs.month);
  const [complaints, queue] = await Promise.all([monthComplaints(app.db, range, inputs.calendar, catalogue, inputs.now), monthQueue(app.db, range, catalogue)]);
  return { report: { ...report, complaints, queue: queue.summary }, queueByVisit: queue.byVisit };
}

const tick = () => new Promise<void>((r) => setImmediate(r));

/**
 * What the read side of an export produced: the file's bytes, or for the PDF the report's HTML (Chromium
 * renders it in the main process, where the renderer is kept warm). Plain data, so it crosses from the
 * background worker (backend/jobs/) to the main thread by structured clone.
 */
export interface BuiltExport {
  format: ExportFormat;
  data: Uint8Array | null;
  /** The file's SHA-256 (hex), hashed where the file was written (the worker): null for the PDF. */
  sha256: string | null;
  html: string | null;
  personalData: boolean;
  visitCount: number;
}

/**
 * The read side of an export: every figure and row from the database, and the file written in memory.
 * Writes nothing, so it runs on the worker's read-only connection (or, without a worker, on the main one).
 */
export async function buildExport(app: ReadContext, req: ExportRequest, onProgress: ExportProgress = () => undefined): Promise<BuiltExport> {
  const range = monthRange(req.month);
  onProgress(0.02, 'Memuat data kunjungan');
  const inputs = await reportInputs(app, req.month);
  const { visits, catalogues } = await clockVisits(inputs, await monthVisitsFull(app.db, range));
  await tick();
  onProgress(0.15, 'Menghitung rekapitulasi');
  const [extras, office] = await Promise.all([reportExtras(app.db, range), loadOfficeSettings(app)]);
  const staff = extras.staff;
  const { report, queueByVisit } = await withSections(app, inputs, assembleReport(inputs, range, visits, catalogues, extras));
  await tick();

  // The PDF is the report only (no per-visit detail), so it never holds NIK or phone numbers.
  const personalData = req.format === 'pdf' ? false : req.personalData;
  switch (req.format) {
    case 'xlsx': {
      onProgress(0.2, 'Menyusun rincian kunjungan');
      const details = await detailRows(app.db, range, visits, { personalData, staff, queue: queueByVisit });
      const serviceName = serviceNamer(visits, catalogues);
      const returnItems = await returnItemRows(app.db, range, serviceName);
      onProgress(0.3, 'Menulis berkas Excel');
      const data = await writeReportXlsx({
        report,
        office,
        details,
        returnItems,
        personalData,
        preparedBy: req.actorName,
        onProgress: (done, total) => onProgress(0.3 + 0.65 * (total ? done / total : 1), `Menulis berkas Excel (${done.toLocaleString('id-ID')}/${total.toLocaleString('id-ID')} baris)`),
      });
      return { format: req.format, data, sha256: sha256Hex(data), html: null, personalData, visitCount: visits.length };
    }
    case 'csv': {
      onProgress(0.3, 'Menyusun rincian kunjungan');
      const details = await detailRows(app.db, range, visits, { personalData, staff, queue: queueByVisit });
      onProgress(0.7, 'Menulis berkas CSV');
      const data = writeReportCsv({ report, office, details, personalData });
      return { format: req.format, data, sha256: sha256Hex(data), html: null, personalData, visitCount: visits.length };
    }
    case 'pdf': {
      onProgress(0.3, 'Menyusun tata letak laporan');
      // The PDF lists no visitor.
      return { format: req.format, data: null, sha256: null, html: reportHtml(report, office, req.actorName), personalData, visitCount: 0 };
    }
    default: {
      const never: never = req.format;
      throw new Error(`unknown format ${String(never)}`);
    }
  }
}

/** The write side of an export, on the main connection: the PDF rendered, the `report.exported` event recorded. */
export async function finishExport(app: AppContext, req: ExportRequest, built: BuiltExport, onProgress: ExportProgress = () => undefined): Promise<ExportResult> {
  let data: Buffer;
  if (built.html !== null) {
    onProgress(0.5, 'Mencetak PDF');
    const spec = layoutSpec('a4');
    data = await pdfRendererFor(app).render(built.html, { pageSize: spec.pageSize, marginMm: spec.marginMm });
  } else if (built.data !== null) {
    // Structured clone hands a Buffer over as a plain Uint8Array: a view on the same memory, no copy.
    data = Buffer.from(built.data.buffer, built.data.byteOffset, built.data.byteLength);
  } else throw new Error('export built neither a file nor a document');
  const { personalData, visitCount } = built;
  onProgress(0.97, 'Mencatat ekspor');
  // A file's hash comes from the worker that wrote it: hashing megabytes here would hold up the counter.
  const sha256 = built.sha256 ?? sha256Hex(data);
  const fileName = `laporan-bulanan-${req.month}${personalData ? '-data-lengkap' : ''}.${req.format}`;
  await recordEvents(app, req.actorId, [
    {
      type: 'report.exported',
      aggregateId: uuidv7(app.now()),
      payload: { at: app.now(), month: req.month, format: req.format, personalData, visitCount, fileName, sha256, via: req.via, operator: req.operator },
    },
  ]);
  onProgress(1, 'Selesai');
  return { fileName, mimeType: MIME[req.format], data, personalData, visitCount, sha256 };
}

function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** An export in this thread, start to end (the CLI; the app's jobs go through backend/jobs/). */
export async function runExport(app: AppContext, req: ExportRequest, onProgress: ExportProgress = () => undefined): Promise<ExportResult> {
  return finishExport(app, req, await buildExport(app, req, onProgress), onProgress);
}

function serviceNamer(visits: { row: { serviceCode: string | null }; service: { name: string } | null }[], catalogues: Map<number, { services: { code: string; name: string }[] }>) {
  return (code: string | null, version: number): string => {
    if (!code) return 'Lainnya';
    return catalogues.get(version)?.services.find((s) => s.code === code)?.name ?? visits.find((v) => v.row.serviceCode === code)?.service?.name ?? code;
  };
}
