import { afterAll, describe, expect, it } from 'vitest';
import { startTestApp, signInAsSupervisor, PROXY_VISIT, type TestApp } from '../tests/helpers';
import { searchPersons, searchVendors } from './queries';

let app: TestApp;
afterAll(async () => app?.backend.close());

describe('type-ahead', () => {
  it('finds companies by the start of the name first, then by any fragment, and by NPWP prefix', async () => {
    app = await startTestApp();
    await signInAsSupervisor(app);
    const names = ['CV Banua Jaya', 'PT Cahaya Banua Abadi', 'CV Sumber Rejeki Banua', 'CV Bintang Timur'];
    const npwps = ['013121660091000', '021832415000000', '013121660091001', '027777777000000'];
    for (let i = 0; i < names.length; i++) {
      await app.ok('visits.register', {
        ...PROXY_VISIT,
        person: { ...PROXY_VISIT.person, nik: `637101150390000${i + 1}` },
        company: { ...PROXY_VISIT.company!, name: names[i]!, npwp: npwps[i]!, legalForm: names[i]!.startsWith('PT') ? 'PT' : 'CV' },
      });
    }
    const db = app.backend.ctx.db;
    expect((await searchVendors(db, 'cv b')).map((v) => v.name)).toEqual(['CV Banua Jaya', 'CV Bintang Timur']);
    // A fragment anywhere in the name, sorted by name.
    expect((await searchVendors(db, 'banua')).map((v) => v.name)).toEqual(['CV Banua Jaya', 'CV Sumber Rejeki Banua', 'PT Cahaya Banua Abadi']);
    // Prefix matches come first, then fragment matches, without duplicates.
    expect((await searchVendors(db, 'cv ban')).map((v) => v.name)).toEqual(['CV Banua Jaya']);
    expect((await searchVendors(db, 'bin')).map((v) => v.name)).toEqual(['CV Bintang Timur']);
    expect((await searchVendors(db, 'cahaya banua')).map((v) => v.name)).toEqual(['PT Cahaya Banua Abadi']);
    expect((await searchVendors(db, '01.312.166')).map((v) => v.npwp)).toEqual(['013121660091000', '013121660091001']);
    expect(await searchVendors(db, '0')).toEqual([]);
    expect((await searchPersons(db, '6371011503900002')).map((p) => p.nik)).toEqual(['6371011503900002']);
    expect((await searchPersons(db, 'rahmat')).length).toBe(4);
  });
});
