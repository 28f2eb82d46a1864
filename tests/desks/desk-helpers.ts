/** Helpers of the desk tests: staff accounts, switching users, a handed-over file at a chosen time. */
import type { Role } from '../../domain/events/schema';
import { witaDateTimeToMs } from '../../domain/time/wita';
import { PROXY_VISIT, signInAsSupervisor, type TestApp } from '../helpers';

export const PASSWORD = 'rahasia-123';

export async function addStaff(app: TestApp, username: string, roles: Role[], displayName = username): Promise<string> {
  const keep = app.token;
  await signInAsSupervisor(app);
  const u = await app.ok('users.create', { username, displayName, roles, password: PASSWORD });
  app.token = keep ?? app.token;
  return u.id;
}

export async function signInAs(app: TestApp, username: string): Promise<void> {
  const s = await app.ok('auth.signIn', { username, password: PASSWORD });
  app.token = s.token;
}

/** Sets the test clock to a WITA wall time, e.g. at(app, '2025-08-15', '15:55'). */
export function at(app: TestApp, isoDate: string, hhmm: string): number {
  app.clock.ms = witaDateTimeToMs(isoDate, hhmm);
  return app.clock.ms;
}

const known = new WeakMap<TestApp, { vendorId: string; personId: string }>();

/** Registers a visit for `serviceCode` as the current user (reusing the same company and applicant). */
export async function registerVisit(app: TestApp, serviceCode: string): Promise<string> {
  const k = known.get(app);
  const input = k
    ? {
        ...PROXY_VISIT,
        serviceCode,
        person: { ...PROXY_VISIT.person, id: k.personId },
        company: { ...PROXY_VISIT.company!, id: k.vendorId },
      }
    : { ...PROXY_VISIT, serviceCode };
  const reg = await app.ok('visits.register', input);
  if (!k) known.set(app, { vendorId: reg.visit.vendor!.id, personId: reg.visit.person.id });
  return reg.visit.visit.id;
}

import { tickAll } from '../helpers';
export { tickAll };

/** Registers, checks and hands over a complete file; the handover happens at the clock's current time. */
export async function handedOverFile(app: TestApp, serviceCode: string): Promise<string> {
  const visitId = await registerVisit(app, serviceCode);
  await app.ok('visits.startChecklist', { visitId });
  await tickAll(app, visitId);
  await app.ok('visits.handOver', { visitId });
  return visitId;
}

export function eventCount(app: TestApp): number {
  return (app.backend.ctx.sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
}
