/**
 * The monthly report laid out for A4 as HTML (printed to PDF by Chromium), with its charts as inline SVG.
 * The PDF is the report, not the visit list: the detail of every visit is in the XLSX and CSV exports. It
 * names staff and companies, never a visitor's NIK or phone number.
 */
import type { MonthlyReport } from '../../contract/report';
import { documentHtml, kop } from '../../print/document';
import { dateTimeWita, dateWita, isoDateId, numberId } from '../../print/format';
import { html, raw, type SafeHtml } from '../../print/html';
import { layoutSpec } from '../../print/layouts';
import type { OfficeSettings } from '../../print/office';
import { exportPersonalDataStatement } from '../../print/privacy';
import { complianceChart, stackedBarChart } from '../../print/charts';
import { complaintsHtml } from './complaints';
import { queueHtml } from './queue';
import { sentence } from '../../domain/sentence';

/** A report page's headings, cards, grid tables, charts and signature block: the monthly and the SKM report. */
export const REPORT_PAGE_CSS = `
body { font-size: 9pt; }
h1 { font-size: 13pt; margin-top: 1mm; }
h2 { font-size: 10.5pt; margin: 5mm 0 1.5mm 0; break-after: avoid; }
.sub { text-align: center; margin-bottom: 3mm; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 2mm; }
.card { border: 0.75pt solid #000; padding: 1.5mm 2mm; }
.card .v { font-size: 14pt; font-weight: 700; }
.card .l { font-size: 7.5pt; }
table.grid { font-size: 8pt; break-inside: auto; }
table.grid tr { break-inside: avoid; }
table.grid td.r, table.grid th.r { text-align: right; white-space: nowrap; }
table.grid tfoot td { font-weight: 700; }
.chart { display: block; margin: 1mm 0 2mm 0; break-inside: avoid; }
.note { font-size: 7.5pt; margin-top: 1mm; }
.sig { margin-top: 6mm; margin-left: auto; width: 75mm; text-align: center; break-inside: avoid; }
.sig .space { height: 18mm; }
.sig .name { font-weight: 700; text-decoration: underline; }
`;

const REPORT_CSS = `${REPORT_PAGE_CSS}
td.nw { white-space: nowrap; }
.pd { font-size: 7.5pt; border: 0.75pt solid #000; padding: 1.5mm 2mm; margin-top: 4mm; break-inside: avoid; }
/* The staff table, the personal-data statement and the signature stay on one page: a last page holding only
   the signature (or only the statement) reads as a loose sheet. Taller than a page, it breaks as usual. */
.report-end { break-inside: avoid; }
/* The personal-data statement and the signature stay on one page: a signature alone on a last page signs nothing visible. */
.report-closing { break-inside: avoid; }
`;

const shortDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const n = (v: number | null, digits = 0) => (v === null ? '–' : numberId(v, digits));
const pctText = (v: number | null) => (v === null ? '–' : `${numberId(v, 1)}%`);

function cards(r: MonthlyReport): SafeHtml {
  const t = r.totals;
  const items: Array<[string, string]> = [
    ['Kunjungan', n(t.visits)],
    ['Permohonan layanan', n(t.withService)],
    ['Berkas dikembalikan', n(t.returnedVisits)],
    ['Diserahkan ke verifikator/admin', n(t.handedOver)],
    ['Selesai', n(t.completed)],
    ['Ditolak', n(t.rejected)],
    ['Belum selesai (lewat jangka waktu)', `${n(t.open)} (${n(t.openOverdue)})`],
    ['Selesai dalam jangka waktu', pctText(t.inTimePct)],
    ['Tanpa pengecualian gangguan', pctText(t.inTimePctWithoutExcuse)],
  ];
  return html`<div class="cards">${items.map(([l, v]) => html`<div class="card"><div class="v">${v}</div><div class="l">${l}</div></div>`)}</div>`;
}

function servicesTable(r: MonthlyReport): SafeHtml {
  const t = r.totals;
  return html`<table class="grid"><thead><tr><th class="n">No</th><th>Layanan</th><th>Jangka waktu</th><th class="r">Kunjungan</th><th class="r">Dikem&shy;balikan</th><th class="r">Selesai</th><th class="r">Ditolak</th><th class="r">Belum selesai</th><th class="r">Tepat waktu</th><th class="r">Tanpa pengecualian gangguan</th><th class="r">Median / P90 proses (menit)</th></tr></thead><tbody>${r.services.map(
    (s) =>
      html`<tr><td class="n">${s.number}</td><td>${s.shortName}</td><td class="nw">${s.limitText}</td><td class="r">${n(s.visits)}</td><td class="r">${n(s.returnedVisits)}</td><td class="r">${n(s.completed)}</td><td class="r">${n(s.rejected)}</td><td class="r">${n(s.open)}</td><td class="r">${pctText(s.inTimePct)}</td><td class="r">${pctText(s.inTimePctWithoutExcuse)}</td><td class="r">${n(s.processingMedianMin, 1)} / ${n(s.processingP90Min, 1)}</td></tr>`,
  )}</tbody><tfoot><tr><td></td><td>Jumlah</td><td></td><td class="r">${n(t.withService)}</td><td class="r">${n(t.returnedVisits)}</td><td class="r">${n(t.completed)}</td><td class="r">${n(t.rejected)}</td><td class="r">${n(t.open)}</td><td class="r">${pctText(t.inTimePct)}</td><td class="r">${pctText(t.inTimePctWithoutExcuse)}</td><td></td></tr></tfoot></table>`;
}

