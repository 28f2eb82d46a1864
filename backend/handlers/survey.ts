/** Handlers of the satisfaction survey (contract: `contract/survey.ts`; design: docs/adr/0010). */
import type { MethodName, OutputOf, ParsedInputOf } from '../../contract/api';
import { AppError } from '../../contract/result';
import type { KioskStatus, KioskView } from '../../contract/survey';
import { latestCatalogueVersion } from '../../db/queries';
import { witaDay } from '../../db/projections';
import { formatHlc } from '../../domain/events/hlc';
import { surveyExec } from '../../db/schema-survey';
import { SurveyCsvError, parseSurveyCsv } from '../../domain/survey/csv';
import { surveyPlanAggregateId } from '../../domain/survey/events';
import { ageGroupOf } from '../../domain/survey/questionnaire';
import { parseTokenInput } from '../../domain/survey/token';
import type { AppContext, AuthedCallContext } from '../context';
import { log } from '../log';
import { recordEvents } from '../record';
import { ensureVisitCode, redeemableCode, takeKioskAnswer, visitCodeState, type VisitCodeState } from '../survey/codes';
import { exportSurvey } from '../survey/export';
import {
  closeKiosk,
  currentKiosk,
  isConnected,
  kioskByToken,
  kioskWindowsFor,
  newAssignment,
  openKiosk,
  setAssignment,
  waitForChange,
  type Kiosk,
} from '../survey/kiosk';
import { recordPaperResponses } from '../survey/paper';
import { ikmFigures, rangeOfPeriod, surveyReport } from '../survey/report';
import { loadOfficeSettings } from '../views/office';
import { findService, loadCatalogue } from '../views/catalogue';

type SurveyMethods = Extract<MethodName, `survey.${string}`>;
type H<M extends MethodName> = (ctx: AuthedCallContext, input: ParsedInputOf<M>) => Promise<OutputOf<M>>;

async function serviceName(app: AppContext, code: string): Promise<string> {
  const active = await latestCatalogueVersion(app.db);
  for (let v = active; v >= 1; v--) {
    const s = findService(await loadCatalogue(app, v), code);
    if (s) return `${s.number}. ${s.name}`;
  }
  return code;
}

async function serviceCodes(app: AppContext): Promise<Set<string>> {
  const out = new Set<string>();
  const active = await latestCatalogueVersion(app.db);
  for (let v = 1; v <= active; v++) for (const s of (await loadCatalogue(app, v)).services) out.add(s.code);
  return out;
}

/** A report for one service names a service of the catalogue (any version). */
async function checkService(app: AppContext, code: string | null): Promise<void> {
  if (code !== null && !(await serviceCodes(app)).has(code)) {
    throw new AppError('invalid_input', `Kode layanan tidak dikenal: ${code}.`, [{ path: 'serviceCode', message: 'Layanan tidak dikenal.' }]);
  }
}

function kioskStatus(app: AppContext): KioskStatus {
  const k = currentKiosk(app);
  if (!k) return { open: false, connected: false, busy: null };
  const a = k.assignment;
  return {
    open: true,
    connected: isConnected(app, k),
    busy: a ? { serviceName: a.serviceName, startedAt: a.startedAt, visitId: a.visitId, byCode: a.visitId === null } : null,
  };
}

async function kioskView(app: AppContext, k: Kiosk): Promise<KioskView> {
  const office = await loadOfficeSettings(app);
  const a = k.assignment;
  return {
    version: k.version,
    state: k.closed ? 'closed' : a ? 'survey' : 'standby',
    survey: a ? { assignmentId: a.id, serviceName: a.serviceName, startedAt: a.startedAt } : null,
    officeName: office.officeName,
  };
}

const STATE_MESSAGE: Record<VisitCodeState['kind'], string> = {
  not_eligible: '',
  not_issued: 'Kode survei diterbitkan saat tanda terima dicetak atau kios dibuka untuk kunjungan ini.',
  here: 'Kode survei tersimpan di komputer ini: survei dapat diisi di kios atau melalui kode QR pada tanda terima.',
  elsewhere: 'Kode survei diterbitkan di komputer lain. Pemohon dapat mengetik atau memindai kode pada tanda terimanya di kios.',
  spent: 'Survei untuk kunjungan ini sudah diisi.',
  expired: 'Kode survei kunjungan ini sudah tidak berlaku.',
};

function stateMessage(s: VisitCodeState): string {
  return s.kind === 'not_eligible' ? s.reason : STATE_MESSAGE[s.kind];
}

/** Why a kiosk cannot be started for a visit, as an error the staff member reads. */
function refuseStart(s: Exclude<VisitCodeState, { kind: 'here' }>): never {
  switch (s.kind) {
    case 'not_eligible':
      throw new AppError('invalid_state', s.reason);
    case 'spent':
      throw new AppError('conflict', 'Survei untuk kunjungan ini sudah diisi. Setiap kunjungan dapat mengisi survei satu kali.');
    case 'expired':
      throw new AppError('invalid_state', `Kode survei kunjungan ini sudah tidak berlaku (berlaku sampai ${s.validUntil}).`);
    case 'elsewhere':
      throw new AppError(
        'invalid_state',
        'Kode survei kunjungan ini diterbitkan di komputer lain (tercetak pada tanda terimanya). Minta pemohon mengetik atau memindai kode survei pada tanda terima di layar kios.',
      );
    case 'not_issued':
      throw new AppError('internal', 'Kode survei belum dapat diterbitkan. Coba lagi.');
  }
}

