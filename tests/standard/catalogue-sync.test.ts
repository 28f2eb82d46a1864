/**
 * Issue 14: a catalogue version published at one PC for a later date takes effect on that date at every
 * PC, through sync, and changes nothing before it.
 */
import { describe, expect, it } from 'vitest';
import { witaDateTimeToMs } from '../../domain/time/wita';
import { enroll, SERVER_KINDS, setUpSupervisor, signIn, startPc, TestSyncServer, syncBed } from '../sync/harness';
import { expectConverged } from '../sync/converge';
import { freshVisit } from '../sync/workload';
import { resetPasswordService } from './fixtures';

const PASSWORD = 'rahasia-123';
const bed = syncBed();

describe.each(SERVER_KINDS)('catalogue version by date on two workstations (%s server)', (kind) => {
  it('published at A for 1 December: nothing changes before it, everything after it, at A and at B', async () => {
    const server = (bed.server = await TestSyncServer.start(kind));
    const { officeId, code } = await server.createOffice('LPSE Kota Banjarmasin');
    const a = await startPc('A');
    const b = await startPc('B');
    bed.pcs.push(a, b);
    await setUpSupervisor(a); // both heads
    await a.ok('users.create', { username: 'helpdesk1', displayName: 'Siti Helpdesk', roles: ['helpdesk'], password: PASSWORD });
    await enroll(a, server.url, code);
    await a.sync();
    await enroll(b, server.url, await server.newCode(officeId));
    await b.sync();

    const draft = (await a.ok('catalogue.startDraft', {})).draft!.catalogue;
    await a.ok('catalogue.saveDraft', { catalogue: { ...draft, services: [...draft.services, resetPasswordService(draft)] }, note: '' });
    await a.ok('catalogue.publishDraft', { source: 'Peraturan Walikota Banjarmasin Nomor 12 Tahun 2026', effectiveFrom: '2026-12-01', note: '' });
    await a.sync();
    await b.sync();

    for (const pc of [a, b]) {
      await signIn(pc, 'helpdesk1', PASSWORD);
      expect((await pc.ok('catalogue.active', {})).version).toBe(1);
      const r = await pc.call('visits.register', { ...freshVisit(), serviceCode: 'reset_password_user_id' });
      expect(r.ok).toBe(false);
    }
    for (const pc of [a, b]) {
      pc.clock.ms = witaDateTimeToMs('2026-12-01', '08:00');
      await signIn(pc, 'helpdesk1', PASSWORD);
      expect((await pc.ok('catalogue.active', {})).version).toBe(2);
      const v = await pc.ok('visits.register', { ...freshVisit(), serviceCode: 'reset_password_user_id' });
      expect(v.visit.service?.catalogueVersion).toBe(2);
      expect(v.visit.service?.name).toBe('Reset Password User ID');
    }
    await a.sync();
    await b.sync();
    await a.sync();
    await expectConverged(server, officeId, [a, b]);
  });
});
