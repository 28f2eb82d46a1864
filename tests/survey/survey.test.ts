/**
 * The satisfaction survey through the contract, on a real SQLite database: the kiosk for a visit just
 * served, the code on the receipt, a reused code refused, what the log keeps (and does not), paper
 * questionnaires and the CSV import refused whole, the report and its plan.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { releaseHeldResponses } from '../../backend/survey/codes';
import { responseIdForToken, tokenHash } from '../../trust/survey-token';
import { addDaysIso } from '../../domain/time/wita';
import { ELEMENT_CODES } from '../../domain/survey/questionnaire';
import { parseTokenInput } from '../../domain/survey/token';
import { addStaff, at, eventCount, handedOverFile, signInAs } from '../desks/desk-helpers';
import { signInAsSupervisor, startTestApp, type TestApp } from '../helpers';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.backend.close();
  app = null;
});

const ALL_FOUR = Object.fromEntries(ELEMENT_CODES.map((c) => [c, 4])) as Record<(typeof ELEMENT_CODES)[number], 4>;
const answers = (...v: (1 | 2 | 3 | 4 | null)[]) => Object.fromEntries(ELEMENT_CODES.map((c, i) => [c, v[i] ?? null])) as Record<(typeof ELEMENT_CODES)[number], 1 | 2 | 3 | 4 | null>;

async function counter(): Promise<TestApp> {
  const a = await startTestApp();
  at(a, '2026-12-01', '09:00');
  await signInAsSupervisor(a);
  await addStaff(a, 'siti', ['helpdesk'], 'Siti Helpdesk');
  await signInAs(a, 'siti');
  return a;
}

/** The survey code printed on a visit's receipt, read back from the receipt's HTML. */
async function receiptCode(a: TestApp, visitId: string): Promise<string> {
  const doc = await a.ok('print.render', { kind: 'receipt', visitId, layout: 'a4', returnNo: null });
  const m = /Kode survei: <span class="code">([0-9A-Z-]{19})<\/span>/.exec(doc.html);
  expect(m, 'the receipt carries a survey code').not.toBeNull();
  return parseTokenInput(m![1]!)!;
}

function events(a: TestApp, type: string) {
  return a.backend.ctx.sqlite.prepare('SELECT * FROM events WHERE type = ? ORDER BY seq').all(type) as {
    id: string;
    actor_id: string | null;
    aggregate_id: string;
    payload: string;
    hlc: string;
    recorded_at: number;
  }[];
}