export const surveyHandlers: { [M in SurveyMethods]: H<M> } = {
  async 'survey.kioskOpen'(ctx) {
    const k = openKiosk(ctx.app, ctx.session.userId);
    const windows = kioskWindowsFor(ctx.app);
    if (windows) windows.open(k.token);
    return { kioskToken: k.token, windowOpened: !!windows };
  },

  async 'survey.kioskStatus'(ctx) {
    return kioskStatus(ctx.app);
  },

  async 'survey.kioskStart'(ctx, input) {
    const k = currentKiosk(ctx.app);
    if (!k) throw new AppError('invalid_state', 'Kios survei belum dibuka. Buka kios survei terlebih dahulu.');
    const state = await ensureVisitCode(ctx.app, input.visitId, ctx.session.userId);
    if (state.kind !== 'here') refuseStart(state);
    // Checked again against the log and the held responses: the code may have been used at another kiosk.
    await redeemableCode(surveyExec(ctx.app.db), state.token, witaDay(ctx.app.now()));
    setAssignment(
      k,
      newAssignment(ctx.app, {
        serviceCode: state.serviceCode,
        serviceName: await serviceName(ctx.app, state.serviceCode),
        token: state.token,
        visitId: input.visitId,
        startedBy: ctx.session.userId,
      }),
    );
    return kioskStatus(ctx.app);
  },

  async 'survey.kioskCancel'(ctx) {
    const k = currentKiosk(ctx.app);
    if (k?.assignment) setAssignment(k, null);
    return kioskStatus(ctx.app);
  },

  async 'survey.kioskClose'(ctx) {
    closeKiosk(ctx.app);
    kioskWindowsFor(ctx.app)?.close();
    return kioskStatus(ctx.app);
  },

  async 'survey.visitStatus'(ctx, input) {
    const s = await visitCodeState(ctx.app, input.visitId);
    return {
      state: s.kind,
      message: stateMessage(s),
      validUntil: s.kind === 'here' || s.kind === 'elsewhere' || s.kind === 'expired' ? s.validUntil : null,
      kiosk: kioskStatus(ctx.app),
    };
  },

  async 'survey.recentServed'(ctx) {
    const { app, session } = ctx;
    const now = app.now();
    const day = witaDay(now);
    const me = session.userId;
    // The visits this officer acted on in the last 24 hours, through the log's actor index: the kiosk widget
    // reads this on every visit change, and a filter on `visits` alone read the whole table (97 ms at
    // 110,000 visits, on the counter's thread).
    const sinceMs = now - 24 * 3600_000;
    const since = formatHlc({ ms: sinceMs, counter: 0 });
    // The most recent 1,000 at most: the list shows ten, and the ids are bound as parameters below.
    const touched = await app.db
      .selectFrom('events')
      .select('aggregate_id')
      .where('actor_id', '=', me)
      .where('hlc', '>=', since)
      .where('aggregate_type', '=', 'visit')
      .groupBy('aggregate_id')
      .orderBy((eb) => eb.fn.max('hlc'), 'desc')
      .limit(1000)
      .execute();
    if (touched.length === 0) return { visits: [] };
    const rows = await app.db
      .selectFrom('visits')
      .select(['id', 'arrived_at', 'visitor_name', 'company_name', 'service_code', 'handed_over_at', 'outcome_at', 'handed_over_by', 'outcome_by', 'updated_at'])
      .where(
        'id',
        'in',
        touched.map((t) => t.aggregate_id),
      )
      .where('service_code', 'is not', null)
      .where((eb) => eb.or([eb('handed_over_by', '=', me), eb('outcome_by', '=', me), eb('registered_by', '=', me)]))
      .where('updated_at', '>=', sinceMs)
      .orderBy('updated_at', 'desc')
      .limit(40)
      .execute();
    const visits = [];
    for (const r of rows) {
      if (witaDay(r.updated_at) !== day) continue;
      const s = await visitCodeState(app, r.id);
      if (s.kind === 'not_eligible') continue;
      visits.push({ visitId: r.id, at: r.updated_at, visitorName: r.visitor_name, companyName: r.company_name, serviceName: await serviceName(app, r.service_code!), state: s.kind });
      if (visits.length >= 10) break;
    }
    return { visits };
  },

  async 'survey.kioskWait'(ctx, input) {
    const k = kioskByToken(ctx.app, input.kioskToken);
    await waitForChange(k, input.version);
    return kioskView(ctx.app, k);
  },

  async 'survey.kioskRedeem'(ctx, input) {
    const k = kioskByToken(ctx.app, input.kioskToken);
    const token = parseTokenInput(input.code);
    if (!token) throw new AppError('invalid_input', 'Kode survei terdiri atas 16 huruf dan angka, seperti tercetak pada tanda terima (contoh: K7QM-3XD9-PA2F-HV8C).');
    const { serviceCode } = await redeemableCode(surveyExec(ctx.app.db), token, witaDay(ctx.app.now()));
    setAssignment(k, newAssignment(ctx.app, { serviceCode, serviceName: await serviceName(ctx.app, serviceCode), token, visitId: null, startedBy: null }));
    return kioskView(ctx.app, k);
  },

  async 'survey.kioskSubmit'(ctx, input) {
    const k = kioskByToken(ctx.app, input.kioskToken);
    const a = k.assignment;
    if (!a || a.id !== input.assignmentId) {
      throw new AppError('invalid_state', 'Sesi survei ini sudah berakhir. Silakan mulai lagi atau minta bantuan petugas.');
    }
    try {
      await takeKioskAnswer(ctx.app, a.token, a.serviceCode, input.response);
    } finally {
      // Used or refused, the code leaves the kiosk: the next visitor starts from the beginning.
      if (k.assignment?.id === a.id) setAssignment(k, null);
    }
    return { message: 'Terima kasih. Penilaian Anda sudah kami terima dan akan kami gunakan untuk memperbaiki pelayanan.', view: await kioskView(ctx.app, k) };
  },

  async 'survey.kioskReset'(ctx, input) {
    const k = kioskByToken(ctx.app, input.kioskToken);
    if (k.assignment?.id === input.assignmentId) setAssignment(k, null);
    return kioskView(ctx.app, k);
  },

  async 'survey.recordPaper'(ctx, input) {
    const codes = await serviceCodes(ctx.app);
    const today = witaDay(ctx.app.now());
    const issues: { path: string; message: string }[] = [];
    input.rows.forEach((r, i) => {
      if (!codes.has(r.serviceCode)) issues.push({ path: `rows.${i}.serviceCode`, message: `Baris ${i + 1}: layanan tidak dikenal.` });
      if (r.day > today) issues.push({ path: `rows.${i}.day`, message: `Baris ${i + 1}: tanggal pengisian sesudah hari ini.` });
    });
    if (issues.length > 0) throw new AppError('invalid_input', 'Ada kuesioner yang belum benar; tidak ada yang disimpan.', issues);
    const recorded = await recordPaperResponses(
      ctx.app,
      ctx.session.userId,
      input.rows.map((r) => ({
        day: r.day,
        serviceCode: r.serviceCode,
        sex: r.sex,
        ageGroup: r.age === null ? null : ageGroupOf(r.age),
        education: r.education,
        occupation: r.occupation,
        answers: r.answers,
      })),
      'paper',
    );
    return { recorded };
  },

  async 'survey.importCsv'(ctx, input) {
    let rows;
    try {
      rows = parseSurveyCsv(input.csv, { serviceCodes: await serviceCodes(ctx.app), today: witaDay(ctx.app.now()) });
    } catch (err) {
      if (err instanceof SurveyCsvError) {
        throw new AppError(
          'invalid_input',
          `Berkas CSV ditolak seluruhnya: ${err.issues.length} baris bermasalah; tidak ada yang disimpan.`,
          err.issues.map((i) => ({ path: `line.${i.line}`, message: i.message })),
        );
      }
      throw err;
    }
    const recorded = await recordPaperResponses(
      ctx.app,
      ctx.session.userId,
      rows.map(({ line: _line, ...r }) => r),
      'import',
    );
    log.info('survey_csv_imported', { rows: recorded });
    return { recorded };
  },

  async 'survey.report'(ctx, input) {
    await checkService(ctx.app, input.serviceCode);
    return surveyReport(ctx.app, rangeOfPeriod(input.period, input.serviceCode));
  },

  async 'survey.ikm'(ctx, input) {
    await checkService(ctx.app, input.serviceCode);
    return ikmFigures(ctx.app, { from: input.from, to: input.to, serviceCode: input.serviceCode, period: null });
  },

  async 'survey.export'(ctx, input) {
    await checkService(ctx.app, input.serviceCode);
    let out;
    try {
      out = await exportSurvey(ctx.app, rangeOfPeriod(input.period, input.serviceCode), input.format, ctx.session.displayName);
    } catch (err) {
      if (err instanceof AppError) throw err;
      log.error('survey_export_failed', { format: input.format, error: err instanceof Error ? err.message : String(err) });
      throw new AppError('internal', 'Berkas laporan SKM tidak dapat dibuat. Coba lagi; bila berulang, hubungi admin sistem.');
    }
    return { fileName: out.fileName, mimeType: out.mimeType, base64: out.data.toString('base64'), bytes: out.data.length };
  },

  async 'survey.setPlan'(ctx, input) {
    const at = ctx.app.now();
    await recordEvents(ctx.app, ctx.session.userId, [
      { type: 'survey.plan_set', aggregateId: surveyPlanAggregateId(input.period), payload: { period: input.period, items: input.items, note: input.note } },
    ]);
    return { period: input.period, updatedAt: at };
  },
};

