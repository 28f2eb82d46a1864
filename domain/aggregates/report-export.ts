/**
 * A report export (aggregate 'report_export', one per export): the audit record of who exported which month,
 * in which format, and whether personal data was included (UU 27/2022: the office must be able to tell
 * which visitors' data an export held). Written once; a replayed duplicate never changes it. Pure.
 */
import type { DomainEvent } from '../events/schema';
import type { ReportExportedPayload } from '../events/print-report';

export interface ReportExportState extends ReportExportedPayload {
  id: string;
  by: string | null;
}

export function reduceReportExport(state: ReportExportState | null, e: DomainEvent): ReportExportState | null {
  if (e.type !== 'report.exported' || state) return state;
  return { id: e.aggregateId, ...e.payload, by: e.actorId };
}
