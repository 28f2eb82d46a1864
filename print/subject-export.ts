/**
 * A person's copy of their personal data on paper (UU 27/2022 Pasal 7: the data subject's right to obtain a
 * copy; issue 15 item 6, ADR 0019): the readable companion of the JSON export (`privacy.subjectExport`), on A4
 * with the office's letterhead, in Indonesian: what is held on the person, every visit, every record that
 * names them (when, what, by whom, on which workstation), why and on which basis it is processed, and the
 * officer who answers for it. Pure: data in, a complete HTML document out (same frame as every printed
 * document).
 */
import { documentHtml, kop, printedLine } from './document';
import { dateTimeWita, shortDateTimeWita } from './format';
import { html, type SafeHtml } from './html';
import { layoutSpec } from './layouts';
import { privacyNotice } from './privacy';
import type { OfficeHeader, PrintMeta } from './types';

export interface SubjectExportVisit {
  arrivedAt: number;
  service: string;
  companyName: string | null;
  asProxy: boolean;
  receiptNo: string | null;
  status: string;
  /** When the personal-data notice was given with this visit (null: not recorded, older visits). */
  noticeAt: number | null;
}

export interface SubjectExportRecord {
  at: number;
  what: string;
  by: string | null;
  device: string;
}

export interface SubjectExportData {
  office: OfficeHeader;
  person: { id: string; name: string; nik: string | null; phone: string | null; email: string | null; company: string | null; erased: boolean };
  visits: SubjectExportVisit[];
  records: SubjectExportRecord[];
  /** The officer who made the copy, and the workstation it was made on. */
  requestedBy: string;
  deviceId: string;
  meta: PrintMeta;
}

const CSS = `
.se-title { text-align: center; font-size: 1.25em; font-weight: 700; letter-spacing: 0.04em; margin: 2mm 0 0 0; }
.se-sub { text-align: center; margin: 0 0 4mm 0; }
h2 { font-size: 1.05em; margin: 4mm 0 1.5mm 0; break-after: avoid; }
table.se { width: 100%; border-collapse: collapse; font-size: 9pt; }
table.se th, table.se td { border: 0.75pt solid #000; padding: 0.8mm 1.5mm; vertical-align: top; text-align: left; }
table.se th { background: #eee; }
table.se tr { break-inside: avoid; }
table.se td.n { width: 7mm; text-align: center; }
table.se td.nw { white-space: nowrap; }
table.facts td { padding: 0.8mm 1.5mm 0.8mm 0; vertical-align: top; }
table.facts td.k { width: 40mm; font-weight: 700; }
.note { border: 0.75pt solid #000; padding: 1.5mm 2mm; margin-top: 3mm; break-inside: avoid; font-size: 9pt; }
`;

const dash = (v: string | null) => (v && v.trim() ? v : '–');

export function subjectExportFileName(personId: string, day: string): string {
  return `data-pribadi-${personId.slice(0, 8)}-${day}.pdf`;
}

export function renderSubjectExport(d: SubjectExportData): string {
  const p = d.person;
  const notice = privacyNotice(d.office.officeName, d.office.dpoName, d.office.dpoContact);
  const visits: SafeHtml = d.visits.length
    ? html`<table class="se"><thead><tr><th>No.</th><th>Tanggal dan jam (WITA)</th><th>Keperluan</th><th>Perusahaan</th><th>Sebagai</th><th>Nomor tanda terima</th><th>Status</th><th>Pemberitahuan data pribadi</th></tr></thead><tbody>${d.visits.map(
        (v, i) =>
          html`<tr><td class="n">${String(i + 1)}</td><td class="nw">${shortDateTimeWita(v.arrivedAt)}</td><td>${v.service}</td><td>${dash(v.companyName)}</td><td>${v.asProxy ? 'Kuasa' : 'Pemohon langsung'}</td><td class="nw">${dash(v.receiptNo)}</td><td>${v.status}</td><td>${
            v.noticeAt !== null ? `Diberikan ${shortDateTimeWita(v.noticeAt)}` : 'Tidak tercatat'
          }</td></tr>`,
      )}</tbody></table>`
    : html`<p>Tidak ada kunjungan yang tercatat.</p>`;
  const records: SafeHtml = html`<table class="se"><thead><tr><th>No.</th><th>Waktu (WITA)</th><th>Catatan</th><th>Petugas</th><th>Komputer</th></tr></thead><tbody>${d.records.map(
    (r, i) => html`<tr><td class="n">${String(i + 1)}</td><td class="nw">${shortDateTimeWita(r.at)}</td><td>${r.what}</td><td>${dash(r.by)}</td><td>${r.device.slice(0, 8)}</td></tr>`,
  )}</tbody></table>`;
  const body = html`<section>${kop(d.office)}
<div class="se-title">SALINAN DATA PRIBADI</div>
<div class="se-sub">Hak subjek data pribadi untuk memperoleh salinan (UU Nomor 27 Tahun 2022 Pasal 7)</div>
<h2>A. Data pribadi yang disimpan</h2>
<table class="facts">
<tr><td class="k">Nama</td><td>${p.name}</td></tr>
<tr><td class="k">NIK</td><td>${dash(p.nik)}</td></tr>
<tr><td class="k">Nomor telepon</td><td>${dash(p.phone)}</td></tr>
<tr><td class="k">E-mail</td><td>${dash(p.email)}</td></tr>
<tr><td class="k">Perusahaan</td><td>${dash(p.company)}</td></tr>
<tr><td class="k">Pengenal data</td><td>${p.id}</td></tr>
</table>
${p.erased ? html`<div class="note">Data pribadi orang ini telah dihapus atas permintaan atau karena masa retensinya berakhir; yang tersisa hanya catatan kunjungan tanpa data pribadi.</div>` : ''}
<h2>B. Kunjungan (${String(d.visits.length)})</h2>
${visits}
<h2>C. Riwayat pencatatan yang memuat data ini (${String(d.records.length)})</h2>
${records}
<h2>D. Tujuan, dasar, dan masa penyimpanan</h2>
<p>${notice.body}</p>
<p>${notice.officer}</p>
<div class="note">Salinan ini dibuat oleh ${d.requestedBy} pada ${dateTimeWita(d.meta.printedAt)} di komputer ${d.deviceId.slice(0, 8)}, dari data yang tersimpan di komputer tersebut. Salinan lengkap yang dapat dibaca mesin (JSON) dapat diberikan bersama dokumen ini. Simpan dokumen ini dengan aman: dokumen ini memuat data pribadi lengkap.</div>
${printedLine(layoutSpec('a4'), d.meta)}</section>`;
  return documentHtml({ title: `Salinan Data Pribadi – ${p.name}`, spec: layoutSpec('a4'), body, extraCss: CSS });
}
