/**
 * Issue 13 phase 2 (docs/adr/0010 §6): the satisfaction survey on the central server's public page, with two
 * workstations, on the SQLite and the PostgreSQL server.
 * - A kiosk response and a QR (phone) response for different visits reach both PCs exactly once through
 *   sync; the QR ones are written by the server, signed, after their day, with nothing that names a visit.
 * - A phone answer sent before the server has seen the code (the PC that printed the receipt has not synced)
 *   is held and matched once the code arrives, never lost.
 * - A reused code is refused with the counter's message, whichever channel came first (kiosk then phone,
 *   phone then kiosk), and nothing is recorded for the refused one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildPrintData, loadVisitForPrint } from '../../backend/print-data';
import { tokenHash } from '../../trust/survey-token';
import { fromEnvelopeRow } from '../../domain/events/codec';
import { ELEMENT_CODES } from '../../domain/survey/questionnaire';
import { formatToken, parseTokenInput } from '../../domain/survey/token';
import { setOfficePublicPages } from '../../server/public/office-admin';
import { HELD_UNKNOWN_DAYS } from '../../server/survey';
import { TestClock, THU_0900_WITA } from '../helpers';
import { expectConverged } from './converge';
import { enroll, SERVER_KINDS, setUpSupervisor, signIn, startPc, TestSyncServer, type Pc } from './harness';
import { freshVisit, markAll } from './workload';

const PASSWORD = 'rahasia-123';
let server: TestSyncServer | null = null;
let pcs: Pc[] = [];
afterEach(async () => {
  for (const pc of pcs) await pc.close();
  pcs = [];
  await server?.destroy();
  server = null;
});

const answers = (v: 1 | 2 | 3 | 4) => Object.fromEntries(ELEMENT_CODES.map((c) => [c, v])) as Record<(typeof ELEMENT_CODES)[number], 1 | 2 | 3 | 4>;
const profile = { sex: null, ageGroup: null, education: null, occupation: null };

function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
}

async function office(kind: 'sqlite' | 'pg', clock: TestClock) {
  server = await TestSyncServer.start(kind, { now: clock.now });
  const { officeId, code } = await server.createOffice('LPSE Kota Banjarmasin');
  await setOfficePublicPages(server.database.db, officeId, { slug: 'lpse-banjarmasin', on: true });
  const a = await startPc('A', { clock });
  const b = await startPc('B', { clock });
  pcs.push(a, b);
  await setUpSupervisor(a);
  await a.ok('users.create', { username: 'helpdesk1', displayName: 'Siti Helpdesk', roles: ['helpdesk'], password: PASSWORD });
  await a.ok('users.create', { username: 'verif1', displayName: 'Budi Verifikator', roles: ['verifier'], password: PASSWORD });
  await enroll(a, server.url, code);
  await a.sync();
  await enroll(b, server.url, await server.newCode(officeId));
  await b.sync();
  await signIn(a, 'helpdesk1', PASSWORD);
  await signIn(b, 'helpdesk1', PASSWORD);
  return { a, b, officeId };
}

async function handedOver(pc: Pc): Promise<string> {
  const visitId = (await pc.ok('visits.register', freshVisit())).visit.visit.id;
  await pc.ok('visits.startChecklist', { visitId });
  await markAll(pc, visitId);
  await pc.ok('visits.handOver', { visitId });
  return visitId;
}

/** The code on the visit's receipt (issued by printing it) and the address in its QR code. */
async function receipt(pc: Pc, visitId: string): Promise<{ code: string; url: string }> {
  const doc = await pc.ok('print.render', { kind: 'receipt', visitId, layout: 'a4', returnNo: null });
  const code = parseTokenInput(/Kode survei: <span class="code">([0-9A-Z-]{19})<\/span>/.exec(doc.html)![1]!)!;
  const row = pc.backend.ctx.sqlite.prepare('SELECT token FROM survey_token_secrets WHERE visit_id = ?').get(visitId) as { token: string };
  expect(row.token).toBe(code);
  const print = await buildPrintData(pc.backend.ctx, await loadVisitForPrint(pc.backend.ctx, visitId), 'receipt', null, { printedAt: pc.clock.now(), copyNo: 2 });
  const qr = print.kind === 'receipt' && print.survey?.kind === 'code' ? print.survey.qrText : '';
  return { code, url: qr };
}

