/**
 * One action at a desk (claim, pause, LKPP, outcome, note, excused time): who may act on the file, in which
 * status, and whether the caller must hold it; the events are recorded through `aggregateAction` and the
 * answer is the desk part of the visit as the action left it.
 */
import { holdsRole } from '../domain/roles';
import type { HandlingUnitDefinition } from '../domain/catalogue/types';
import { canServeUnit } from '../domain/catalogue/units';
import { unitOfVisit } from './views/units';
import type { Transaction } from 'kysely';
import type { DeskInfo } from '../contract/desks';
import { AppError } from '../contract/result';
import type { Exec, NewEvent } from '../db/event-store';
import { userNames } from '../db/queries';
import type { DB } from '../db/schema';
import type { VisitState } from '../domain/aggregates/visit';
import { deskOf, isAfterHandover } from '../domain/aggregates/visit-desk';
import type { Role } from '../domain/events/schema';
import { sentence } from '../domain/sentence';
import type { AuthedCallContext } from './context';
import { aggregateAction } from './record';
import { buildDeskInfo } from './views/desk';

/** A supervisor works at every desk; others at the desks whose unit names one of their roles (catalogue data). */
export function canWorkOn(roles: readonly Role[], unit: HandlingUnitDefinition | null): boolean {
  if (holdsRole(roles, 'supervisor')) return true;
  return unit !== null && canServeUnit(roles, unit);
}

async function nameOfUser(db: Exec, id: string | null): Promise<string> {
  if (!id) return 'petugas lain';
  return (await userNames(db, [id])).get(id) ?? 'petugas lain';
}

export interface ActionCheck {
  /** Statuses in which the action makes sense, with the message otherwise. */
  statuses: VisitState['status'][];
  statusMessage: string;
  /** The caller must own the file (default true). */
  owner?: boolean;
  /** Refuse when someone else holds the file (claiming). */
  notClaimedByOther?: boolean;
}

/**
 * Runs a desk action: the visit must be at a desk the caller works at, in an allowed status, and (for most
 * actions) claimed by the caller. Records the events and returns the new desk info.
 */
export async function deskAction(
  ctx: AuthedCallContext,
  visitId: string,
  check: ActionCheck,
  events: (v: VisitState, now: number, tx: Transaction<DB>) => NewEvent[] | Promise<NewEvent[]>,
): Promise<DeskInfo> {
  const { app, session } = ctx;
  const { snapshot } = await aggregateAction(app, session.userId, visitId, {
    type: 'visit',
    notFound: () => new AppError('not_found', 'Kunjungan tidak ditemukan.'),
    decide: async (v, tx) => {
      if (!isAfterHandover(v.status)) throw new AppError('invalid_state', 'Berkas ini belum diserahkan oleh helpdesk.');
      const unit = await unitOfVisit(app, v, tx);
      if (!canWorkOn(session.roles, unit)) throw new AppError('forbidden', `Berkas ini ditangani oleh ${unit?.name ?? 'meja lain'}.`);
      const d = deskOf(v);
      if (check.notClaimedByOther && d.claimedBy && d.claimedBy !== session.userId) {
        throw new AppError('conflict', sentence(`Berkas ini sudah diambil oleh ${await nameOfUser(tx, d.claimedBy)}`));
      }
      if (check.owner !== false && d.claimedBy !== session.userId) {
        if (d.claimedBy) throw new AppError('conflict', sentence(`Berkas ini sudah diambil oleh ${await nameOfUser(tx, d.claimedBy)}`));
        if (v.status === 'handed_over') throw new AppError('invalid_state', 'Ambil berkas ini terlebih dahulu.');
      }
      if (!check.statuses.includes(v.status)) throw new AppError('invalid_state', check.statusMessage);
      return events(v, app.now(), tx);
    },
    read: () => null,
  });
  return buildDeskInfo(ctx, snapshot.state!);
}
