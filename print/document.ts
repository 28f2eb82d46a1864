/**
 * The frame every printed document shares: a complete HTML document with a strict Content-Security-Policy
 * (no scripts, no network: images only as data URLs), the page size of the layout, the office header (kop),
 * signature blocks and the personal-data notice. Pure.
 */
import { html, isSafeImageDataUrl, raw, type SafeHtml } from './html';
import { cssPageSize, type LayoutSpec, type PageSize } from './layouts';
import { privacyNotice } from './privacy';
import type { OfficeHeader, PrintMeta } from './types';
import { dateTimeWita, shortDateTimeWita } from './format';
import { afterLabel } from '../domain/sentence';

const PAGE_STYLE_ID = 'lpse-page-size';

function pageRule(size: PageSize, spec: LayoutSpec, rollHeightMm?: number): string {
  // Sheets: the margin belongs to the page, so every page of a long list keeps it. Rolls: no page margin (the
  // body pads itself), so the measured content height is the page height.
  const margin = spec.pageSize.kind === 'sheet' ? `${spec.marginMm}mm` : '0';
  return `@page { size: ${cssPageSize(size, rollHeightMm)}; margin: ${margin}; }`;
}

function baseCss(spec: LayoutSpec): string {
  const roll = spec.pageSize.kind === 'roll';
  const pad = roll ? `padding: 3mm ${spec.marginMm}mm 6mm ${spec.marginMm}mm;` : '';
  const width = roll ? `width: ${spec.pageSize.widthMm}mm;` : '';
  return `
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; }
body { ${width} ${pad} font-family: Arial, "Liberation Sans", "DejaVu Sans", sans-serif; font-size: ${spec.fontPt}pt;
  color: #000; line-height: 1.32; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
p { margin: 0 0 1.5mm 0; }
.kop { display: flex; align-items: center; gap: 4mm; border-bottom: 3px double #000; padding-bottom: 2mm; margin-bottom: 3.5mm; }
.kop img { height: ${spec.layout === 'a4' ? 20 : 15}mm; width: auto; }
.kop .org { flex: 1; text-align: center; }
.kop .name { font-weight: 700; font-size: 1.22em; text-transform: uppercase; line-height: 1.2; }
.kop .addr { font-size: 0.92em; }
h1 { text-align: center; font-size: 1.28em; margin: 0; letter-spacing: 0.04em; }
.docno { text-align: center; margin: 0.5mm 0 3.5mm 0; font-weight: 700; }
.reprint { text-align: center; font-weight: 700; border: 1px solid #000; padding: 0.5mm 2mm; margin: 0 auto 2mm auto; width: fit-content; }
table { border-collapse: collapse; width: 100%; }
table.fields { margin-bottom: 2.5mm; }
table.fields td { vertical-align: top; padding: 0.6mm 1mm 0.6mm 0; }
table.fields td.k { width: 34%; white-space: nowrap; }
table.fields td.c { width: 3mm; }
table.grid { margin-top: 2mm; }
table.grid th, table.grid td { border: 0.75pt solid #000; padding: ${spec.layout === 'a4' ? '1mm 1.5mm' : '0.6mm 1.2mm'}; vertical-align: top; text-align: left; }
table.grid th { font-weight: 700; background: #eee; }
table.grid td.n, table.grid th.n { width: 7mm; text-align: center; }
table.grid td.m, table.grid th.m { text-align: center; white-space: nowrap; }
.section { font-weight: 700; margin: 3mm 0 1mm 0; }
.box { border: 0.75pt solid #000; padding: 1.5mm 2mm; margin-top: 2.5mm; }
.closing { display: flex; gap: 5mm; align-items: flex-end; margin-top: 2mm; break-inside: avoid; }
.closing .sign { flex: 1; margin-top: 0; }
.qrrow { display: flex; gap: 2mm; align-items: center; flex: none; }
.qrrow .code { white-space: nowrap; }
.qr { width: ${spec.qrMm}mm; height: ${spec.qrMm}mm; flex: none; }
.code { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-weight: 700; font-size: 1.15em; letter-spacing: 0.06em; }
.sign { display: flex; justify-content: space-between; margin-top: 5mm; break-inside: avoid; }
.sign > div { width: 44%; text-align: center; }
.sign .space { height: ${spec.layout === 'a4' ? 16 : 12}mm; }
.sign .who { border-top: 0.75pt solid #000; padding-top: 0.8mm; font-weight: 700; }
.notice { font-size: 0.8em; border: 0.75pt solid #000; padding: 1.2mm 2mm; margin-top: 4mm; break-inside: avoid; }
.notice b { display: block; margin-bottom: 0.5mm; }
.foot { font-size: 0.78em; margin-top: 2.5mm; }
.muted { font-size: 0.88em; }
.gap-top { margin-top: 2mm; }
.gap-top-wide { margin-top: 2.5mm; }
.strong { font-weight: 700; }
.provisional { font-weight: 700; font-style: italic; }
.provisional-note { font-size: 0.88em; font-style: italic; margin-top: 1.5mm; }
.reason { white-space: pre-wrap; }
`;
}

/** On screen (the preview) a sheet shows its page margin, so the preview looks like the paper. */
function screenCss(spec: LayoutSpec): string {
  return spec.pageSize.kind === 'sheet' ? `@media screen { body { padding: ${spec.marginMm}mm; } }` : '';
}

