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

describe('open returned files per company (type-ahead)', () => {
  it('reads the companies through the vendor index, not every returned visit through the status index', async () => {
    const { Kysely, SqliteDialect } = await import('kysely');
    const { openReturnedVisitCounts } = await import('./queries');
    const a = await startTestApp();
    try {
      const { sqlite } = a.backend.ctx;
      // The same connection, with the compiled statement captured.
      const seen: { sql: string; parameters: readonly unknown[] }[] = [];
      const logged = new Kysely<import('./schema').DB>({ dialect: new SqliteDialect({ database: sqlite }), log: (e) => {
        seen.push(e.query);
      } });
      const ids = Array.from({ length: 10 }, (_, i) => `019ad000-0000-7000-8000-00000000000${i}`);
      expect((await openReturnedVisitCounts(logged, ids)).size).toBe(0);
      const q = seen.at(-1)!;
      const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.parameters) as { detail: string }[]).map((r) => r.detail).join('; ');
      // SQLite 3.53 without statistics picked visits_by_status: 50 ms per keystroke on 110,000 visits.
      expect(plan).toContain('visits_by_vendor');
      expect(plan).not.toContain('visits_by_status');
    } finally {
      await a.backend.close();
    }
  });

  it('counts only returned visits, per company', async () => {
    const a = await startTestApp();
    try {
      await signInAsSupervisor(a);
      const reg = await a.ok('visits.register', PROXY_VISIT);
      const vendorId = reg.visit.vendor!.id;
      const { openReturnedVisitCounts } = await import('./queries');
      expect((await openReturnedVisitCounts(a.backend.ctx.db, [vendorId])).get(vendorId)).toBeUndefined();
      a.backend.ctx.sqlite.prepare("UPDATE visits SET status = 'returned' WHERE id = ?").run(reg.visit.visit.id);
      expect((await openReturnedVisitCounts(a.backend.ctx.db, [vendorId])).get(vendorId)).toBe(1);
    } finally {
      await a.backend.close();
    }
  });
});
