/**
 * Handlers of the waiting room's queue (contract: `contract/queue.ts`; design: docs/adr/0013-waiting-room.md).
 *
 * Every desk action reads the day's board and records its events in one owned transaction, so no sync page
 * or other window lands between the check ("this ticket is called at your desk") and the append: two desks
 * pressing "Panggil berikutnya" at once call two different visitors.
 */
import { holdsRole } from '../../domain/roles';
import type { Transaction } from 'kysely';
import type { MethodName, OutputOf, ParsedInputOf } from '../../contract/api';
import type { QueueCall } from '../../contract/queue';
import { AppError } from '../../contract/result';
import type { NewEvent } from '../../db/event-store';
import { ownedTransaction } from '../../db/prepared';
import type { DB } from '../../db/schema';
import { SETTINGS_AGGREGATE_ID } from '../../domain/aggregates/settings';
import { deskKey, deskLabel, DESK_ROLE_LABEL, type TicketView } from '../../domain/queue/board';
import type { QueueDesk } from '../../domain/queue/events';
import { witaIsoDate } from '../../domain/time/wita';
import type { AuthedCallContext } from '../context';
import { recordEvents, recordEventsIn } from '../record';
import { closeDisplay, displayBoard, openDisplay, resetDisplayToken } from '../queue/display';
import { queueSlip } from '../queue/slip';
import { dayBoard, loadQueueSettings, registeredDevices, ticketsOfVisit, type DayBoard, type QueueSettings } from '../queue/tickets';
import { callsOf, staffBoard, ticketRow, visitNames } from '../queue/views';

type QueueMethods = Extract<MethodName, `queue.${string}`>;
type H<M extends MethodName> = (ctx: AuthedCallContext, input: ParsedInputOf<M>) => Promise<OutputOf<M>>;

/** A desk's steps are its own role's (or the supervisor's, who may sit in for any desk); permissions.ts holds the log to the same rule. */
function checkDesk(ctx: AuthedCallContext, desk: QueueDesk): void {
  if (!ctx.session.roles.includes(desk.role) && !holdsRole(ctx.session.roles, 'supervisor')) {
    throw new AppError('forbidden', `Anda tidak bertugas di ${DESK_ROLE_LABEL[desk.role]}.`);
  }
}

const stateError = (message: string) => new AppError('conflict', message);

/** The ticket the desk has called or is serving now, if any. */
function currentAt(board: DayBoard, desk: QueueDesk): TicketView | undefined {
  return board.views.find((v) => (v.phase === 'called' || v.phase === 'serving') && v.desk && deskKey(v.desk) === deskKey(desk));
}

/** The ticket an action names, which must be called or served at this desk. */
function calledHere(board: DayBoard, ticketId: string, desk: QueueDesk, what: string): TicketView {
  const v = board.view(ticketId);
  if (!v) throw new AppError('not_found', 'Nomor antrean tidak ditemukan pada antrean hari ini.');
  if ((v.phase !== 'called' && v.phase !== 'serving') || !v.desk || deskKey(v.desk) !== deskKey(desk)) {
    throw stateError(`Nomor ${v.ticket.label} tidak sedang dipanggil di ${deskLabel(desk)}; ${what} tidak dapat dilakukan.`);
  }
  return v;
}

/**
 * Runs one desk action: reads the board in the transaction, lets `decide` name the events (an AppError
 * changes nothing), records them, and answers with the ticket as it now stands and, for a call, its
 * announcement.
 */
async function deskAction(
  ctx: AuthedCallContext,
  decide: (board: DayBoard, settings: QueueSettings, now: number) => { ticketId: string; events: NewEvent[]; message: string },
): Promise<OutputOf<'queue.callNext'>> {
  const { app } = ctx;
  const now = app.now();
  const day = witaIsoDate(now);
  const out = await ownedTransaction(app.db, app.sqlite, async (tx: Transaction<DB>) => {
    const [board, settings] = await Promise.all([dayBoard(tx, day), loadQueueSettings(tx)]);
    const d = decide(board, settings, now);
    if (d.events.length > 0) await recordEventsIn(tx, app, ctx.session.userId, d.events);
    const after = await dayBoard(tx, day);
    const view = after.view(d.ticketId)!;
    const callId = d.events.find((e) => e.type === 'queue.called' && e.aggregateId === d.ticketId);
    const call: QueueCall | null = callId ? (callsOf(after).find((c) => c.ticketId === d.ticketId) ?? null) : null;
    return { view, facts: after.facts, call, message: d.message };
  });
  const names = await visitNames(app, app.db, out.view.ticket.visitIds);
  return { ticket: ticketRow(out.view, out.facts, names), call: out.call, message: out.message };
}

