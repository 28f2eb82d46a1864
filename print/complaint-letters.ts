/**
 * The letters of a complaint (Perwali Banjarmasin 67/2018 Pasal 8, Lampiran "Penanganan Pengaduan"), on the
 * office's letterhead with the signature block of the Kepala Bagian (office settings `head_title`,
 * `head_name`, `head_nip`; unset names print as dotted lines, ADR 0005 §5):
 * - Tanda Terima Pengaduan: the complaint's number and both deadlines (completeness, Pasal 8(5); response,
 *   Lampiran), marked *perkiraan* while they depend on an undecreed year;
 * - Pemberitahuan Kelengkapan Pengaduan: complete, or what must be added and that the response clock waits;
 * - Surat Tanggapan Pengaduan: the response.
 * Pure: data in, a complete HTML document out (same frame and CSP as every printed document).
 */
import type { ComplaintLetter } from '../domain/events/complaint-events';
import { LETTER_LABEL } from '../domain/complaints/labels';
import { documentHtml, fields, kop, printedLine, rule, titleBlock } from './document';
import { dateTimeWita, dateWita, shortDateTimeWita } from './format';
import { html, type SafeHtml } from './html';
import { layoutSpec, type LayoutSpec, type PrintLayout } from './layouts';
import type { OfficeHeader, PrintMeta } from './types';

export interface ComplaintLetterData {
  kind: 'complaint_letter';
  letter: ComplaintLetter;
  office: OfficeHeader;
  /** The Kepala Bagian who signs (title always; name and NIP when set). */
  head: { title: string; name: string | null; nip: string | null };
  number: string;
  receivedAt: number;
  channelLabel: string;
  complainant: { name: string; address: string; contact: string | null };
  serviceName: string | null;
  receiptNo: string | null;
  laporNo: string | null;
  place: string | null;
  signed: boolean;
  text: string;
  loss: string | null;
  request: string;
  /** The deadlines stated on the acknowledgement. */
  completenessDueAt: number;
  responseDueAt: number;
  /** The year that makes a deadline *perkiraan* (the first undecreed year its count touches), or null. */
  provisionalYear: number | null;
  /** Which of the two deadlines depend on it (the completeness one may end before the year changes). */
  completenessProvisional: boolean;
  responseProvisional: boolean;
  /** The officer who received it (acknowledgement), or null for a complaint from the public form. */
  receivedByName: string | null;
  /** Pemberitahuan kelengkapan: the decision; the response deadline as it stands (moved by the wait). */
  decision: { at: number; complete: boolean; missing: string | null; note: string | null } | null;
  currentResponseDueAt: number | null;
  /** Surat tanggapan. */
  response: { at: number; text: string } | null;
  meta: PrintMeta;
}

/** Letter numbers derive from the complaint's number, so a letter always names its complaint. */
export function complaintLetterNo(number: string, letter: ComplaintLetter): string {
  return letter === 'acknowledgement' ? number : `${number}/${letter === 'completeness' ? 'KLP' : 'TGP'}`;
}

const LETTER_CSS = `
.letterhead-meta td { padding: 0.4mm 1.5mm 0.4mm 0; vertical-align: top; }
.to { margin: 3mm 0 3mm 0; }
.quote { white-space: pre-wrap; }
.deadlines td { padding: 0.8mm 1.5mm; border: 0.75pt solid #000; }
.deadlines td.k { width: 48%; }
.headsign { margin-top: 6mm; margin-left: auto; width: 78mm; text-align: center; break-inside: avoid; }
.headsign .space { height: 18mm; }
.headsign .name { font-weight: 700; text-decoration: underline; }
.pair { display: flex; justify-content: space-between; align-items: flex-end; gap: 6mm; margin-top: 5mm; break-inside: avoid; }
.pair > div { width: 46%; text-align: center; }
.pair .space { height: 16mm; }
.pair .name { font-weight: 700; border-top: 0.75pt solid #000; padding-top: 0.8mm; }
body.thermal80 .pair, body.thermal58 .pair { flex-direction: column; align-items: stretch; }
body.thermal80 .pair > div, body.thermal58 .pair > div { width: 100%; }
body.thermal80 .headsign, body.thermal58 .headsign { width: 100%; }
`;

