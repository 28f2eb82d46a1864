/**
 * The complaint register through the contract (issue 12): a complaint at the counter linked to a visit found
 * by its receipt number, both deadlines, the stages with who and when, the wait for completeness pausing
 * the response clock, corrections beside the complainant's words, the 30-day flag and the supervisor's
 * decision, suggestions, the dashboard counters; bad input refused with Indonesian messages and nothing
 * recorded.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AddComplaintInput } from '../../contract/complaints';
import { formatWita } from '../../domain/time/wita';
import { addStaff, at, eventCount, handedOverFile, signInAs } from '../desks/desk-helpers';
import { signInAsSupervisor, startTestApp, type TestApp } from '../helpers';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.backend.close();
  app = null;
});

const show = (ms: number | null) => (ms === null ? null : formatWita(ms));

function complaint(overrides: Partial<AddComplaintInput> = {}): AddComplaintInput {
  return {
    receivedAt: 0,
    channel: 'loket',
    complainant: { name: 'Rahmat Hidayat', address: 'Jl. A. Yani Km. 5 No. 12, Banjarmasin', contact: '0812 5123 4567' },
    text: 'Aktivasi user ID kami belum selesai padahal berkas sudah lengkap sejak kemarin.',
    loss: 'Tidak dapat mengikuti tender yang ditutup hari ini.',
    request: 'Mohon aktivasi diselesaikan hari ini.',
    place: 'Banjarmasin',
    signed: true,
    ...overrides,
  };
}

/** Sets the clock to a WITA wall time and signs the user in (a session ends after 12 idle hours). */
async function atAs(app: TestApp, date: string, time: string, user: 'helpdesk1' | 'kasubbag' | 'verif1'): Promise<number> {
  const t = at(app, date, time);
  if (user === 'kasubbag') await signInAsSupervisor(app);
  else await signInAs(app, user);
  return t;
}

async function office(): Promise<TestApp> {
  app = await startTestApp();
  await signInAsSupervisor(app);
  await addStaff(app, 'helpdesk1', ['helpdesk'], 'Siti Helpdesk');
  await addStaff(app, 'verif1', ['verifier'], 'Budi Verifikator');
  return app;
}