/** Excused time, out-of-limit cases and the guarantee: what the in-time figures rest on (issue 9). */
function excusedNote(r: MonthlyReport): SafeHtml {
  const t = r.totals;
  const guarantees = r.services.filter((s) => s.guarantee && s.guarantee.timed > 0);
  return html`<p class="note">Tepat waktu: ${n(t.finishedInTime)} dari ${n(t.finishedInTime + t.finishedLate)} berkas (${pctText(t.inTimePct)}) dengan waktu gangguan internet/SPSE tidak dihitung bagi layanan yang jaminannya bersyarat "jika tidak ada gangguan internet"; tanpa pengecualian itu ${n(t.finishedInTimeWithoutExcuse)} dari ${n(t.finishedInTimeWithoutExcuse + t.finishedLateWithoutExcuse)} (${pctText(t.inTimePctWithoutExcuse)}). Berkas dengan waktu gangguan: ${n(t.excusedVisits)} (${n(t.excusedMinutes, 1)} menit kerja). Di luar jangka waktu layanan (diteruskan ke helpdesk LKPP): ${n(t.outsideLimit)} berkas.${guarantees.map(
    (s) => html` Layanan ${s.number}: jaminan ${n(s.guarantee!.minutes)} menit terpenuhi ${n(s.guarantee!.met)} dari ${n(s.guarantee!.timed)} berkas (${pctText(s.guarantee!.pct)}).`,
  )}</p>${
    r.outages.length
      ? html`<table class="grid"><thead><tr><th class="n">No</th><th>Gangguan seluruh kantor</th><th>Mulai</th><th>Selesai</th><th>Keterangan</th></tr></thead><tbody>${r.outages.map(
          (o, i) => html`<tr><td class="n">${i + 1}</td><td>${o.kindLabel}</td><td class="nw">${dateTimeWita(o.from)}</td><td class="nw">${o.to === null ? 'berlangsung' : dateTimeWita(o.to)}</td><td>${o.reason}</td></tr>`,
        )}</tbody></table>`
      : ''
  }`;
}

function listTable(rows: MonthlyReport['discretion'], reasonHeader: string, none: string): SafeHtml {
  if (rows.length === 0) return html`<p>${none}</p>`;
  const shown = rows.slice(0, 60);
  return html`<table class="grid"><thead><tr><th class="n">No</th><th>Tanggal</th><th>Perusahaan</th><th>Layanan</th><th>${reasonHeader}</th><th>Petugas</th></tr></thead><tbody>${shown.map(
    (d, i) => html`<tr><td class="n">${i + 1}</td><td class="nw">${shortDate(d.day)}</td><td>${d.companyName ?? '–'}</td><td>${d.serviceName}</td><td>${d.reason ?? '–'}</td><td>${d.byName ?? '–'}</td></tr>`,
  )}</tbody></table>${rows.length > shown.length ? html`<p class="note">Ditampilkan ${shown.length} dari ${rows.length}; daftar lengkap ada pada ekspor Excel.</p>` : ''}`;
}

