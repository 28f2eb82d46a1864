/**
 * The SKM report (laporan hasil Survei Kepuasan Masyarakat, PermenPANRB 14/2017) and the one-page public
 * poster for the waiting room, laid out for A4 as HTML and printed to PDF by Chromium. They hold no personal
 * data: a response names nobody. Pure.
 */
import type { SurveyReport } from '../../contract/survey';
import { PLAN_STATUS_LABEL } from '../../domain/survey/events';
import { documentHtml, kop } from '../../print/document';
import { dateTimeWita, dateWita, isoDateId, numberId } from '../../print/format';
import { html, raw, type SafeHtml } from '../../print/html';
import { layoutSpec } from '../../print/layouts';
import type { OfficeSettings } from '../../print/office';
import { elementsChart, profileChart } from '../../print/survey-charts';
import { REPORT_PAGE_CSS } from './html';

const REPORT_CSS = `${REPORT_PAGE_CSS}
.card .v { font-size: 15pt; }
.warn { border: 1.2pt solid #000; padding: 1.5mm 2mm; margin-top: 2mm; font-weight: 700; }
.profiles { display: grid; grid-template-columns: 1fr 1fr; gap: 3mm; align-items: start; }
`;

/** Indonesian decimals: "80,79". */
export const dec = (v: number | null, digits = 2) => (v === null ? '–' : numberId(v, digits));
const int = (v: number) => numberId(v, 0);

function pct(count: number, total: number): string {
  return total === 0 ? '–' : `${numberId((count / total) * 100, 1)}%`;
}

function profileTable(title: string, rows: SurveyReport['profile']['sex'], total: number): SafeHtml {
  return html`<table class="grid"><thead><tr><th>${title}</th><th class="r">Jumlah</th><th class="r">Persen</th></tr></thead><tbody>${rows.map(
    (r) => html`<tr><td>${r.label}</td><td class="r">${int(r.count)}</td><td class="r">${pct(r.count, total)}</td></tr>`,
  )}</tbody></table>`;
}

function cards(r: SurveyReport): SafeHtml {
  const items: Array<[string, string]> = [
    ['IKM (nilai konversi)', dec(r.ikmConverted)],
    ['Mutu pelayanan', r.grade ? `${r.grade} (${r.gradeLabel})` : '–'],
    ['Responden', int(r.respondents)],
    ['Populasi / sampel minimal', `${int(r.population)} / ${int(r.minimumSample)}`],
  ];
  return html`<div class="cards">${items.map(([l, v]) => html`<div class="card"><div class="v">${v}</div><div class="l">${l}</div></div>`)}</div>`;
}

export function sampleWarning(r: SurveyReport): string | null {
  if (r.sampleSufficient) return null;
  return `Jumlah responden (${int(r.respondents)}) belum mencapai sampel minimal ${int(r.minimumSample)} untuk populasi ${int(r.population)} (Krejcie dan Morgan). Hasil tetap dihitung, tetapi belum mewakili seluruh pengguna layanan.`;
}

function elementsTable(r: SurveyReport): SafeHtml {
  return html`<table class="grid"><thead><tr><th class="n">No</th><th>Unsur pelayanan</th><th class="r">Menjawab</th><th class="r">Jumlah nilai</th><th class="r">NRR</th><th class="r">NRR × 1/9</th><th class="r">Nilai konversi</th><th>Mutu</th></tr></thead><tbody>${r.elements.map(
    (e, i) =>
      html`<tr><td class="n">${i + 1}</td><td>${e.code} ${e.name}</td><td class="r">${int(e.answered)}</td><td class="r">${int(e.sum)}</td><td class="r">${dec(e.nrr, 3)}</td><td class="r">${dec(e.nrr === null ? null : e.nrr / 9, 3)}</td><td class="r">${dec(e.nrrConverted)}</td><td>${e.category ? `${e.category} (${e.categoryLabel})` : '–'}</td></tr>`,
  )}</tbody><tfoot><tr><td></td><td>IKM = Σ NRR × 1/9</td><td></td><td></td><td></td><td class="r">${dec(r.ikm, 4)}</td><td class="r">${dec(r.ikmConverted)}</td><td>${r.grade ? `${r.grade} (${r.gradeLabel})` : '–'}</td></tr></tfoot></table>`;
}

