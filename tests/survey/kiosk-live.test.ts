/**
 * The survey screens follow the kiosk without polling (ADR 0008, issue 13 phase 2): the kiosk lives in
 * memory, so the backend announces its changes itself as `survey_kiosk` notices — opened, a survey started,
 * the kiosk connecting, an answer taken, cancelled, closed — and the visit's own notices name its code's
 * aggregate when a receipt issues it. The staff screens (SurveyPanel, KioskWidget) read on these.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeNotice } from '../../contract/changes';
import { KIOSK_NOTICE_TYPE } from '../../contract/survey';
import { surveyTokenAggregateId } from '../../domain/survey/events';
import { ELEMENT_CODES } from '../../domain/survey/questionnaire';
import { addStaff, at, handedOverFile, signInAs } from '../desks/desk-helpers';
import { signInAsSupervisor, startTestApp, type TestApp } from '../helpers';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.backend.close();
  app = null;
});

const ALL_THREE = Object.fromEntries(ELEMENT_CODES.map((c) => [c, 3])) as Record<(typeof ELEMENT_CODES)[number], 3>;

describe('live survey screens', () => {
  it('announces every change of the kiosk and the issuing of a visit code, and nothing for a read', async () => {
    app = await startTestApp();
    at(app, '2026-12-01', '09:00');
    await signInAsSupervisor(app);
    await addStaff(app, 'siti', ['helpdesk'], 'Siti Helpdesk');
    await signInAs(app, 'siti');
    const visitId = await handedOverFile(app, 'aktivasi_user_id');
    const seen: ChangeNotice[] = [];
    app.backend.ctx.changes.subscribe((n) => seen.push(n));
    const kioskNotices = () => seen.filter((n) => n.types.includes(KIOSK_NOTICE_TYPE)).length;

    // A receipt issues the visit's code: the notice names its token aggregate (the panel's interest).
    await app.ok('print.render', { kind: 'receipt', visitId, layout: 'a4', returnNo: null });
    await new Promise((r) => setImmediate(r));
    expect(seen.some((n) => n.ids?.includes(surveyTokenAggregateId(visitId)))).toBe(true);

    const { kioskToken } = await app.ok('survey.kioskOpen', {});
    const before = kioskNotices();
    // The kiosk window asks for the first time: it is connected now.
    const idle = await app.ok('survey.kioskWait', { kioskToken, version: 0 });
    expect(kioskNotices()).toBe(before + 1);
    // Asking again changes nothing the staff see.
    await app.ok('survey.kioskStatus', {});
    expect(kioskNotices()).toBe(before + 1);

    await app.ok('survey.kioskStart', { visitId });
    expect(kioskNotices()).toBe(before + 2);
    const view = await app.ok('survey.kioskWait', { kioskToken, version: idle.version });
    await app.ok('survey.kioskSubmit', { kioskToken, assignmentId: view.survey!.assignmentId, response: { sex: null, ageGroup: null, education: null, occupation: null, answers: ALL_THREE } });
    expect(kioskNotices()).toBe(before + 3);
    // The panel then reads the visit as answered.
    expect((await app.ok('survey.visitStatus', { visitId })).state).toBe('spent');

    await app.ok('survey.kioskClose', {});
    expect(kioskNotices()).toBe(before + 4);
    // Notices carry no content: only the kiosk's id and the type.
    for (const n of seen.filter((x) => x.types.includes(KIOSK_NOTICE_TYPE))) expect(n).toMatchObject({ origin: 'system', types: [KIOSK_NOTICE_TYPE] });
  });
});