export function reportHtml(r: MonthlyReport, office: OfficeSettings, preparedBy: string): string {
  const spec = layoutSpec('a4');
  const contentWidthPx = Math.floor(((spec.pageSize.widthMm - 2 * spec.marginMm) * 96) / 25.4);
  const seriesIndex = r.seriesCodes;
  const volume = stackedBarChart({
    title: 'Jumlah kunjungan per hari menurut layanan',
    yLabel: 'kunjungan',
    width: contentWidthPx,
    height: 250 + Math.ceil(seriesIndex.length / 3) * 14,
    series: seriesIndex.map((s) => ({ key: s.code, label: s.label })),
    categories: r.days.map((d) => ({ label: String(Number(d.day.slice(8))), values: d.byService, muted: !d.workingDay })),
  });
  const compliance = complianceChart({
    title: 'Kepatuhan jangka waktu per layanan (berkas selesai/ditolak; persentase tepat waktu)',
    width: contentWidthPx,
    rows: r.services.filter((s) => s.handedOver > 0).map((s) => ({ label: `${s.number}. ${s.shortName}`, inTime: s.finishedInTime, late: s.finishedLate, openOverdue: s.openOverdue })),
  });
  const statement = exportPersonalDataStatement({ personalData: false, officeName: office.officeName, dpoName: office.dpoName, dpoContact: office.dpoContact });
  const ROLE: Record<string, string> = { helpdesk: 'Helpdesk', verifier: 'Verifikator', sysadmin: 'Admin sistem', supervisor: 'Supervisor' };

  const body = html`${kop(office)}
<h1>LAPORAN BULANAN PELAYANAN</h1>
<div class="sub">Bulan ${r.monthLabel} (${isoDateId(r.firstDay)} – ${isoDateId(r.lastDay)}; ${r.workingDays} hari kerja)<br><span class="muted">${sentence(`Disusun ${dateTimeWita(r.generatedAt)} oleh ${preparedBy}`)} Status berkas per waktu penyusunan.</span></div>
${cards(r)}
<h2>A. Rekapitulasi per layanan</h2>
${servicesTable(r)}
<p class="note">Kepatuhan jangka waktu dihitung atas berkas yang selesai atau ditolak, pada jam layanan hari kerja, tanpa masa menunggu penyedia dan masa di LKPP (Perwali Banjarmasin 67/2018, Lampiran). Diteruskan ke LKPP: ${n(r.totals.forwardedLkpp)} berkas.</p>
${excusedNote(r)}
${raw(compliance)}
<h2>B. Jumlah kunjungan per hari</h2>
${raw(volume)}
<p class="note">Latar abu-abu: bukan hari kerja. Keperluan lain (bukan permohonan layanan): ${n(r.totals.otherPurpose)} kunjungan.</p>
<h2>C. Durasi tahapan layanan (menit kerja)</h2>
<table class="grid"><thead><tr><th class="n">No</th><th>Tahap</th><th class="r">Berkas</th><th class="r">Median</th><th class="r">Persentil 90</th></tr></thead><tbody>${r.stages.map(
    (s, i) => html`<tr><td class="n">${i + 1}</td><td>${s.label}</td><td class="r">${n(s.count)}</td><td class="r">${n(s.medianMin, 1)}</td><td class="r">${n(s.p90Min, 1)}</td></tr>`,
  )}</tbody></table>
<h2>D. Berkas dikembalikan dan dokumen yang paling sering kurang</h2>
<p>${n(r.totals.returnedVisits)} kunjungan dikembalikan karena berkas tidak lengkap (${n(r.totals.returns)} kali pengembalian).</p>
${
  r.missingDocuments.length
    ? html`<table class="grid"><thead><tr><th class="n">No</th><th>Dokumen</th><th class="r">Kali tercatat</th><th class="r">Kunjungan</th></tr></thead><tbody>${r.missingDocuments.map(
        (m, i) => html`<tr><td class="n">${i + 1}</td><td>${m.label}</td><td class="r">${n(m.count)}</td><td class="r">${n(m.visits)}</td></tr>`,
      )}</tbody></table>
<p class="note">Alasan: ${r.returnReasons.map((x) => `${x.label} (${n(x.count)})`).join('; ')}.</p>`
    : html`<p>Tidak ada berkas yang dikembalikan.</p>`
}
<h2>E. Penggunaan diskresi (Perwali 67/2018 Pasal 6): ${n(r.totals.discretion)}</h2>
${listTable(r.discretion, 'Alasan diskresi', 'Tidak ada penggunaan diskresi.')}
<h2>F. Permohonan yang ditolak: ${n(r.totals.rejected)}</h2>
${listTable(r.rejections, 'Alasan penolakan', 'Tidak ada permohonan yang ditolak.')}
<div class="report-end">
<h2>G. Kinerja petugas (evaluasi kinerja pelaksana, Pasal 5)</h2>
<table class="grid"><thead><tr><th>Petugas</th><th>Peran</th><th class="r">Buku tamu</th><th class="r">Penyerahan</th><th class="r">Median periksa (menit)</th><th class="r">Selesai / ditolak</th><th class="r">Tepat waktu</th><th class="r">Median proses (menit)</th></tr></thead><tbody>${r.staff.map(
    (s) =>
      html`<tr><td>${s.name}</td><td>${s.roles.map((x) => ROLE[x] ?? x).join(', ')}</td><td class="r">${n(s.registered)}</td><td class="r">${n(s.handedOver)}</td><td class="r">${n(s.checkingMedianMin, 1)}</td><td class="r">${n(s.completed)} / ${n(s.rejected)}</td><td class="r">${pctText(s.inTimePct)}</td><td class="r">${n(s.processingMedianMin, 1)}</td></tr>`,
  )}</tbody></table>
${complaintsHtml(r)}
${queueHtml(r, contentWidthPx)}
<div class="report-closing"><div class="pd"><b>Pernyataan data pribadi (UU Nomor 27 Tahun 2022).</b> Laporan ini memuat nama petugas dan nama perusahaan; tidak memuat NIK, nomor telepon, atau nama pemohon. ${statement.slice(1).join(' ')}</div>
<div class="sig"><div>Banjarmasin, ${dateWita(r.generatedAt)}</div><div>Mengetahui,</div><div class="strong">${office.headTitle}</div><div class="space"></div><div class="name">${office.headName ?? '(..........................................)'}</div><div>${office.headNip ? `NIP. ${office.headNip}` : 'NIP. ..................................'}</div></div></div>
</div>`;
  return documentHtml({ title: `Laporan Bulanan ${r.monthLabel}`, spec, body, extraCss: REPORT_CSS });
}
