/**
 * Who may record what, decided from the log itself (ADR 0011). Whether an event is allowed depends on its
 * actor's roles *as of that event*: the roles given by the user events that sort before it in fold order
 * (hlc, device, id), themselves allowed by the same rule. Every PC holding the same events therefore reaches
 * the same verdicts, whatever order they arrived in. A denied event is kept in the log but never folded into
 * state; the supervisor sees it as a security alert.
 *
 * The rules mirror the contract's access list (contract/*.ts): the dispatcher refuses a call up front with a
 * clear message; this is what every other PC checks afterwards, against an event nobody called for (a stolen
 * device credential, a forged or altered workstation). Pure.
 */
import { compareEvents, eventSortKey, EVENT_TYPES, isKnownEventType, type EventType, type Role, type StoredEvent } from './events/schema';
import { SERVER_DEVICE_ID } from './events/device-events';
import { surveyEventAllowed, type SurveyEventOrigin } from './survey/permissions';
import { CHANNELS, type Channel } from './survey/questionnaire';
import { QUEUE_DESK_EVENT_TYPES, QUEUE_DESK_ROLES } from './queue/events';
import { holdsAnyRole, holdsRole } from './roles';

export const SEED_DEVICE_ID = 'seed';

/** Bumped when a rule changes: the app then evaluates the whole log again at its next start. */
export const PERMISSION_RULES_VERSION = 2;

export type DenialReason =
  /** The actor is no account known from the log (as of the event). */
  | 'unknown_actor'
  /** The account was disabled (as of the event). */
  | 'inactive_actor'
  /** The account lacked every role that may record this event. */
  | 'role_missing'
  /** No actor, and the event is not one the system itself writes. */
  | 'no_actor'
  /** An account created by itself while the office already had an account (only the first may be). */
  | 'bootstrap_taken'
  /** Only the central server writes this event. */
  | 'server_only'
  /** An anonymous record (a kiosk survey response, ADR 0010) that names an account: it must name nobody. */
  | 'named_actor';

type Rule =
  /** The actor must be an active account holding one of these roles. */
  | { kind: 'roles'; roles: readonly Role[] }
  /** Any active account. */
  | { kind: 'staff' }
  /** Written by the central server only (signed with its key). */
  | { kind: 'server' }
  /** Account events: decided while the roles themselves are folded (`computeAuthority`). */
  | { kind: 'account' }
  /**
   * Survey events: decided by the survey's own rule (`surveyEventAllowed`, domain/survey/permissions.ts,
   * ADR 0010): kiosk responses carry no actor by design and are allowed from any workstation; paper and
   * CSV responses need a staff actor; QR responses only the central server; plans the supervisor.
   */
  | { kind: 'survey' };

const COUNTER: Rule = { kind: 'roles', roles: ['helpdesk', 'supervisor'] };
const DESK: Rule = { kind: 'roles', roles: ['verifier', 'sysadmin', 'supervisor'] };
const SUPERVISOR: Rule = { kind: 'roles', roles: ['supervisor'] };
/**
 * What only the Kepala Bagian may record (issue 14, Perwali Pasal 6 and 7): discretion, the maklumat's
 * approval, publishing the service standard. A legacy `supervisor` holds it as of its events (domain/roles.ts).
 */
const KEPALA_BAGIAN: Rule = { kind: 'roles', roles: ['kepala_bagian'] };
/** Office-wide outages: who may declare, end and withdraw them (contract/excused.ts, OUTAGE_KEEPERS). */
const OUTAGE_KEEPERS: Rule = { kind: 'roles', roles: ['sysadmin', 'supervisor'] };
const SURVEY: Rule = { kind: 'survey' };
/** Queue steps at a desk: staff of any desk role (narrowed to the desk's own role by `ruleFor`). */
const QUEUE_DESK: Rule = { kind: 'roles', roles: ['helpdesk', 'verifier', 'sysadmin', 'supervisor'] };
const STAFF: Rule = { kind: 'staff' };
const SERVER: Rule = { kind: 'server' };
const ACCOUNT: Rule = { kind: 'account' };

