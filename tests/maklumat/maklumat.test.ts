/**
 * Issue 14, item 3 (Perwali 67/2018 Pasal 7): the maklumat pelayanan drafted from the regulation's three
 * points, edited by the office, signed only by the Kepala Bagian (refused by the contract, denied by the fold
 * when recorded anyway), versioned with its history, printed as an A4 and an A3 poster, shown on the
 * waiting-room television.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { recordEvents } from '../../backend/record';
import { MAKLUMAT_ID } from '../../domain/events/standard-events';
import { witaDateTimeToMs } from '../../domain/time/wita';
import { signInAsSupervisor, startTestApp, tempDir, type TestApp } from '../helpers';
import { addStaff, signInAs } from '../desks/desk-helpers';
import { MM_PER_PT, pdfInfo, pdfText } from '../print/pdf-tools';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.backend.close();
  app = null;
});

async function office(): Promise<{ a: TestApp; kasubbag: string; kabag: string }> {
  const a = (app = await startTestApp());
  await signInAsSupervisor(a); // the first account: both heads until the other is added
  const kasubbag = await addStaff(a, 'subbag1', ['kepala_subbagian'], 'Rina Kasubbag');
  const kabag = await addStaff(a, 'kabag1', ['kepala_bagian'], 'Drs. H. Ahmad Kabag');
  await addStaff(a, 'helpdesk1', ['helpdesk'], 'Siti Helpdesk');
  return { a, kasubbag, kabag };
}

describe('maklumat pelayanan', () => {
  it('is drafted from the three points, signed only by the Kepala Bagian, and keeps every version', async () => {
    const { a } = await office();
    await signInAs(a, 'subbag1');
    const first = await a.ok('maklumat.view', {});
    expect(first.versions).toEqual([]);
    expect(first.inForce).toBeNull();
    expect(first.proposal.points).toHaveLength(3);
    expect(first.proposal.points.join(' ')).toMatch(/Standar Pelayanan.*perbaikan secara terus-menerus.*sanksi dan\/atau memberikan kompensasi/);

    const p = first.proposal;
    const drafted = await a.ok('maklumat.saveDraft', { ...p, points: [...p.points, 'Menjaga kerahasiaan data penyedia barang/jasa.'] });
    expect(drafted.draft).toBe(1);
    expect(drafted.versions[0]).toMatchObject({ version: 1, state: 'draft', draftedByName: 'Rina Kasubbag', approval: null });
    // An edit before approval stays version 1.
    const edited = await a.ok('maklumat.saveDraft', { ...p, closing: 'Banjarmasin.' });
    expect(edited.versions.map((v) => v.version)).toEqual([1]);
    expect(edited.versions[0]!.points).toHaveLength(3);

    // The Kepala Sub Bagian and the helpdesk cannot sign; nothing is recorded.
    const refused = await a.call('maklumat.approve', { version: 1, effectiveFrom: '2026-11-26', signerName: 'Rina Kasubbag', signerNip: null });
    expect(refused.ok ? 'allowed' : refused.error.code).toBe('forbidden');
    await signInAs(a, 'helpdesk1');
    const byHelpdesk = await a.call('maklumat.saveDraft', { ...p });
    expect(byHelpdesk.ok ? 'allowed' : byHelpdesk.error.code).toBe('forbidden');
    // Fewer than the regulation's three points: refused with the field named.
    await signInAs(a, 'subbag1');
    const short = await a.call('maklumat.saveDraft', { ...p, points: p.points.slice(0, 2) });
    expect(short.ok).toBe(false);
    if (!short.ok) expect(JSON.stringify(short.error.issues)).toContain('tiga butir');

    await signInAs(a, 'kabag1');
    const past = await a.call('maklumat.approve', { version: 1, effectiveFrom: '2026-11-01', signerName: 'Drs. H. Ahmad Kabag', signerNip: null });
    expect(past.ok).toBe(false);
    const badNip = await a.call('maklumat.approve', { version: 1, effectiveFrom: '2026-11-26', signerName: 'Drs. H. Ahmad Kabag', signerNip: '1234' });
    expect(badNip.ok ? 'allowed' : JSON.stringify(badNip.error.issues)).toContain('NIP terdiri atas 18 angka');
    const approved = await a.ok('maklumat.approve', { version: 1, effectiveFrom: '2026-11-26', signerName: 'Drs. H. Ahmad Kabag', signerNip: '197001011995031001' });
    expect(approved.inForce).toBe(1);
    expect(approved.draft).toBeNull();
    expect(approved.versions[0]!.approval).toMatchObject({ byName: 'Drs. H. Ahmad Kabag', effectiveFrom: '2026-11-26', signerNip: '197001011995031001' });
    const again = await a.call('maklumat.approve', { version: 1, effectiveFrom: '2026-11-26', signerName: 'X Y Z', signerNip: null });
    expect(again.ok).toBe(false);

    // Version 2, for 1 December: version 1 stays in force until then, and both are in the history.
    await signInAs(a, 'subbag1');
    const v2 = await a.ok('maklumat.saveDraft', { ...p, title: 'MAKLUMAT PELAYANAN LPSE' });
    expect(v2.draft).toBe(2);
    await signInAs(a, 'kabag1');
    const scheduled = await a.ok('maklumat.approve', { version: 2, effectiveFrom: '2026-12-01', signerName: 'Drs. H. Ahmad Kabag', signerNip: null });
    expect(scheduled.versions.map((v) => [v.version, v.state])).toEqual([
      [2, 'scheduled'],
      [1, 'in_force'],
    ]);
    a.clock.ms = witaDateTimeToMs('2026-12-01', '08:00');
    await signInAs(a, 'helpdesk1'); // every officer reads it
    const later = await a.ok('maklumat.view', {});
    expect(later.versions.map((v) => [v.version, v.state])).toEqual([
      [2, 'in_force'],
      [1, 'superseded'],
    ]);
  });

  it('an approval recorded by a Kepala Sub Bagian anyway is denied in the fold and signs nothing', async () => {
    const { a, kasubbag } = await office();
    await signInAs(a, 'subbag1');
    const p = (await a.ok('maklumat.view', {})).proposal;
    await a.ok('maklumat.saveDraft', p);
    // A forged or altered workstation writes the approval without asking the contract.
    await recordEvents(a.backend.ctx, kasubbag, [
      { type: 'maklumat.approved', aggregateId: MAKLUMAT_ID, payload: { version: 1, effectiveFrom: '2026-11-26', signerName: 'Rina Kasubbag', signerNip: null } },
    ]);
    const db = a.backend.ctx.sqlite;
    expect(db.prepare("SELECT type, reason, actor_id FROM event_denials WHERE type = 'maklumat.approved'").all()).toEqual([
      { type: 'maklumat.approved', reason: 'role_missing', actor_id: kasubbag },
    ]);
    const view = await a.ok('maklumat.view', {});
    expect(view.inForce).toBeNull();
    expect(view.versions[0]).toMatchObject({ version: 1, state: 'draft', approval: null });
    // The Kepala Bagian can still sign it.
    await signInAs(a, 'kabag1');
    expect((await a.ok('maklumat.approve', { version: 1, effectiveFrom: '2026-11-26', signerName: 'Drs. H. Ahmad Kabag', signerNip: null })).inForce).toBe(1);
  });

  it('prints as an A4 and an A3 poster with the letterhead and the signature, and shows on the television', async () => {
    const { a } = await office();
    await signInAs(a, 'subbag1');
    const p = (await a.ok('maklumat.view', {})).proposal;
    await a.ok('maklumat.saveDraft', p);
    const noneYet = await a.call('maklumat.pdf', { version: null, paper: 'a4' });
    expect(noneYet.ok ? 'allowed' : noneYet.error.message).toContain('Belum ada maklumat');
    const draftPdf = await a.ok('maklumat.pdf', { version: 1, paper: 'a4' });
    const dir = tempDir('lpse-maklumat-');
    expect(pdfText(Buffer.from(draftPdf.base64, 'base64'), dir, 'draft')).toContain('DRAF');

    await signInAs(a, 'kabag1');
    await a.ok('maklumat.approve', { version: 1, effectiveFrom: '2026-11-26', signerName: 'Drs. H. Ahmad Kabag', signerNip: '197001011995031001' });
    for (const paper of ['a4', 'a3'] as const) {
      const out = await a.ok('maklumat.pdf', { version: null, paper });
      const pdf = Buffer.from(out.base64, 'base64');
      expect(out.fileName).toBe(`maklumat-pelayanan-v1-${paper}.pdf`);
      const info = pdfInfo(pdf, dir, paper);
      expect(info.pages).toBe(1);
      expect(Math.round(info.widthPt * MM_PER_PT)).toBe(paper === 'a4' ? 210 : 297);
      expect(Math.round(info.heightPt * MM_PER_PT)).toBe(paper === 'a4' ? 297 : 420);
      const text = pdfText(pdf, dir, paper, false).replace(/\s+/g, ' ');
      expect(text).toContain('MAKLUMAT PELAYANAN');
      expect(text).toContain('Bagian Layanan Pengadaan Sekretariat Daerah Kota Banjarmasin'); // letterhead
      expect(text).toContain('perbaikan secara terus-menerus');
      expect(text).toContain('Kepala Bagian Layanan Pengadaan');
      expect(text).toContain('Drs. H. Ahmad Kabag');
      expect(text).toContain('NIP. 197001011995031001');
      expect(text).toContain('Banjarmasin, 26 November 2026');
      expect(text).not.toContain('DRAF');
    }

    const { displayToken } = await a.ok('queue.displayOpen', {});
    const board = await a.ok('queue.display', { displayToken });
    const slide = board.slides[0]!;
    expect(slide.kind).toBe('maklumat');
    if (slide.kind === 'maklumat') {
      expect(slide.paragraphs.join(' ')).toContain('3. Bersedia menerima sanksi');
      expect(slide.signer).toBe('Kepala Bagian Layanan Pengadaan, Drs. H. Ahmad Kabag');
    }
  });
});
