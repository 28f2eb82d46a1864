/**
 * The maklumat pelayanan as a poster (Perwali Banjarmasin 67/2018 Pasal 7, issue 14, ADR 0023): the office
 * header, the title, the statements, and the Kepala Bagian's signature block (place and date of approval,
 * title, name, NIP). A4 for the counter, A3 for the waiting-room wall: the same layout scaled by the paper.
 * A draft prints marked as such with an empty signature. Pure.
 */
import { documentHtml, kop } from './document';
import { dateWita, isoDateId } from './format';
import { html } from './html';
import { LAYOUTS, type LayoutSpec } from './layouts';
import type { OfficeSettings } from './office';

export type MaklumatPaper = 'a4' | 'a3';

export interface MaklumatPoster {
  version: number;
  title: string;
  opening: string;
  points: string[];
  closing: string;
  /** Null for a draft: the poster says so and leaves the signature empty. */
  approval: { at: number; effectiveFrom: string; signerName: string; signerNip: string | null } | null;
}

/** A3 (297 × 420 mm) is not a document layout of the counter; it exists only for posters. */
export function posterSpec(paper: MaklumatPaper): LayoutSpec {
  if (paper === 'a4') return { ...LAYOUTS.a4, marginMm: 18, fontPt: 12 };
  return { ...LAYOUTS.a4, pageSize: { kind: 'sheet', widthMm: 297, heightMm: 420 }, marginMm: 25, fontPt: 17 };
}

function posterCss(paper: MaklumatPaper): string {
  const k = paper === 'a3' ? 1.414 : 1;
  const mm = (v: number) => `${(v * k).toFixed(1)}mm`;
  return `
.kop img { height: ${mm(22)}; }
.m-title { text-align: center; font-size: 2.3em; font-weight: 700; letter-spacing: 0.08em; margin: ${mm(14)} 0 ${mm(3)} 0; }
.m-version { text-align: center; font-size: 0.85em; margin-bottom: ${mm(10)}; }
.m-draft { text-align: center; font-weight: 700; border: 2pt solid #000; padding: ${mm(2)}; margin: 0 auto ${mm(8)} auto; width: fit-content; }
.m-opening { font-size: 1.4em; margin-bottom: ${mm(6)}; text-align: justify; }
ol.m-points { font-size: 1.4em; margin: 0 0 ${mm(8)} 0; padding-left: ${mm(10)}; }
ol.m-points li { margin-bottom: ${mm(5)}; text-align: justify; line-height: 1.45; }
.m-closing { font-size: 1.05em; text-align: justify; margin-bottom: ${mm(6)}; }
.m-sign { width: 52%; margin-left: auto; text-align: center; margin-top: ${mm(12)}; break-inside: avoid; }
.m-sign .space { height: ${mm(26)}; }
.m-sign .name { font-weight: 700; text-decoration: underline; }
`;
}

export function maklumatPosterHtml(m: MaklumatPoster, office: OfficeSettings, paper: MaklumatPaper): string {
  const spec = posterSpec(paper);
  const a = m.approval;
  const body = html`${kop(office)}
<div class="m-title">${m.title}</div>
<div class="m-version">Versi ${m.version}${a ? ` · berlaku sejak ${isoDateId(a.effectiveFrom)}` : ''}</div>
${a ? '' : html`<div class="m-draft">DRAF — BELUM DITANDATANGANI KEPALA BAGIAN</div>`}
<p class="m-opening">${m.opening}</p>
<ol class="m-points">${m.points.map((p) => html`<li>${p}</li>`)}</ol>
${m.closing ? html`<p class="m-closing">${m.closing}</p>` : ''}
<div class="m-sign"><div>Banjarmasin, ${a ? dateWita(a.at) : '..............................'}</div><div class="strong">${office.headTitle}</div><div class="space"></div><div class="name">${a ? a.signerName : '(..........................................)'}</div><div>${a?.signerNip ? `NIP. ${a.signerNip}` : 'NIP. ..................................'}</div></div>`;
  return documentHtml({ title: `Maklumat Pelayanan versi ${m.version}`, spec, body, extraCss: posterCss(paper) });
}
