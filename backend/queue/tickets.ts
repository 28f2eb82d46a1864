/**
 * Reading and issuing queue tickets (issue 16, ADR 0013). Plain functions taking the executor first; the
 * visit handlers call `ticketEventsForRegistration` / `ticketEventsForResume` inside their transaction so a
 * visitor's number is recorded with the visit it belongs to, or not at all.
 */
import type { Transaction } from 'kysely';
import type { NewEvent } from '../../db/event-store';
import { loadAggregateState } from '../../db/event-store';
import type { Exec } from '../../db/exec';
import { nextNumber } from '../../db/numbering';
import type { DB } from '../../db/schema';
import { queueExec } from '../../db/schema-queue';
import type { QueueTicketState } from '../../domain/aggregates/queue';
import { settingOf, SETTINGS_AGGREGATE_ID } from '../../domain/aggregates/settings';
import { uuidv7 } from '../../domain/events/uuidv7';
import { callsByRole, queueOrder, ticketView, type TicketView, type VisitFacts } from '../../domain/queue/board';
import { QUEUE_TICKET_PREFIX } from '../../domain/queue/events';
import { letterOf, nextQueueNumber, queueLabel, queueScope, stationPlan, type StationPlan } from '../../domain/queue/numbers';
import { QUEUE_SETTING_DEFAULTS } from '../../domain/queue/settings';
import type { DeskRole } from '../../domain/queue/spoken';
import { catalogueBody } from '../../db/queries';
import type { Catalogue } from '../../domain/catalogue/types';
import { counterRoleOf, SEEDED_UNITS, unitOf } from '../../domain/catalogue/units';
import { witaIsoDate } from '../../domain/time/wita';
import type { AppContext } from '../context';

export type QueueSettings = typeof QUEUE_SETTING_DEFAULTS;

export async function loadQueueSettings(db: Exec): Promise<QueueSettings> {
  const s = await loadAggregateState<'settings'>(db, SETTINGS_AGGREGATE_ID);
  return {
    queue_enabled: settingOf(s, 'queue_enabled'),
    queue_group_b: settingOf(s, 'queue_group_b'),
    queue_requeue_after: settingOf(s, 'queue_requeue_after'),
    queue_voice: settingOf(s, 'queue_voice'),
    queue_slip: settingOf(s, 'queue_slip'),
    queue_stations: settingOf(s, 'queue_stations'),
    queue_slide_seconds: settingOf(s, 'queue_slide_seconds'),
  };
}

/** The office's workstations in the order their signing keys were registered (ADR 0011), revoked ones left out. */
export async function registeredDevices(db: Exec): Promise<string[]> {
  const rows = await db
    .selectFrom('device_keys')
    .select(['device_id'])
    .select((eb) => eb.fn.min('registered_at').as('first'))
    .where('revoked_at', 'is', null)
    .groupBy('device_id')
    .orderBy('first')
    .orderBy('device_id')
    .execute();
  return rows.map((r) => r.device_id);
}

export async function stationOfThisPc(db: Exec, app: Pick<AppContext, 'deviceId'>, settings: QueueSettings): Promise<StationPlan | null> {
  return stationPlan(app.deviceId, settings.queue_stations, await registeredDevices(db));
}

export function parseTicket(state: string): QueueTicketState {
  return JSON.parse(state) as QueueTicketState;
}

export async function ticketsOfDay(db: Exec, day: string): Promise<QueueTicketState[]> {
  const rows = await queueExec(db).selectFrom('queue_tickets').select('state').where('day', '=', day).orderBy('issued_at').orderBy('id').execute();
  return rows.map((r) => parseTicket(r.state));
}

export async function ticketById(db: Exec, id: string): Promise<QueueTicketState | null> {
  const r = await queueExec(db).selectFrom('queue_tickets').select('state').where('id', '=', id).executeTakeFirst();
  return r ? parseTicket(r.state) : null;
}

/** The tickets a visit belongs to, newest first (a visit resumed on a later day has one per day). */
export async function ticketsOfVisit(db: Exec, visitId: string): Promise<QueueTicketState[]> {
  const rows = await queueExec(db)
    .selectFrom('queue_ticket_visits')
    .innerJoin('queue_tickets', 'queue_tickets.id', 'queue_ticket_visits.ticket_id')
    .select('queue_tickets.state')
    .where('queue_ticket_visits.visit_id', '=', visitId)
    .orderBy('queue_tickets.issued_at', 'desc')
    .execute();
  return rows.map((r) => parseTicket(r.state));
}

export async function visitFacts(db: Exec, visitIds: readonly string[]): Promise<Map<string, VisitFacts>> {
  const out = new Map<string, VisitFacts>();
  const ids = [...new Set(visitIds)];
  const bodies = new Map<number, Catalogue | null>();
  const versionBody = async (v: number) => {
    if (!bodies.has(v)) bodies.set(v, await catalogueBody(db, v));
    return bodies.get(v) ?? null;
  };
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('visits')
      .select(['id', 'status', 'checklist_started_at', 'handed_over_at', 'handed_over_to', 'updated_at', 'catalogue_version'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      // A unit a catalogue version added is called at the counter of the role serving it (issue 14).
      const unit = r.handed_over_to && !SEEDED_UNITS.some((u) => u.code === r.handed_over_to) ? unitOf(await versionBody(r.catalogue_version), r.handed_over_to) : null;
      out.set(r.id, {
        id: r.id,
        status: r.status,
        checklistStartedAt: r.checklist_started_at,
        handedOverAt: r.handed_over_at,
        handedOverTo: r.handed_over_to,
        updatedAt: r.updated_at,
        ...(unit ? { counterRole: counterRoleOf(unit) } : {}),
      });
    }
  }
  return out;
}

