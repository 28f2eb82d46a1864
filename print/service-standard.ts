/**
 * The service standard on paper (Perwali Banjarmasin 67/2018 Pasal 5 and the Lampiran, issue 14), from the
 * catalogue version it names, on A4 with the office's letterhead:
 * - **Standar Pelayanan** of one service (or of every service, one after another): the fourteen components of
 *   Pasal 5 in the regulation's order (part a: the service as the public meets it; part b: its management),
 *   with the regulation that set the version and its effective date, signed off by the Kepala Bagian;
 * - **"Yang perlu dibawa"**: a one-page handout for vendors, the requirements as a tick list worded from their
 *   flags (as the return slip words what is missing, print/bring.ts), with the time limit, fee, product,
 *   counter hours and where to complain.
 * Pure: data in, a complete HTML document out (same frame and CSP as every printed document).
 */
import { fourteenComponents } from '../domain/catalogue/components';
import type { Catalogue, ServiceDefinition } from '../domain/catalogue/types';
import { afterLabel, sentence } from '../domain/sentence';
import { whatToBring } from './bring';
import { documentHtml, kop, printedLine } from './document';
import { dateWita, isoDateId } from './format';
import { html, type SafeHtml } from './html';
import { layoutSpec } from './layouts';
import type { OfficeHeader, PrintMeta } from './types';

export type StandardDocument = 'standard' | 'handout';

export interface ServiceStandardData {
  document: StandardDocument;
  office: OfficeHeader;
  /** The Kepala Bagian who signs the standard off (title always; name and NIP when set). */
  head: { title: string; name: string | null; nip: string | null };
  /** The catalogue version printed: its number, regulation and date, and the services printed from it. */
  catalogue: Pick<Catalogue, 'version' | 'source' | 'effectiveFrom'>;
  services: ServiceDefinition[];
  /** "Senin–Kamis 07.30–16.00 WITA; Jumat 07.30–16.30 WITA" (print/hours.ts). */
  counterHours: string;
  meta: PrintMeta;
}

const CSS = `
.std-title { text-align: center; margin: 0 0 1mm 0; font-size: 1.28em; font-weight: 700; letter-spacing: 0.04em; }
.std-service { text-align: center; font-weight: 700; font-size: 1.12em; margin: 0 0 1mm 0; }
.std-source { text-align: center; font-size: 0.9em; margin: 0 0 3mm 0; }
.part { font-weight: 700; margin: 3mm 0 1mm 0; break-after: avoid; }
/* The fourteen components of a service fit two A4 pages with the sign-off (the Lampiran's longest, service 1). */
.svc.std { font-size: 9pt; }
.svc.std .headsign { margin-top: 4mm; }
.svc.std .headsign .space { height: 15mm; }
table.comp td { border: 0.75pt solid #000; padding: 0.8mm 1.5mm; vertical-align: top; }
table.comp td.n { width: 7mm; text-align: center; }
table.comp td.t { width: 44mm; font-weight: 700; }
table.comp ol, table.comp ul { margin: 0; padding-left: 4.5mm; }
table.comp li { margin: 0 0 0.6mm 0; }
table.comp tr { break-inside: avoid; }
.svc + .svc { break-before: page; }
.headsign { margin-top: 6mm; margin-left: auto; width: 78mm; text-align: center; break-inside: avoid; }
.headsign .space { height: 18mm; }
.headsign .name { font-weight: 700; text-decoration: underline; }
table.bring td, table.bring th { border: 0.75pt solid #000; padding: 1.2mm 1.5mm; vertical-align: top; text-align: left; }
table.bring th { background: #eee; }
table.bring td.box { width: 8mm; text-align: center; font-size: 1.3em; line-height: 1; }
table.bring td.n { width: 7mm; text-align: center; }
table.bring .lbl { font-weight: 700; display: block; }
table.facts td { padding: 0.8mm 1.5mm 0.8mm 0; vertical-align: top; }
table.facts td.k { width: 36mm; font-weight: 700; }
.note { border: 0.75pt solid #000; padding: 1.5mm 2mm; margin-top: 3mm; break-inside: avoid; }
`;

function list(lines: readonly string[], ordered: boolean): SafeHtml {
  if (lines.length === 0) return html`–`;
  if (lines.length === 1) return html`${lines[0]}`;
  const items = lines.map((l) => html`<li>${l}</li>`);
  return ordered ? html`<ol>${items}</ol>` : html`<ul>${items}</ul>`;
}

function sourceLine(d: ServiceStandardData): string {
  return `${d.catalogue.source} · katalog layanan versi ${d.catalogue.version}, berlaku sejak ${isoDateId(d.catalogue.effectiveFrom)}`;
}

function headSignature(d: ServiceStandardData): SafeHtml {
  return html`<div class="headsign"><div>Banjarmasin, ${dateWita(d.meta.printedAt)}</div><div class="strong">${d.head.title},</div><div class="space"></div><div class="name">${d.head.name ?? '(..........................................)'}</div><div>${d.head.nip ? `NIP. ${d.head.nip}` : 'NIP. ..................................'}</div></div>`;
}

