/**
 * Issue 14, item 6: evaluasi kinerja pelaksana per officer and month, against a hand-built month. On Monday
 * 23 November 2026 (counter hours 08:00–16:00; service 1's limit is 30 counter minutes):
 * - Siti (helpdesk) registers and hands over visits A and B; Ani (helpdesk) registers C, returns it
 *   incomplete, and hands over D;
 * - Budi (verifier) completes A 20 minutes after its handover (in time) and B 85 minutes after (late);
 * - Rina (verifier) rejects D within the limit, and holds E (handed over by Ani) open past its limit;
 * - a complaint about B is received.
 * Every figure is checked against these counts, and the PDF is read back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { VENDOR_VALUES, signInAsSupervisor, startTestApp, tempDir, tickAll, type TestApp } from '../helpers';
import { addStaff, at, registerVisit, signInAs } from '../desks/desk-helpers';
import { pdfText } from '../print/pdf-tools';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.backend.close();
  app = null;
});

const DAY = '2026-11-23';

async function handOver(a: TestApp, hhmm: string): Promise<string> {
  at(a, DAY, hhmm);
  const id = await registerVisit(a, 'aktivasi_user_id');
  await a.ok('visits.startChecklist', { visitId: id });
  await tickAll(a, id);
  await a.ok('visits.handOver', { visitId: id });
  return id;
}

describe('staff evaluation', () => {
  it('counts files handled, on time, returned, complaints and survey per officer for the month', async () => {
    const a = (app = await startTestApp());
    await signInAsSupervisor(a);
    for (const [u, name, roles] of [
      ['siti', 'Siti Helpdesk', ['helpdesk']],
      ['ani', 'Ani Helpdesk', ['helpdesk']],
      ['budi', 'Budi Verifikator', ['verifier']],
      ['rina', 'Rina Verifikator', ['verifier']],
    ] as const) {
      await addStaff(a, u, [...roles], name);
    }
    await signInAs(a, 'siti');
    const visitA = await handOver(a, '09:00');
    const visitB = await handOver(a, '09:05');
    await signInAs(a, 'ani');
    at(a, DAY, '09:10');
    const visitC = await registerVisit(a, 'aktivasi_user_id');
    await a.ok('visits.startChecklist', { visitId: visitC });
    await tickAll(a, visitC, ['formulir_pendaftaran']);
    await a.ok('visits.returnIncomplete', { visitId: visitC, note: null });
    const visitD = await handOver(a, '09:15');
    const visitE = await handOver(a, '09:20');

    await signInAs(a, 'budi');
    at(a, DAY, '09:10');
    await a.ok('desk.claim', { visitId: visitA });
    at(a, DAY, '09:20');
    await a.ok('desk.complete', { vendorRecord: VENDOR_VALUES, visitId: visitA, note: null });
    await a.ok('desk.claim', { visitId: visitB });
    at(a, DAY, '10:30');
    await a.ok('desk.complete', { vendorRecord: VENDOR_VALUES, visitId: visitB, note: null });
    await signInAs(a, 'rina');
    at(a, DAY, '09:30');
    await a.ok('desk.claim', { visitId: visitD });
    await a.ok('desk.reject', { visitId: visitD, reason: 'Formulir tidak ditandatangani pimpinan.' });
    await a.ok('desk.claim', { visitId: visitE });

    await signInAs(a, 'siti');
    at(a, DAY, '11:00');
    const receiptB = (await a.ok('visits.get', { visitId: visitB })).visit.receiptNo;
    await a.ok('complaints.add', {
      receivedAt: a.clock.ms,
      channel: 'loket',
      complainant: { name: 'H. Abdul Karim', address: 'Jl. A. Yani Km. 5 No. 12, Banjarmasin', contact: null },
      visitId: visitB,
      text: 'Aktivasi User ID kami selesai lebih dari satu jam, melewati janji 30 menit.',
      loss: null,
      request: 'Mohon perbaikan layanan.',
      place: null,
      signed: true,
      laporNo: null,
    });

    // The evaluation, read on 1 December (E still open: past its limit).
    a.clock.ms = Date.UTC(2026, 11, 1, 2, 0);
    await signInAsSupervisor(a);
    const e = await a.ok('evaluation.month', { month: '2026-11' });
    expect(e.label).toBe('November 2026');
    const row = (name: string) => e.officers.find((o) => o.name === name)!;
    const pick = (name: string) => {
      const o = row(name);
      return [o.registered, o.handedOver, o.returned, o.completed, o.rejected, o.finishedInTime, o.finishedLate, o.inTimePct, o.overdueOpen, o.complaints.map((c) => c.receiptNo)];
    };
    expect(pick('Siti Helpdesk')).toEqual([2, 2, 0, 0, 0, 0, 0, null, 0, [receiptB]]);
    expect(pick('Ani Helpdesk')).toEqual([3, 2, 1, 0, 0, 0, 0, null, 0, []]);
    expect(pick('Budi Verifikator')).toEqual([0, 0, 0, 2, 0, 1, 1, 50, 0, [receiptB]]);
    expect(pick('Rina Verifikator')).toEqual([0, 0, 0, 0, 1, 1, 0, 100, 1, []]);
    expect(row('Budi Verifikator').survey).toEqual([{ serviceCode: 'aktivasi_user_id', serviceName: 'Pelayanan Aktivasi User ID Penyedia Barang/Jasa', respondents: 0, ikm: null }]);
    // Another month: nobody handled anything.
    const october = await a.ok('evaluation.month', { month: '2026-10' });
    expect(october.officers.every((o) => o.registered + o.handedOver + o.finished === 0)).toBe(true);
    // Only the heads see it.
    await signInAs(a, 'siti');
    const refused = await a.call('evaluation.month', { month: '2026-11' });
    expect(refused.ok ? 'allowed' : refused.error.code).toBe('forbidden');

    await signInAsSupervisor(a);
    const pdf = await a.ok('evaluation.pdf', { month: '2026-11' });
    expect(pdf.fileName).toBe('evaluasi-kinerja-pelaksana-2026-11.pdf');
    const text = pdfText(Buffer.from(pdf.base64, 'base64'), tempDir('lpse-eval-'), 'evaluasi').replace(/[ \t]+/g, ' ');
    expect(text).toContain('EVALUASI KINERJA PELAKSANA');
    expect(text).toContain('Bulan November 2026');
    expect(text).toMatch(/2 Budi 0 0 0 2 0 1 1 50,0% 0 1/);
    expect(text).toMatch(/3 Rina 0 0 0 0 1 1 0 100,0% 1 0/);
    expect(text).toContain(receiptB!);
    expect(text).toContain('bukan nilai perorangan');
  });
});
