/**
 * Issue 14 (Perwali 67/2018 Pasal 7: the maklumat is published widely): the maklumat signed at a workstation
 * reaches the central server by sync and shows on the office's public start page and at
 * /kantor/<slug>/maklumat; a draft, or an "approval" recorded by a Kepala Sub Bagian (denied in the fold
 * the server applies too), shows nothing.
 */
import { describe, expect, it } from 'vitest';
import { recordEvents } from '../../backend/record';
import { MAKLUMAT_ID } from '../../domain/events/standard-events';
import { setOfficePublicPages } from '../../server/public/office-admin';
import { TestClock, THU_0900_WITA } from '../helpers';
import { enroll, SERVER_KINDS, setUpSupervisor, signIn, startPc, TestSyncServer, syncBed } from '../sync/harness';

const PASSWORD = 'rahasia-123';
const SLUG = 'lpse-banjarmasin';
const bed = syncBed();

async function page(path: string): Promise<{ status: number; body: string }> {
  const res = await fetch(new URL(path, bed.server!.url));
  return { status: res.status, body: await res.text() };
}

describe.each(SERVER_KINDS)('the maklumat on the public page (%s server)', (kind) => {
  it('shows the version the Kepala Bagian signed, never a draft or a denied approval', async () => {
    const clock = new TestClock(THU_0900_WITA);
    const server = (bed.server = await TestSyncServer.start(kind, { now: clock.now }));
    const { officeId, code } = await server.createOffice('LPSE Kota Banjarmasin');
    await setOfficePublicPages(server.database.db, officeId, { slug: SLUG, on: true });
    const a = await startPc('A', { clock });
    bed.pcs.push(a);
    await setUpSupervisor(a);
    const kasubbag = (await a.ok('users.create', { username: 'subbag1', displayName: 'Rina Kasubbag', roles: ['kepala_subbagian'], password: PASSWORD })).id;
    await a.ok('users.create', { username: 'kabag1', displayName: 'Drs. H. Ahmad Kabag', roles: ['kepala_bagian'], password: PASSWORD });
    await enroll(a, server.url, code);

    await signIn(a, 'subbag1', PASSWORD);
    const p = (await a.ok('maklumat.view', {})).proposal;
    await a.ok('maklumat.saveDraft', p);
    await recordEvents(a.backend.ctx, kasubbag, [
      { type: 'maklumat.approved', aggregateId: MAKLUMAT_ID, payload: { version: 1, effectiveFrom: '2026-11-26', signerName: 'Rina Kasubbag', signerNip: null } },
    ]);
    await a.sync();
    const before = await page(`/kantor/${SLUG}`);
    expect(before.status).toBe(200);
    expect(before.body).not.toContain('MAKLUMAT PELAYANAN');
    expect((await page(`/kantor/${SLUG}/maklumat`)).status).toBe(404);

    await signIn(a, 'kabag1', PASSWORD);
    await a.ok('maklumat.approve', { version: 1, effectiveFrom: '2026-11-26', signerName: 'Drs. H. Ahmad Kabag', signerNip: '197001011995031001' });
    await a.sync();
    const start = await page(`/kantor/${SLUG}`);
    expect(start.body).toContain('MAKLUMAT PELAYANAN');
    expect(start.body).toContain('melakukan perbaikan secara terus-menerus');
    expect(start.body).toContain('Drs. H. Ahmad Kabag');
    expect(start.body).not.toContain('Rina Kasubbag');
    const full = await page(`/kantor/${SLUG}/maklumat`);
    expect(full.status).toBe(200);
    expect(full.body).toContain('Bersedia menerima sanksi dan/atau memberikan kompensasi');
    expect(full.body).toContain('NIP. 197001011995031001');
    expect(full.body).toContain('Berlaku sejak 26 November 2026 (versi 1)');
  });
});
