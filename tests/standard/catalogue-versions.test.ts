/**
 * Issue 14, item 1: catalogue versions drafted, checked, compared and published with an effective date
 * through the contract; visits keep the version they started under; the regulation's roles decide who
 * publishes and who uses Pasal 6 discretion.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../domain/catalogue/types';
import { resetPasswordService } from './fixtures';
import { witaDateTimeToMs } from '../../domain/time/wita';
import { signInAsSupervisor, startTestApp, tickAll, type TestApp } from '../helpers';
import { addStaff, eventCount, registerVisit, signInAs } from '../desks/desk-helpers';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.backend.close();
  app = null;
});

async function office(): Promise<TestApp> {
  const a = await startTestApp();
  await signInAsSupervisor(a); // the first account: both heads
  await addStaff(a, 'kasubbag2', ['kepala_subbagian'], 'Kepala Sub Bagian');
  await addStaff(a, 'kabag', ['kepala_bagian'], 'Kepala Bagian');
  await addStaff(a, 'helpdesk1', ['helpdesk'], 'Helpdesk');
  return a;
}

describe('catalogue versions (issue 14)', () => {
  it('refuses an invalid draft with the field named and records nothing', async () => {
    app = await office();
    await signInAs(app, 'kasubbag2');
    const view = await app.ok('catalogue.startDraft', {});
    const draft = view.draft!.catalogue;
    expect(draft.version).toBe(2);
    const before = eventCount(app);
    const cases: [Catalogue, string, RegExp][] = [
      [{ ...draft, services: [...draft.services, { ...resetPasswordService(draft), requirements: [] }] }, 'services.7.requirements', /Layanan 8 \(Reset Password User ID\), Persyaratan: minimal satu persyaratan/],
      [
        { ...draft, services: [...draft.services, { ...resetPasswordService(draft), timeLimit: { ...resetPasswordService(draft).timeLimit, amount: 0 } }] },
        'services.7.timeLimit.amount',
        /Layanan 8 \(Reset Password User ID\), Jangka waktu: harus lebih dari 0/,
      ],
      [{ ...draft, services: [...draft.services, { ...resetPasswordService(draft), code: draft.services[0]!.code }] }, 'services.7.code', /Kode layanan "aktivasi_user_id" ganda/],
    ];
    for (const [catalogue, path, message] of cases) {
      const r = await app.call('catalogue.saveDraft', { catalogue, note: '' });
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.issues?.map((i) => i.path)).toContain(path);
      expect(r.error.message).toMatch(message);
    }
    expect(eventCount(app)).toBe(before);
  });

  it('a version published for a later date changes nothing before it; visits keep their version', async () => {
    app = await office();
    await signInAs(app, 'helpdesk1');
    const underV1 = await registerVisit(app, 'aktivasi_user_id');
    await app.ok('visits.startChecklist', { visitId: underV1 });

    await signInAs(app, 'kasubbag2');
    const draft = (await app.ok('catalogue.startDraft', {})).draft!.catalogue;
    // Version 2: a new service, and service 1 loses a requirement.
    const first = draft.services[0]!;
    const edited: Catalogue = {
      ...draft,
      services: [{ ...first, requirements: first.requirements.filter((r) => r.code !== 'izin_usaha') }, ...draft.services.slice(1), resetPasswordService(draft)],
    };
    const saved = await app.ok('catalogue.saveDraft', { catalogue: edited, note: 'Tambah layanan reset password' });
    expect(saved.draft!.changes).toEqual([
      { code: 'aktivasi_user_id', name: first.name, kind: 'changed', fields: ['Persyaratan'] },
      { code: 'reset_password_user_id', name: 'Reset Password User ID', kind: 'added', fields: [] },
    ]);
    // The Kepala Sub Bagian drafts; only the Kepala Bagian publishes.
    const source = 'Peraturan Walikota Banjarmasin Nomor 12 Tahun 2026';
    const refused = await app.call('catalogue.publishDraft', { source, effectiveFrom: '2026-12-01', note: '' });
    expect(!refused.ok && refused.error.code).toBe('forbidden');
    await signInAs(app, 'kabag');
    const past = await app.call('catalogue.publishDraft', { source, effectiveFrom: '2026-11-25', note: '' });
    expect(!past.ok && past.error.issues?.[0]?.path).toBe('effectiveFrom');
    expect((await app.ok('catalogue.publishDraft', { source, effectiveFrom: '2026-12-01', note: '' })).version).toBe(2);

    // Still 26 November: version 1 in force, the new service cannot be chosen yet.
    const versions = await app.ok('catalogue.versions', {});
    expect(versions.inForce).toBe(1);
    expect(versions.versions.map((v) => [v.version, v.state])).toEqual([
      [2, 'scheduled'],
      [1, 'in_force'],
    ]);
    expect(versions.draft).toBeNull();
    await signInAs(app, 'helpdesk1');
    expect((await app.ok('catalogue.active', {})).version).toBe(1);
    const early = await app.call('visits.register', { ...(await import('../helpers')).PROXY_VISIT, serviceCode: 'reset_password_user_id' });
    expect(early.ok).toBe(false);

    // 1 December 2026: version 2 in force.
    app.clock.ms = witaDateTimeToMs('2026-12-01', '08:30');
    await signInAs(app, 'helpdesk1'); // a new working day, a new session
    expect((await app.ok('catalogue.active', {})).version).toBe(2);
    expect((await app.ok('app.status', {})).catalogueVersion).toBe(2);
    const underV2 = await registerVisit(app, 'reset_password_user_id');
    const v2 = await app.ok('visits.get', { visitId: underV2 });
    expect(v2.service?.catalogueVersion).toBe(2);
    expect(v2.checklist.map((i) => i.code)).toEqual(['surat_permohonan']);

    // The visit started under version 1 keeps its checklist (with the business licence item).
    const old = await app.ok('visits.get', { visitId: underV1 });
    expect(old.service?.catalogueVersion).toBe(1);
    expect(old.checklist.map((i) => i.code)).toContain('izin_usaha');
    await tickAll(app, underV1);
    expect((await app.ok('visits.handOver', { visitId: underV1 })).visit.status).toBe('handed_over');
    await app.ok('visits.startChecklist', { visitId: underV2 });
    await tickAll(app, underV2);
    expect((await app.ok('visits.handOver', { visitId: underV2 })).visit.handedOverTo).toBe('sysadmin');
  });

  it('discretion (Pasal 6) is the Kepala Bagian\'s: refused to the Kepala Sub Bagian, recorded for the Kepala Bagian', async () => {
    app = await office();
    await signInAs(app, 'helpdesk1');
    const visitId = await registerVisit(app, 'aktivasi_user_id');
    await app.ok('visits.startChecklist', { visitId });
    await tickAll(app, visitId, ['surat_kuasa']);
    await signInAs(app, 'kasubbag2');
    const before = eventCount(app);
    const refused = await app.call('visits.acceptWithDiscretion', { visitId, reason: 'Surat kuasa menyusul hari ini juga.' });
    expect(!refused.ok && refused.error.code).toBe('forbidden');
    expect(eventCount(app)).toBe(before);
    await signInAs(app, 'kabag');
    const info = await app.ok('visits.acceptWithDiscretion', { visitId, reason: 'Surat kuasa menyusul hari ini juga.' });
    expect(info.discretion?.byName).toBe('Kepala Bagian');
  });
});
