/**
 * The maklumat pelayanan on the office's public pages (Perwali Banjarmasin 67/2018 Pasal 7: the unit sets
 * it and publishes it; issue 14, ADR 0023): the version the Kepala Bagian signed that is in force today,
 * folded from the office's own log with the workstations' reducer and permission rules
 * (`aggregateEvents` leaves out an approval by anyone else). Shown on the office's start page and at
 * `/kantor/<slug>/maklumat`. Read-only: nothing is written.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { foldAggregate } from '../../domain/aggregates';
import { settingOf } from '../../domain/aggregates/settings';
import { maklumatInForce, type MaklumatVersion } from '../../domain/aggregates/standard';
import { MAKLUMAT_ID } from '../../domain/events/standard-events';
import { witaIsoDate } from '../../domain/time/wita';
import { isoDateId } from '../../print/format';
import { html, type SafeHtml } from '../../print/html';
import type { ServerDB } from '../schema';
import type { PublicRoutes } from './index';
import { aggregateEvents } from './office-log';
import { publicPage } from './page';

export interface PublicMaklumat {
  version: MaklumatVersion;
  headTitle: string;
}

export async function maklumatOfOffice(db: Kysely<ServerDB>, officeId: string, now: number): Promise<PublicMaklumat | null> {
  const [events, settings] = await Promise.all([aggregateEvents(db, officeId, MAKLUMAT_ID), aggregateEvents(db, officeId, 'settings')]);
  const v = maklumatInForce(foldAggregate('maklumat', events), witaIsoDate(now));
  if (!v?.approval) return null;
  return { version: v, headTitle: settingOf(foldAggregate('settings', settings), 'head_title') };
}

/** The maklumat as a section of a page: statements, then the signer. */
export function maklumatSection(m: PublicMaklumat, heading: 'h1' | 'h2'): SafeHtml {
  const v = m.version;
  const a = v.approval!;
  const title = heading === 'h1' ? html`<h1>${v.title}</h1>` : html`<h2>${v.title}</h2>`;
  return html`<section class="maklumat" aria-label="Maklumat pelayanan">${title}
<p>${v.opening}</p>
<ol>${v.points.map((p) => html`<li>${p}</li>`)}</ol>
${v.closing ? html`<p>${v.closing}</p>` : ''}
<p><strong>${m.headTitle}</strong><br>${a.signerName}${a.signerNip ? html`<br>NIP. ${a.signerNip}` : ''}</p>
<p class="hint">Berlaku sejak ${isoDateId(a.effectiveFrom)} (versi ${v.version}).</p></section>`;
}

export function registerMaklumatPage(app: FastifyInstance, r: PublicRoutes): void {
  app.get('/:slug/maklumat', async (req, reply) => {
    const o = await r.office(req, reply);
    if (!o || !(await r.allow(req, reply, 'view', o.header))) return reply;
    const m = await maklumatOfOffice(r.options.store.db, o.office.id, r.options.now());
    const links = [{ href: `/kantor/${o.office.slug}`, label: 'Layanan daring' }];
    if (!m) return r.send(reply, 404, r.messagePage(o.header, 'Maklumat pelayanan', 'Maklumat pelayanan kantor ini belum ditetapkan.', links));
    return r.send(reply, 200, publicPage({ title: 'Maklumat pelayanan', office: o.header, links, body: maklumatSection(m, 'h1') }));
  });
}

