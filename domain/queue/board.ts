/**
 * Where each ticket of the day stands, read from its steps and its visits (issue 16, ADR 0013). Pure.
 *
 * - **Which desk it waits for.** A visit handed over and still open at a desk → that desk's role (verifier
 *   or system admin), counted from the handover; else a visit in the guest book or being checked → the
 *   helpdesk, counted from the ticket's issue (or its last return to the queue); else the ticket is done
 *   (its visit returned incomplete, closed, completed…) unless a desk has just called or is serving it.
 * - **Its state there** is its last step at a desk of that role since then: called, serving, not present
 *   (deferred), finished (done there). With none it waits — except at the helpdesk, where ticking the
 *   checklist after the ticket entered the queue is serving (measured from that tick: the helpdesk often
 *   checks a file at once, without calling).
 * - **Order.** Tickets wait in the order they entered their desk's queue: at the helpdesk by issue time,
 *   kept when a returning visitor rejoins; at a handler by the handover. A visitor marked not present is
 *   deferred until `requeueAfter` other tickets of that desk's queue have been called after it, then takes
 *   their original place again; with nobody else waiting they are called anyway — nobody is ever lost.
 */
import type { QueueStep, QueueTicketState } from '../aggregates/queue';
import type { QueueDesk } from './events';
import type { DeskRole } from './spoken';

/** What the board needs of a visit (from the `visits` projection). */
export interface VisitFacts {
  id: string;
  status: string;
  checklistStartedAt: number | null;
  handedOverAt: number | null;
  handedOverTo: string | null;
  /** The visit's last change (a tick, a resume); tells a checklist worked on after the ticket rejoined. */
  updatedAt: number;
  /**
   * The counter that calls it when it went to a unit a catalogue version added (issue 14): that unit's
   * serving role (domain/catalogue/units.ts `counterRoleOf`). Absent for the seeded desks, named by their code.
   */
  counterRole?: 'verifier' | 'sysadmin';
}

export type TicketPhase = 'waiting' | 'deferred' | 'called' | 'serving' | 'away' | 'done';

export interface TicketView {
  ticket: QueueTicketState;
  /** The desk role it waits for or is served at; null when done. */
  role: DeskRole | null;
  phase: TicketPhase;
  /** The desk that called or serves it. */
  desk: QueueDesk | null;
  /** When the phase began. */
  since: number;
  /** Its place in its desk's queue (smaller first). */
  key: number;
  /** Deferred after "not present": how many more calls of others before it is due again. */
  remaining: number;
  /** Serving recognised from the checklist (no desk pressed "Layani"). */
  implicit: boolean;
}

const OPEN_AT_DESK = new Set(['handed_over', 'in_process', 'waiting_vendor']);
const ENDED_AT_DESK = new Set(['completed', 'rejected', 'at_lkpp']);
const AT_HELPDESK = new Set(['registered', 'checking']);

function isDeskRole(r: string | null): r is 'verifier' | 'sysadmin' {
  return r === 'verifier' || r === 'sysadmin';
}

/** The counter role a handed-over visit waits at: its unit's serving role, or the seeded desk's own code. */
function deskRoleOf(v: VisitFacts): 'verifier' | 'sysadmin' | null {
  return v.counterRole ?? (isDeskRole(v.handedOverTo) ? v.handedOverTo : null);
}

/** The stage a ticket is in, from its visits: role, since when, its order key, and whether the stage ended. */
function stageOf(t: QueueTicketState, visits: readonly VisitFacts[]): { role: DeskRole; entry: number; key: number; ended: boolean } | null {
  const handled = visits.filter((v) => v.handedOverAt !== null && deskRoleOf(v) !== null);
  const open = handled.filter((v) => OPEN_AT_DESK.has(v.status)).sort((a, b) => b.handedOverAt! - a.handedOverAt!);
  if (open[0]) return { role: deskRoleOf(open[0])!, entry: open[0].handedOverAt!, key: open[0].handedOverAt!, ended: false };
  const lastRejoin = [...t.steps].reverse().find((s) => s.kind === 'rejoined');
  if (visits.length === 0 || visits.some((v) => AT_HELPDESK.has(v.status)) || (lastRejoin && visits.some((v) => v.status === 'returned') && lastRejoinIsLast(t))) {
    return { role: 'helpdesk', entry: Math.max(t.issuedAt, lastRejoin?.at ?? 0), key: t.issuedAt, ended: false };
  }
  const ended = handled.filter((v) => ENDED_AT_DESK.has(v.status)).sort((a, b) => b.handedOverAt! - a.handedOverAt!);
  if (ended[0]) return { role: deskRoleOf(ended[0])!, entry: ended[0].handedOverAt!, key: ended[0].handedOverAt!, ended: true };
  return null;
}

/** A returned file's ticket is back in the queue only if its return to the queue is its latest step. */
function lastRejoinIsLast(t: QueueTicketState): boolean {
  return t.steps[t.steps.length - 1]?.kind === 'rejoined';
}

/** The ticket's last step at a desk of `role` since `entry` (a rejoin starts its stage afresh). */
function lastStepAt(t: QueueTicketState, role: DeskRole, entry: number): QueueStep | null {
  for (let i = t.steps.length - 1; i >= 0; i--) {
    const s = t.steps[i]!;
    if (s.kind === 'rejoined') return null;
    if (s.at < entry) return null;
    if (s.desk?.role === role) return s;
  }
  return null;
}

