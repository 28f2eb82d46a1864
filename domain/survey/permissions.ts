/**
 * Who may record each survey event — written as data so the permission check decided in the fold (issue 10)
 * can use it as it is. Pure.
 *
 * - `survey.token_issued`: a staff member who serves at the counter (the receipt printed, or the kiosk started).
 * - `survey.response_recorded`:
 *     kiosk  — no actor (the respondent is anonymous; naming the staff member who opened the kiosk would narrow
 *              who answered): valid from any enrolled workstation of the office;
 *     paper, import — the staff member who typed or imported the questionnaires;
 *     qr     — the central server's own identity only (phase 2: server-authored responses).
 * - `survey.plan_set`: the supervisor.
 */
import type { Role } from '../events/schema';
import { holdsAnyRole } from '../roles';
import type { Channel } from './questionnaire';

export const SURVEY_STAFF: readonly Role[] = ['helpdesk', 'verifier', 'sysadmin', 'supervisor'];

export type SurveyAuthor = { kind: 'staff'; roles: readonly Role[] } | { kind: 'anonymous_workstation' } | { kind: 'server' };

export const RESPONSE_AUTHOR: Record<Channel, SurveyAuthor> = {
  kiosk: { kind: 'anonymous_workstation' },
  paper: { kind: 'staff', roles: SURVEY_STAFF },
  import: { kind: 'staff', roles: SURVEY_STAFF },
  qr: { kind: 'server' },
};

export const SURVEY_EVENT_AUTHOR = {
  'survey.token_issued': { kind: 'staff', roles: SURVEY_STAFF },
  'survey.plan_set': { kind: 'staff', roles: ['supervisor'] },
} as const satisfies Record<string, SurveyAuthor>;

export interface SurveyEventOrigin {
  type: 'survey.token_issued' | 'survey.response_recorded' | 'survey.plan_set';
  /** For a response: its channel. */
  channel?: Channel;
  /** The actor's roles as the fold knows them at the event, or null when the event has no actor. */
  actorRoles: readonly Role[] | null;
  /** Whether the event was signed by a workstation of the office or by the central server itself. */
  signedBy: 'workstation' | 'server';
}

/** The rule above as a predicate. */
export function surveyEventAllowed(o: SurveyEventOrigin): boolean {
  const author: SurveyAuthor =
    o.type === 'survey.response_recorded' ? (o.channel ? RESPONSE_AUTHOR[o.channel] : { kind: 'server' }) : SURVEY_EVENT_AUTHOR[o.type];
  switch (author.kind) {
    case 'anonymous_workstation':
      return o.signedBy === 'workstation' && o.actorRoles === null;
    case 'server':
      return o.signedBy === 'server';
    case 'staff':
      return o.signedBy === 'workstation' && !!o.actorRoles && holdsAnyRole(o.actorRoles, author.roles);
  }
}