/** Every event type states who may record it (a new type does not compile until it does). */
export const EVENT_RULES: Record<EventType, Rule> = {
  'vendor.registered': COUNTER,
  'vendor.updated': COUNTER,
  // Issue 14: recorded with the verifier's completion of services 1–5 (backend/handlers/desks.ts).
  'vendor.service_applied': DESK,
  'person.registered': COUNTER,
  'person.updated': COUNTER,
  'visit.registered': COUNTER,
  'visit.checklist_started': COUNTER,
  'visit.item_marked': COUNTER,
  'visit.returned': COUNTER,
  'visit.resumed': COUNTER,
  // With discretion items: the supervisor only (see `ruleFor`).
  'visit.handed_over': COUNTER,
  'visit.closed': COUNTER,
  'visit.claimed': DESK,
  'visit.claim_released': DESK,
  'visit.completed': DESK,
  'visit.rejected': DESK,
  'visit.forwarded_lkpp': DESK,
  'visit.lkpp_closed': DESK,
  'visit.pause_started': DESK,
  'visit.pause_ended': DESK,
  'visit.note_added': DESK,
  // Internet/SPSE disruptions on one file: recorded and ended at the desks (desk.recordDisruption/endDisruption).
  'visit.disruption_recorded': DESK,
  'visit.disruption_ended': DESK,
  'user.created': ACCOUNT,
  'user.password_changed': ACCOUNT,
  'user.roles_changed': ACCOUNT,
  'user.disabled': ACCOUNT,
  'user.enabled': ACCOUNT,
  'catalogue.published': KEPALA_BAGIAN,
  // Issue 14: both heads draft (the Kepala Sub Bagian prepares), the Kepala Bagian publishes and approves.
  'catalogue.draft_saved': SUPERVISOR,
  'catalogue.draft_discarded': SUPERVISOR,
  'maklumat.drafted': SUPERVISOR,
  'maklumat.approved': KEPALA_BAGIAN,
  'calendar.holiday_added': SUPERVISOR,
  'calendar.holiday_removed': SUPERVISOR,
  'calendar.hours_changed': SUPERVISOR,
  'calendar.imported': SUPERVISOR,
  'outage.declared': OUTAGE_KEEPERS,
  'outage.ended': OUTAGE_KEEPERS,
  'outage.withdrawn': OUTAGE_KEEPERS,
  'settings.changed': SUPERVISOR,
  'document.printed': STAFF,
  'report.exported': SUPERVISOR,
  'device.key_registered': SERVER,
  'device.key_revoked': SERVER,
  'survey.token_issued': SURVEY,
  'survey.response_recorded': SURVEY,
  'survey.plan_set': SURVEY,
  // Complaints and suggestions (Perwali 67/2018 Pasal 8, ADR 0012). The counter staff receive them and note
  // what comes with them; the supervisor decides completeness, coordinates, responds, closes and decides on
  // a late filing; anyone may print a letter. What came through the public form (`channel: 'web'`) is the
  // central server's alone (see `ruleFor`).
  'complaint.received': COUNTER,
  'complaint.attachment_added': COUNTER,
  'complaint.note_added': COUNTER,
  'complaint.supplement_received': COUNTER,
  'complaint.check_started': SUPERVISOR,
  'complaint.completeness_decided': SUPERVISOR,
  'complaint.coordination_started': SUPERVISOR,
  'complaint.responded': SUPERVISOR,
  'complaint.closed': SUPERVISOR,
  'complaint.late_filing_decided': SUPERVISOR,
  'complaint.letter_printed': STAFF,
  'suggestion.received': COUNTER,
  // The waiting room's queue (issue 16): numbers are handed out with the guest book; desk steps by that desk.
  'queue.ticket_issued': COUNTER,
  'queue.visit_joined': COUNTER,
  'queue.rejoined': COUNTER,
  'queue.called': QUEUE_DESK,
  'queue.not_present': QUEUE_DESK,
  'queue.serving': QUEUE_DESK,
  'queue.finished': QUEUE_DESK,
  // Erasing a person's data (UU 27/2022, ADR 0019): the heads of the unit only; every PC and the server obey it.
  'subject.erased': SUPERVISOR,
  // The breach register (UU 27/2022 Pasal 46): kept by the heads of the unit.
  'breach.recorded': SUPERVISOR,
  'breach.notified': SUPERVISOR,
  'breach.closed': SUPERVISOR,
};

