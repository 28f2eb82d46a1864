/** Surat Penolakan: the handler's written rejection of a request, with the reason. Pure. */
import { documentHtml, fields, kop, notice, printedLine, rule, signatures, titleBlock } from './document';
import { dateTimeWita, dateWita, shortDateTimeWita } from './format';
import { html } from './html';
import { layoutSpec, type PrintLayout } from './layouts';
import { ROLE_LABEL, SEEDED_UNIT_LABEL } from './receipt';
import type { RejectionData } from './types';



export function renderRejection(data: RejectionData, layout: PrintLayout): string {
  const spec = layoutSpec(layout);
  const when = spec.thermal ? shortDateTimeWita : dateTimeWita;
  const rows: Array<readonly [string, string]> = [
    ['Layanan', `${data.service.number}. ${data.service.name}`],
    ['Penyedia', data.party.companyName ? `${data.party.companyName}${data.party.npwp ? ` (NPWP ${data.party.npwp})` : ''}` : '–'],
    ['Pemohon', `${data.party.visitorName} (${ROLE_LABEL[data.party.visitorRole]})`],
    ['Tanda terima berkas', data.receiptNo ? `${data.receiptNo}${data.receivedAt !== null ? `, ${when(data.receivedAt)}` : ''}` : '–'],
    ['Tanggal penolakan', when(data.rejectedAt)],
  ];
  const body = html`${kop(data.office)}${titleBlock('SURAT PENOLAKAN PERMOHONAN LAYANAN', `Nomor: ${data.letterNo}`, data.meta)}
${fields(spec, rows)}
${rule(spec)}
<p>Dengan hormat,</p>
<p>Bersama ini kami sampaikan bahwa permohonan layanan tersebut di atas <span class="strong">tidak dapat diproses (ditolak)</span> dengan alasan:</p>
<div class="box reason">${data.reason}</div>
<p class="gap-top-wide">Pemohon dapat mengajukan kembali permohonan setelah alasan penolakan di atas dipenuhi. Keberatan atas penolakan ini dapat disampaikan sebagai pengaduan tertulis paling lambat 30 hari setelah surat ini diterima (Perwali Banjarmasin 67/2018 Pasal 8); pengaduan dijawab paling lambat 6 hari kerja.</p>
<p>Banjarmasin, ${dateWita(data.rejectedAt)}</p>
${signatures({ role: 'Penerima', name: data.party.visitorName }, { role: data.officerRoleLabel ?? SEEDED_UNIT_LABEL[data.officerRole] ?? data.officerRole, name: data.officerName })}
${notice(data.office)}
${printedLine(spec, data.meta)}`;
  return documentHtml({ title: `Surat Penolakan ${data.letterNo}`, spec, body });
}