function when(spec: LayoutSpec): (ms: number) => string {
  return spec.thermal ? shortDateTimeWita : dateTimeWita;
}

function provisionalMark(on: boolean): SafeHtml | string {
  return on ? html` <span class="provisional">(perkiraan*)</span>` : '';
}

function provisionalNote(d: ComplaintLetterData): SafeHtml | string {
  return d.provisionalYear
    ? html`<p class="provisional-note">* Perkiraan: hari libur dan cuti bersama tahun ${String(d.provisionalYear)} belum ditetapkan pemerintah; tanggal dapat bergeser setelah ditetapkan.</p>`
    : '';
}

/** The Kepala Bagian's signature block, dated. */
function headSignature(d: ComplaintLetterData, dateMs: number): SafeHtml {
  return html`<div class="headsign"><div>Banjarmasin, ${dateWita(dateMs)}</div><div class="strong">${d.head.title},</div><div class="space"></div><div class="name">${d.head.name ?? '(..........................................)'}</div><div>${d.head.nip ? `NIP. ${d.head.nip}` : 'NIP. ..................................'}</div></div>`;
}

/** A personal-data notice for complainants (UU 27/2022), naming the data-protection officer. */
function complaintNotice(office: OfficeHeader): SafeHtml {
  const officer = office.dpoName
    ? `Pejabat Pelindungan Data Pribadi: ${office.dpoName}${office.dpoContact ? ` (${office.dpoContact})` : ''}.`
    : `Pejabat Pelindungan Data Pribadi: ditetapkan oleh ${office.officeName}; tanyakan di loket.`;
  return html`<aside class="notice"><b>Pemberitahuan Pelindungan Data Pribadi (UU Nomor 27 Tahun 2022)</b>Nama, alamat, kontak pengadu dan isi pengaduan dicatat untuk menangani pengaduan sesuai Perwali Banjarmasin 67/2018 Pasal 8 (dasar pemrosesan: pelaksanaan tugas pelayanan publik, Pasal 20 ayat (2) huruf e), disimpan sesuai jadwal retensi arsip, dan tidak diberikan kepada pihak lain kecuali diwajibkan peraturan perundang-undangan. ${officer}</aside>`;
}

function letterHeader(spec: LayoutSpec, d: ComplaintLetterData, subject: string, dateMs: number): SafeHtml {
  const no = complaintLetterNo(d.number, d.letter);
  if (spec.thermal) {
    return html`${titleBlock(subject.toUpperCase(), `Nomor: ${no}`, d.meta)}${fields(spec, [
      ['Tanggal', dateWita(dateMs)],
      ['Kepada', `${d.complainant.name}, ${d.complainant.address}`],
    ])}`;
  }
  return html`${titleBlock(subject.toUpperCase(), `Nomor: ${no}`, d.meta)}<table class="letterhead-meta"><tr><td>Perihal</td><td>:</td><td>${subject}</td></tr><tr><td>Tanggal</td><td>:</td><td>${dateWita(dateMs)}</td></tr></table>
<div class="to">Kepada Yth.<br><span class="strong">Sdr. ${d.complainant.name}</span><br>${d.complainant.address}${d.complainant.contact ? html`<br>${d.complainant.contact}` : ''}</div>`;
}

function subjectRows(d: ComplaintLetterData, w: (ms: number) => string): Array<readonly [string, string]> {
  return [
    ['Nomor pengaduan', d.number],
    ['Diterima', `${w(d.receivedAt)} · ${d.channelLabel}`],
    ['Layanan', d.serviceName ?? '–'],
    ...(d.receiptNo ? ([['Tanda terima berkas', d.receiptNo]] as const) : []),
  ];
}

