/** The queue slip of a ticket, as HTML for the print dialog or as a PDF cut to its height (print/queue-slip.ts). */
import { AppError } from '../../contract/result';
import { witaDay } from '../../db/projections';
import { queueExec } from '../../db/schema-queue';
import { deskLabel, DESK_ROLE_LABEL } from '../../domain/queue/board';
import { numberText } from '../../domain/queue/spoken';
import { weekHoursOn } from '../../domain/time/calendar';
import { withPageSize } from '../../print';
import { describeCounterHours } from '../../print/hours';
import { layoutSpec, type PrintLayout } from '../../print/layouts';
import { renderQueueSlip } from '../../print/queue-slip';
import type { AppContext } from '../context';
import { loadOfficeSettings, officeHeader } from '../views/office';
import { log } from '../log';
import { pdfRendererFor } from '../pdf';
import { loadWorkCalendar } from '../views/service-clock';
import { dayBoard } from './tickets';
import { visitNames } from './views';

export async function queueSlip(app: AppContext, ticketId: string, layout: Extract<PrintLayout, 'thermal80' | 'thermal58'>, format: 'html' | 'pdf') {
  const ticketDay = await queueExec(app.db).selectFrom('queue_tickets').select('day').where('id', '=', ticketId).executeTakeFirst();
  if (!ticketDay) throw new AppError('not_found', 'Nomor antrean tidak ditemukan.');
  const board = await dayBoard(app.db, ticketDay.day);
  const view = board.view(ticketId)!;
  const t = view.ticket;
  const role = view.role ?? 'helpdesk';
  const order = board.order(role);
  const at = order.findIndex((v) => v.ticket.id === ticketId);
  const names = await visitNames(app, app.db, t.visitIds);
  const [office, calendar] = await Promise.all([loadOfficeSettings(app), loadWorkCalendar(app)]);
  const html = renderQueueSlip(
    {
      office: officeHeader(office),
      label: t.label,
      spoken: `${t.letter} ${numberText(t.number)}`,
      serviceName: [...new Set(t.visitIds.map((id) => names.get(id)?.serviceName).filter((s): s is string => !!s))].join(', ') || null,
      issuedAt: t.issuedAt,
      ahead: at < 0 ? 0 : at,
      deskLabel: view.desk ? deskLabel(view.desk) : `Menunggu panggilan ${DESK_ROLE_LABEL[role]}`,
      counterHours: describeCounterHours(weekHoursOn(calendar, witaDay(app.now()))),
    },
    layout,
  );
  const spec = layoutSpec(layout);
  const widthMm = spec.pageSize.widthMm;
  let heightMm = 120;
  try {
    heightMm = await pdfRendererFor(app).measureHeightMm(html, widthMm);
  } catch (err) {
    log.warn('queue_slip_measure_failed', { error: err instanceof Error ? err.message : String(err) });
  }
  const sized = withPageSize(html, spec, heightMm);
  const fileName = `antrean-${t.day}-${t.label}.pdf`;
  if (format === 'html') return { html: sized, base64: null, fileName, widthMm, heightMm };
  try {
    const pdf = await pdfRendererFor(app).render(html, { pageSize: spec.pageSize, marginMm: spec.marginMm });
    return { html: null, base64: pdf.toString('base64'), fileName, widthMm, heightMm };
  } catch (err) {
    log.error('queue_slip_pdf_failed', { error: err instanceof Error ? err.message : String(err) });
    throw new AppError('internal', 'PDF slip antrean tidak dapat dibuat: mesin cetak (Chromium) tidak tersedia atau gagal. Hubungi admin sistem.');
  }
}