/** Records that name the channel they came through: the public form's (`web`) are written by the server only. */
const WEB_CHANNEL_EVENTS: ReadonlySet<EventType> = new Set(['complaint.received', 'complaint.supplement_received', 'suggestion.received']);

function ruleFor(e: StoredEvent, type: EventType): Rule {
  if (type === 'visit.handed_over') {
    const items = (e.payload as { discretionItems?: unknown } | null)?.discretionItems;
    if (Array.isArray(items) && items.length > 0) return KEPALA_BAGIAN; // Perwali Pasal 6: the Kepala Bagian's discretion
  }
  if (WEB_CHANNEL_EVENTS.has(type) && (e.payload as { channel?: unknown } | null)?.channel === 'web') return SERVER; // Pasal 8(2): the server's form
  if ((QUEUE_DESK_EVENT_TYPES as readonly string[]).includes(type)) {
    // A call at the verifier's desk is the verifier's (or the supervisor's, who may sit in for any desk).
    const role = (e.payload as { desk?: { role?: unknown } } | null)?.desk?.role;
    if ((QUEUE_DESK_ROLES as readonly unknown[]).includes(role)) return { kind: 'roles', roles: [role as Role, 'supervisor'] };
  }
  return EVENT_RULES[type];
}

/** An account's roles from one fold position on. */
export interface AuthorityEntry {
  fromKey: string;
  roles: readonly Role[];
  active: boolean;
}

/** Each account's entries in ascending `fromKey`. */
export type Authority = ReadonlyMap<string, readonly AuthorityEntry[]>;

/** The account's roles just before `key`, or null when it did not exist then. */
export function authorityAt(authority: Authority, userId: string, key: string): AuthorityEntry | null {
  const entries = authority.get(userId);
  if (!entries) return null;
  let found: AuthorityEntry | null = null;
  for (const en of entries) {
    if (en.fromKey < key) found = en;
    else break;
  }
  return found;
}

/**
 * The verdict on an event that is not an account event: null when allowed, else why not. Events whose type
 * this build does not know are not judged here (they are parked until an upgrade).
 */
export function judgeEvent(e: StoredEvent, authority: Authority): DenialReason | null {
  if (!isKnownEventType(e.type)) return null;
  const rule = ruleFor(e, e.type);
  if (rule.kind === 'account') throw new Error(`${e.type} is judged by computeAuthority`);
  if (rule.kind === 'server') return e.deviceId === SERVER_DEVICE_ID ? null : 'server_only';
  if (e.deviceId === SEED_DEVICE_ID) return null; // built into every PC by the migrations
  if (rule.kind === 'survey') return judgeSurveyEvent(e, authority);
  if (e.actorId === null) return systemAllowed(e) ? null : 'no_actor';
  const a = authorityAt(authority, e.actorId, eventSortKey(e));
  if (!a) return 'unknown_actor';
  if (!a.active) return 'inactive_actor';
  if (rule.kind === 'staff') return null;
  return holdsAnyRole(a.roles, rule.roles) ? null : 'role_missing';
}

/** A survey event against `surveyEventAllowed`, with the actor's roles as of the event (none: no actor). */
function judgeSurveyEvent(e: StoredEvent, authority: Authority): DenialReason | null {
  const type = e.type as SurveyEventOrigin['type'];
  const signedBy = e.deviceId === SERVER_DEVICE_ID ? 'server' : 'workstation';
  let actorRoles: readonly Role[] | null = null;
  if (e.actorId !== null) {
    const a = authorityAt(authority, e.actorId, eventSortKey(e));
    if (!a) return 'unknown_actor';
    if (!a.active) return 'inactive_actor';
    actorRoles = a.roles;
  }
  let channel: Channel | undefined;
  if (type === 'survey.response_recorded') {
    const c = (e.payload as { channel?: unknown } | null)?.channel;
    channel = (CHANNELS as readonly unknown[]).includes(c) ? (c as Channel) : undefined;
  }
  if (surveyEventAllowed({ type, ...(channel ? { channel } : {}), actorRoles, signedBy })) return null;
  // Why not, in the terms the security alerts already use.
  if (signedBy === 'workstation' && (channel === 'qr' || (type === 'survey.response_recorded' && !channel))) return 'server_only';
  if (channel === 'kiosk' && actorRoles !== null) return 'named_actor';
  return actorRoles === null ? 'no_actor' : 'role_missing';
}

