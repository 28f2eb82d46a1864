/**
 * The breach register (issue 15 item 6; UU 27/2022 Pasal 46): an incident on a workstation, its 3 × 24-hour
 * countdown, the visitors whose data it held and everywhere else that data is, the notices, and refusals.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PROXY_VISIT, signInAsSupervisor, startTestApp, type TestApp } from '../helpers';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.backend.close();
  app = null;
});

const HOUR = 3600_000;

describe('breach register', () => {
  it('counts down 3 × 24 hours from discovery, names the visitors and where their data is, records the notices', async () => {
    app = await startTestApp();
    await signInAsSupervisor(app);
    const x = await app.ok('visits.register', PROXY_VISIT);
    await app.ok('visits.register', {
      ...PROXY_VISIT,
      person: { id: null, name: 'Siti Aminah', nik: '6371015505920002', phone: '0813 4888 1234', email: '' },
      company: { ...PROXY_VISIT.company!, id: x.visit.vendor!.id },
    });
    // Nothing named: refused, nothing recorded.
    const empty = await app.call('privacy.recordBreach', { discoveredAt: app.clock.ms, title: 'Laptop hilang', description: '', deviceIds: [], exportIds: [] });
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.error.issues?.[0]?.message).toBe('Pilih minimal satu komputer atau berkas ekspor yang terdampak.');
    expect((await app.ok('privacy.breaches', {})).breaches).toEqual([]);

    const discoveredAt = app.clock.ms - 10 * HOUR;
    const { devices } = await app.ok('privacy.breaches', {});
    expect(devices.map((d) => d.name)).toContain('Komputer ini');
    const { breachId } = await app.ok('privacy.recordBreach', {
      discoveredAt,
      title: 'Komputer loket dicuri',
      description: 'Unit PC loket 1 hilang dari ruang layanan pada malam hari.',
      deviceIds: [app.backend.ctx.deviceId],
      exportIds: [],
    });
    let b = (await app.ok('privacy.breaches', {})).breaches[0]!;
    expect(b.deadline).toBe(discoveredAt + 72 * HOUR);
    expect(b.remainingMs).toBe(62 * HOUR);
    expect(b.late).toBe(false);
    expect(b.affectedVisitors).toBe(2);
    expect(b.alsoHeldBy.devices.map((d) => d.deviceId)).toContain(app.backend.ctx.deviceId);
    expect(b.alsoHeldBy.server).toBe(false);

    // An erased visitor is no longer among those to notify.
    await app.ok('privacy.erase', { personId: x.visit.person.id, note: 'Permintaan tertulis pemohon' });
    expect((await app.ok('privacy.breaches', {})).breaches[0]!.affectedVisitors).toBe(1);

    app.clock.advance(70 * 60); // past the deadline, nobody notified yet
    await signInAsSupervisor(app);
    b = (await app.ok('privacy.breaches', {})).breaches[0]!;
    expect(b.late).toBe(true);
    expect(b.remainingMs).toBeLessThan(0);
    await app.ok('privacy.notifyBreach', { breachId, recipient: 'subjects', note: 'Surat kepada 1 pemohon' });
    await app.ok('privacy.notifyBreach', { breachId, recipient: 'authority', note: null });
    b = (await app.ok('privacy.breaches', {})).breaches[0]!;
    expect(b.notifiedSubjectsAt).not.toBeNull();
    expect(b.notifiedAuthorityAt).not.toBeNull();
    expect(b.late).toBe(true); // notified, but after the 3 × 24 hours: it stays on record as late
    const unknown = await app.call('privacy.notifyBreach', { breachId: x.visit.visit.id, recipient: 'subjects', note: null });
    expect(unknown.ok).toBe(false);
  });
});