function servicesTable(r: SurveyReport): SafeHtml {
  if (r.services.length === 0) return html`<p>Tidak ada layanan pada periode ini.</p>`;
  return html`<table class="grid"><thead><tr><th class="n">No</th><th>Layanan</th><th class="r">Responden</th><th class="r">Populasi</th><th class="r">Sampel minimal</th><th class="r">IKM</th><th>Mutu</th></tr></thead><tbody>${r.services.map(
    (s) =>
      html`<tr><td class="n">${s.number ?? '–'}</td><td>${s.name}</td><td class="r">${int(s.respondents)}</td><td class="r">${int(s.population)}</td><td class="r">${int(s.minimumSample)}</td><td class="r">${s.sufficient ? dec(s.ikmConverted) : '–'}</td><td>${s.sufficient && s.grade ? s.grade : 'sampel belum memadai'}</td></tr>`,
  )}</tbody></table>`;
}


function planTable(r: SurveyReport): SafeHtml {
  if (!r.plan || r.plan.items.length === 0) return html`<p>Rencana tindak lanjut untuk periode ini belum diisi oleh pimpinan.</p>`;
  return html`<table class="grid"><thead><tr><th class="n">No</th><th>Unsur</th><th>Permasalahan</th><th>Program/kegiatan perbaikan</th><th>Waktu</th><th>Penanggung jawab</th><th>Tindak lanjut</th><th>Status</th></tr></thead><tbody>${r.plan.items.map(
    (p, i) =>
      html`<tr><td class="n">${i + 1}</td><td>${p.element}</td><td>${p.problem || '–'}</td><td>${p.action}</td><td>${p.timeframe || '–'}</td><td>${p.responsible || '–'}</td><td>${p.followUp || '–'}</td><td>${PLAN_STATUS_LABEL[p.status] ?? p.status}</td></tr>`,
  )}</tbody></table>${r.plan.note ? html`<p class="note">${r.plan.note}</p>` : ''}<p class="note">Diisi ${r.plan.updatedByName ?? 'pimpinan'}, ${dateTimeWita(r.plan.updatedAt)}.</p>`;
}

export function surveyReportHtml(r: SurveyReport, office: OfficeSettings, preparedBy: string): string {
  const spec = layoutSpec('a4');
  const width = Math.floor(((spec.pageSize.widthMm - 2 * spec.marginMm) * 96) / 25.4);
  const warning = sampleWarning(r);
  const channels = r.channels.filter((c) => c.count > 0).map((c) => `${c.label} ${int(c.count)}`).join('; ');
  const body = html`${kop(office)}
<h1>LAPORAN SURVEI KEPUASAN MASYARAKAT</h1>
<div class="sub">${r.period.label} (${isoDateId(r.period.from)} – ${isoDateId(r.period.to)})${r.serviceName ? html`<br>Layanan: ${r.serviceName}` : ''}<br><span class="muted">Peraturan Menteri PANRB Nomor 14 Tahun 2017 · disusun ${dateTimeWita(r.generatedAt)} oleh ${preparedBy}</span></div>
${cards(r)}
${r.problem ? html`<div class="warn">${r.problem}</div>` : ''}
${warning ? html`<div class="warn">${warning}</div>` : ''}
<h2>A. Nilai per unsur pelayanan</h2>
${elementsTable(r)}
<p class="note">NRR = jumlah nilai unsur ÷ jumlah responden yang menjawab unsur itu (jawaban kosong tidak dihitung). IKM = Σ NRR × 1/9; nilai konversi = IKM × 25, dibulatkan dua desimal (setengah ke atas) hanya pada akhir perhitungan. Mutu: A Sangat Baik ≥ 88,31; B Baik ≥ 76,61; C Kurang Baik ≥ 65,00; D Tidak Baik di bawahnya.</p>
${raw(elementsChart(r, width))}
<h2>B. Unsur dengan nilai terendah</h2>
${
  r.lowest.length
    ? html`<ol>${r.lowest.map((l) => html`<li>${l.code} ${l.name}: ${dec(l.nrrConverted)}</li>`)}</ol>`
    : html`<p>Belum ada jawaban.</p>`
}
<h2>C. Profil responden</h2>
<div class="profiles">${profileTable('Jenis kelamin', r.profile.sex, r.respondents)}${profileTable('Usia', r.profile.ageGroup, r.respondents)}${profileTable(
    'Pendidikan',
    r.profile.education,
    r.respondents,
  )}${profileTable('Pekerjaan', r.profile.occupation, r.respondents)}</div>
${raw(profileChart(r, width))}
<p class="note">Cara pengisian: ${channels || '–'}.${r.duplicatesIgnored > 0 ? ` ${int(r.duplicatesIgnored)} jawaban ganda dengan kode survei yang sama dihitung satu kali.` : ''}</p>
<h2>D. Hasil per layanan</h2>
${servicesTable(r)}
<p class="note">IKM per layanan disajikan bila jumlah respondennya mencapai sampel minimal layanan tersebut. Populasi = kunjungan permohonan layanan yang tercatat pada periode ini.</p>
<h2>E. Rencana tindak lanjut dan tindak lanjut perbaikan</h2>
${planTable(r)}
<p class="note">Responden mengisi survei tanpa nama, NIK, atau nomor telepon; jawaban tidak dapat dikaitkan dengan kunjungan atau pemohon tertentu.</p>
<div class="sig"><div>Banjarmasin, ${dateWita(r.generatedAt)}</div><div class="strong">${office.headTitle}</div><div class="space"></div><div class="name">${office.headName ?? '(..........................................)'}</div><div>${office.headNip ? `NIP. ${office.headNip}` : 'NIP. ..................................'}</div></div>`;
  return documentHtml({ title: `Laporan SKM ${r.period.label}`, spec, body, extraCss: REPORT_CSS });
}

