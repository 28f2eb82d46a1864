/**
 * The satisfaction survey across two workstations and the central server (docs/adr/0010): a kiosk
 * response at the helpdesk's PC and a response given at the verifier's kiosk with the code printed on the
 * other PC's receipt reach both PCs exactly once; the same code used at both kiosks before either synced is
 * counted once everywhere; after sync, a reused code is refused on either PC; the code leaves the PC that
 * issued it once its response arrives.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildPrintData, loadVisitForPrint } from '../../backend/print-data';
import { ELEMENT_CODES } from '../../domain/survey/questionnaire';
import { parseTokenInput } from '../../domain/survey/token';
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

async function office(kind: 'sqlite' | 'pg') {
  server = await TestSyncServer.start(kind);
  const { officeId, code } = await server.createOffice('LPSE Kota Banjarmasin');
  const a = await startPc('A');
  const b = await startPc('B');
  pcs.push(a, b);
  await setUpSupervisor(a);
  await a.ok('users.create', { username: 'helpdesk1', displayName: 'Siti Helpdesk', roles: ['helpdesk'], password: PASSWORD });
  await a.ok('users.create', { username: 'verif1', displayName: 'Budi Verifikator', roles: ['verifier'], password: PASSWORD });
  await enroll(a, server.url, code);
  await a.sync();
  await enroll(b, server.url, await server.newCode(officeId));
  await b.sync();
  return { a, b, officeId };
}

async function handedOver(pc: Pc): Promise<string> {
  const visitId = (await pc.ok('visits.register', freshVisit())).visit.visit.id;
  await pc.ok('visits.startChecklist', { visitId });
  await markAll(pc, visitId);
  await pc.ok('visits.handOver', { visitId });
  return visitId;
}

async function receiptCode(pc: Pc, visitId: string): Promise<{ code: string; qr: string }> {
  const doc = await pc.ok('print.render', { kind: 'receipt', visitId, layout: 'a4', returnNo: null });
  const code = /Kode survei: <span class="code">([0-9A-Z-]{19})<\/span>/.exec(doc.html)![1]!;
  return { code: parseTokenInput(code)!, qr: doc.html };
}

async function answerWithCode(pc: Pc, code: string, value: 1 | 2 | 3 | 4): Promise<void> {
  const { kioskToken } = await pc.ok('survey.kioskOpen', {});
  const v = await pc.ok('survey.kioskRedeem', { kioskToken, code });
  await pc.ok('survey.kioskSubmit', { kioskToken, assignmentId: v.survey!.assignmentId, response: { ...profile, answers: answers(value) } });
}

function rows(pc: Pc) {
  return pc.backend.ctx.sqlite.prepare('SELECT * FROM survey_responses ORDER BY id').all();
}

/** The per-day summary the report reads, and the same recomputed from the responses: they must agree. */
function daily(pc: Pc) {
  const tally = ELEMENT_CODES.map((c) => c.toLowerCase())
    .map((u) => `a_${u}, s_${u}`)
    .join(', ');
  const kept = pc.backend.ctx.sqlite.prepare(`SELECT day, service_code, channel, respondents, duplicates, ${tally} FROM survey_daily WHERE respondents != 0 OR duplicates != 0 ORDER BY 1, 2, 3`).all();
  const sums = ELEMENT_CODES.map((c) => c.toLowerCase())
    .map((u) => `count(${u}) AS a_${u}, coalesce(sum(${u}), 0) AS s_${u}`)
    .join(', ');
  const recomputed = pc.backend.ctx.sqlite
    .prepare(`SELECT day, service_code, channel, count(*) AS respondents, sum(duplicates) AS duplicates, ${sums} FROM survey_responses GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`)
    .all();
  expect(kept, `${pc.name}: survey_daily`).toEqual(recomputed);
  return kept;
}