function renderAcknowledgement(d: ComplaintLetterData, spec: LayoutSpec): SafeHtml {
  const w = when(spec);
  const rows: Array<readonly [string, string]> = [
    ['Diterima', w(d.receivedAt)],
    ['Saluran', d.channelLabel],
    ...(d.laporNo ? ([['Nomor SP4N-LAPOR!', d.laporNo]] as const) : []),
    ['Nama pengadu', d.complainant.name],
    ['Alamat', d.complainant.address],
    ['Kontak', d.complainant.contact ?? '–'],
    ['Layanan', d.serviceName ?? '–'],
    ['Tanda terima berkas', d.receiptNo ?? '–'],
    ['Tempat', d.place ?? '–'],
    ['Ditandatangani pengadu', d.signed ? 'Ya' : 'Tidak'],
  ];
  const excerpt = d.text.length > 700 ? `${d.text.slice(0, 700)}… (selengkapnya pada berkas pengaduan)` : d.text;
  const deadlines = spec.thermal
    ? fields(spec, [
        ['Pemberitahuan kelengkapan paling lambat (3 hari kerja)', html`<span class="strong">${w(d.completenessDueAt)}</span>${provisionalMark(d.completenessProvisional)}`],
        ['Tanggapan paling lambat (6 hari kerja)', html`<span class="strong">${w(d.responseDueAt)}</span>${provisionalMark(d.responseProvisional)}`],
      ])
    : html`<table class="deadlines"><tr><td class="k">Pemberitahuan lengkap/tidak lengkapnya pengaduan paling lambat<br><span class="muted">3 hari kerja sejak diterima (Perwali 67/2018 Pasal 8 ayat (5))</span></td><td><span class="strong">${w(d.completenessDueAt)}</span>${provisionalMark(d.completenessProvisional)}</td></tr><tr><td class="k">Tanggapan atas pengaduan paling lambat<br><span class="muted">6 hari kerja sejak diterima (Lampiran Perwali 67/2018)</span></td><td><span class="strong">${w(d.responseDueAt)}</span>${provisionalMark(d.responseProvisional)}</td></tr></table>`;
  return html`${titleBlock('TANDA TERIMA PENGADUAN', `Nomor: ${d.number}`, d.meta)}
${fields(spec, rows)}
${rule(spec)}
<div class="section">Pokok pengaduan (sebagaimana disampaikan pengadu)</div>
<div class="box quote">${excerpt}</div>
<div class="section">Jangka waktu penanganan</div>
${deadlines}
${provisionalNote(d)}
<p class="muted" style="margin-top:2mm">Jangka waktu dihitung pada jam layanan hari kerja. Bila pengaduan dinyatakan tidak lengkap, jangka waktu tanggapan berhenti sampai kelengkapan diterima dan berlanjut sejak itu. Simpan tanda terima ini dan sebutkan nomornya saat menanyakan perkembangan pengaduan.</p>
<section class="pair"><div><div>Pengadu,</div><div class="space"></div><div class="name">${d.complainant.name}</div></div><div><div>a.n. ${d.head.title}</div><div>Petugas Penerima,</div><div class="space"></div><div class="name">${d.receivedByName ?? 'Formulir daring (server pusat)'}</div></div></section>`;
}

