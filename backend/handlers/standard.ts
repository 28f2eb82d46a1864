/**
 * The service standard as living data (contract: contract/standard.ts, ADR 0015): the office's draft of
 * the next catalogue version and its publication. Every change is an event, so the draft and each version
 * reach every workstation by sync; the version in force on a day is the highest one whose effective date
 * has come (db/queries.ts, `activeCatalogueVersion`), read by each PC from its own clock.
 */
import type { OutputOf, ParsedInputOf } from '../../contract/api';
import { AppError } from '../../contract/result';
import { loadAggregateState } from '../../db/event-store';
import { witaDay } from '../../db/projections';
import { activeCatalogueVersion, latestCatalogueVersion, userNames } from '../../db/queries';
import { checkDraft, diffCatalogues } from '../../domain/catalogue/draft';
import { CATALOGUE_DRAFT_ID } from '../../domain/events/standard-events';
import type { AuthedCallContext } from '../context';
import { recordEventsIn } from '../record';
import { loadCatalogue } from '../views/catalogue';
import { describeCounterHours } from '../../print/hours';
import { layoutSpec } from '../../print/layouts';
import { renderServiceStandard, serviceStandardFileName, type ServiceStandardData } from '../../print/service-standard';
import { weekHoursOn } from '../../domain/time/calendar';
import { log } from '../log';
import { pdfRendererFor } from '../pdf';
import { loadWorkCalendar } from '../views/service-clock';
import { loadOfficeSettings, officeHeader } from '../views/office';

type Ctx = AuthedCallContext;

async function draftView(ctx: Ctx): Promise<OutputOf<'catalogue.versions'>> {
  const { app } = ctx;
  const today = witaDay(app.now());
  const rows = await app.db.selectFrom('catalogue_versions').select(['version', 'published_at', 'published_by', 'note', 'effective_from']).orderBy('version', 'desc').execute();
  const inForce = await activeCatalogueVersion(app.db, today);
  const state = await loadAggregateState<'catalogue_draft'>(app.db, CATALOGUE_DRAFT_ID);
  const draft = state?.draft ?? null;
  const names = await userNames(app.db, [...rows.map((r) => r.published_by), draft?.savedBy ?? null].filter((x): x is string => !!x));
  const versions = await Promise.all(
    rows.map(async (r) => {
      const c = await loadCatalogue(app, r.version);
      return {
        version: r.version,
        source: c.source,
        effectiveFrom: r.effective_from,
        publishedAt: r.published_at,
        publishedByName: r.published_by ? (names.get(r.published_by) ?? null) : null,
        note: r.note,
        services: c.services.length,
        state: r.version === inForce ? ('in_force' as const) : r.effective_from > today ? ('scheduled' as const) : ('superseded' as const),
      };
    }),
  );
  return {
    draft: draft
      ? {
          catalogue: draft.catalogue,
          basedOn: draft.basedOn,
          note: draft.note,
          savedAt: draft.savedAt,
          savedByName: draft.savedBy ? (names.get(draft.savedBy) ?? null) : null,
          changes: diffCatalogues(await loadCatalogue(app, draft.basedOn), draft.catalogue),
        }
      : null,
    versions,
    inForce,
    latest: rows[0]?.version ?? 0,
  };
}

/** The printed standard or vendor handout of one service (or every active one) of a published version. */
async function standardPrint(ctx: Ctx, input: ParsedInputOf<'catalogue.printRender'>): Promise<{ html: string; title: string; fileName: string }> {
  const { app } = ctx;
  const today = witaDay(app.now());
  const version = input.version ?? (await activeCatalogueVersion(app.db, today));
  const catalogue = await loadCatalogue(app, version);
  let services = catalogue.services.filter((s) => s.active);
  if (input.serviceCode !== null) {
    const one = catalogue.services.find((s) => s.code === input.serviceCode);
    if (!one) {
      const m = `Layanan dengan kode "${input.serviceCode}" tidak ada dalam katalog versi ${version}.`;
      throw new AppError('invalid_input', m, [{ path: 'serviceCode', message: m }]);
    }
    services = [one];
  }
  const [settings, calendar] = await Promise.all([loadOfficeSettings(app), loadWorkCalendar(app)]);
  const data: ServiceStandardData = {
    document: input.document,
    office: officeHeader(settings),
    head: { title: settings.headTitle, name: settings.headName, nip: settings.headNip },
    catalogue: { version: catalogue.version, source: catalogue.source, effectiveFrom: catalogue.effectiveFrom },
    services,
    counterHours: describeCounterHours(weekHoursOn(calendar, today)),
    meta: { printedAt: app.now(), copyNo: 1 },
  };
  const html = renderServiceStandard(data);
  const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? 'Standar Pelayanan';
  return { html, title, fileName: serviceStandardFileName(input.document, version, services) };
}

