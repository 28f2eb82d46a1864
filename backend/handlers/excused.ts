/**
 * Excused time (issue 9): disruptions recorded on one file, and office-wide outages. The service clock
 * decides per service whether the time counts (`clockLimitOf`); here it is only checked and recorded.
 */
import type { OutputOf, ParsedInputOf } from '../../contract/api';
import type { OutageView } from '../../contract/excused';
import { AppError } from '../../contract/result';
import { loadAggregateState, type Exec } from '../../db/event-store';
import { userNames } from '../../db/queries';
import { deskOf } from '../../domain/aggregates/visit-desk';
import type { OutageState } from '../../domain/aggregates/outage';
import { uuidv7 } from '../../domain/events/uuidv7';
import { formatWita } from '../../domain/time/wita';
import type { AuthedCallContext } from '../context';
import { DISRUPTION_LABEL } from '../views/desk-labels';
import { listOutages, type OutageRow } from '../views/outages';
import { recordEventsIn } from '../record';
import { deskAction } from '../desk-action';

/** A clock a little ahead of ours (another PC) must not make "now" look like the future. */
const CLOCK_SLACK_MS = 2 * 60_000;

function checkTimes(from: number, to: number | null, now: number): void {
  if (from > now + CLOCK_SLACK_MS) throw new AppError('invalid_input', 'Waktu mulai gangguan belum terjadi.', [{ path: 'from', message: 'Waktu mulai tidak boleh di masa depan.' }]);
  if (to !== null && to > now + CLOCK_SLACK_MS) {
    throw new AppError('invalid_input', 'Waktu selesai gangguan belum terjadi. Kosongkan bila gangguan masih berlangsung.', [{ path: 'to', message: 'Waktu selesai tidak boleh di masa depan.' }]);
  }
}