/** A visitor opens the page from the QR code and sends answers a few seconds later, as a person would. */
async function phone(clock: TestClock, url: string, code: string, value: '1' | '2' | '3' | '4', extra: Record<string, string> = {}) {
  const u = new URL(url);
  // The fragment never reaches the server: the browser requests only the path.
  const form = await server!.server.app.inject({ method: 'GET', url: u.pathname, remoteAddress: '10.1.2.3' });
  expect(form.statusCode).toBe(200);
  const token = /name="token_formulir" value="([^"]+)"/.exec(form.body)![1]!;
  clock.advance(0.1);
  const fields: Record<string, string> = { token_formulir: token, situs_web: '', kode: formatToken(code), ...extra };
  for (const c of ELEMENT_CODES) fields[c.toLowerCase()] = value;
  const res = await server!.server.app.inject({
    method: 'POST',
    url: '/kantor/lpse-banjarmasin/survei',
    payload: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    remoteAddress: '10.1.2.3',
  });
  return { status: res.statusCode, body: text(res.body) };
}

async function kioskByCode(pc: Pc, code: string, value: 1 | 2 | 3 | 4) {
  const { kioskToken } = await pc.ok('survey.kioskOpen', {});
  const v = await pc.call('survey.kioskRedeem', { kioskToken, code });
  if (!v.ok) return v;
  return pc.call('survey.kioskSubmit', { kioskToken, assignmentId: v.value.survey!.assignmentId, response: { ...profile, answers: answers(value) } });
}

function responses(pc: Pc) {
  return pc.backend.ctx.sqlite.prepare('SELECT id, day, service_code, channel, u1, duplicates FROM survey_responses ORDER BY id').all() as { id: string; channel: string; u1: number; duplicates: number }[];
}

async function claims(officeId: string) {
  return server!.database.db.selectFrom('survey_claims').selectAll().where('office_id', '=', officeId).execute();
}