describe('the kiosk at the counter', () => {
  it('helpdesk hands over, starts the kiosk for the visit; the visitor answers; the response is held until the day ends, then counted once', async () => {
    app = await counter();
    const visitId = await handedOverFile(app, 'aktivasi_user_id');
    const { kioskToken } = await app.ok('survey.kioskOpen', {});
    const idle = await app.ok('survey.kioskWait', { kioskToken, version: 0 });
    expect(idle.state).toBe('standby');

    const started = await app.ok('survey.kioskStart', { visitId });
    expect(started.busy?.serviceName).toContain('Aktivasi User ID');
    const view = await app.ok('survey.kioskWait', { kioskToken, version: idle.version });
    expect(view.state).toBe('survey');
    expect(JSON.stringify(view)).not.toContain(visitId); // the kiosk never learns which visit

    app.clock.advance(2);
    const done = await app.ok('survey.kioskSubmit', {
      kioskToken,
      assignmentId: view.survey!.assignmentId,
      response: { sex: 'L', ageGroup: '30-39', education: 'D4-S1', occupation: 'SWASTA', answers: answers(4, 3, 3, 4, 3, 4, 4, null, 3) },
    });
    expect(done.message).toContain('Terima kasih');
    expect(done.view.state).toBe('standby');

    // Same day: held on this PC, not in the log, not counted yet.
    expect(events(app, 'survey.response_recorded')).toHaveLength(0);
    const today = await app.ok('survey.report', { period: '2026-12', serviceCode: null });
    expect(today.respondents).toBe(0);
    expect(today.heldOnThisPc).toBe(1);
    expect((await app.ok('survey.visitStatus', { visitId })).state).toBe('spent');
    // Starting the kiosk again for the same visit is refused with a clear message.
    const again = await app.call('survey.kioskStart', { visitId });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.message).toBe('Survei untuk kunjungan ini sudah diisi. Setiap kunjungan dapat mengisi survei satu kali.');

    // The next morning the report releases it into the log and counts it.
    at(app, '2026-12-02', '08:00');
    await signInAs(app, 'siti');
    const report = await app.ok('survey.report', { period: '2026-12', serviceCode: null });
    expect(report.respondents).toBe(1);
    expect(report.heldOnThisPc).toBe(0);
    expect(report.channels.find((c) => c.key === 'kiosk')?.count).toBe(1);
    expect(report.elements.find((e) => e.code === 'U8')).toMatchObject({ answered: 0, nrr: null });
    expect(report.problem).toContain('U8');
    expect(report.profile.sex.find((r) => r.key === 'L')?.count).toBe(1);
  });

  it('what the log keeps: the visit has only its code hash; the response names no visit, code, staff or time of day', async () => {
    app = await counter();
    const visitId = await handedOverFile(app, 'aktivasi_user_id');
    const code = await receiptCode(app, visitId);
    const { kioskToken } = await app.ok('survey.kioskOpen', {});
    await app.ok('survey.kioskStart', { visitId });
    const v = await app.ok('survey.kioskWait', { kioskToken, version: 0 });
    app.clock.advance(7);
    await app.ok('survey.kioskSubmit', { kioskToken, assignmentId: v.survey!.assignmentId, response: { sex: null, ageGroup: null, education: null, occupation: null, answers: ALL_FOUR } });
    at(app, '2026-12-02', '07:45');
    expect(await releaseHeldResponses(app.backend.ctx)).toBe(1);

    const issued = events(app, 'survey.token_issued');
    expect(issued).toHaveLength(1);
    expect(JSON.parse(issued[0]!.payload)).toMatchObject({ visitId, tokenHash: tokenHash(code), serviceCode: 'aktivasi_user_id', issuedDay: '2026-12-01' });
    const [response] = events(app, 'survey.response_recorded');
    expect(response!.actor_id).toBeNull();
    expect(response!.aggregate_id).toBe(responseIdForToken(code));
    const payload = JSON.parse(response!.payload) as Record<string, unknown>;
    expect(Object.keys(payload).sort()).toEqual(['ageGroup', 'answers', 'channel', 'day', 'education', 'occupation', 'questionnaireVersion', 'serviceCode', 'sex']);
    expect(payload.day).toBe('2026-12-01');
    // Released the next morning: its timestamps are the release's, not the answer's.
    expect(response!.recorded_at).toBe(at(app, '2026-12-02', '07:45'));
    const everything = JSON.stringify(app.backend.ctx.sqlite.prepare('SELECT * FROM events').all());
    expect(everything).not.toContain(code);
    expect(response!.payload).not.toContain(visitId);
    expect(response!.payload).not.toContain(tokenHash(code));
    // The code itself is gone from this PC once used.
    const secret = app.backend.ctx.sqlite.prepare('SELECT token, nullifier, spent_at FROM survey_token_secrets WHERE visit_id = ?').get(visitId) as Record<string, unknown>;
    expect(secret).toMatchObject({ token: null, nullifier: null });
    expect(secret.spent_at).not.toBeNull();
    const row = app.backend.ctx.sqlite.prepare('SELECT * FROM survey_responses').get() as Record<string, unknown>;
    expect(Object.keys(row)).not.toContain('visit_id');
    expect(JSON.stringify(row)).not.toContain(visitId);
  });

  it('a code typed or scanned at the kiosk works once; a reused code is refused with a clear message', async () => {
    app = await counter();
    const visitId = await handedOverFile(app, 'perubahan_email');
    const code = await receiptCode(app, visitId);
    // A reprint shows the same code.
    expect(await receiptCode(app, visitId)).toBe(code);
    const { kioskToken } = await app.ok('survey.kioskOpen', {});
    const typed = `${code.slice(0, 4).toLowerCase()}-${code.slice(4, 8)} ${code.slice(8)}`;
    const v = await app.ok('survey.kioskRedeem', { kioskToken, code: typed });
    expect(v.state).toBe('survey');
    expect(v.survey!.serviceName).toMatch(/Perubahan e-mail/i);
    await app.ok('survey.kioskSubmit', { kioskToken, assignmentId: v.survey!.assignmentId, response: { sex: 'P', ageGroup: null, education: null, occupation: null, answers: ALL_FOUR } });

    const reused = await app.call('survey.kioskRedeem', { kioskToken, code: `LPSE-SKM:${code}` });
    expect(reused.ok).toBe(false);
    if (!reused.ok) expect(reused.error.message).toBe('Kode survei ini sudah digunakan. Setiap kunjungan dapat mengisi survei satu kali. Terima kasih atas partisipasi Anda.');
    // Still refused after the release, from the log this time.
    at(app, '2026-12-03', '08:00');
    await releaseHeldResponses(app.backend.ctx);
    await signInAs(app, 'siti');
    const later = await app.call('survey.kioskRedeem', { kioskToken, code });
    expect(later.ok).toBe(false);
    const unknown = await app.call('survey.kioskRedeem', { kioskToken, code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' });
    expect(!unknown.ok && unknown.error.message).toContain('Kode survei tidak dikenal');
    const garbage = await app.call('survey.kioskRedeem', { kioskToken, code: 'halo' });
    expect(!garbage.ok && garbage.error.code).toBe('invalid_input');
    // A printed receipt after the survey was answered says so instead of a code.
    const reprint = await app.ok('print.render', { kind: 'receipt', visitId, layout: 'a4', returnNo: null });
    expect(reprint.html).toContain('sudah diisi');
    expect(reprint.html).not.toContain(code.slice(0, 4) + '-' + code.slice(4, 8));
  });

  it('an expired code is refused', async () => {
    app = await counter();
    const visitId = await handedOverFile(app, 'aktivasi_user_id');
    const code = await receiptCode(app, visitId);
    const { kioskToken } = await app.ok('survey.kioskOpen', {});
    at(app, addDaysIso('2026-12-01', 31), '09:00');
    const r = await app.call('survey.kioskRedeem', { kioskToken, code });
    expect(!r.ok && r.error.message).toContain('sudah tidak berlaku');
  });

  it('the kiosk token opens nothing but the kiosk; a closed kiosk is refused; a visit not yet served cannot be surveyed', async () => {
    app = await counter();
    const { kioskToken } = await app.ok('survey.kioskOpen', {});
    for (const m of ['visits.list', 'survey.report', 'survey.kioskStart'] as const) {
      const r = await app.backend.dispatch(m, m === 'visits.list' ? {} : m === 'survey.report' ? { period: '2026-12' } : { visitId: crypto.randomUUID() }, kioskToken);
      expect(r.ok, m).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('unauthenticated');
    }
    const wrong = await app.call('survey.kioskWait', { kioskToken: 'x'.repeat(43), version: 0 });
    expect(!wrong.ok && wrong.error.code).toBe('unauthenticated');
    const reg = await app.ok('visits.register', { ...(await import('../helpers')).PROXY_VISIT });
    const notYet = await app.call('survey.kioskStart', { visitId: reg.visit.visit.id });
    expect(!notYet.ok && notYet.error.message).toContain('setelah pemohon dilayani');
    await app.ok('survey.kioskClose', {});
    const closed = await app.call('survey.kioskWait', { kioskToken, version: 0 });
    expect(!closed.ok && closed.error.message).toContain('sudah ditutup');
  });
});

describe('paper questionnaires and CSV import', () => {
  const row = (over: Record<string, unknown> = {}) => ({
    day: '2026-11-20',
    serviceCode: 'aktivasi_user_id',
    sex: 'P' as const,
    age: 41,
    education: 'SMA' as const,
    occupation: 'WIRAUSAHA' as const,
    answers: answers(3, 3, 2, 4, 3, 3, 4, 3, 3),
    ...over,
  });

  it('records a grid of paper questionnaires at once; one bad row refuses the whole grid', async () => {
    app = await counter();
    const before = eventCount(app);
    const bad = await app.call('survey.recordPaper', { rows: [row(), row({ serviceCode: 'tidak_ada' }), row({ day: '2026-12-05' })] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.issues?.map((i) => i.path)).toEqual(['rows.1.serviceCode', 'rows.2.day']);
    const empty = await app.call('survey.recordPaper', { rows: [row({ answers: answers() })] });
    expect(!empty.ok && empty.error.issues?.[0]?.message).toContain('Kuesioner kosong');
    expect(eventCount(app)).toBe(before);
    expect((await app.ok('survey.recordPaper', { rows: [row(), row({ sex: null, age: null, education: null, occupation: null })] })).recorded).toBe(2);
    const r = await app.ok('survey.report', { period: '2026-11', serviceCode: null });
    expect(r.respondents).toBe(2);
    expect(r.profile.ageGroup.find((x) => x.key === '40-49')?.count).toBe(1);
    expect(r.profile.ageGroup.find((x) => x.key === '')?.count).toBe(1);
    const paper = events(app, 'survey.response_recorded');
    expect(paper.every((e) => e.actor_id !== null)).toBe(true); // the typist is accountable for the entry
  });

  it('imports a CSV; a file with any invalid row is refused whole, naming the rows', async () => {
    app = await counter();
    const header = 'date,service,sex,age,education,occupation,u1,u2,u3,u4,u5,u6,u7,u8,u9';
    const good = `${header}\n2026-11-03,aktivasi_user_id,L,34,D4-S1,SWASTA,4,3,3,4,3,4,4,,3\n2026-11-04,perubahan_email,,,,,3,3,3,4,3,3,3,3,3\n`;
    const before = eventCount(app);
    const bad = await app.call('survey.importCsv', { csv: `${good}2026-11-05,aktivasi_user_id,L,34,D4-S1,SWASTA,4,3,3,9,3,4,4,,3\n` });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.message).toContain('ditolak seluruhnya');
      expect(bad.error.issues?.[0]?.message).toContain('Baris 4: u4 harus 1–4');
    }
    expect(eventCount(app)).toBe(before);
    expect((await app.ok('survey.importCsv', { csv: good })).recorded).toBe(2);
    expect((await app.ok('survey.ikm', { from: '2026-11-01', to: '2026-11-30' })).respondents).toBe(2);
  });
});

