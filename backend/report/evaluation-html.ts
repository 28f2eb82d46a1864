/**
 * The staff evaluation (evaluasi kinerja pelaksana) on A4 landscape-free portrait: the office header, one
 * table of officers, the complaints and survey per officer, how each figure is counted, and the signature
 * of the head of unit. Pure.
 */
import type { StaffEvaluation } from '../../contract/evaluation';
import { documentHtml, kop } from '../../print/document';
import { dateTimeWita, dateWita, numberId } from '../../print/format';
import { html } from '../../print/html';
import { layoutSpec } from '../../print/layouts';
import type { OfficeSettings } from '../../print/office';
import { REPORT_PAGE_CSS } from './html';

const ROLE_LABEL: Record<string, string> = { helpdesk: 'Helpdesk', verifier: 'Verifikator', sysadmin: 'Admin Sistem', supervisor: 'Supervisor', kepala_subbagian: 'Kepala Sub Bagian', kepala_bagian: 'Kepala Bagian' };
const n = (v: number) => numberId(v, 0);
const pctText = (v: number | null) => (v === null ? '–' : `${numberId(v, 1)}%`);

export function roleLabels(roles: readonly string[]): string {
  return roles.map((r) => ROLE_LABEL[r] ?? r).join(', ');
}

export function evaluationHtml(e: StaffEvaluation, office: OfficeSettings, preparedBy: string): string {
  const spec = layoutSpec('a4');
  const body = html`${kop(office)}
<h1>EVALUASI KINERJA PELAKSANA</h1>
<div class="sub">Bulan ${e.label}<br><span class="muted">Peraturan Wali Kota Banjarmasin Nomor 67 Tahun 2018 Pasal 5 · disusun ${dateTimeWita(e.generatedAt)} oleh ${preparedBy}</span></div>
<table class="grid"><thead><tr><th class="n">No</th><th>Petugas</th><th class="r">Dicatat</th><th class="r">Diserahkan</th><th class="r">Dikembalikan</th><th class="r">Selesai</th><th class="r">Ditolak</th><th class="r">Tepat waktu</th><th class="r">Terlambat</th><th class="r">% tepat</th><th class="r">Melewati batas</th><th class="r">Pengaduan</th></tr></thead><tbody>${e.officers.map(
    (o, i) =>
      html`<tr><td class="n">${i + 1}</td><td>${o.name}<br><span class="muted">${roleLabels(o.roles)}</span></td><td class="r">${n(o.registered)}</td><td class="r">${n(o.handedOver)}</td><td class="r">${n(o.returned)}</td><td class="r">${n(o.completed)}</td><td class="r">${n(o.rejected)}</td><td class="r">${n(o.finishedInTime)}</td><td class="r">${n(o.finishedLate)}</td><td class="r">${pctText(o.inTimePct)}</td><td class="r">${n(o.overdueOpen)}</td><td class="r">${n(o.complaints.length)}</td></tr>`,
  )}</tbody></table>
<h2>Pengaduan tentang berkas yang ditangani</h2>
${
  e.officers.some((o) => o.complaints.length > 0)
    ? html`<table class="grid"><thead><tr><th>Petugas</th><th>Nomor pengaduan</th><th>Tanda terima</th><th>Tahap</th></tr></thead><tbody>${e.officers.flatMap((o) =>
        o.complaints.map((c) => html`<tr><td>${o.name}</td><td>${c.number}</td><td>${c.receiptNo ?? '–'}</td><td>${c.stage}</td></tr>`),
      )}</tbody></table>`
    : html`<p>Tidak ada pengaduan pada bulan ini tentang berkas yang ditangani petugas.</p>`
}
<h2>Survei kepuasan layanan yang ditangani</h2>
${
  e.officers.some((o) => o.survey.length > 0)
    ? html`<table class="grid"><thead><tr><th>Petugas</th><th>Layanan</th><th class="r">Responden</th><th class="r">IKM layanan</th></tr></thead><tbody>${e.officers.flatMap((o) =>
        o.survey.map((s) => html`<tr><td>${o.name}</td><td>${s.serviceName}</td><td class="r">${n(s.respondents)}</td><td class="r">${s.ikm === null ? '–' : numberId(s.ikm, 2)}</td></tr>`),
      )}</tbody></table>`
    : html`<p>Belum ada layanan yang diselesaikan pada bulan ini.</p>`
}
<h2>Cara penghitungan</h2>
<ol class="note">${e.definitions.map((d) => html`<li>${d}</li>`)}</ol>
<div class="sig"><div>Banjarmasin, ${dateWita(e.generatedAt)}</div><div class="strong">${office.headTitle}</div><div class="space"></div><div class="name">${office.headName ?? '(..........................................)'}</div><div>${office.headNip ? `NIP. ${office.headNip}` : 'NIP. ..................................'}</div></div>`;
  return documentHtml({ title: `Evaluasi Kinerja Pelaksana ${e.label}`, spec, body, extraCss: REPORT_PAGE_CSS });
}
