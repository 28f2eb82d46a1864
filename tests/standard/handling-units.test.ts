/**
 * Issue 14: handling units are catalogue data. A published version adding "Pengaduan Layanan SPSE" with a NEW
 * unit "Unit Layanan Pengaduan" (served by verifiers) lets a visit be handed over to that unit's desk, appear in
 * its desk list and in the waiting room's verifier queue, print "Diteruskan kepada Unit Layanan Pengaduan" on
 * the receipt, and stay out of the system admin's reach — with no code for that unit. A draft whose service
 * names an unknown unit is refused with the field named; files handed over under version 1 (payload
 * `to: 'verifier'`) keep their desk.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Catalogue, ServiceDefinition } from '../../domain/catalogue/types';
import { addStaff, at, handedOverFile, signInAs } from '../desks/desk-helpers';
import { signInAsSupervisor, startTestApp, type TestApp } from '../helpers';
import { resetPasswordService } from './fixtures';

let app: TestApp;
beforeEach(async () => {
  app = await startTestApp();
  at(app, '2026-12-01', '08:30');
  await signInAsSupervisor(app);
});
afterEach(async () => {
  await app.backend.close();
});

const UNIT = { code: 'unit_layanan_pengaduan', name: 'Unit Layanan Pengaduan', roles: ['verifier' as const] };

function complaintService(c: Catalogue): ServiceDefinition {
  return { ...resetPasswordService(c), code: 'pengaduan_layanan_spse', name: 'Pengaduan Layanan SPSE', shortName: 'Pengaduan SPSE', handlerRole: UNIT.code };
}

describe('a handling unit added by a catalogue version (issue 14)', () => {
  it('gets its desk, queue, receipt line and access from the catalogue alone', async () => {
    await addStaff(app, 'verif1', ['verifier'], 'Budi Verifikator');
    await addStaff(app, 'admin1', ['sysadmin'], 'Andi Admin Sistem');
    await addStaff(app, 'kabag', ['kepala_bagian'], 'Drs. H. Kabag');
    await signInAsSupervisor(app);
    // A file handed over under version 1 goes to the seeded verifier desk (payload `to: 'verifier'`).
    const old = await handedOverFile(app, 'aktivasi_user_id');

    const draft = (await app.ok('catalogue.startDraft', {})).draft!.catalogue;
    // A service naming a unit the version does not have is refused, naming the service and the field.
    const unknown = await app.call('catalogue.saveDraft', { catalogue: { ...draft, services: [...draft.services, complaintService(draft)] }, note: '' });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) {
      expect(unknown.error.issues?.map((i) => i.path)).toEqual(['services.7.handlerRole']);
      expect(unknown.error.message).toContain('Layanan 8 (Pengaduan Layanan SPSE), Ditangani oleh (unit penanganan): unit penanganan "unit_layanan_pengaduan" tidak dikenal');
    }
    // A unit without anyone to serve it is refused too.
    const nobody = await app.call('catalogue.saveDraft', { catalogue: { ...draft, handlingUnits: [{ ...UNIT, roles: [] }], services: draft.services }, note: '' });
    expect(nobody.ok ? [] : nobody.error.issues?.map((i) => i.message)).toContain('Unit penanganan ke-1 (Unit Layanan Pengaduan), dilayani oleh: pilih minimal satu peran petugas yang melayani.');

    const units = [
      { code: 'verifier', name: 'Verifikator', roles: ['verifier' as const], deskTitle: 'Meja Verifikator' },
      { code: 'sysadmin', name: 'Admin Sistem', roles: ['sysadmin' as const], deskTitle: 'Kasus Admin Sistem' },
      UNIT,
    ];
    const saved = await app.ok('catalogue.saveDraft', { catalogue: { ...draft, handlingUnits: units, services: [...draft.services, complaintService(draft)] }, note: '' });
    expect(saved.draft!.changes.map((c) => [c.kind, c.name, c.subject ?? 'service'])).toEqual([
      ['added', 'Pengaduan Layanan SPSE', 'service'],
      ['added', 'Unit penanganan Unit Layanan Pengaduan', 'unit'],
    ]);
    await signInAs(app, 'kabag');
    expect((await app.ok('catalogue.publishDraft', { source: 'Peraturan Walikota Banjarmasin Nomor 12 Tahun 2026', effectiveFrom: '2026-12-01', note: '' })).version).toBe(2);

    // The helpdesk (here the supervisor) serves a visit for the new service: handed over to the new unit.
    await signInAsSupervisor(app);
    app.clock.advance(5);
    const visitId = await handedOverFile(app, 'pengaduan_layanan_spse');
    const detail = await app.ok('visits.get', { visitId });
    expect([detail.visit.handedOverTo, detail.visit.handedOverToName, detail.service?.handlerName]).toEqual([UNIT.code, UNIT.name, UNIT.name]);
    expect(detail.timeline.map((t) => t.summary)).toContainEqual(expect.stringContaining('Berkas diserahkan ke Unit Layanan Pengaduan (tanda terima'));

    // The receipt names the unit.
    const receipt = await app.ok('print.render', { kind: 'receipt', visitId, layout: 'a4', returnNo: null });
    expect(receipt.html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')).toContain('Diteruskan kepada : Unit Layanan Pengaduan');

    // A verifier sees the new desk, its list holds the file (and not the old one), and can take it.
    await signInAs(app, 'verif1');
    const desks = await app.ok('desk.units', {});
    expect(desks.units.map((u) => [u.code, u.title, u.canServe, u.seeded])).toEqual([
      ['verifier', 'Meja Verifikator', true, true],
      ['sysadmin', 'Kasus Admin Sistem', false, true],
      [UNIT.code, 'Meja Unit Layanan Pengaduan', true, false],
    ]);
    const queue = await app.ok('desk.queue', { desk: UNIT.code, view: 'open', limit: 200 });
    expect(queue.rows.map((r) => [r.visitId, r.handedOverTo, r.serviceName])).toEqual([[visitId, UNIT.code, 'Pengaduan SPSE']]);
    expect((await app.ok('desk.queue', { desk: 'verifier', view: 'open', limit: 200 })).rows.map((r) => r.visitId)).toEqual([old]);
    const claimed = await app.ok('desk.claim', { visitId });
    expect([claimed.status, claimed.handedOverToName, claimed.canWork]).toEqual(['in_process', UNIT.name, true]);

    // The waiting room calls its visitor at the verifier's counter.
    const board = await app.ok('queue.board', {});
    expect(board.queues.verifier.flatMap((t) => t.visitIds)).toContain(visitId);
    expect(board.queues.sysadmin.flatMap((t) => t.visitIds)).not.toContain(visitId);

    // Completed at the unit's desk, it counts for the verifier in the monthly report and the staff evaluation.
    app.clock.advance(10);
    expect((await app.ok('desk.complete', { visitId, note: 'Pengaduan ditindaklanjuti.' })).status).toBe('completed');
    await signInAsSupervisor(app);
    const report = await app.ok('report.monthly', { month: '2026-12' });
    expect(report.services.find((s) => s.code === 'pengaduan_layanan_spse')).toMatchObject({ visits: 1, handedOver: 1, completed: 1 });
    expect(report.staff.find((s) => s.name === 'Budi Verifikator')).toMatchObject({ finished: 1, completed: 1, finishedInTime: 1 });
    const evaluation = await app.ok('evaluation.month', { month: '2026-12' });
    expect(evaluation.officers.find((o) => o.name === 'Budi Verifikator')).toMatchObject({ finished: 1, completed: 1, finishedInTime: 1 });

    // The system admin serves neither the unit's desk nor its files; an unknown desk is named.
    await signInAs(app, 'admin1');
    expect((await app.ok('desk.units', {})).units.find((u) => u.code === UNIT.code)?.canServe).toBe(false);
    const denied = await app.call('desk.queue', { desk: UNIT.code, view: 'open', limit: 200 });
    expect(denied.ok ? 'allowed' : [denied.error.code, denied.error.message]).toEqual(['forbidden', 'Antrean ini untuk Unit Layanan Pengaduan.']);
    const deniedFile = await app.call('desk.get', { visitId });
    expect(deniedFile.ok ? 'allowed' : deniedFile.error.code).toBe('forbidden');
    const noDesk = await app.call('desk.queue', { desk: 'meja_tidak_ada', view: 'open', limit: 200 });
    expect(noDesk.ok ? 'allowed' : noDesk.error.message).toBe('Meja "meja_tidak_ada" tidak dikenal dalam katalog layanan.');
  });
});