/** Every first call (not a repeat) of the day, by role, for counting how far a deferred ticket has come. */
export function callsByRole(tickets: readonly QueueTicketState[]): Map<DeskRole, { ticketId: string; at: number }[]> {
  const out = new Map<DeskRole, { ticketId: string; at: number }[]>();
  for (const t of tickets) {
    for (const s of t.steps) {
      if (s.kind !== 'called' || !s.desk) continue;
      const list = out.get(s.desk.role) ?? [];
      list.push({ ticketId: t.id, at: s.at });
      out.set(s.desk.role, list);
    }
  }
  return out;
}

export function ticketView(t: QueueTicketState, visits: readonly VisitFacts[], calls: ReadonlyMap<DeskRole, readonly { ticketId: string; at: number }[]>): TicketView {
  const base = { ticket: t, desk: null, remaining: 0, implicit: false };
  const stage = stageOf(t, visits);
  if (!stage) return { ...base, role: null, phase: 'done', since: t.steps[t.steps.length - 1]?.at ?? t.issuedAt, key: t.issuedAt };
  const { role, entry, key } = stage;
  const last = lastStepAt(t, role, entry);
  if (!last) {
    if (stage.ended) return { ...base, role: null, phase: 'done', since: entry, key };
    if (role === 'helpdesk') {
      const worked = visits.filter((v) => v.status === 'checking');
      const started = worked.map((v) => v.checklistStartedAt).filter((x): x is number => x !== null && x >= entry);
      if (started.length > 0) return { ...base, role, phase: 'serving', since: Math.min(...started), key, implicit: true };
      const touched = worked.map((v) => v.updatedAt).filter((x) => x > entry);
      if (touched.length > 0) return { ...base, role, phase: 'serving', since: Math.min(...touched), key, implicit: true };
    }
    return { ...base, role, phase: 'waiting', since: entry, key };
  }
  switch (last.kind) {
    case 'called':
    case 'recalled':
      return { ...base, role, phase: 'called', desk: last.desk, since: last.at, key };
    case 'serving':
      return { ...base, role, phase: 'serving', desk: last.desk, since: last.at, key };
    case 'finished':
      return { ...base, role: stage.ended || role !== 'helpdesk' ? null : role, phase: stage.ended || role !== 'helpdesk' ? 'done' : 'away', desk: last.desk, since: last.at, key };
    case 'not_present': {
      if (stage.ended) return { ...base, role: null, phase: 'done', since: last.at, key };
      // `>=`: a call in the same millisecond as the "not present" came after it (the desk marks, then calls).
      const after = (calls.get(role) ?? []).filter((c) => c.ticketId !== t.id && c.at >= last.at).length;
      const remaining = Math.max(0, (last.requeueAfter ?? 1) - after);
      return { ...base, role, phase: remaining > 0 ? 'deferred' : 'waiting', desk: last.desk, since: last.at, key, remaining };
    }
    default:
      return { ...base, role, phase: 'waiting', since: entry, key };
  }
}

/**
 * A desk role's queue in calling order: tickets due (waiting, or deferred long enough) by their place, then
 * the deferred ones by how soon they are due. "Panggil berikutnya" takes the first.
 */
export function queueOrder(views: readonly TicketView[], role: DeskRole): TicketView[] {
  const pool = views.filter((v) => v.role === role && (v.phase === 'waiting' || v.phase === 'deferred'));
  const due = pool.filter((v) => v.phase === 'waiting').sort((a, b) => a.key - b.key || a.ticket.number - b.ticket.number);
  const later = pool.filter((v) => v.phase === 'deferred').sort((a, b) => a.remaining - b.remaining || a.key - b.key);
  return [...due, ...later];
}

/** The first moment a desk started serving the visitor (the end of the waiting before service), if any. */
export function firstServedAt(t: QueueTicketState, visits: readonly VisitFacts[]): number | null {
  const times = t.steps.filter((s) => s.kind === 'serving').map((s) => s.at);
  for (const v of visits) if (v.checklistStartedAt !== null && v.checklistStartedAt >= t.issuedAt) times.push(v.checklistStartedAt);
  return times.length ? Math.min(...times) : null;
}

/** Not present at least once and never served after the last time: a no-show of the day. */
export function isNoShow(t: QueueTicketState, visits: readonly VisitFacts[]): boolean {
  const lastAbsent = [...t.steps].reverse().find((s) => s.kind === 'not_present');
  if (!lastAbsent) return false;
  const servedAfter = t.steps.some((s) => s.kind === 'serving' && s.at > lastAbsent.at) || visits.some((v) => v.checklistStartedAt !== null && v.checklistStartedAt > lastAbsent.at);
  return !servedAfter;
}

/** The desk's name as shown: "Loket Verifikator 2". */
export const DESK_ROLE_LABEL: Readonly<Record<DeskRole, string>> = { helpdesk: 'Loket Helpdesk', verifier: 'Loket Verifikator', sysadmin: 'Loket Admin Sistem' };
export function deskLabel(d: QueueDesk): string {
  return `${DESK_ROLE_LABEL[d.role]}${d.number > 0 ? ` ${d.number}` : ''}`;
}
export function deskKey(d: QueueDesk): string {
  return `${d.role}:${d.number}`;
}
