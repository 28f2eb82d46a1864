/**
 * Issue 14, item 2: a visit shows the procedure, guarantees, product and fee of the catalogue version it
 * started with, also after a later version changes them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PERWALI_67_2018 } from '../../domain/catalogue/perwali-67-2018';
import type { Catalogue } from '../../domain/catalogue/types';
import { witaDateTimeToMs } from '../../domain/time/wita';
import { signInAsSupervisor, startTestApp, type TestApp } from '../helpers';
import { addStaff, registerVisit, signInAs } from '../desks/desk-helpers';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.backend.close();
  app = null;
});

describe('the standard a visit is served by (issue 14)', () => {
  it('keeps the procedure and guarantees of version 1 for a visit started under it, after version 2 changes them', async () => {
    app = await startTestApp();
    await signInAsSupervisor(app);
    await addStaff(app, 'helpdesk1', ['helpdesk'], 'Helpdesk');
    await signInAs(app, 'helpdesk1');
    const underV1 = await registerVisit(app, 'aktivasi_user_id');
    const v1 = PERWALI_67_2018.services[0]!;
    const before = (await app.ok('visits.get', { visitId: underV1 })).service!;
    expect(before.procedure).toEqual(v1.procedure);
    expect(before.serviceGuarantee).toEqual(v1.serviceGuarantee);
    expect(before.product).toBe(v1.product);
    expect(before.fee).toBe('Gratis');

    await signInAsSupervisor(app);
    const draft = (await app.ok('catalogue.startDraft', {})).draft!.catalogue;
    const changed: Catalogue = {
      ...draft,
      services: draft.services.map((s, i) => (i === 0 ? { ...s, procedure: ['Penyedia mengajukan aktivasi secara daring.', 'Verifikator memeriksa dan mengaktifkan.'], serviceGuarantee: ['Diaktifkan dalam 15 menit.'] } : s)),
    };
    await app.ok('catalogue.saveDraft', { catalogue: changed, note: '' });
    await app.ok('catalogue.publishDraft', { source: 'Peraturan Walikota Banjarmasin Nomor 12 Tahun 2026', effectiveFrom: '2026-12-01', note: '' });

    app.clock.ms = witaDateTimeToMs('2026-12-01', '08:30');
    await signInAs(app, 'helpdesk1');
    const underV2 = await registerVisit(app, 'aktivasi_user_id');
    const now = (await app.ok('visits.get', { visitId: underV2 })).service!;
    expect(now.catalogueVersion).toBe(2);
    expect(now.procedure).toEqual(['Penyedia mengajukan aktivasi secara daring.', 'Verifikator memeriksa dan mengaktifkan.']);
    expect(now.serviceGuarantee).toEqual(['Diaktifkan dalam 15 menit.']);
    const still = (await app.ok('visits.get', { visitId: underV1 })).service!;
    expect(still.catalogueVersion).toBe(1);
    expect(still.procedure).toEqual(v1.procedure);
    expect(still.serviceGuarantee).toEqual(v1.serviceGuarantee);
  });
});
