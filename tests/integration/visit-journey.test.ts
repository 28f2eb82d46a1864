import { afterEach, describe, expect, it } from 'vitest';
import { PROXY_VISIT, signInAsSupervisor, startTestApp, tickAll, type TestApp } from '../helpers';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.backend.close();
  app = null;
});


describe('visit journey through the contract', () => {
  it('registers a proxy visitor, returns the file incomplete, resumes after a restart and hands it over', async () => {
    app = await startTestApp();
    await signInAsSupervisor(app);
    const reg = await app.ok('visits.register', PROXY_VISIT);
    const visitId = reg.visit.visit.id;
    expect(reg.visit.visit.status).toBe('registered');
    expect(reg.visit.checklist.map((c) => c.code)).toContain('surat_kuasa');

    await app.ok('visits.startChecklist', { visitId });
    await tickAll(app, visitId, ['surat_kuasa'], '2027-12-31');
    const returned = await app.ok('visits.returnIncomplete', { visitId, note: 'Surat kuasa belum dibawa' });
    expect(returned.visit.status).toBe('returned');
    expect(returned.returns[0]!.missing.map((m) => m.itemCode)).toEqual(['surat_kuasa']);

    // Restart: close the backend and open the same data folder again.
    const { dataDir, clock } = app;
    await app.backend.close();
    clock.advance(3 * 24 * 60);
    app = await startTestApp({ dataDir, clock });
    await signInAsSupervisor(app);
    const found = await app.ok('lookup.search', { query: '01.312' });
    expect(found.vendors.map((v) => v.name)).toEqual(['CV Sumber Rejeki Banua']);
    expect(found.vendors[0]!.openReturnedVisits).toBe(1);

    await app.ok('visits.resume', { visitId });
    const refused = await app.call('visits.handOver', { visitId });
    expect(refused.ok).toBe(false);
    await app.ok('visits.markItem', { visitId, itemCode: 'surat_kuasa', originalSeen: true, copyReceived: false, validUntil: null, meteraiOk: true, notBrought: false, note: '' });
    const handed = await app.ok('visits.handOver', { visitId });
    expect(handed.visit.status).toBe('handed_over');
    expect(handed.visit.handedOverTo).toBe('verifier');
    expect(handed.visit.receiptNo).toMatch(/^TT-20261129-[0-9A-F]{6}-001$/);
    expect(handed.timeline.map((t) => t.type)).toContain('visit.returned');
  });

  it('rejects bad input with Indonesian field messages and writes nothing', async () => {
    app = await startTestApp();
    await signInAsSupervisor(app);
    const before = app.backend.ctx.sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number };
    const bad = await app.call('visits.register', { ...PROXY_VISIT, person: { ...PROXY_VISIT.person, nik: '6371011399900001' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('invalid_input');
      expect(bad.error.issues?.some((i) => i.path === 'person.nik')).toBe(true);
    }
    const after = app.backend.ctx.sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number };
    expect(after.n).toBe(before.n);
  });
});