describe.each(SERVER_KINDS)('the phone survey through the central server (%s server)', (kind) => {
  it('kiosk and QR responses reach both PCs exactly once; an early phone answer is matched later; a reused code is refused either way', async () => {
    const clock = new TestClock(THU_0900_WITA);
    const { a, b, officeId } = await office(kind, clock);

    // Visit 1 at A: the kiosk is started for it and the visitor answers there (taken at the server too).
    const v1 = await handedOver(a);
    const { kioskToken } = await a.ok('survey.kioskOpen', {});
    await a.ok('survey.kioskStart', { visitId: v1 });
    const onKiosk = await a.ok('survey.kioskWait', { kioskToken, version: 0 });
    await a.ok('survey.kioskSubmit', { kioskToken, assignmentId: onKiosk.survey!.assignmentId, response: { ...profile, answers: answers(4) } });

    // Visit 2 at B: its receipt is printed at B, which does not sync again today. The visitor answers on a
    // phone at once: the server has never seen the code, and holds the answer.
    const v2 = await handedOver(b);
    const r2 = await receipt(b, v2);
    expect(r2.url).toBe(`${server!.url}/kantor/${officeId}/survei#t=${r2.code}`);
    const early = await phone(clock, r2.url, r2.code, '3', { jenis_kelamin: 'P', umur: '34', pendidikan: 'D4-S1', pekerjaan: 'WIRAUSAHA' });
    expect(early.status).toBe(201);
    expect(early.body).toContain('Penilaian Anda sudah kami terima');
    // Reused: refused with the counter's message, nothing more held.
    const reused = await phone(clock, r2.url, r2.code, '1');
    expect(reused.status).toBe(409);
    expect(reused.body).toContain('Kode survei ini sudah digunakan');
    expect((await claims(officeId)).filter((c) => c.answers !== null)).toHaveLength(1);

    // Visit 3 at A: answered at A's kiosk with the code from the receipt; later the phone is refused.
    const v3 = await handedOver(a);
    const r3 = await receipt(a, v3);
    await a.sync();
    expect((await kioskByCode(a, r3.code, 2)).ok).toBe(true);
    const late = await phone(clock, r3.url, r3.code, '4');
    expect(late.status).toBe(409);
    expect(late.body).toContain('Kode survei ini sudah digunakan');

    // Visit 4 at A: answered on the phone first; then the kiosk at A is refused, and A forgets the code.
    const v4 = await handedOver(a);
    const r4 = await receipt(a, v4);
    await a.sync();
    expect((await phone(clock, r4.url, r4.code, '2')).status).toBe(201);
    const refused = await kioskByCode(a, r4.code, 1);
    expect(!refused.ok && refused.error.message).toContain('Kode survei ini sudah digunakan');
    expect((await a.ok('survey.visitStatus', { visitId: v4 })).state).toBe('spent');

    // Today nothing is written into the log: the phone answers are held until the day is over.
    expect((await server!.server.releaseSurvey()).released).toBe(0);
    expect((await server!.events(officeId)).filter((e) => e.type === 'survey.response_recorded')).toHaveLength(0);

    // The next morning: visit 2's code is still unknown to the server (B has not synced), so its answer waits.
    clock.advance(24 * 60);
    await signIn(a, 'helpdesk1', PASSWORD);
    await signIn(b, 'helpdesk1', PASSWORD);
    expect(await server!.server.releaseSurvey()).toEqual({ released: 1, waiting: 1, dropped: 0 });
    await b.ok('survey.report', { period: '2026-11', serviceCode: null }); // releases B's held responses (none)
    await b.sync(); // visit 2's code reaches the server
    expect(await server!.server.releaseSurvey()).toEqual({ released: 1, waiting: 0, dropped: 0 });
    await a.ok('survey.report', { period: '2026-11', serviceCode: null }); // releases A's two kiosk responses
    await a.sync();
    await b.sync();
    await a.sync();

    // Four visits, four responses, each once, on both PCs: two from the kiosk, two from phones.
    const onA = await a.ok('survey.report', { period: '2026-11', serviceCode: null });
    const onB = await b.ok('survey.report', { period: '2026-11', serviceCode: null });
    expect(onA.respondents).toBe(4);
    expect(onA.duplicatesIgnored).toBe(0);
    expect({ ...onB, generatedAt: 0 }).toEqual({ ...onA, generatedAt: 0 });
    expect(responses(a)).toEqual(responses(b));
    expect(
      responses(a)
        .map((r) => `${r.channel}:${r.u1}`)
        .sort(),
    ).toEqual(['kiosk:2', 'kiosk:4', 'qr:2', 'qr:3']);
    const srv = (await server!.events(officeId)).map(fromEnvelopeRow);
    const qr = srv.filter((e) => e.type === 'survey.response_recorded' && (e.payload as { channel: string }).channel === 'qr');
    expect(qr).toHaveLength(2);
    expect(srv.filter((e) => e.type === 'survey.response_recorded')).toHaveLength(4);
    for (const e of qr) {
      // Written by the server, after the day, naming no visit, person, code or time of day.
      expect(e.deviceId).toBe('server');
      expect(e.actorId).toBeNull();
      expect(Object.keys(e.payload as object).sort()).toEqual(['ageGroup', 'answers', 'channel', 'day', 'education', 'occupation', 'questionnaireVersion', 'serviceCode', 'sex']);
      expect((e.payload as { day: string }).day).toBe('2026-11-26');
      expect(e.recordedAt).toBeGreaterThanOrEqual(THU_0900_WITA + 24 * 3600_000);
      expect(JSON.stringify(e)).not.toContain(v2);
      expect(JSON.stringify(e)).not.toContain(tokenHash(r2.code));
    }
    const profileOf2 = qr.map((e) => e.payload as { sex: string | null; ageGroup: string | null }).find((p) => p.sex === 'P');
    expect(profileOf2).toMatchObject({ sex: 'P', ageGroup: '30-39', education: 'D4-S1', occupation: 'WIRAUSAHA' });
    // What the server keeps afterwards: the taken response ids only (no code hash, day or answers).
    const kept = await claims(officeId);
    expect(kept).toHaveLength(4);
    for (const c of kept) expect([c.token_hash, c.day, c.answers]).toEqual([null, null, null]);

    // The codes are spent everywhere: B's kiosk refuses visit 2's code, and B no longer holds it.
    const again = await kioskByCode(b, r2.code, 4);
    expect(!again.ok && again.error.message).toContain('sudah digunakan');
    expect((await b.ok('survey.visitStatus', { visitId: v2 })).state).toBe('spent');
    await expectConverged(server!, officeId, [a, b]);
  });

  it('refuses a bad code and bad answers clearly and records nothing; a code never seen is given up only after its time', async () => {
    const clock = new TestClock(THU_0900_WITA);
    const { a, officeId } = await office(kind, clock);
    const v = await handedOver(a);
    const r = await receipt(a, v);
    await a.sync();

    const bad = await phone(clock, r.url, 'K7QM-3XD9', '3');
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Kode survei tidak valid');
    const wrongAnswer = await phone(clock, r.url, r.code, '5' as '1');
    expect(wrongAnswer.status).toBe(400);
    expect(wrongAnswer.body).toContain('Jawaban pertanyaan Persyaratan tidak dikenal');
    const badAge = await phone(clock, r.url, r.code, '3', { umur: 'tiga puluh' });
    expect(badAge.status).toBe(400);
    expect(badAge.body).toContain('Umur diisi dengan angka tahun');
    expect(await claims(officeId)).toHaveLength(0);

    // A well-formed code no PC ever issued (or one whose PC never syncs): held, then given up after 90 days.
    const stranger = 'K7QM3XD9PA2FHV8C';
    expect((await phone(clock, r.url, stranger, '3')).status).toBe(201);
    clock.advance(24 * 60);
    expect(await server!.server.releaseSurvey()).toEqual({ released: 0, waiting: 1, dropped: 0 });
    clock.advance((HELD_UNKNOWN_DAYS + 1) * 24 * 60);
    expect(await server!.server.releaseSurvey()).toEqual({ released: 0, waiting: 0, dropped: 1 });
    // Past the code's validity the visit's own code is refused on the phone too.
    const expired = await phone(clock, r.url, r.code, '3');
    expect(expired.status).toBe(410);
    expect(expired.body).toContain('sudah tidak berlaku');
    expect((await server!.events(officeId)).filter((e) => e.type === 'survey.response_recorded')).toHaveLength(0);
  });

  it('a kiosk offline and a phone answering the same code: one response on every PC, the other dropped', async () => {
    const clock = new TestClock(THU_0900_WITA);
    const { a, b, officeId } = await office(kind, clock);
    const v = await handedOver(a);
    const r = await receipt(a, v);
    await a.sync();
    // The server is out of reach: A's kiosk cannot take the code there, and takes the answer offline.
    const port = Number(new URL(server!.url).port);
    await server!.stop();
    expect((await kioskByCode(a, r.code, 4)).ok).toBe(true);
    await server!.boot(port);
    // The phone is answered the same day; the server has not heard of the kiosk's answer, and holds it.
    expect((await phone(clock, r.url, r.code, '1')).status).toBe(201);
    // Next morning A's kiosk answer reaches the log first: the held phone answer is not written.
    clock.advance(24 * 60);
    await signIn(a, 'helpdesk1', PASSWORD);
    await signIn(b, 'helpdesk1', PASSWORD);
    await a.ok('survey.report', { period: '2026-11', serviceCode: null });
    await a.sync();
    expect(await server!.server.releaseSurvey()).toEqual({ released: 0, waiting: 0, dropped: 1 });
    await b.sync();
    for (const pc of [a, b]) {
      expect(responses(pc).map((x) => `${x.channel}:${x.u1}:${x.duplicates}`), pc.name).toEqual(['kiosk:4:0']);
      const again = await kioskByCode(pc, r.code, 2);
      expect(!again.ok && again.error.message, pc.name).toContain('sudah digunakan');
    }
    expect((await phone(clock, r.url, r.code, '2')).status).toBe(409);
    await expectConverged(server!, officeId, [a, b]);
  });
});