describe.each(SERVER_KINDS)('satisfaction survey across workstations (%s server)', (kind) => {
  it('kiosk responses at two PCs reach both exactly once; a code used twice before sync counts once; then it is refused everywhere', async () => {
    const { a, b, officeId } = await office(kind);
    await signIn(a, 'helpdesk1', PASSWORD);

    // Visit 1: handed over at A, the kiosk at A is started for it, the visitor answers there.
    const v1 = await handedOver(a);
    const { kioskToken: kioskA } = await a.ok('survey.kioskOpen', {});
    await a.ok('survey.kioskStart', { visitId: v1 });
    const onKiosk = await a.ok('survey.kioskWait', { kioskToken: kioskA, version: 0 });
    await a.ok('survey.kioskSubmit', { kioskToken: kioskA, assignmentId: onKiosk.survey!.assignmentId, response: { ...profile, sex: 'P', answers: answers(4) } });

    // Visit 2: handed over at A with its receipt printed there (the code is issued at A) ...
    const v2 = await handedOver(a);
    const { code: code2, qr } = await receiptCode(a, v2);
    // Enrolled: the QR opens the server's public survey page with the code in the fragment.
    expect(qr).toContain('Pindai kode QR ini dengan ponsel Anda');
    const printed = await buildPrintData(a.backend.ctx, await loadVisitForPrint(a.backend.ctx, v2), 'receipt', null, { printedAt: a.clock.now(), copyNo: 2 });
    expect(printed.kind === 'receipt' && printed.survey).toEqual({
      kind: 'code',
      qrText: `${server!.url}/kantor/${officeId}/survei#t=${code2}`,
      code: `${code2.slice(0, 4)}-${code2.slice(4, 8)}-${code2.slice(8, 12)}-${code2.slice(12)}`,
      validUntil: '2026-12-26',
      viaServer: true,
    });
    await a.sync();
    await b.sync();
    // ... and the visitor, served at B, types the code from the receipt at B's kiosk.
    await signIn(b, 'verif1', PASSWORD);
    await b.ok('survey.kioskOpen', {});
    const started = await b.call('survey.kioskStart', { visitId: v2 });
    expect(!started.ok && started.error.message).toContain('diterbitkan di komputer lain');
    // The central server is out of reach for a while (phase 2: online, a kiosk takes the code's response id
    // at the server first, and the second kiosk would be refused; tests/sync/survey-phone.test.ts).
    const port = Number(new URL(server!.url).port);
    await server!.stop();
    await answerWithCode(b, code2, 3);
    // Before any sync, the same code is typed again at A's kiosk: A cannot know yet, and takes it.
    await answerWithCode(a, code2, 1);
    await server!.boot(port);

    // The next morning both PCs release their held responses and sync.
    for (const pc of [a, b]) pc.clock.advance(24 * 60);
    await signIn(a, 'helpdesk1', PASSWORD);
    await signIn(b, 'verif1', PASSWORD);
    for (const pc of [a, b]) expect((await pc.ok('survey.report', { period: '2026-11', serviceCode: null })).heldOnThisPc).toBe(0);
    await a.sync();
    await b.sync();
    await a.sync();

    const onA = await a.ok('survey.report', { period: '2026-11', serviceCode: null });
    const onB = await b.ok('survey.report', { period: '2026-11', serviceCode: null });
    // Two visits, two responses: code2's second use is kept in the log but counted once.
    expect(onA.respondents).toBe(2);
    expect(onA.duplicatesIgnored).toBe(1);
    expect({ ...onB, generatedAt: 0 }).toEqual({ ...onA, generatedAt: 0 });
    expect(rows(a)).toEqual(rows(b));
    expect(daily(a)).toEqual(daily(b));
    const srv = await server!.events(officeId);
    expect(srv.filter((e) => e.type === 'survey.response_recorded')).toHaveLength(3);
    expect(srv.filter((e) => e.type === 'survey.token_issued')).toHaveLength(2);
    // The first in fold order wins on every PC: the same answers for code2 on both.
    expect(onA.elements.find((e) => e.code === 'U1')!.sum).toBe(onB.elements.find((e) => e.code === 'U1')!.sum);

    // Now the code is refused on both PCs, and A (which issued it) no longer holds it.
    for (const pc of [a, b]) {
      const { kioskToken } = await pc.ok('survey.kioskOpen', {});
      const again = await pc.call('survey.kioskRedeem', { kioskToken, code: code2 });
      expect(!again.ok && again.error.message, pc.name).toContain('sudah digunakan');
    }
    const secret = a.backend.ctx.sqlite.prepare('SELECT token, spent_at FROM survey_token_secrets WHERE visit_id = ?').get(v2) as { token: string | null; spent_at: number | null };
    expect(secret.token).toBeNull();
    expect(secret.spent_at).not.toBeNull();
    expect((await a.ok('survey.visitStatus', { visitId: v2 })).state).toBe('spent');
    await expectConverged(server!, officeId, [a, b]);
  });
});
