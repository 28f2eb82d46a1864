/**
 * Read queries of the desks and the supervisor's dashboard. Each one is shaped to use an index of
 * migration 003 (tests/desks/migration.test.ts asserts the plans).
 *
 * The open-status list is written as a literal (never a bound parameter): SQLite only uses a partial index
 * when the query's WHERE clause contains the index's own terms, which it cannot prove for parameters.
 */
import { sql } from 'kysely';
import { prepared } from './prepared';
import type { VisitDbRow } from './queries';
import type { Exec } from './exec';

/** The columns a queue row and its service clock need (narrower rows read twice as fast from a big file). */
export const QUEUE_COLUMNS = [
  'id',
  'arrived_at',
  'checklist_started_at',
  'handed_over_at',
  'handed_over_to',
  'status',
  'visitor_name',
  'company_name',
  'service_code',
  'catalogue_version',
  'receipt_no',
  'claimed_by',
  'claim_conflicts',
  'discretion',
  'outcome_at',
  'outcome_by',
  'pauses',
  'promised_due_at',
] as const;
export type QueueDbRow = Pick<VisitDbRow, (typeof QUEUE_COLUMNS)[number]>;


export const OPEN_STATUS_SQL = sql.raw(`('handed_over', 'in_process', 'waiting_vendor', 'at_lkpp')`);

/**
 * Open files of one desk, oldest handover first (index visits_desk_queue). Built and compiled once
 * (db/prepared.ts): the queue is read on every refresh of every desk's screen.
 */
export async function openDeskRows(db: Exec, desk: string, opts: { claimedBy?: string; limit: number }): Promise<QueueDbRow[]> {
  return opts.claimedBy ? openDeskMine.all(db, { desk, limit: opts.limit, claimedBy: opts.claimedBy }) : openDeskAll.all(db, { desk, limit: opts.limit });
}

const openDeskAll = prepared((db, p: { desk: string; limit: number }) => openDeskQuery(db, p.desk, { limit: p.limit }));
const openDeskMine = prepared((db, p: { desk: string; limit: number; claimedBy: string }) => openDeskQuery(db, p.desk, { limit: p.limit, claimedBy: p.claimedBy }));
const countOpenDeskPrepared = prepared((db, p: { desk: string }) => countOpenDeskQuery(db, p.desk));

export function openDeskQuery(db: Exec, desk: string, opts: { claimedBy?: string; limit: number }) {
  let q = db
    .selectFrom('visits')
    .select(QUEUE_COLUMNS)
    .where('handed_over_to', '=', desk)
    .where(sql<boolean>`status IN ${OPEN_STATUS_SQL}`);
  if (opts.claimedBy) q = q.where('claimed_by', '=', opts.claimedBy);
  return q.orderBy('handed_over_at').limit(opts.limit);
}

/** Every open file at any desk, oldest handover first (index visits_desk_queue). */
export async function openRowsAllDesks(db: Exec, limit: number, desks?: readonly string[]): Promise<QueueDbRow[]> {
  return openAllDesksQuery(db, limit, desks).execute();
}

/** `desks`: the handling units' codes (issue 14: catalogue data); the two seeded desks when not given. */
export function openAllDesksQuery(db: Exec, limit: number, desks: readonly string[] = ['verifier', 'sysadmin']) {
  return db
    .selectFrom('visits')
    .select(QUEUE_COLUMNS)
    .where('handed_over_to', 'in', desks.length > 0 ? [...desks] : ['verifier', 'sysadmin'])
    .where(sql<boolean>`status IN ${OPEN_STATUS_SQL}`)
    .orderBy('handed_over_at')
    .limit(limit);
}

export async function countOpenDesk(db: Exec, desk: string): Promise<number> {
  const r = await countOpenDeskPrepared.first(db, { desk });
  return Number(r?.n ?? 0);
}

export function countOpenDeskQuery(db: Exec, desk: string) {
  return db
    .selectFrom('visits')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('handed_over_to', '=', desk)
    .where(sql<boolean>`status IN ${OPEN_STATUS_SQL}`);
}

/** Files of a desk that got their outcome in [fromMs, toMs) (index visits_by_outcome). */
export async function finishedDeskRows(db: Exec, desk: string | null, fromMs: number, toMs: number, limit: number): Promise<QueueDbRow[]> {
  return finishedDeskQuery(db, desk, fromMs, toMs, limit).execute();
}

export function finishedDeskQuery(db: Exec, desk: string | null, fromMs: number, toMs: number, limit: number) {
  let q = db.selectFrom('visits').select(QUEUE_COLUMNS).where('outcome_at', '>=', fromMs).where('outcome_at', '<', toMs);
  if (desk) q = q.where('handed_over_to', '=', desk);
  return q.orderBy('outcome_at', 'desc').limit(limit);
}

/** Today's visits by service and status (index visits_by_day). */
export async function dayCountsByServiceAndStatus(db: Exec, day: string): Promise<{ service_code: string | null; status: string; n: number }[]> {
  const rows = await dayCountsQuery(db, day).execute();
  return rows.map((r) => ({ service_code: r.service_code, status: r.status, n: Number(r.n) }));
}

/** Who registered the day's visits (index visits_by_day). */
export async function registeredByOnDay(db: Exec, day: string): Promise<Map<string, number>> {
  const rows = await registeredByQuery(db, day).execute();
  return new Map(rows.filter((r) => r.registered_by).map((r) => [r.registered_by!, Number(r.n)]));
}

/** Who handed files over in [fromMs, toMs) (index visits_by_handover). */
export async function handedOverByBetween(db: Exec, fromMs: number, toMs: number): Promise<Map<string, number>> {
  const rows = await handedOverByQuery(db, fromMs, toMs).execute();
  return new Map(rows.filter((r) => r.handed_over_by).map((r) => [r.handed_over_by!, Number(r.n)]));
}

export async function countReturnedOpen(db: Exec): Promise<number> {
  const r = await returnedOpenQuery(db).executeTakeFirstOrThrow();
  return Number(r.n);
}

export function returnedOpenQuery(db: Exec) {
  return db.selectFrom('visits').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'returned');
}

export function dayCountsQuery(db: Exec, day: string) {
  return db
    .selectFrom('visits')
    .select(['service_code', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('day', '=', day)
    .groupBy(['service_code', 'status']);
}

export function registeredByQuery(db: Exec, day: string) {
  return db.selectFrom('visits').select(['registered_by', (eb) => eb.fn.countAll<number>().as('n')]).where('day', '=', day).groupBy('registered_by');
}

export function handedOverByQuery(db: Exec, fromMs: number, toMs: number) {
  return db
    .selectFrom('visits')
    .select(['handed_over_by', (eb) => eb.fn.countAll<number>().as('n')])
    .where('handed_over_at', '>=', fromMs)
    .where('handed_over_at', '<', toMs)
    .groupBy('handed_over_by');
}