function thermalCss(spec: LayoutSpec): string {
  return `
.kop { flex-direction: column; gap: 1mm; text-align: center; }
.kop img { height: ${spec.layout === 'thermal80' ? 12 : 10}mm; }
.kop .name { font-size: 1.05em; }
h1 { font-size: 1.18em; }
.rule { border-top: 1px dashed #000; margin: 2mm 0; }
.kv { margin: 0 0 1mm 0; }
.kv .k { display: block; font-size: 0.85em; }
.kv .v { display: block; font-weight: 700; }
ol.docs { margin: 1mm 0 0 0; padding-left: 4.5mm; }
ol.docs li { margin-bottom: 1.2mm; }
ol.docs .d { display: block; font-size: 0.9em; font-weight: 400; }
.closing { flex-direction: column; align-items: stretch; gap: 3mm; }
.qrrow { flex-direction: column; gap: 1mm; text-align: center; }
.sign { flex-direction: column; gap: 2mm; }
.sign > div { width: 100%; }
.sign .space { height: 11mm; }
table.grid th { background: none; }
`;
}

export interface DocumentFrame {
  title: string;
  spec: LayoutSpec;
  body: SafeHtml;
  /** Styles of a particular document (e.g. the monthly report), after the shared ones. */
  extraCss?: string;
}

/** A complete HTML document for printing. */
export function documentHtml(f: DocumentFrame): string {
  const css = baseCss(f.spec) + (f.spec.thermal ? thermalCss(f.spec) : '') + screenCss(f.spec) + (f.extraCss ?? '');
  return (
    '<!DOCTYPE html>\n' +
    html`<html lang="id"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${f.title}</title>
<style id="${PAGE_STYLE_ID}">${raw(pageRule(f.spec.pageSize, f.spec))}</style>
<style>${raw(css)}</style>
</head><body class="${f.spec.layout}">${f.body}</body></html>`.value
  );
}

/**
 * Sets the page size of a rendered document: for a roll, the measured content height, so the browser's print
 * dialog and the PDF both end where the content ends.
 */
export function withPageSize(doc: string, spec: LayoutSpec, rollHeightMm: number): string {
  const re = new RegExp(`<style id="${PAGE_STYLE_ID}">[^<]*</style>`);
  return doc.replace(re, `<style id="${PAGE_STYLE_ID}">${pageRule(spec.pageSize, spec, rollHeightMm)}</style>`);
}

export function kop(office: OfficeHeader): SafeHtml {
  const logo = office.logoDataUrl && isSafeImageDataUrl(office.logoDataUrl) ? html`<img src="${office.logoDataUrl}" alt="Logo">` : '';
  return html`<header class="kop">${logo}<div class="org"><div class="name">${office.officeName}</div><div class="addr">${office.officeAddress}</div>${
    office.officeContact ? html`<div class="addr">${office.officeContact}</div>` : ''
  }</div></header>`;
}

export function titleBlock(title: string, docNo: string | null, meta: PrintMeta): SafeHtml {
  return html`<h1>${title}</h1>${docNo ? html`<div class="docno">${docNo}</div>` : html`<div class="docno"></div>`}${
    meta.copyNo > 1 ? html`<div class="reprint">CETAK ULANG (cetakan ke-${meta.copyNo})</div>` : ''
  }`;
}

/** Key–value rows: a table on sheets, stacked lines on thermal rolls. */
export function fields(spec: LayoutSpec, given: ReadonlyArray<readonly [string, string | SafeHtml]>): SafeHtml {
  // Catalogue texts often begin with their label's words; print them once (domain/sentence.ts, afterLabel).
  const rows = given.map(([k, v]) => [k, typeof v === 'string' ? afterLabel(k, v) : v] as const);
  if (spec.thermal) return html`${rows.map(([k, v]) => html`<div class="kv"><span class="k">${k}</span><span class="v">${v}</span></div>`)}`;
  return html`<table class="fields">${rows.map(([k, v]) => html`<tr><td class="k">${k}</td><td class="c">:</td><td>${v}</td></tr>`)}</table>`;
}

export function signatures(left: { role: string; name: string | null }, right: { role: string; name: string | null }): SafeHtml {
  const one = (s: { role: string; name: string | null }) =>
    html`<div><div>${s.role}</div><div class="space"></div><div class="who">${s.name ?? '(................................)'}</div></div>`;
  return html`<section class="sign">${one(left)}${one(right)}</section>`;
}

export function notice(office: OfficeHeader): SafeHtml {
  const n = privacyNotice(office.officeName, office.dpoName, office.dpoContact);
  return html`<aside class="notice"><b>${n.title}</b>${n.body} ${n.officer}</aside>`;
}

export function printedLine(spec: LayoutSpec, meta: PrintMeta): SafeHtml {
  const when = spec.thermal ? shortDateTimeWita(meta.printedAt) : dateTimeWita(meta.printedAt);
  return html`<div class="foot">Dicetak ${when}${meta.copyNo > 1 ? ` · cetakan ke-${meta.copyNo}` : ''}</div>`;
}

export function rule(spec: LayoutSpec): SafeHtml {
  return spec.thermal ? html`<div class="rule"></div>` : html``;
}