describe('a complaint at the counter', () => {
  it('is linked to a visit found by its receipt number, numbered, with both deadlines', async () => {
    const app = await office();
    await atAs(app, '2026-11-23', '09:00', 'helpdesk1'); // Monday
    const visitId = await handedOverFile(app, 'aktivasi_user_id');
    const receiptNo = (await app.ok('visits.get', { visitId })).visit.receiptNo!;

    await atAs(app, '2026-11-24', '10:00', 'helpdesk1'); // Tuesday
    const found = await app.ok('complaints.findVisits', { query: receiptNo.toLowerCase() });
    expect(found.visits.map((v) => v.visitId)).toEqual([visitId]);
    expect(found.visits[0]!.serviceName).toBe('1. Aktivasi User ID');
    const byName = await app.ok('complaints.findVisits', { query: 'sumber rejeki' });
    expect(byName.visits.map((v) => v.visitId)).toContain(visitId);
    // A typed wildcard is matched as itself.
    expect((await app.ok('complaints.findVisits', { query: '%%' })).visits).toEqual([]);

    const d = await app.ok('complaints.add', complaint({ receivedAt: app.clock.ms, visitId }));
    expect(d.row.number).toMatch(/^PGD-20261124-[0-9A-F]{6}-001$/);
    expect(d.row.receiptNo).toBe(receiptNo);
    expect(d.row.serviceCode).toBe('aktivasi_user_id');
    expect(d.visit?.id).toBe(visitId);
    expect(d.row.stage).toBe('received');
    expect(d.row.stageLabel).toBe('Diterima');
    expect(show(d.row.completeness.deadlineMs)).toBe('Jumat, 27 November 2026 10:00 WITA');
    expect(show(d.row.response.deadlineMs)).toBe('Rabu, 2 Desember 2026 10:00 WITA');
    expect(d.row.completeness.promisedDeadlineMs).toBe(d.row.completeness.deadlineMs);
    expect(d.row.lateFiling).toBe(false);
    expect(d.recordedByName).toBe('Siti Helpdesk');
    expect(d.history).toEqual([{ stage: 'received', stageLabel: 'Diterima', at: app.clock.ms, byName: 'Siti Helpdesk', note: null }]);
    // The helpdesk records and notes; handling is the supervisor's.
    expect(d.actions).toEqual(['addSupplement', 'addNote', 'addAttachment']);
    expect(d.letters).toEqual(['acknowledgement']);

    expect((await app.ok('complaints.forVisit', { visitId })).rows.map((r) => r.number)).toEqual([d.row.number]);
    const second = await app.ok('complaints.add', complaint({ receivedAt: app.clock.ms }));
    expect(second.row.number).toBe(d.row.number.replace(/-001$/, '-002'));
  });

  it('goes through every stage with who and when; the wait for completeness pauses the response clock', async () => {
    const app = await office();
    const receivedAt = await atAs(app, '2026-11-24', '10:00', 'helpdesk1');
    const { row } = await app.ok('complaints.add', complaint({ receivedAt }));
    const id = row.id;

    // The helpdesk may not decide.
    const refused = await app.call('complaints.decideCompleteness', { id, complete: true, missing: '', note: '' });
    expect(refused.ok ? null : refused.error.code).toBe('forbidden');

    await signInAsSupervisor(app);
    at(app, '2026-11-24', '11:00');
    await app.ok('complaints.startCheck', { id });
    await atAs(app, '2026-11-25', '10:00', 'kasubbag');
    const missingMsg = await app.call('complaints.decideCompleteness', { id, complete: false, missing: '', note: '' });
    expect(missingMsg.ok ? null : missingMsg.error.issues?.[0]?.message).toBe('Tuliskan apa yang harus dilengkapi pengadu (minimal 5 karakter).');
    const waiting = await app.ok('complaints.decideCompleteness', { id, complete: false, missing: 'Salinan tanda terima berkas dan tanda tangan pengadu.', note: '' });
    expect(waiting.row.stage).toBe('waiting_completeness');
    expect(waiting.row.completeness.state).toBe('done_in_time');
    expect(waiting.letters).toEqual(['acknowledgement', 'completeness']);

    // A week later: still waiting. The response clock is paused, not overdue, and says so.
    await atAs(app, '2026-12-02', '10:30', 'kasubbag');
    const paused = await app.ok('complaints.get', { id });
    expect(paused.row.response.state).toBe('paused');
    expect(paused.row.response.paused).toBe(true);
    expect(paused.row.response.ticking).toBe(false);
    expect(paused.row.overdue).toBe(false);
    expect(paused.waits).toEqual([{ from: waiting.row.completeness.endedAt, to: null }]);
    // Without the pause it would be overdue now (due Wed 2 Dec 10:00).
    expect(show(row.response.deadlineMs)).toBe('Rabu, 2 Desember 2026 10:00 WITA');

    // The complainant brings the missing pieces to the counter.
    await atAs(app, '2026-12-03', '09:00', 'helpdesk1');
    const back = await app.ok('complaints.addSupplement', { id, channel: 'loket', text: 'Saya lampirkan salinan tanda terima dan surat yang sudah saya tanda tangani.' });
    expect(back.row.stage).toBe('admin_check');
    expect(back.row.response.state).toBe('running');
    expect(back.row.response.pausedWorkingMinutes).toBeGreaterThan(0);
    // One working day counted before the wait, five after it: Thu 3 → Fri 4, Mon 7, Tue 8, Wed 9, Thu 10 Dec 09:00.
    expect(show(back.row.response.deadlineMs)).toBe('Kamis, 10 Desember 2026 09:00 WITA');

    await atAs(app, '2026-12-03', '10:00', 'kasubbag');
    await app.ok('complaints.decideCompleteness', { id, complete: true, missing: '', note: 'Berkas pengaduan lengkap.' });
    at(app, '2026-12-03', '11:00');
    await app.ok('complaints.startCoordination', { id, scope: 'internal', note: 'Dikonfirmasi dengan verifikator.' });
    await atAs(app, '2026-12-04', '14:00', 'kasubbag');
    const answered = await app.ok('complaints.respond', { id, text: 'Aktivasi user ID telah diselesaikan pada 24 November 2026; keterlambatan disebabkan gangguan SPSE.' });
    expect(answered.row.stage).toBe('responded');
    expect(answered.row.response.state).toBe('done_in_time');
    expect(answered.letters).toEqual(['acknowledgement', 'completeness', 'response']);
    await atAs(app, '2026-12-07', '09:00', 'kasubbag');
    const closed = await app.ok('complaints.close', { id, note: '' });
    expect(closed.row.stage).toBe('closed');
    expect(closed.actions).toEqual(['addNote', 'addAttachment']);
    expect(closed.history.map((h) => [h.stageLabel, h.byName])).toEqual([
      ['Diterima', 'Siti Helpdesk'],
      ['Cek administrasi', 'Kepala Sub Bagian'],
      ['Tidak lengkap, menunggu kelengkapan', 'Kepala Sub Bagian'],
      ['Cek administrasi', 'Siti Helpdesk'],
      ['Lengkap', 'Kepala Sub Bagian'],
      ['Koordinasi internal/eksternal', 'Kepala Sub Bagian'],
      ['Ditanggapi', 'Kepala Sub Bagian'],
      ['Selesai', 'Kepala Sub Bagian'],
    ]);
    expect(closed.supplements[0]).toMatchObject({ byName: 'Siti Helpdesk', channelLabel: 'Langsung di loket (surat tertulis)' });

    const again = await app.call('complaints.respond', { id, text: 'Tanggapan kedua yang tidak boleh tercatat.' });
    expect(again.ok ? null : again.error).toMatchObject({ code: 'invalid_state', message: 'Pengaduan ini sudah ditanggapi.' });
  });

  it('keeps the complainant’s words: corrections and notes are entries beside them', async () => {
    const app = await office();
    await signInAs(app, 'helpdesk1');
    const { row } = await app.ok('complaints.add', complaint({ receivedAt: app.clock.ms }));
    const d = await app.ok('complaints.addNote', { id: row.id, kind: 'correction', field: 'address', text: 'Alamat yang benar: Jl. A. Yani Km. 5 No. 21.' });
    expect(d.complainant.address).toBe('Jl. A. Yani Km. 5 No. 12, Banjarmasin');
    expect(d.notes).toEqual([{ at: app.clock.ms, byName: 'Siti Helpdesk', kind: 'correction', fieldLabel: 'Alamat', text: 'Alamat yang benar: Jl. A. Yani Km. 5 No. 21.' }]);
    // No method changes what the complainant wrote.
    expect(Object.keys((await import('../../contract/complaints')).complaintsApi).filter((m) => /update|edit|change/i.test(m))).toEqual([]);
  });

  it('flags a complaint received more than 30 days after its service, records it, and lets the supervisor decide', async () => {
    const app = await office();
    await atAs(app, '2026-10-01', '09:00', 'helpdesk1');
    const visitId = await handedOverFile(app, 'aktivasi_user_id');
    await atAs(app, '2026-11-24', '10:00', 'helpdesk1');
    const d = await app.ok('complaints.add', complaint({ receivedAt: app.clock.ms, visitId }));
    expect(d.row.lateFiling).toBe(true);
    expect(d.daysSinceService).toBe(54);
    expect(d.actions).not.toContain('decideLateFiling');

    const dated = await app.ok('complaints.add', complaint({ receivedAt: app.clock.ms, serviceDate: '2026-10-25' }));
    expect(dated.row.lateFiling).toBe(false);
    expect(dated.daysSinceService).toBe(30);

    await signInAsSupervisor(app);
    const withAction = await app.ok('complaints.get', { id: d.row.id });
    expect(withAction.actions).toContain('decideLateFiling');
    const decided = await app.ok('complaints.decideLateFiling', { id: d.row.id, accept: true, reason: 'Pengadu baru mengetahui masalahnya setelah tender dibuka; tetap ditangani.' });
    expect(decided.lateFilingDecision).toMatchObject({ accept: true, byName: 'Kepala Sub Bagian' });
    expect(decided.row.lateDecision).toBe('accept');
    const notLate = await app.call('complaints.decideLateFiling', { id: dated.row.id, accept: false, reason: 'Tidak perlu.' });
    expect(notLate.ok ? null : notLate.error.code).toBe('invalid_state');
  });

  it('refuses bad input with Indonesian messages and records nothing', async () => {
    const app = await office();
    await signInAs(app, 'helpdesk1');
    const now = app.clock.ms;
    const before = eventCount(app);
    const cases: [Partial<AddComplaintInput>, string, string][] = [
      [{ complainant: { name: '', address: 'Jl. Pramuka 1', contact: '' } }, 'complainant.name', 'Nama pengadu wajib diisi.'],
      [{ complainant: { name: 'Ani', address: '', contact: '' } }, 'complainant.address', 'Alamat lengkap pengadu minimal 5 karakter.'],
      [{ request: '' }, 'request', 'Permintaan penyelesaian minimal 5 karakter.'],
      [{ text: 'pendek' }, 'text', 'Uraian pengaduan minimal 10 karakter.'],
      [{ channel: 'web' }, 'channel', 'Pengaduan melalui formulir daring dicatat oleh server pusat, bukan di loket.'],
      [{ channel: 'lapor' }, 'laporNo', 'Nomor tiket SP4N-LAPOR! wajib diisi untuk pengaduan dari LAPOR!.'],
      [{ receivedAt: now + 60 * 60_000 }, 'receivedAt', 'Waktu diterima tidak boleh di masa depan.'],
      [{ visitId: '01930000-0000-7000-8000-000000000001' }, 'visitId', 'Kunjungan yang dipilih tidak ditemukan.'],
      [{ serviceCode: 'tidak_ada' }, 'serviceCode', 'Layanan yang dipilih tidak dikenal.'],
      [{ serviceDate: '2026-12-30' }, 'serviceDate', 'Tanggal menerima layanan tidak boleh setelah pengaduan diterima.'],
      [{ attachments: [{ fileName: 'x.exe', dataUrl: 'data:application/x-msdownload;base64,AAAA', note: '' }] }, 'attachments.0.dataUrl', 'Lampiran harus berupa gambar (JPEG, PNG, WebP) atau PDF.'],
    ];
    for (const [patch, path, message] of cases) {
      const r = await app.call('complaints.add', complaint({ receivedAt: now, ...patch }));
      expect(r.ok, path).toBe(false);
      if (!r.ok) expect(r.error.issues?.find((i) => i.path === path)?.message, path).toBe(message);
    }
    expect(eventCount(app)).toBe(before);
    const verifier = await (async () => {
      await signInAs(app, 'verif1');
      return app.call('complaints.list', {});
    })();
    expect(verifier.ok ? null : verifier.error.code).toBe('forbidden');
  });
});