/** Events the system writes without a signed-in account: an export from the CLI (its OS account is named). */
function systemAllowed(e: StoredEvent): boolean {
  return e.type === 'report.exported' && (e.payload as { via?: unknown } | null)?.via === 'cli';
}

export function isAccountEvent(e: Pick<StoredEvent, 'type' | 'aggregateType'>): boolean {
  return isKnownEventType(e.type) && EVENT_TYPES[e.type].aggregate === 'user';
}

interface AccountState {
  roles: Role[];
  active: boolean;
}

/**
 * Folds the account events of the whole office in fold order, judging each against the roles folded so far:
 * the authority every other verdict is looked up in, and the verdicts on the account events themselves.
 *
 * - `user.created`: by an active supervisor; or by the new account itself when no account exists yet (the
 *   office's first supervisor, set up on the first PC before it ever joined the office);
 * - `user.roles_changed`, `user.disabled`, `user.enabled`: by an active supervisor;
 * - `user.password_changed`: by an active supervisor, or by the account itself while active.
 */
export function computeAuthority(accountEvents: readonly StoredEvent[]): { authority: Map<string, AuthorityEntry[]>; denied: Map<string, DenialReason> } {
  const sorted = [...accountEvents].sort(compareEvents);
  const accounts = new Map<string, AccountState>();
  const authority = new Map<string, AuthorityEntry[]>();
  const denied = new Map<string, DenialReason>();
  const isSupervisor = (id: string | null) => {
    const a = id ? accounts.get(id) : undefined;
    return !!a && a.active && holdsRole(a.roles, 'supervisor');
  };
  const record = (userId: string, key: string, s: AccountState) => {
    const list = authority.get(userId) ?? [];
    list.push({ fromKey: key, roles: s.roles, active: s.active });
    authority.set(userId, list);
  };
  for (const e of sorted) {
    const key = eventSortKey(e);
    const target = e.aggregateId;
    const current = accounts.get(target);
    let reason: DenialReason | null = null;
    if (e.actorId === null) reason = 'no_actor';
    else if (e.type === 'user.created') {
      if (current) continue; // a repeat of an existing account changes nothing, allowed or not
      if (isSupervisor(e.actorId)) reason = null;
      else if (e.actorId === target) reason = accounts.size === 0 ? null : 'bootstrap_taken';
      else reason = !accounts.has(e.actorId) ? 'unknown_actor' : accounts.get(e.actorId)!.active ? 'role_missing' : 'inactive_actor';
    } else if (e.type === 'user.password_changed' && e.actorId === target && current?.active) {
      reason = null;
    } else if (!isSupervisor(e.actorId)) {
      const a = accounts.get(e.actorId);
      reason = !a ? 'unknown_actor' : !a.active ? 'inactive_actor' : 'role_missing';
    }
    if (reason) {
      denied.set(e.id, reason);
      continue;
    }
    const p = e.payload as { roles?: Role[] };
    let next: AccountState | undefined;
    switch (e.type) {
      case 'user.created':
        next = { roles: p.roles ?? [], active: true };
        break;
      case 'user.roles_changed':
        if (current) next = { ...current, roles: p.roles ?? current.roles };
        break;
      case 'user.disabled':
        if (current) next = { ...current, active: false };
        break;
      case 'user.enabled':
        if (current) next = { ...current, active: true };
        break;
      default:
        break; // a password change does not change authority
    }
    if (next && (!current || next.active !== current.active || next.roles.join(',') !== current.roles.join(','))) {
      accounts.set(target, next);
      record(target, key, next);
    }
  }
  return { authority, denied };
}

/**
 * For each account whose authority differs between two computations: the first fold position from which
 * verdicts on its events may differ. Events by that actor sorting after it must be judged again.
 */
export function authorityChanges(before: Authority, after: Authority): Map<string, string> {
  const out = new Map<string, string>();
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(id) ?? [];
    const b = after.get(id) ?? [];
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const x = a[i];
      const y = b[i];
      if (x && y && x.fromKey === y.fromKey && x.active === y.active && x.roles.join(',') === y.roles.join(',')) continue;
      const keys = [x?.fromKey, y?.fromKey].filter((k): k is string => k !== undefined).sort();
      out.set(id, keys[0]!);
      break;
    }
  }
  return out;
}
