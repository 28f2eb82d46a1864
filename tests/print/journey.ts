/** Drives a visit through the contract for the print and report tests. */
import { tickAll as tickAllBase } from '../helpers';
import type { InputOf } from '../../contract/api';
import { PROXY_VISIT, signInAsSupervisor, type TestApp } from '../helpers';

export async function signInAs(app: TestApp, username: string, displayName: string, roles: InputOf<'users.create'>['roles']): Promise<void> {
  await signInAsSupervisor(app);
  const existing = await app.ok('users.list', {});
  if (!existing.users.some((u) => u.username === username)) {
    await app.ok('users.create', { username, displayName, roles, password: 'rahasia-12345' });
  }
  app.token = (await app.ok('auth.signIn', { username, password: 'rahasia-12345' })).token;
}

/** Ticks every applicable item as received, except `notBrought`; licences valid until the end of 2027. */
export const tickAll = (app: TestApp, visitId: string, notBrought: string[] = []) => tickAllBase(app, visitId, notBrought, '2027-12-31');

/** A proxy visit returned once for a missing power of attorney, then completed and handed over. */
export async function handedOverVisit(app: TestApp, input: InputOf<'visits.register'> = PROXY_VISIT): Promise<{ visitId: string; receiptNo: string; labels: string[] }> {
  const reg = await app.ok('visits.register', input);
  const visitId = reg.visit.visit.id;
  await app.ok('visits.startChecklist', { visitId });
  await tickAll(app, visitId, ['surat_kuasa']);
  await app.ok('visits.returnIncomplete', { visitId, note: 'Surat kuasa belum dibawa' });
  app.clock.advance(60);
  await app.ok('visits.resume', { visitId });
  await app.ok('visits.markItem', { visitId, itemCode: 'surat_kuasa', originalSeen: true, copyReceived: false, validUntil: null, meteraiOk: true, notBrought: false, note: '' });
  const handed = await app.ok('visits.handOver', { visitId });
  return { visitId, receiptNo: handed.visit.receiptNo!, labels: handed.checklist.map((c) => c.label) };
}
