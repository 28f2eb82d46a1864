/**
 * The maklumat pelayanan (contract: contract/maklumat.ts, Perwali 67/2018 Pasal 7, ADR 0023). Its versions
 * are the `maklumat` aggregate (domain/aggregates/standard.ts): drafted by either head, signed by the Kepala
 * Bagian, in force from the date the approval gives. Every step is an event, so the text reaches every
 * workstation, the television and the central server's public page by sync.
 */
import type { OutputOf, ParsedInputOf } from '../../contract/api';
import { AppError } from '../../contract/result';
import { loadAggregateState } from '../../db/event-store';
import { witaDay } from '../../db/projections';
import { userNames } from '../../db/queries';
import { maklumatInForce } from '../../domain/aggregates/standard';
import { MAKLUMAT_ID } from '../../domain/events/standard-events';
import { latestMaklumat, maklumatVersionState, nextDraftVersion, proposedMaklumat } from '../../domain/maklumat/text';
import { maklumatPosterHtml, posterSpec } from '../../print/maklumat';
import type { AuthedCallContext } from '../context';
import { log } from '../log';
import { pdfRendererFor } from '../pdf';
import { recordEventsIn } from '../record';
import { loadOfficeSettings } from '../views/office';

type Ctx = AuthedCallContext;

async function view(ctx: Ctx): Promise<OutputOf<'maklumat.view'>> {
  const { app } = ctx;
  const day = witaDay(app.now());
  const [state, office] = await Promise.all([loadAggregateState<'maklumat'>(app.db, MAKLUMAT_ID), loadOfficeSettings(app)]);
  const versions = state?.versions ?? [];
  const inForce = maklumatInForce(state, day);
  const names = await userNames(app.db, versions.flatMap((v) => [v.draftedBy, v.approval?.by ?? null]).filter((x): x is string => !!x));
  const name = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  const latest = latestMaklumat(state);
  return {
    versions: [...versions].reverse().map((v) => ({
      version: v.version,
      title: v.title,
      opening: v.opening,
      points: v.points,
      closing: v.closing,
      draftedAt: v.draftedAt,
      draftedByName: name(v.draftedBy),
      approval: v.approval ? { at: v.approval.at, byName: name(v.approval.by), effectiveFrom: v.approval.effectiveFrom, signerName: v.approval.signerName, signerNip: v.approval.signerNip } : null,
      state: maklumatVersionState(v, inForce, day),
    })),
    inForce: inForce?.version ?? null,
    draft: latest && !latest.approval ? latest.version : null,
    proposal: latest ? { title: latest.title, opening: latest.opening, points: latest.points, closing: latest.closing } : proposedMaklumat(office.officeName),
    signer: { name: office.headName, nip: office.headNip, title: office.headTitle },
  };
}

export const maklumatHandlers = {
  async 'maklumat.view'(ctx: Ctx) {
    return view(ctx);
  },

  async 'maklumat.saveDraft'(ctx: Ctx, input: ParsedInputOf<'maklumat.saveDraft'>) {
    const { app } = ctx;
    await app.db.transaction().execute(async (tx) => {
      const state = await loadAggregateState<'maklumat'>(tx, MAKLUMAT_ID);
      const latest = latestMaklumat(state);
      const same = latest && latest.title === input.title && latest.opening === input.opening && latest.closing === input.closing && JSON.stringify(latest.points) === JSON.stringify(input.points);
      if (same) throw new AppError('invalid_input', latest.approval ? 'Teks sama dengan maklumat versi yang sudah ditandatangani: ubah teksnya untuk membuat versi baru.' : 'Tidak ada perubahan pada draf.');
      await recordEventsIn(tx, app, ctx.session.userId, [
        { type: 'maklumat.drafted', aggregateId: MAKLUMAT_ID, payload: { version: nextDraftVersion(state), title: input.title, opening: input.opening, points: input.points, closing: input.closing } },
      ]);
    });
    return view(ctx);
  },

  async 'maklumat.approve'(ctx: Ctx, input: ParsedInputOf<'maklumat.approve'>) {
    const { app } = ctx;
    const today = witaDay(app.now());
    if (input.effectiveFrom < today) {
      const m = 'Tanggal berlaku tidak boleh sebelum hari ini.';
      throw new AppError('invalid_input', m, [{ path: 'effectiveFrom', message: m }]);
    }
    await app.db.transaction().execute(async (tx) => {
      const state = await loadAggregateState<'maklumat'>(tx, MAKLUMAT_ID);
      const v = state?.versions.find((x) => x.version === input.version);
      if (!v) throw new AppError('not_found', `Maklumat versi ${input.version} tidak ditemukan.`);
      if (v.approval) throw new AppError('invalid_state', `Maklumat versi ${input.version} sudah ditandatangani.`);
      const latest = latestMaklumat(state);
      if (latest && latest.version !== v.version) throw new AppError('invalid_state', `Versi ${input.version} sudah digantikan oleh draf versi ${latest.version}.`);
      await recordEventsIn(tx, app, ctx.session.userId, [
        { type: 'maklumat.approved', aggregateId: MAKLUMAT_ID, payload: { version: v.version, effectiveFrom: input.effectiveFrom, signerName: input.signerName, signerNip: input.signerNip } },
      ]);
    });
    return view(ctx);
  },

  async 'maklumat.pdf'(ctx: Ctx, input: ParsedInputOf<'maklumat.pdf'>) {
    const { app } = ctx;
    const [state, office] = await Promise.all([loadAggregateState<'maklumat'>(app.db, MAKLUMAT_ID), loadOfficeSettings(app)]);
    const v = input.version === null ? maklumatInForce(state, witaDay(app.now())) : (state?.versions.find((x) => x.version === input.version) ?? null);
    if (!v) throw new AppError('not_found', input.version === null ? 'Belum ada maklumat pelayanan yang ditandatangani dan berlaku.' : `Maklumat versi ${input.version} tidak ditemukan.`);
    const htmlDoc = maklumatPosterHtml(
      { version: v.version, title: v.title, opening: v.opening, points: v.points, closing: v.closing, approval: v.approval ? { at: v.approval.at, effectiveFrom: v.approval.effectiveFrom, signerName: v.approval.signerName, signerNip: v.approval.signerNip } : null },
      office,
      input.paper,
    );
    const spec = posterSpec(input.paper);
    let pdf: Buffer;
    try {
      pdf = await pdfRendererFor(app).render(htmlDoc, { pageSize: spec.pageSize, marginMm: spec.marginMm });
    } catch (err) {
      log.error('pdf_render_failed', { error: err instanceof Error ? err.message : String(err) });
      throw new AppError('internal', 'PDF tidak dapat dibuat: mesin cetak (Chromium) tidak tersedia atau gagal. Hubungi admin sistem.');
    }
    const fileName = `maklumat-pelayanan-v${v.version}${v.approval ? '' : '-draf'}-${input.paper}.pdf`;
    return { base64: pdf.toString('base64'), fileName, bytes: pdf.length };
  },
};