describe('the SKM report', () => {
  it('NRR, IKM and grade as computed by hand; population and minimum sample from the visits; the plan by the supervisor only', async () => {
    app = await counter();
    at(app, '2026-12-01', '09:00');
    // Three visits served in December (the population).
    for (let i = 0; i < 3; i++) await handedOverFile(app, 'aktivasi_user_id');
    const rows = [answers(4, 3, 2, 4, 3, 4, 4, 3, 3), answers(3, 3, 3, 4, 4, 4, 4, null, 3), answers(3, 3, 2, 4, 3, 3, 4, null, 4), answers(2, 3, 3, 4, 4, 3, 3, 2, null)];
    await app.ok('survey.recordPaper', {
      rows: rows.map((a) => ({ day: '2026-12-01', serviceCode: 'aktivasi_user_id', sex: null, age: null, education: null, occupation: null, answers: a })),
    });
    const r = await app.ok('survey.report', { period: '2026-12', serviceCode: null });
    // The hand-computed case of domain/survey/ikm.test.ts: 8725/108 = 80.787… → 80.79 → B.
    expect(r).toMatchObject({ respondents: 4, population: 3, minimumSample: 3, sampleSufficient: true, ikmConverted: 80.79, grade: 'B', gradeLabel: 'Baik' });
    expect(r.lowest.map((l) => l.code)).toEqual(['U3', 'U8', 'U1']);
    expect(r.services[0]).toMatchObject({ code: 'aktivasi_user_id', respondents: 4, population: 3, sufficient: true, ikmConverted: 80.79, grade: 'B' });
    const ikm = await app.ok('survey.ikm', { from: '2026-12-01', to: '2026-12-31' });
    expect(Object.keys(ikm)).toEqual(['respondents', 'population', 'minimumSample', 'elements', 'ikm', 'ikmConverted', 'grade']);
    expect(ikm.elements.U8).toEqual({ answered: 2, sum: 5, nrr: 2.5 });
    expect(ikm.ikm).toBeCloseTo(349 / 108, 12);

    const plan = {
      period: '2026-12',
      items: [{ element: 'U3' as const, problem: 'Antrean panjang pada pagi hari', action: 'Menambah satu loket helpdesk pukul 08.00–10.00', timeframe: 'Januari 2027', responsible: 'Kasubbag', followUp: '', status: 'rencana' as const }],
      note: '',
    };
    const denied = await app.call('survey.setPlan', plan);
    expect(!denied.ok && denied.error.code).toBe('forbidden');
    await signInAsSupervisor(app);
    await app.ok('survey.setPlan', plan);
    const withPlan = await app.ok('survey.report', { period: '2026-12', serviceCode: null });
    expect(withPlan.plan?.items[0]?.action).toContain('Menambah satu loket');
    expect(withPlan.plan?.updatedByName).toBe('Kepala Sub Bagian');
  });

  it('a period with no respondents: a clear message, nulls, no division by zero', async () => {
    app = await counter();
    const r = await app.ok('survey.report', { period: '2026-Q1', serviceCode: null });
    expect(r).toMatchObject({ respondents: 0, ikm: null, ikmConverted: null, grade: null, problem: 'Belum ada responden pada periode ini: IKM belum dapat dihitung.' });
    expect(JSON.stringify(r)).not.toContain('NaN');
    const bad = await app.call('survey.ikm', { from: '2026-12-31', to: '2026-12-01' });
    expect(!bad.ok && bad.error.issues?.[0]?.message).toContain('Tanggal awal harus sebelum');
  });
});
