/**
 * The supervisor's dashboard: the day's visits by status and service, the files open at the desks by age,
 * the overdue and nearly-due files, and what each member of staff did that day (Pasal 5: internal
 * supervision and staff evaluation from real data). All queries use indexes of migration 003.
 */
import { knownUnits } from '../views/units';
import type { OutputOf, ParsedInputOf } from '../../contract/api';
import { witaDay } from '../../db/projections';
import { activeCatalogueVersion, userNames } from '../../db/queries';
import {
  countReturnedOpen,
  dayCountsByServiceAndStatus,
  finishedDeskQuery,
  handedOverByBetween,
  openAllDesksQuery,
  registeredByOnDay,
} from '../../db/queries-desk';
import { DAY_MS, HOUR_MS, MINUTE_MS, witaDayStartMs, witaIsoDate } from '../../domain/time/wita';
import type { AuthedCallContext } from '../context';
import { loadWorkCalendar } from '../views/service-clock';
import { visitStatusLabel as statusLabel } from '../../domain/visit-status';
import { calendarNotice } from '../views/calendar-status';
import { provisionalSource } from '../../domain/time/holiday-library';
import { listOutages } from '../views/outages';
import { DISRUPTION_LABEL } from '../views/desk-labels';
import { toQueueRows } from '../views/desk';
import { findService, loadCatalogue } from '../views/catalogue';

/** Upper bound of rows a dashboard reads per list; an office has far fewer open files than this. */
const MAX_ROWS = 5000;

const STATUS_ORDER = ['registered', 'checking', 'returned', 'handed_over', 'in_process', 'waiting_vendor', 'at_lkpp', 'completed', 'rejected', 'closed'];

const AGE_BUCKETS: { key: string; label: string; maxMs: number }[] = [
  { key: 'lt30m', label: 'Kurang dari 30 menit', maxMs: 30 * MINUTE_MS },
  { key: 'lt2h', label: '30 menit – 2 jam', maxMs: 2 * HOUR_MS },
  { key: 'lt1d', label: '2 jam – 1 hari', maxMs: DAY_MS },
  { key: 'lt5d', label: '1 – 5 hari', maxMs: 5 * DAY_MS },
  { key: 'older', label: 'Lebih dari 5 hari', maxMs: Number.POSITIVE_INFINITY },
];

export const dashboardHandlers = {
  async 'dashboard.summary'(ctx: AuthedCallContext, input: ParsedInputOf<'dashboard.summary'>): Promise<OutputOf<'dashboard.summary'>> {
    const { app } = ctx;
    const db = app.db;
    const now = app.now();
    const day = input.day ?? witaDay(now);
    const dayStart = witaDayStartMs(day);
    const dayEnd = dayStart + DAY_MS;
    const catalogue = await loadCatalogue(app, await activeCatalogueVersion(db, witaDay(now)));
    const cal = await loadWorkCalendar(app);

    const [counts, registered, handedOver, returnedOpen] = await Promise.all([
      dayCountsByServiceAndStatus(db, day),
      registeredByOnDay(db, day),
      handedOverByBetween(db, dayStart, dayEnd),
      countReturnedOpen(db),
    ]);
    const openRows = await openAllDesksQuery(db, MAX_ROWS, (await knownUnits(app)).map((u) => u.code)).execute();
    const finishedRows = await finishedDeskQuery(db, null, dayStart, dayEnd, MAX_ROWS).execute();

    const byStatus = new Map<string, number>();
    const byService = new Map<string | null, Record<string, number>>();
    for (const c of counts) {
      byStatus.set(c.status, (byStatus.get(c.status) ?? 0) + c.n);
      const rec = byService.get(c.service_code) ?? {};
      rec[c.status] = (rec[c.status] ?? 0) + c.n;
      byService.set(c.service_code, rec);
    }
    const todayByStatus = [...byStatus.entries()]
      .sort((a, b) => STATUS_ORDER.indexOf(a[0]) - STATUS_ORDER.indexOf(b[0]))
      .map(([key, count]) => ({ key, label: statusLabel(key, null), count }));
    const todayByService = [...byService.entries()]
      .map(([code, rec]) => {
        const service = code ? findService(catalogue, code) : undefined;
        return {
          serviceCode: code,
          serviceName: code ? (service ? `${service.number}. ${service.shortName}` : code) : 'Keperluan lain',
          total: Object.values(rec).reduce((a, b) => a + b, 0),
          byStatus: rec,
          order: service?.number ?? 999,
        };
      })
      .sort((a, b) => a.order - b.order)
      .map(({ order: _order, ...rest }) => rest);

    const open = await toQueueRows(app, openRows, cal, now);
    const ageCounts = new Map<string, number>(AGE_BUCKETS.map((b) => [b.key, 0]));
    for (const r of open) {
      const age = now - (r.handedOverAt ?? r.arrivedAt);
      const bucket = AGE_BUCKETS.find((b) => age < b.maxMs) ?? AGE_BUCKETS[AGE_BUCKETS.length - 1]!;
      ageCounts.set(bucket.key, (ageCounts.get(bucket.key) ?? 0) + 1);
    }
    const overdue = open.filter((r) => r.clock?.state === 'overdue');
    const dueSoon = open.filter((r) => r.clock?.dueSoon && r.clock.state !== 'overdue');

    const finished = await toQueueRows(app, finishedRows, cal, now);
    const staff = new Map<string, { registered: number; handedOver: number; completed: number; rejected: number; finishedLate: number; openClaims: number }>();
    const entry = (id: string) => {
      let e = staff.get(id);
      if (!e) {
        e = { registered: 0, handedOver: 0, completed: 0, rejected: 0, finishedLate: 0, openClaims: 0 };
        staff.set(id, e);
      }
      return e;
    };
    for (const [id, n] of registered) entry(id).registered += n;
    for (const [id, n] of handedOver) entry(id).handedOver += n;
    finishedRows.forEach((row, i) => {
      if (!row.outcome_by) return;
      const e = entry(row.outcome_by);
      if (row.status === 'completed') e.completed++;
      else if (row.status === 'rejected') e.rejected++;
      if (finished[i]?.clock?.late) e.finishedLate++;
    });
    for (const r of open) if (r.claimedBy) entry(r.claimedBy.id).openClaims++;
    const names = await userNames(db, [...staff.keys()]);

    return {
      day,
      asOf: now,
      todayByStatus,
      todayByService,
      openByAge: AGE_BUCKETS.map((b) => ({ key: b.key, label: b.label, count: ageCounts.get(b.key) ?? 0 })),
      openTotal: open.length,
      returnedOpen,
      overdue,
      dueSoon,
      calendarNotice: calendarNotice(cal, await provisionalSource(), witaIsoDate(now)),
      ongoingOutages: (await listOutages(db))
        .filter((o) => o.to === null)
        .map((o) => ({ id: o.id, kindLabel: DISRUPTION_LABEL[o.kind]!, from: o.from, reason: o.reason })),
      perStaff: [...staff.entries()]
        .map(([userId, e]) => ({ userId, name: names.get(userId) ?? 'Petugas tidak dikenal', ...e }))
        .sort((a, b) => a.name.localeCompare(b.name, 'id')),
    };
  },
};
