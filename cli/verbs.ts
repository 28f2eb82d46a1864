/**
 * The verbs of `npm run cli -- <verb>`. To add one: write `cli/verbs/<name>.ts` exporting a `defineVerb({...})`
 * and add it to this list (one line). Order here is the order of the help listing.
 */
import type { Verb } from './verb';
import { catalogueVerb } from './verbs/catalogue';
import { demoDataVerb } from './verbs/demo-data';
import { usersVerb } from './verbs-staff';
import { calendarVerb } from './verbs/calendar';
import { reportVerb } from './verbs-report';
import { complaintsVerb } from './verbs/complaints';
import { ikmVerb, surveyVerb } from './verbs/survey';
import { dbVerb } from './verbs/db';
import { privacyVerb } from './verbs/privacy';

export const VERBS: Verb[] = [
  catalogueVerb,
  demoDataVerb,
  usersVerb,
  calendarVerb,
  reportVerb,
  complaintsVerb,
  surveyVerb,
  ikmVerb,
  dbVerb,
  privacyVerb,
];

/** For verbs registered from elsewhere (e.g. a plug-in area that cannot edit this file). */
export function registerVerb(verb: Verb): void {
  if (VERBS.some((v) => v.name === verb.name)) throw new Error(`CLI verb registered twice: ${verb.name}`);
  VERBS.push(verb);
}

export function findVerb(name: string): Verb | undefined {
  return VERBS.find((v) => v.name === name);
}
