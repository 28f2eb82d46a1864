/** Tanda Terima Berkas: the handover receipt given to the vendor when a complete file is received. Pure. */
import { documentHtml, fields, kop, notice, printedLine, rule, signatures, titleBlock } from './document';
import { dateTimeWita, isoDateId, shortDateTimeWita } from './format';
import { html, raw, type SafeHtml } from './html';
import { layoutSpec, type LayoutSpec, type PrintLayout } from './layouts';
import { qrSvg } from './qr';
import type { PartyInfo, ReceiptData, ReceiptDocument, ReceiptSurvey } from './types';

export const ROLE_LABEL: Record<PartyInfo['visitorRole'], string> = { leader: 'Pimpinan perusahaan', proxy: 'Kuasa pimpinan perusahaan' };
/** The seeded units' names, for data that carries no label of its own (domain/catalogue/units.ts). */
export const SEEDED_UNIT_LABEL: Readonly<Record<string, string>> = { verifier: 'Verifikator', sysadmin: 'Admin Sistem' };

function originalText(d: ReceiptDocument): string {
  switch (d.original) {
    case 'seen':
      return 'Diperlihatkan';
    case 'submitted':
      return 'Diserahkan';
    case 'missing':
      return 'Tidak ada';
    case 'not_applicable':
      // A presence-only item (the folder the copies come in): the item itself was received.
      return d.copy === 'not_required' ? 'Diterima' : '–';
  }
}

function copyText(d: ReceiptDocument): string {
  switch (d.copy) {
    case 'kept':
      return 'Diterima';
    case 'missing':
      return 'Tidak ada';
    case 'not_required':
      return '–';
  }
}

function docNotes(d: ReceiptDocument): string {
  const notes: string[] = [];
  if (d.noExpiry) notes.push('berlaku tanpa batas waktu');
  else if (d.validUntil) notes.push(`berlaku s.d. ${isoDateId(d.validUntil)}`);
  if (d.meterai) notes.push('bermeterai');
  if (d.discretion) notes.push('diterima dengan diskresi (Pasal 6)');
  return notes.join('; ');
}

function documentsTable(spec: LayoutSpec, docs: ReceiptDocument[]): SafeHtml {
  if (spec.thermal) {
    return html`<ol class="docs">${docs.map((d) => {
      const n = docNotes(d);
      return html`<li class="doc"><span class="strong">${d.label}</span><span class="d">Asli: ${originalText(d)} · Salinan: ${copyText(d)}${n ? ` · ${n}` : ''}</span></li>`;
    })}</ol>`;
  }
  return html`<table class="grid"><thead><tr><th class="n">No</th><th>Dokumen</th><th class="m">Asli</th><th class="m">Salinan</th><th>Keterangan</th></tr></thead><tbody>${docs.map(
    (d, i) => html`<tr class="doc"><td class="n">${i + 1}</td><td>${d.label}</td><td class="m">${originalText(d)}</td><td class="m">${copyText(d)}</td><td>${docNotes(d)}</td></tr>`,
  )}</tbody></table>`;
}

/** The promised deadline, marked *perkiraan* while it depends on an undecreed year, and its recount if moved. */
function deadlineCell(data: ReceiptData, when: (ms: number) => string): SafeHtml | string {
  if (data.promisedAt === null) return 'Sesuai jangka waktu layanan';
  const provisional = data.provisionalYear ? html` <span class="provisional">(perkiraan*)</span>` : '';
  const moved =
    data.recomputedAt !== undefined && data.recomputedAt !== null && data.recomputedAt !== data.promisedAt
      ? html`<br><span class="muted">Setelah perubahan kalender kerja: <span class="strong">${when(data.recomputedAt)}</span></span>`
      : '';
  return html`<span class="strong">${when(data.promisedAt)}</span>${provisional}${moved}`;
}

const SURVEY_CSS = `
.skm { display: flex; gap: 3mm; align-items: center; border: 0.75pt solid #000; padding: 1.5mm 2mm; margin-top: 3mm; break-inside: avoid; }
.skm .qr { width: 22mm; height: 22mm; }
.skm .t { font-weight: 700; }
.thermal80 .skm, .thermal58 .skm { flex-direction: column; text-align: center; }
`;