async function filesAffected(db: Exec, from: number, to: number | null, now: number): Promise<number> {
  const r = await db
    .selectFrom('visits')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('handed_over_at', 'is not', null)
    .where('handed_over_at', '<', to ?? now)
    .where((eb) => eb.or([eb('outcome_at', 'is', null), eb('outcome_at', '>', from)]))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

async function toView(ctx: AuthedCallContext, rows: OutageRow[]): Promise<OutageView[]> {
  const names = await userNames(ctx.app.db, rows.map((r) => r.declaredBy ?? '').filter(Boolean));
  const now = ctx.app.now();
  const out: OutageView[] = [];
  for (const o of rows) {
    out.push({
      id: o.id,
      kind: o.kind,
      kindLabel: DISRUPTION_LABEL[o.kind]!,
      from: o.from,
      to: o.to,
      reason: o.reason,
      declaredByName: o.declaredBy ? (names.get(o.declaredBy) ?? null) : null,
      declaredAt: o.declaredAt,
      withdrawn: o.withdrawn,
      filesAffected: await filesAffected(ctx.app.db, o.from, o.to, now),
    });
  }
  return out;
}

async function outageById(ctx: AuthedCallContext, id: string): Promise<OutageState> {
  const s = await loadAggregateState<'outage'>(ctx.app.db, id);
  if (!s) throw new AppError('not_found', 'Gangguan tidak ditemukan.');
  return s;
}

async function viewOf(ctx: AuthedCallContext, id: string): Promise<OutageView> {
  const row = (await listOutages(ctx.app.db, { includeWithdrawn: true })).find((o) => o.id === id);
  if (!row) throw new AppError('not_found', 'Gangguan tidak ditemukan.');
  return (await toView(ctx, [row]))[0]!;
}

export const excusedHandlers = {
  async 'desk.recordDisruption'(ctx: AuthedCallContext, input: ParsedInputOf<'desk.recordDisruption'>) {
    return deskAction(
      ctx,
      input.visitId,
      { statuses: ['handed_over', 'in_process', 'waiting_vendor', 'at_lkpp', 'completed', 'rejected'], statusMessage: 'Gangguan hanya dicatat pada berkas yang sudah diserahkan.', owner: false },
      (v, now) => {
        checkTimes(input.from, input.to, now);
        if (input.from < v.arrivedAt) throw new AppError('invalid_input', `Waktu mulai gangguan sebelum pemohon datang (${formatWita(v.arrivedAt)}).`, [{ path: 'from', message: 'Periksa tanggal dan jam mulai.' }]);
        if (input.to === null && (deskOf(v).disruptions ?? []).some((d) => d.to === null && d.kind === input.kind)) {
          throw new AppError('conflict', `${DISRUPTION_LABEL[input.kind]} pada berkas ini masih tercatat berlangsung. Akhiri dahulu.`);
        }
        return [{ type: 'visit.disruption_recorded', aggregateId: v.id, payload: { at: now, from: input.from, to: input.to, kind: input.kind, reason: input.reason } }];
      },
    );
  },

  async 'desk.endDisruption'(ctx: AuthedCallContext, input: ParsedInputOf<'desk.endDisruption'>) {
    return deskAction(
      ctx,
      input.visitId,
      { statuses: ['handed_over', 'in_process', 'waiting_vendor', 'at_lkpp', 'completed', 'rejected'], statusMessage: 'Berkas ini belum diserahkan.', owner: false },
      (v, now) => {
        if (!(deskOf(v).disruptions ?? []).some((d) => d.to === null && d.kind === input.kind)) {
          throw new AppError('invalid_state', `Tidak ada ${DISRUPTION_LABEL[input.kind]} yang sedang berlangsung pada berkas ini.`);
        }
        return [{ type: 'visit.disruption_ended', aggregateId: v.id, payload: { at: now, kind: input.kind } }];
      },
    );
  },

  async 'outages.list'(ctx: AuthedCallContext, input: ParsedInputOf<'outages.list'>): Promise<OutputOf<'outages.list'>> {
    return { outages: await toView(ctx, await listOutages(ctx.app.db, { includeWithdrawn: input.includeWithdrawn, limit: 100 })) };
  },

  async 'outages.declare'(ctx: AuthedCallContext, input: ParsedInputOf<'outages.declare'>) {
    const { app } = ctx;
    const now = app.now();
    checkTimes(input.from, input.to, now);
    const id = uuidv7(now);
    await app.db.transaction().execute(async (tx) => {
      if (input.to === null) {
        const ongoing = (await listOutages(tx)).find((o) => o.to === null && o.kind === input.kind);
        if (ongoing) throw new AppError('conflict', `${DISRUPTION_LABEL[input.kind]} seluruh kantor sudah tercatat berlangsung sejak ${formatWita(ongoing.from)}.`);
      }
      await recordEventsIn(tx, app, ctx.session.userId, [{ type: 'outage.declared', aggregateId: id, payload: { at: now, from: input.from, to: input.to, kind: input.kind, reason: input.reason } }]);
    });
    return viewOf(ctx, id);
  },

  async 'outages.end'(ctx: AuthedCallContext, input: ParsedInputOf<'outages.end'>) {
    const { app } = ctx;
    const now = app.now();
    const o = await outageById(ctx, input.id);
    if (o.withdrawn) throw new AppError('invalid_state', 'Gangguan ini sudah dibatalkan.');
    if (o.to !== null) throw new AppError('invalid_state', 'Gangguan ini sudah berakhir.');
    const to = input.to ?? now;
    checkTimes(o.from, to, now);
    if (to <= o.from) throw new AppError('invalid_input', 'Waktu selesai harus setelah waktu mulai.', [{ path: 'to', message: 'Waktu selesai harus setelah waktu mulai.' }]);
    await app.db.transaction().execute((tx) => recordEventsIn(tx, app, ctx.session.userId, [{ type: 'outage.ended', aggregateId: input.id, payload: { at: now, to } }]));
    return viewOf(ctx, input.id);
  },

  async 'outages.withdraw'(ctx: AuthedCallContext, input: ParsedInputOf<'outages.withdraw'>) {
    const { app } = ctx;
    const o = await outageById(ctx, input.id);
    if (o.withdrawn) throw new AppError('invalid_state', 'Gangguan ini sudah dibatalkan.');
    await app.db.transaction().execute((tx) => recordEventsIn(tx, app, ctx.session.userId, [{ type: 'outage.withdrawn', aggregateId: input.id, payload: { at: app.now(), reason: input.reason } }]));
    return viewOf(ctx, input.id);
  },
};