export const standardHandlers = {
  async 'catalogue.printRender'(ctx: Ctx, input: ParsedInputOf<'catalogue.printRender'>) {
    return standardPrint(ctx, input);
  },

  async 'catalogue.printPdf'(ctx: Ctx, input: ParsedInputOf<'catalogue.printPdf'>) {
    const p = await standardPrint(ctx, input);
    const spec = layoutSpec('a4');
    let pdf: Buffer;
    try {
      pdf = await pdfRendererFor(ctx.app).render(p.html, { pageSize: spec.pageSize, marginMm: spec.marginMm });
    } catch (err) {
      log.error('pdf_render_failed', { error: err instanceof Error ? err.message : String(err) });
      throw new AppError('internal', 'PDF tidak dapat dibuat: mesin cetak (Chromium) tidak tersedia atau gagal. Hubungi admin sistem.');
    }
    return { base64: pdf.toString('base64'), fileName: p.fileName, bytes: pdf.length };
  },

  async 'catalogue.versions'(ctx: Ctx) {
    return draftView(ctx);
  },

  async 'catalogue.startDraft'(ctx: Ctx) {
    const { app } = ctx;
    await app.db.transaction().execute(async (tx) => {
      const state = await loadAggregateState<'catalogue_draft'>(tx, CATALOGUE_DRAFT_ID);
      if (state?.draft) return; // the office's open draft is the one everybody edits
      const latest = await latestCatalogueVersion(tx);
      const base = await loadCatalogue(app, latest, tx);
      const copy = { ...structuredClone(base), version: latest + 1 };
      await recordEventsIn(tx, app, ctx.session.userId, [
        { type: 'catalogue.draft_saved', aggregateId: CATALOGUE_DRAFT_ID, payload: { basedOn: latest, catalogue: copy, note: null } },
      ]);
    });
    return draftView(ctx);
  },

  async 'catalogue.saveDraft'(ctx: Ctx, input: ParsedInputOf<'catalogue.saveDraft'>) {
    const { app } = ctx;
    const checked = checkDraft(input.catalogue);
    if (!checked.ok) throw new AppError('invalid_input', checked.issues[0]!.message, checked.issues);
    await app.db.transaction().execute(async (tx) => {
      const state = await loadAggregateState<'catalogue_draft'>(tx, CATALOGUE_DRAFT_ID);
      if (!state?.draft) throw new AppError('invalid_state', 'Tidak ada draf katalog yang terbuka. Buat draf terlebih dahulu.');
      const latest = await latestCatalogueVersion(tx);
      const catalogue = { ...checked.catalogue, version: latest + 1 };
      await recordEventsIn(tx, app, ctx.session.userId, [
        { type: 'catalogue.draft_saved', aggregateId: CATALOGUE_DRAFT_ID, payload: { basedOn: state.draft.basedOn, catalogue, note: input.note } },
      ]);
    });
    return draftView(ctx);
  },

  async 'catalogue.discardDraft'(ctx: Ctx) {
    const { app } = ctx;
    await app.db.transaction().execute(async (tx) => {
      const state = await loadAggregateState<'catalogue_draft'>(tx, CATALOGUE_DRAFT_ID);
      if (!state?.draft) throw new AppError('invalid_state', 'Tidak ada draf katalog yang terbuka.');
      await recordEventsIn(tx, app, ctx.session.userId, [{ type: 'catalogue.draft_discarded', aggregateId: CATALOGUE_DRAFT_ID, payload: { publishedVersion: null } }]);
    });
    return draftView(ctx);
  },

  async 'catalogue.publishDraft'(ctx: Ctx, input: ParsedInputOf<'catalogue.publishDraft'>) {
    const { app } = ctx;
    const today = witaDay(app.now());
    // A standard applies from now on: a version dated in the past would re-date visits already served.
    if (input.effectiveFrom < today) {
      throw new AppError('invalid_input', 'Tanggal berlaku tidak boleh sebelum hari ini.', [{ path: 'effectiveFrom', message: 'Tanggal berlaku tidak boleh sebelum hari ini.' }]);
    }
    return app.db.transaction().execute(async (tx) => {
      const state = await loadAggregateState<'catalogue_draft'>(tx, CATALOGUE_DRAFT_ID);
      if (!state?.draft) throw new AppError('invalid_state', 'Tidak ada draf katalog yang terbuka untuk ditetapkan.');
      const latest = await latestCatalogueVersion(tx);
      const version = latest + 1;
      const candidate = { ...state.draft.catalogue, version, source: input.source, effectiveFrom: input.effectiveFrom };
      const checked = checkDraft(candidate);
      if (!checked.ok) throw new AppError('invalid_input', checked.issues[0]!.message, checked.issues);
      const previous = await tx.selectFrom('catalogue_versions').select((eb) => eb.fn.max('effective_from').as('d')).executeTakeFirst();
      if (previous?.d && input.effectiveFrom < previous.d) {
        const m = `Tanggal berlaku tidak boleh sebelum tanggal berlaku versi ${latest} (${previous.d}).`;
        throw new AppError('invalid_input', m, [{ path: 'effectiveFrom', message: m }]);
      }
      await recordEventsIn(tx, app, ctx.session.userId, [
        { type: 'catalogue.published', aggregateId: 'catalogue', payload: { version, catalogue: checked.catalogue, note: input.note } },
        { type: 'catalogue.draft_discarded', aggregateId: CATALOGUE_DRAFT_ID, payload: { publishedVersion: version } },
      ]);
      return { version, effectiveFrom: input.effectiveFrom };
    });
  },
};