const POSTER_CSS = `
body { font-size: 12pt; text-align: center; }
.kop { text-align: left; }
.p-title { font-size: 24pt; font-weight: 700; letter-spacing: 0.03em; margin-top: 8mm; }
.p-period { font-size: 16pt; margin-top: 2mm; }
.p-value { font-size: 96pt; font-weight: 700; line-height: 1; margin-top: 12mm; }
.p-scale { font-size: 12pt; }
.p-grade { display: inline-block; font-size: 64pt; font-weight: 700; border: 3pt solid #000; border-radius: 6mm; padding: 2mm 12mm; margin-top: 10mm; }
.p-label { font-size: 26pt; font-weight: 700; margin-top: 4mm; text-transform: uppercase; }
.p-n { font-size: 14pt; margin-top: 10mm; }
.p-thanks { font-size: 16pt; margin-top: 10mm; font-weight: 700; }
.p-foot { font-size: 9pt; margin-top: 12mm; }
`;

/** The public poster: IKM, grade and period, one A4 page. */
export function surveyPosterHtml(r: SurveyReport, office: OfficeSettings): string {
  const spec = layoutSpec('a4');
  const body = html`${kop(office)}
<div class="p-title">INDEKS KEPUASAN MASYARAKAT</div>
<div class="p-period">${r.period.label}${r.serviceName ? html`<br>${r.serviceName}` : ''}</div>
<div class="p-value">${dec(r.ikmConverted)}</div>
<div class="p-scale">dari skala 100</div>
${r.grade ? html`<div class="p-grade">${r.grade}</div><div class="p-label">${r.gradeLabel}</div>` : html`<div class="p-label">${r.problem ?? ''}</div>`}
<div class="p-n">Berdasarkan penilaian ${int(r.respondents)} responden pengguna layanan (${isoDateId(r.period.from)} – ${isoDateId(r.period.to)}).</div>
<div class="p-thanks">Terima kasih atas penilaian Anda.</div>
<div class="p-foot">Survei Kepuasan Masyarakat menurut Peraturan Menteri PANRB Nomor 14 Tahun 2017. Mutu pelayanan: A Sangat Baik (88,31–100) · B Baik (76,61–88,30) · C Kurang Baik (65,00–76,60) · D Tidak Baik (25,00–64,99).<br>Survei diisi tanpa nama; jawaban Anda tidak dapat dikaitkan dengan diri Anda.</div>`;
  return documentHtml({ title: `IKM ${r.period.label}`, spec, body, extraCss: POSTER_CSS });
}