/** A day's tickets with where each stands (domain/queue/board.ts). */
export interface DayBoard {
  day: string;
  views: TicketView[];
  facts: Map<string, VisitFacts>;
  order(role: DeskRole): TicketView[];
  view(ticketId: string): TicketView | undefined;
}

export async function dayBoard(db: Exec, day: string): Promise<DayBoard> {
  const tickets = await ticketsOfDay(db, day);
  const facts = await visitFacts(db, tickets.flatMap((t) => t.visitIds));
  const calls = callsByRole(tickets);
  const views = tickets.map((t) => ticketView(t, t.visitIds.map((v) => facts.get(v)).filter((f): f is VisitFacts => !!f), calls));
  const byId = new Map(views.map((v) => [v.ticket.id, v]));
  return { day, views, facts, order: (role) => queueOrder(views, role), view: (id) => byId.get(id) };
}

// ---- issuing ---------------------------------------------------------------------------------------------

export class QueueNotIssued {
  constructor(readonly message: string) {}
}

/**
 * The queue events of a new visit, recorded with it: the visitor's open ticket of the day when they already
 * hold one (a second request keeps the number and the place), else a new number. Nothing when the office
 * switched numbers off; a message (and no number) when this PC is not one of the office's stations or the
 * day's numbers ran out.
 */
export async function ticketEventsForRegistration(
  tx: Transaction<DB>,
  app: AppContext,
  v: { visitId: string; personId: string; serviceCode: string | null; at: number },
): Promise<{ events: NewEvent[]; note: QueueNotIssued | null }> {
  const settings = await loadQueueSettings(tx);
  if (!settings.queue_enabled) return { events: [], note: null };
  const day = witaIsoDate(v.at);
  const open = await openTicketOfPerson(tx, v.personId, day);
  if (open) return { events: [{ type: 'queue.visit_joined', aggregateId: open.id, payload: { at: v.at, visitId: v.visitId } }], note: null };
  return issueTicket(tx, app, settings, { ...v, day });
}

/**
 * A returned file resumed: the same day, its ticket returns to the queue at its original place (a returning
 * visitor keeps their place); another day, the visitor gets that day's number.
 */
export async function ticketEventsForResume(
  tx: Transaction<DB>,
  app: AppContext,
  v: { visitId: string; personId: string; serviceCode: string | null; at: number },
): Promise<NewEvent[]> {
  const settings = await loadQueueSettings(tx);
  if (!settings.queue_enabled) return [];
  const day = witaIsoDate(v.at);
  const today = (await ticketsOfVisit(tx, v.visitId)).find((t) => t.day === day);
  if (today) return [{ type: 'queue.rejoined', aggregateId: today.id, payload: { at: v.at } }];
  const open = await openTicketOfPerson(tx, v.personId, day);
  if (open) return [{ type: 'queue.visit_joined', aggregateId: open.id, payload: { at: v.at, visitId: v.visitId } }];
  return (await issueTicket(tx, app, settings, { ...v, day })).events;
}

async function openTicketOfPerson(tx: Exec, personId: string, day: string): Promise<QueueTicketState | null> {
  const rows = await queueExec(tx).selectFrom('queue_tickets').select('state').where('person_id', '=', personId).where('day', '=', day).orderBy('issued_at', 'desc').execute();
  if (rows.length === 0) return null;
  const tickets = rows.map((r) => parseTicket(r.state));
  const facts = await visitFacts(tx, tickets.flatMap((t) => t.visitIds));
  const calls = callsByRole(await ticketsOfDay(tx, day));
  for (const t of tickets) {
    const view = ticketView(t, t.visitIds.map((id) => facts.get(id)).filter((f): f is VisitFacts => !!f), calls);
    if (view.phase !== 'done') return t;
  }
  return null;
}

async function issueTicket(
  tx: Transaction<DB>,
  app: AppContext,
  settings: QueueSettings,
  v: { visitId: string; personId: string; serviceCode: string | null; at: number; day: string },
): Promise<{ events: NewEvent[]; note: QueueNotIssued | null }> {
  const plan = await stationOfThisPc(tx, app, settings);
  if (!plan) return { events: [], note: new QueueNotIssued('PC ini tidak ditetapkan sebagai loket pemberi nomor antrean; kunjungan dicatat tanpa nomor antrean.') };
  const letter = letterOf(v.serviceCode, settings.queue_group_b);
  // From the log (ADR 0011 §4): the highest number of the day and letter this PC holds, from any station.
  const highest = (await nextNumber(tx, 'queue', queueScope(v.day, letter))) - 1;
  const number = nextQueueNumber(highest, plan);
  if (number === null) return { events: [], note: new QueueNotIssued('Nomor antrean hari ini sudah habis (999); kunjungan dicatat tanpa nomor antrean.') };
  return {
    events: [
      {
        type: 'queue.ticket_issued',
        aggregateId: `${QUEUE_TICKET_PREFIX}${uuidv7(v.at)}`,
        payload: {
          at: v.at,
          day: v.day,
          letter,
          number,
          label: queueLabel(letter, number),
          visitId: v.visitId,
          personId: v.personId,
          serviceCode: v.serviceCode,
          station: plan.station,
          stations: plan.stations,
        },
      },
    ],
    note: null,
  };
}
