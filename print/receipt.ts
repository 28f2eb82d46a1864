/** Tanda Terima Berkas: the handover receipt given to the vendor when a complete file is received. Pure. */
import { documentHtml, fields, kop, notice, printedLine, rule, signatures, titleBlock } from './document';
import { dateTimeWita, isoDateId, shortDateTimeWita } from './format';
import { html, raw, type SafeHtml } from './html';
import { layoutSpec, type LayoutSpec, type PrintLayout } from './layouts';
import { qrSvg } from './qr';
import type { PartyInfo, ReceiptData, ReceiptDocument } from './types';

export const ROLE_LABEL: Record<PartyInfo['visitorRole'], string> = { leader: 'Pimpinan perusahaan', proxy: 'Kuasa pimpinan perusahaan' };
const HANDLER_LABEL: Record<ReceiptData['handedTo'], string> = { verifier: 'Verifikator', sysadmin: 'Admin Sistem' };

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
  if (d.validUntil) notes.push(`berlaku s.d. ${isoDateId(d.validUntil)}`);
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

export function renderReceipt(data: ReceiptData, layout: PrintLayout): string {
  const spec = layoutSpec(layout);
  const when = spec.thermal ? shortDateTimeWita : dateTimeWita;
  const company = data.party.companyName ? `${data.party.companyName}${data.party.npwp ? ` (NPWP ${data.party.npwp})` : ''}` : '–';
  const rows: Array<readonly [string, string | SafeHtml]> = [
    ['Diterima', when(data.receivedAt)],
    ['Layanan', `${data.service.number}. ${data.service.name}`],
    ['Penyedia', company],
    ['Pemohon', `${data.party.visitorName} (${ROLE_LABEL[data.party.visitorRole]})`],
    ['Diteruskan kepada', HANDLER_LABEL[data.handedTo]],
    ['Jangka waktu', `${data.service.timeLimitText} · Biaya: ${data.service.fee}`],
    ['Perkiraan selesai', data.promisedAt !== null ? html`<span class="strong">${when(data.promisedAt)}</span>` : 'Sesuai jangka waktu layanan'],
  ];
  const qr = qrSvg(data.qrText, { title: `Tanda terima ${data.receiptNo}` });
  const body = html`${kop(data.office)}${titleBlock('TANDA TERIMA BERKAS', `Nomor: ${data.receiptNo}`, data.meta)}
${fields(spec, rows)}
${rule(spec)}
<div class="section">Dokumen yang diterima (${data.documents.length})</div>
${documentsTable(spec, data.documents)}
${data.discretionReason ? html`<div class="box"><span class="strong">Diskresi (Perwali 67/2018 Pasal 6):</span> ${data.discretionReason}</div>` : ''}
<p class="muted gap-top">Tunjukkan tanda terima ini saat menanyakan atau mengambil hasil layanan. Perkiraan selesai dihitung pada jam layanan hari kerja. Pengaduan disampaikan secara tertulis paling lambat 30 hari setelah layanan diterima (Perwali Banjarmasin 67/2018 Pasal 8).</p>
<section class="closing"><div class="qrrow">${raw(qr)}<div><div class="muted">Kode verifikasi</div><div class="code">${data.verificationCode}</div></div></div>
${signatures({ role: 'Pemohon', name: data.party.visitorName }, { role: 'Petugas Helpdesk', name: data.officerName })}</section>
${notice(data.office)}
${printedLine(spec, data.meta)}`;
  return documentHtml({ title: `Tanda Terima Berkas ${data.receiptNo}`, spec, body });
}
