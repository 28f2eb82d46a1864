import { describe, expect, it } from 'vitest';
import { PROXY_VISIT } from '../helpers';
import { enroll, SERVER_KINDS, setUpSupervisor, signIn, startPc, TestSyncServer, syncBed } from './harness';
import { expectConverged } from './converge';

const bed = syncBed();

describe.each(SERVER_KINDS)('basic sync (%s server)', (kind) => {
  it('A records a visit, B (a fresh PC) joins the office, gets the accounts and sees the visit', async () => {
    const server = (bed.server = await TestSyncServer.start(kind));
    const { officeId, code } = await server.createOffice('LPSE Kota Banjarmasin');
    const a = await startPc('A');
    const b = await startPc('B');
    bed.pcs.push(a, b);
    await setUpSupervisor(a);
    const reg = await a.ok('visits.register', PROXY_VISIT);
    await enroll(a, server.url, code);
    const sa = await a.sync();
    expect(sa.state).toBe('online');
    expect(sa.pendingCount).toBe(0);

    // B has no account: it may join the office (first run), then pulls the accounts and the visit.
    await enroll(b, server.url, await server.newCode(officeId));
    const sb = await b.sync();
    expect(sb.state).toBe('online');
    await signIn(b);
    const seen = await b.ok('visits.get', { visitId: reg.visit.visit.id });
    expect(seen.visit.visitorName).toBe('Rahmat Hidayat');
    await expectConverged(server, officeId, [a, b]);
  });
});