/** The desk's current visitor is done there when the desk calls the next one (ADR 0013 §3). */
function finishCurrent(board: DayBoard, desk: QueueDesk, now: number): NewEvent[] {
  const cur = currentAt(board, desk);
  return cur ? [{ type: 'queue.finished', aggregateId: cur.ticket.id, payload: { at: now, desk } }] : [];
}

export const queueHandlers: { [M in QueueMethods]: H<M> } = {
  async 'queue.board'(ctx) {
    return staffBoard(ctx.app, witaIsoDate(ctx.app.now()));
  },

  async 'queue.callNext'(ctx, input) {
    checkDesk(ctx, input.desk);
    return deskAction(ctx, (board, _s, now) => {
      const next = board.order(input.desk.role)[0];
      if (!next) throw stateError(`Tidak ada nomor antrean yang menunggu ${DESK_ROLE_LABEL[input.desk.role]}.`);
      return {
        ticketId: next.ticket.id,
        events: [...finishCurrent(board, input.desk, now), { type: 'queue.called', aggregateId: next.ticket.id, payload: { at: now, desk: input.desk, again: false } }],
        message: `Nomor ${next.ticket.label} dipanggil ke ${deskLabel(input.desk)}.`,
      };
    });
  },

  async 'queue.callAgain'(ctx, input) {
    checkDesk(ctx, input.desk);
    return deskAction(ctx, (board, _s, now) => {
      const v = calledHere(board, input.ticketId, input.desk, 'panggil ulang');
      return {
        ticketId: v.ticket.id,
        events: [{ type: 'queue.called', aggregateId: v.ticket.id, payload: { at: now, desk: input.desk, again: true } }],
        message: `Nomor ${v.ticket.label} dipanggil ulang.`,
      };
    });
  },

  async 'queue.notPresent'(ctx, input) {
    checkDesk(ctx, input.desk);
    return deskAction(ctx, (board, settings, now) => {
      const v = calledHere(board, input.ticketId, input.desk, '"tidak hadir"');
      const n = settings.queue_requeue_after;
      return {
        ticketId: v.ticket.id,
        events: [{ type: 'queue.not_present', aggregateId: v.ticket.id, payload: { at: now, desk: input.desk, requeueAfter: n } }],
        message: `Nomor ${v.ticket.label} tidak hadir; dipanggil kembali setelah ${n} antrean lain.`,
      };
    });
  },

  async 'queue.serve'(ctx, input) {
    checkDesk(ctx, input.desk);
    return deskAction(ctx, (board, _s, now) => {
      const v = calledHere(board, input.ticketId, input.desk, 'layani');
      if (v.phase === 'serving') return { ticketId: v.ticket.id, events: [], message: `Nomor ${v.ticket.label} sedang dilayani.` };
      return {
        ticketId: v.ticket.id,
        events: [{ type: 'queue.serving', aggregateId: v.ticket.id, payload: { at: now, desk: input.desk } }],
        message: `Nomor ${v.ticket.label} dilayani di ${deskLabel(input.desk)}.`,
      };
    });
  },

  async 'queue.finish'(ctx, input) {
    checkDesk(ctx, input.desk);
    return deskAction(ctx, (board, _s, now) => {
      const v = calledHere(board, input.ticketId, input.desk, 'selesai');
      return {
        ticketId: v.ticket.id,
        events: [{ type: 'queue.finished', aggregateId: v.ticket.id, payload: { at: now, desk: input.desk } }],
        message: `Layanan nomor ${v.ticket.label} di ${deskLabel(input.desk)} selesai.`,
      };
    });
  },

  async 'queue.rejoin'(ctx, input) {
    return deskAction(ctx, (board, _s, now) => {
      const v = board.view(input.ticketId);
      if (!v) throw new AppError('not_found', 'Nomor antrean tidak ditemukan pada antrean hari ini.');
      if (v.phase !== 'away' && v.phase !== 'deferred') {
        throw stateError(`Nomor ${v.ticket.label} masih dalam antrean atau sudah selesai dilayani; tidak perlu dikembalikan.`);
      }
      return {
        ticketId: v.ticket.id,
        events: [{ type: 'queue.rejoined', aggregateId: v.ticket.id, payload: { at: now } }],
        message: `Nomor ${v.ticket.label} kembali ke antrean pada urutan semula.`,
      };
    });
  },

  async 'queue.ofVisit'(ctx, input) {
    const { app } = ctx;
    const settings = await loadQueueSettings(app.db);
    const ticket = (await ticketsOfVisit(app.db, input.visitId))[0];
    if (!ticket) return { ticket: null, ahead: 0, slip: settings.queue_slip };
    const board = await dayBoard(app.db, ticket.day);
    const view = board.view(ticket.id)!;
    const order = view.role ? board.order(view.role) : [];
    const at = order.findIndex((v) => v.ticket.id === ticket.id);
    const names = await visitNames(app, app.db, ticket.visitIds);
    return { ticket: ticketRow(view, board.facts, names), ahead: at < 0 ? 0 : at, slip: settings.queue_slip };
  },

  async 'queue.slip'(ctx, input) {
    return queueSlip(ctx.app, input.ticketId, input.layout, input.format);
  },

  async 'queue.displayOpen'(ctx) {
    return openDisplay(ctx.app);
  },
  async 'queue.displayClose'(ctx) {
    return { closed: await closeDisplay(ctx.app) };
  },
  async 'queue.displayReset'(ctx) {
    return { displayToken: await resetDisplayToken(ctx.app) };
  },
  async 'queue.display'(ctx, input) {
    return displayBoard(ctx.app, input);
  },

  async 'queue.settings'(ctx) {
    const { app } = ctx;
    const s = await loadQueueSettings(app.db);
    const ids = await registeredDevices(app.db);
    const named = await app.db.selectFrom('device_keys').select(['device_id', 'name']).where('revoked_at', 'is', null).execute();
    const nameOf = new Map(named.map((r) => [r.device_id, r.name]));
    const all = ids.includes(app.deviceId) ? ids : [...ids, app.deviceId];
    return {
      ...settingsView(s),
      devices: all.map((id) => ({ deviceId: id, name: nameOf.get(id) ?? (id === app.deviceId ? 'PC ini' : id.slice(0, 8)), thisPc: id === app.deviceId })),
    };
  },

  async 'queue.setSettings'(ctx, input) {
    const { app } = ctx;
    const current = await loadQueueSettings(app.db);
    const wanted: Partial<QueueSettings> = {
      ...(input.enabled !== undefined ? { queue_enabled: input.enabled } : {}),
      ...(input.groupB !== undefined ? { queue_group_b: input.groupB && input.groupB.length > 0 ? [...new Set(input.groupB)] : null } : {}),
      ...(input.requeueAfter !== undefined ? { queue_requeue_after: input.requeueAfter } : {}),
      ...(input.voice !== undefined ? { queue_voice: input.voice } : {}),
      ...(input.slip !== undefined ? { queue_slip: input.slip } : {}),
      ...(input.stations !== undefined ? { queue_stations: [...new Set(input.stations)] } : {}),
      ...(input.slideSeconds !== undefined ? { queue_slide_seconds: input.slideSeconds } : {}),
    };
    const events: NewEvent<'settings.changed'>[] = [];
    for (const [key, value] of Object.entries(wanted)) {
      if (JSON.stringify(value) === JSON.stringify(current[key as keyof QueueSettings])) continue;
      events.push({ type: 'settings.changed', aggregateId: SETTINGS_AGGREGATE_ID, payload: { key, value } as NewEvent<'settings.changed'>['payload'] });
    }
    if (events.length > 0) await recordEvents(app, ctx.session.userId, events);
    return settingsView(await loadQueueSettings(app.db));
  },
};

function settingsView(s: QueueSettings): OutputOf<'queue.setSettings'> {
  return {
    enabled: s.queue_enabled,
    groupB: s.queue_group_b,
    requeueAfter: s.queue_requeue_after,
    voice: s.queue_voice,
    slip: s.queue_slip,
    stations: s.queue_stations,
    slideSeconds: s.queue_slide_seconds,
  };
}