/** The fourteen components of one service, numbered as Pasal 5 lists them, in its two parts. */
function standardOf(d: ServiceStandardData, s: ServiceDefinition): SafeHtml {
  const comps = fourteenComponents(s);
  const rows = (part: 'a' | 'b', from: number) =>
    comps
      .filter((c) => c.part === part)
      .map((c, i) => {
        // Requirements and procedure are sequences; the other components are points.
        const ordered = c.title === 'Persyaratan' || c.title.startsWith('Sistem');
        return html`<tr><td class="n">${String(from + i)}</td><td class="t">${c.title}</td><td>${list(c.lines, ordered)}</td></tr>`;
      });
  const a = comps.filter((c) => c.part === 'a').length;
  return html`<section class="svc std">${kop(d.office)}
<div class="std-title">STANDAR PELAYANAN</div>
<div class="std-service">Layanan ${String(s.number)}. ${s.name}</div>
<div class="std-source">${sourceLine(d)}</div>
<div class="part">A. Komponen yang terkait dengan proses penyampaian pelayanan (Pasal 5 ayat (1) huruf a)</div>
<table class="comp">${rows('a', 1)}</table>
<div class="part">B. Komponen yang terkait dengan proses pengelolaan pelayanan di internal organisasi (Pasal 5 ayat (1) huruf b)</div>
<table class="comp">${rows('b', a + 1)}</table>
${headSignature(d)}
${printedLine(layoutSpec('a4'), d.meta)}</section>`;
}

function bringRows(items: ServiceDefinition['requirements'], from: number): SafeHtml[] {
  return items.map((r, i) => {
    const how = whatToBring(r, { label: r.label, reason: 'not_brought' });
    return html`<tr><td class="box">☐</td><td class="n">${String(from + i)}</td><td><span class="lbl">${r.label}</span>${how}</td></tr>`;
  });
}

/** One page a vendor takes home: what to bring, how long it takes, what it costs. */
function handoutOf(d: ServiceStandardData, s: ServiceDefinition): SafeHtml {
  const own = s.requirements.filter((r) => !r.proxyOnly);
  const proxy = s.requirements.filter((r) => r.proxyOnly);
  const limit = [afterLabel('Jangka waktu', s.timeLimit.text), ...s.timeLimit.notes].map(sentence).join(' ');
  return html`<section class="svc">${kop(d.office)}
<div class="std-title">PERSYARATAN YANG PERLU DIBAWA</div>
<div class="std-service">Layanan ${String(s.number)}. ${s.name}</div>
<div class="std-source">${sourceLine(d)}</div>
<table class="bring"><thead><tr><th class="box"></th><th class="n">No</th><th>Dokumen</th></tr></thead><tbody>${bringRows(own, 1)}</tbody></table>
${
  proxy.length
    ? html`<div class="part">Tambahan bila permohonan diwakilkan (bukan pimpinan perusahaan yang datang)</div>
<table class="bring"><tbody>${bringRows(proxy, own.length + 1)}</tbody></table>`
    : ''
}
<div class="part">Ketentuan layanan</div>
<table class="facts">
<tr><td class="k">Jangka waktu</td><td>${limit}</td></tr>
<tr><td class="k">Biaya</td><td>${afterLabel('Biaya', s.fee)}</td></tr>
<tr><td class="k">Hasil layanan</td><td>${s.product}</td></tr>
<tr><td class="k">Jam layanan loket</td><td>${d.counterHours}</td></tr>
</table>
<div class="note"><span class="strong">Pengaduan, saran dan masukan.</span> ${sentence(s.complaintHandling.channel)} Pengaduan disampaikan paling lambat ${String(s.complaintHandling.lodgeWithinDays)} hari setelah layanan diterima dan ditanggapi paling lambat ${String(s.complaintHandling.responseWorkingDays)} hari kerja.</div>
${printedLine(layoutSpec('a4'), d.meta)}</section>`;
}

export function renderServiceStandard(d: ServiceStandardData): string {
  if (d.services.length === 0) throw new Error('service standard without a service');
  const body = html`${d.services.map((s) => (d.document === 'standard' ? standardOf(d, s) : handoutOf(d, s)))}`;
  const what = d.document === 'standard' ? 'Standar Pelayanan' : 'Persyaratan yang perlu dibawa';
  const title = d.services.length === 1 ? `${what} — Layanan ${d.services[0]!.number}. ${d.services[0]!.name}` : `${what} — katalog versi ${d.catalogue.version}`;
  return documentHtml({ title, spec: layoutSpec('a4'), body, extraCss: CSS });
}

/** `standar-pelayanan-v2-layanan-8.pdf`, `yang-perlu-dibawa-v1-layanan-1.pdf`, `standar-pelayanan-v1-semua.pdf` */
export function serviceStandardFileName(document: StandardDocument, version: number, services: readonly ServiceDefinition[]): string {
  const which = services.length === 1 ? `layanan-${services[0]!.number}` : 'semua';
  return `${document === 'standard' ? 'standar-pelayanan' : 'yang-perlu-dibawa'}-v${version}-${which}.pdf`;
}