describe('suggestions and the dashboard counters', () => {
  it('records suggestions without identity and counts them with the open complaints', async () => {
    const app = await office();
    await atAs(app, '2026-11-24', '10:00', 'helpdesk1');
    const s = await app.ok('suggestions.add', { receivedAt: app.clock.ms, channel: 'kotak', name: '', contact: '', serviceCode: null, text: 'Mohon disediakan kursi tunggu tambahan.' });
    expect(s).toMatchObject({ name: null, channelLabel: 'Kotak', recordedByName: 'Siti Helpdesk' });
    await app.ok('suggestions.add', { receivedAt: app.clock.ms, channel: 'email', name: 'Andi', contact: 'andi@example.com', serviceCode: 'perubahan_email', text: 'Formulir perubahan e-mail sebaiknya dapat diunduh.' });
    const bad = await app.call('suggestions.add', { receivedAt: app.clock.ms, channel: 'kotak', name: '', contact: '', serviceCode: null, text: '' });
    expect(bad.ok ? null : bad.error.issues?.[0]?.message).toBe('Isi saran minimal 5 karakter.');
    const list = await app.ok('suggestions.list', {});
    expect(list.total).toBe(2);

    await app.ok('complaints.add', complaint({ receivedAt: app.clock.ms }));
    await atAs(app, '2026-11-30', '10:01', 'kasubbag'); // past the completeness deadline (Fri 27 Nov 10:00)
    const c = await app.ok('complaints.counters', {});
    expect(c).toMatchObject({ open: 1, completenessOverdue: 1, responseOverdue: 0, waitingCompleteness: 0, receivedThisMonth: 1, suggestionsThisMonth: 2 });
    expect(c.nearest[0]!.overdue).toBe(true);
    const desk = await app.ok('complaints.list', { view: 'open' });
    expect(desk.rows[0]!.completeness.state).toBe('overdue');
  });
});