/** The satisfaction survey block (PermenPANRB 14/2017): the visit's survey code, as QR and as text. */
function surveyBlock(spec: LayoutSpec, s: ReceiptSurvey | null | undefined): SafeHtml {
  if (!s) return html``;
  if (s.kind === 'note') return html`<p class="muted">${s.text}</p>`;
  const qr = qrSvg(s.qrText, { title: 'Kode QR survei kepuasan masyarakat' });
  const how = s.viaServer ? 'Pindai kode QR ini dengan ponsel Anda, atau ketik kode survei di kios survei di loket.' : 'Ketik atau pindai kode survei ini di kios survei di loket layanan.';
  return html`<section class="skm" data-survey="1">${raw(qr)}<div><div class="t">Survei Kepuasan Masyarakat</div><div>Mohon nilai pelayanan kami. ${how}</div><div>Kode survei: <span class="code">${s.code}</span></div><div class="muted">Berlaku sampai ${isoDateId(s.validUntil)}, satu kali. Tanpa nama: jawaban Anda tidak dapat dikaitkan dengan Anda${spec.thermal ? '' : ' atau kunjungan ini'}.</div></div></section>`;
}

export function renderReceipt(data: ReceiptData, layout: PrintLayout): string {
  const spec = layoutSpec(layout);
  const when = spec.thermal ? shortDateTimeWita : dateTimeWita;
  const company = data.party.companyName ? `${data.party.companyName}${data.party.npwp ? ` (NPWP ${data.party.npwp})` : ''}` : '–';
  const rows: Array<readonly [string, string | SafeHtml]> = [
    ['Diterima', when(data.receivedAt)],
    ...(data.queueLabel ? [['Nomor antrean', data.queueLabel] as const] : []),
    ['Layanan', `${data.service.number}. ${data.service.name}`],
    ['Penyedia', company],
    ['Pemohon', `${data.party.visitorName} (${ROLE_LABEL[data.party.visitorRole]})`],
    ['Diteruskan kepada', data.handedToLabel ?? SEEDED_UNIT_LABEL[data.handedTo] ?? data.handedTo],
    ['Jangka waktu', `${data.service.timeLimitText} · Biaya: ${data.service.fee}`],
    ['Selesai paling lambat', deadlineCell(data, when)],
  ];
  const qr = qrSvg(data.qrText, { title: `Tanda terima ${data.receiptNo}` });
  const body = html`${kop(data.office)}${titleBlock('TANDA TERIMA BERKAS', `Nomor: ${data.receiptNo}`, data.meta)}
${fields(spec, rows)}
${rule(spec)}
<div class="section">Dokumen yang diterima (${data.documents.length})</div>
${documentsTable(spec, data.documents)}
${data.discretionReason ? html`<div class="box"><span class="strong">Diskresi (Perwali 67/2018 Pasal 6):</span> ${data.discretionReason}</div>` : ''}
${data.provisionalYear ? html`<p class="provisional-note">* Perkiraan: hari libur dan cuti bersama tahun ${String(data.provisionalYear)} belum ditetapkan pemerintah; tanggal selesai dapat bergeser setelah ditetapkan.</p>` : ''}
<p class="muted gap-top">Tunjukkan tanda terima ini saat menanyakan atau mengambil hasil layanan. Batas waktu dihitung pada jam layanan hari kerja. Pengaduan disampaikan secara tertulis paling lambat 30 hari setelah layanan diterima (Perwali Banjarmasin 67/2018 Pasal 8).</p>
<section class="closing"><div class="qrrow">${raw(qr)}<div><div class="muted">Kode verifikasi</div><div class="code">${data.verificationCode}</div></div></div>
${signatures({ role: 'Pemohon', name: data.party.visitorName }, { role: 'Petugas Helpdesk', name: data.officerName })}</section>
${surveyBlock(spec, data.survey)}
${notice(data.office)}
${printedLine(spec, data.meta)}`;
  return documentHtml({ title: `Tanda Terima Berkas ${data.receiptNo}`, spec, body, extraCss: SURVEY_CSS });
}
