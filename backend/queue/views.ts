/**
 * The queue as the screens and the television see it: rows of tickets, desks and calls, built from a day's
 * board (backend/queue/tickets.ts, domain/queue/board.ts).
 */
import { witaIsoDate } from '../../domain/time/wita';
import type { QueueBoard, QueueCall, QueueTicketRow } from '../../contract/queue';
import { activeCatalogueVersion } from '../../db/queries';
import type { Exec } from '../../db/exec';
import { deskKey, deskLabel, firstServedAt, isNoShow, type TicketView, type VisitFacts } from '../../domain/queue/board';
import type { QueueDesk } from '../../domain/queue/events';
import { parseQueueLabel } from '../../domain/queue/numbers';
import { announcementClips, announcementText, DESK_ROLES } from '../../domain/queue/spoken';
import type { AppContext } from '../context';
import { loadCatalogue } from '../views/catalogue';
import { dayBoard, loadQueueSettings, stationOfThisPc, type DayBoard } from './tickets';

export const PHASE_LABEL: Readonly<Record<TicketView['phase'], string>> = {
  waiting: 'Menunggu',
  deferred: 'Tidak hadir — menunggu giliran lagi',
  called: 'Dipanggil',
  serving: 'Dilayani',
  away: 'Keluar antrean',
  done: 'Selesai',
};

interface Names {
  visitorName: string;
  companyName: string | null;
  serviceName: string | null;
}

/** Visitor, company and service names of the visits (staff screens only; the television shows numbers). */
export async function visitNames(app: AppContext, db: Exec, visitIds: readonly string[]): Promise<Map<string, Names>> {
  const out = new Map<string, Names>();
  const ids = [...new Set(visitIds)];
  if (ids.length === 0) return out;
  const catalogue = await loadCatalogue(app, await activeCatalogueVersion(db, witaIsoDate(app.now())), db);
  const services = new Map(catalogue.services.map((s) => [s.code, s.shortName]));
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom('visits').select(['id', 'visitor_name', 'company_name', 'service_code']).where('id', 'in', ids.slice(i, i + 500)).execute();
    for (const r of rows) out.set(r.id, { visitorName: r.visitor_name, companyName: r.company_name, serviceName: r.service_code ? (services.get(r.service_code) ?? r.service_code) : 'Lainnya' });
  }
  return out;
}

export function ticketRow(v: TicketView, facts: ReadonlyMap<string, VisitFacts>, names: ReadonlyMap<string, Names> | null): QueueTicketRow {
  const t = v.ticket;
  const visits = t.visitIds.map((id) => facts.get(id)).filter((f): f is VisitFacts => !!f);
  const served = firstServedAt(t, visits);
  const n = names ? t.visitIds.map((id) => names.get(id)).filter((x): x is Names => !!x) : [];
  return {
    ticketId: t.id,
    label: t.label,
    letter: t.letter,
    number: t.number,
    phase: v.phase,
    phaseLabel: v.phase === 'deferred' ? `Tidak hadir — dipanggil lagi setelah ${v.remaining} antrean lain` : PHASE_LABEL[v.phase],
    role: v.role,
    desk: v.desk,
    deskLabel: v.desk ? deskLabel(v.desk) : null,
    since: v.since,
    issuedAt: t.issuedAt,
    remaining: v.remaining,
    implicit: v.implicit,
    visitIds: t.visitIds,
    visitorName: n[0]?.visitorName ?? null,
    companyName: n[0]?.companyName ?? null,
    serviceName: n.length ? [...new Set(n.map((x) => x.serviceName).filter((s): s is string => !!s))].join(', ') : null,
    calls: t.steps.filter((s) => s.kind === 'called' || s.kind === 'recalled').length,
    notPresent: t.steps.filter((s) => s.kind === 'not_present').length,
    waitMs: served === null ? null : Math.max(0, served - t.issuedAt),
  };
}

/** Every call of the day (first calls and repeats), newest first, with its announcement. */
export function callsOf(board: DayBoard): QueueCall[] {
  const out: QueueCall[] = [];
  for (const v of board.views) {
    const t = v.ticket;
    const parsed = parseQueueLabel(t.label);
    for (const s of t.steps) {
      if ((s.kind !== 'called' && s.kind !== 'recalled') || !s.desk || !parsed) continue;
      const spoken = { letter: parsed.letter, number: parsed.number, desk: s.desk };
      out.push({ id: s.id, ticketId: t.id, label: t.label, desk: s.desk, deskLabel: deskLabel(s.desk), at: s.at, again: s.kind === 'recalled', text: announcementText(spoken), clips: announcementClips(spoken) });
    }
  }
  return out.sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1));
}

/** Each desk that called today and what it calls or serves now (the latest such step wins). */
export function desksOf(board: DayBoard): { desk: QueueDesk; current: TicketView | null }[] {
  const desks = new Map<string, { desk: QueueDesk; current: TicketView | null }>();
  for (const v of board.views) for (const s of v.ticket.steps) if (s.desk && !desks.has(deskKey(s.desk))) desks.set(deskKey(s.desk), { desk: s.desk, current: null });
  for (const v of board.views) {
    if ((v.phase !== 'called' && v.phase !== 'serving') || !v.desk) continue;
    const d = desks.get(deskKey(v.desk)) ?? { desk: v.desk, current: null };
    if (!d.current || d.current.since < v.since) d.current = v;
    desks.set(deskKey(v.desk), d);
  }
  const roleOrder = (r: string) => DESK_ROLES.indexOf(r as (typeof DESK_ROLES)[number]);
  return [...desks.values()].sort((a, b) => roleOrder(a.desk.role) - roleOrder(b.desk.role) || a.desk.number - b.desk.number);
}

export async function staffBoard(app: AppContext, day: string): Promise<QueueBoard> {
  const [board, settings] = await Promise.all([dayBoard(app.db, day), loadQueueSettings(app.db)]);
  const names = await visitNames(app, app.db, board.views.flatMap((v) => v.ticket.visitIds));
  const row = (v: TicketView) => ticketRow(v, board.facts, names);
  const labels = new Map<string, number>();
  for (const v of board.views) labels.set(v.ticket.label, (labels.get(v.ticket.label) ?? 0) + 1);
  const queued = new Set(DESK_ROLES.flatMap((r) => board.order(r).map((v) => v.ticket.id)));
  const visitsOf = (v: TicketView) => v.ticket.visitIds.map((id) => board.facts.get(id)).filter((f): f is VisitFacts => !!f);
  return {
    day,
    enabled: settings.queue_enabled,
    station: await stationOfThisPc(app.db, app, settings),
    desks: desksOf(board).map((d) => ({ desk: d.desk, label: deskLabel(d.desk), current: d.current ? row(d.current) : null })),
    queues: { helpdesk: board.order('helpdesk').map(row), verifier: board.order('verifier').map(row), sysadmin: board.order('sysadmin').map(row) },
    others: board.views
      .filter((v) => !queued.has(v.ticket.id))
      .sort((a, b) => b.since - a.since)
      .map(row),
    recentCalls: callsOf(board).slice(0, 10),
    duplicates: [...labels.entries()].filter(([, n]) => n > 1).map(([l]) => l),
    counts: {
      issued: board.views.length,
      waiting: queued.size,
      served: board.views.filter((v) => firstServedAt(v.ticket, visitsOf(v)) !== null).length,
      noShows: board.views.filter((v) => isNoShow(v.ticket, visitsOf(v))).length,
    },
    requeueAfter: settings.queue_requeue_after,
  };
}