describe('live screens (ADR 0008)', () => {
  it('announces every complaint and suggestion change after its commit, by aggregate, so the desk refreshes without polling', async () => {
    const app = await office();
    await atAs(app, '2026-11-24', '10:00', 'helpdesk1');
    const seen: { ids: readonly string[] | null; types: readonly string[] }[] = [];
    app.backend.ctx.changes.subscribe((n) => seen.push({ ids: n.ids, types: n.types }));

    const { row } = await app.ok('complaints.add', complaint({ receivedAt: app.clock.ms }));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.types).toContain('complaint');
    expect(seen[0]!.ids).toContain(row.id);

    await signInAsSupervisor(app);
    await app.ok('complaints.startCheck', { id: row.id });
    expect(seen[1]).toMatchObject({ ids: [row.id], types: ['complaint'] });

    // A printed letter is an event on the complaint: the letter history at another PC follows it.
    await app.ok('complaints.letterPdf', { id: row.id, letter: 'acknowledgement', layout: 'a4' });
    expect(seen[2]).toMatchObject({ ids: [row.id], types: ['complaint'] });

    const s = await app.ok('suggestions.add', { receivedAt: app.clock.ms, channel: 'kotak', name: '', contact: '', serviceCode: null, text: 'Mohon disediakan kursi tunggu tambahan.' });
    expect(seen[3]).toMatchObject({ ids: [s.id], types: ['suggestion'] });

    // Reads and refused input announce nothing.
    await app.ok('complaints.list', { view: 'open' });
    expect((await app.call('complaints.decideCompleteness', { id: row.id, complete: false, missing: '', note: '' })).ok).toBe(false);
    expect(seen).toHaveLength(4);
  });
});