function renderCompleteness(d: ComplaintLetterData, spec: LayoutSpec): SafeHtml {
  const w = when(spec);
  const dec = d.decision!;
  const body = dec.complete
    ? html`<p>dengan ini kami beritahukan bahwa pengaduan Saudara dinyatakan <span class="strong">LENGKAP</span> (Perwali Banjarmasin 67/2018 Pasal 8 ayat (5)) dan ditindaklanjuti melalui cek administrasi serta koordinasi internal/eksternal. Tanggapan atas pengaduan akan kami sampaikan paling lambat <span class="strong">${w(d.currentResponseDueAt ?? d.responseDueAt)}</span>${provisionalMark(d.responseProvisional)}.</p>${dec.note ? html`<div class="box quote">${dec.note}</div>` : ''}`
    : html`<p>dengan ini kami beritahukan bahwa pengaduan Saudara dinyatakan <span class="strong">BELUM LENGKAP</span> (Perwali Banjarmasin 67/2018 Pasal 8 ayat (4) dan (5)). Mohon Saudara melengkapi:</p>
<div class="box quote">${dec.missing ?? ''}</div>
${dec.note ? html`<p style="margin-top:2mm">${dec.note}</p>` : ''}
<p style="margin-top:2mm">Kelengkapan dapat disampaikan langsung di loket, melalui kotak pengaduan, e-mail, atau saluran lain yang tersedia, dengan menyebutkan nomor pengaduan di atas. Selama kelengkapan belum kami terima, jangka waktu tanggapan 6 (enam) hari kerja tidak berjalan; sisa jangka waktunya dihitung kembali sejak kelengkapan diterima.</p>`;
  return html`${letterHeader(spec, d, LETTER_LABEL.completeness, dec.at)}
<p>Dengan hormat,</p>
<p>Menindaklanjuti pengaduan Saudara yang kami terima pada ${w(d.receivedAt)}:</p>
${fields(spec, subjectRows(d, w))}
${body}
${provisionalNote(d)}
<p>Demikian pemberitahuan ini kami sampaikan. Atas perhatian Saudara kami ucapkan terima kasih.</p>
${headSignature(d, dec.at)}`;
}

function renderResponse(d: ComplaintLetterData, spec: LayoutSpec): SafeHtml {
  const w = when(spec);
  const r = d.response!;
  return html`${letterHeader(spec, d, LETTER_LABEL.response, r.at)}
<p>Dengan hormat,</p>
<p>Menindaklanjuti pengaduan Saudara yang kami terima pada ${w(d.receivedAt)}:</p>
${fields(spec, subjectRows(d, w))}
<p>setelah melalui cek administrasi dan koordinasi internal/eksternal (Lampiran Perwali Banjarmasin 67/2018, Penanganan Pengaduan), dengan ini kami sampaikan tanggapan sebagai berikut:</p>
<div class="box quote">${r.text}</div>
<p style="margin-top:2mm">Permintaan penyelesaian yang Saudara ajukan: <span class="quote">${d.request}</span></p>
<p>Apabila Saudara belum puas atas tanggapan ini, Saudara dapat menyampaikannya kembali kepada kami dengan menyebutkan nomor pengaduan di atas. Demikian tanggapan ini kami sampaikan. Atas perhatian Saudara kami ucapkan terima kasih.</p>
${headSignature(d, r.at)}`;
}

export function renderComplaintLetter(d: ComplaintLetterData, layout: PrintLayout): string {
  const spec = layoutSpec(layout);
  let body: SafeHtml;
  switch (d.letter) {
    case 'acknowledgement':
      body = renderAcknowledgement(d, spec);
      break;
    case 'completeness':
      if (!d.decision) throw new Error('completeness letter without a decision');
      body = renderCompleteness(d, spec);
      break;
    case 'response':
      if (!d.response) throw new Error('response letter without a response');
      body = renderResponse(d, spec);
      break;
    default: {
      const never: never = d.letter;
      throw new Error(`unknown letter ${String(never)}`);
    }
  }
  const full = html`${kop(d.office)}${body}${complaintNotice(d.office)}${printedLine(spec, d.meta)}`;
  return documentHtml({ title: `${LETTER_LABEL[d.letter]} ${complaintLetterNo(d.number, d.letter)}`, spec, body: full, extraCss: LETTER_CSS });
}

/** `pengaduan-PGD-20261201-A1B2C3-001-tanda-terima-a4.pdf` */
export function complaintLetterFileName(number: string, letter: ComplaintLetter, layout: PrintLayout): string {
  const slug = letter === 'acknowledgement' ? 'tanda-terima' : letter === 'completeness' ? 'kelengkapan' : 'tanggapan';
  return `pengaduan-${number}-${slug}-${layout}.pdf`;
}
