/** Daftar Kekurangan Berkas: what is missing from a returned file and what to bring next time. Pure. */
import { documentHtml, fields, kop, notice, printedLine, rule, signatures, titleBlock } from './document';
import { dateTimeWita, shortDateTimeWita } from './format';
import { html, type SafeHtml } from './html';
import { layoutSpec, type LayoutSpec, type PrintLayout } from './layouts';
import { ROLE_LABEL } from './receipt';
import type { ReturnSlipData, ReturnSlipItem } from './types';

function itemsBlock(spec: LayoutSpec, items: ReturnSlipItem[]): SafeHtml {
  if (spec.thermal) {
    return html`<ol class="docs">${items.map(
      (it) => html`<li class="missing"><span class="strong">${it.label}</span><span class="d">${it.reason}.</span><span class="d">${it.bring}</span></li>`,
    )}</ol>`;
  }
  return html`<table class="grid"><thead><tr><th class="n">No</th><th>Persyaratan</th><th>Keterangan</th><th>Yang perlu dibawa/dilengkapi</th></tr></thead><tbody>${items.map(
    (it, i) => html`<tr class="missing"><td class="n">${i + 1}</td><td>${it.label}</td><td>${it.reason}</td><td>${it.bring}</td></tr>`,
  )}</tbody></table>`;
}

export function renderReturnSlip(data: ReturnSlipData, layout: PrintLayout): string {
  const spec = layoutSpec(layout);
  const when = spec.thermal ? shortDateTimeWita : dateTimeWita;
  const rows: Array<readonly [string, string]> = [
    ['Tanggal', when(data.returnedAt)],
    ['Layanan', `${data.service.number}. ${data.service.name}`],
    ['Penyedia', data.party.companyName ?? '–'],
    ['Pemohon', `${data.party.visitorName} (${ROLE_LABEL[data.party.visitorRole]})`],
  ];
  const body = html`${kop(data.office)}${titleBlock('DAFTAR KEKURANGAN BERKAS', `Pengembalian ke-${data.returnNo}`, data.meta)}
${fields(spec, rows)}
${rule(spec)}
<p>Berkas permohonan belum dapat diterima karena persyaratan berikut belum lengkap atau belum sesuai:</p>
${itemsBlock(spec, data.items)}
${data.note ? html`<div class="box"><span class="strong">Catatan petugas:</span> <span class="reason">${data.note}</span></div>` : ''}
<div class="box">Silakan melengkapi kekurangan di atas dan menyerahkan kembali berkas ke loket pada jam layanan: ${data.counterHours}. Bawa daftar ini agar pemeriksaan dapat dilanjutkan. Layanan tidak dipungut biaya.</div>
${signatures({ role: 'Pemohon', name: data.party.visitorName }, { role: 'Petugas Helpdesk', name: data.officerName })}
${notice(data.office)}
${printedLine(spec, data.meta)}`;
  return documentHtml({ title: `Daftar Kekurangan Berkas — ${data.party.visitorName}`, spec, body });
}
