/**
 * The queue slip (slip nomor antrean): the small thermal ticket a visitor gets on arrival (issue 16). The
 * number in large type, the service, the date and time, how many wait ahead, and a line on what to do. It
 * names no one: a slip left on a chair tells nothing about its owner. Pure.
 */
import { documentHtml, kop } from './document';
import { shortDateTimeWita } from './format';
import { html } from './html';
import { layoutSpec, type PrintLayout } from './layouts';
import type { OfficeHeader } from './types';

export interface QueueSlipData {
  office: OfficeHeader;
  label: string;
  /** The number as spoken, for those who read it aloud ("A dua belas"). */
  spoken: string;
  serviceName: string | null;
  issuedAt: number;
  /** Tickets waiting ahead at the desk this one waits for, when printed. */
  ahead: number;
  deskLabel: string;
  counterHours: string;
}

const SLIP_CSS = `
.slip { text-align: center; }
.slip .t { font-weight: 700; letter-spacing: 0.08em; margin-top: 2mm; }
.slip .no { font-size: 34pt; font-weight: 800; line-height: 1.05; margin: 1mm 0 0.5mm 0; letter-spacing: 0.02em; }
.thermal58 .slip .no { font-size: 28pt; }
.slip .sp { font-style: italic; margin-bottom: 1.5mm; }
.slip .svc { font-weight: 700; margin: 1.5mm 0; }
.slip .ahead { border: 0.75pt solid #000; padding: 1.2mm; margin: 2mm 0; }
.slip .small { font-size: 0.85em; }
`;

export function renderQueueSlip(d: QueueSlipData, layout: PrintLayout): string {
  const spec = layoutSpec(layout);
  const body = html`${kop(d.office)}<section class="slip">
<div class="t">NOMOR ANTREAN</div>
<div class="no">${d.label}</div>
<div class="sp">${d.spoken}</div>
${d.serviceName ? html`<div class="svc">${d.serviceName}</div>` : ''}
<div>${shortDateTimeWita(d.issuedAt)}</div>
<div class="ahead">Antrean di depan Anda: <b>${String(d.ahead)}</b><br>${d.deskLabel}</div>
<div class="small">Silakan menunggu di ruang tunggu. Nomor Anda akan dipanggil melalui pengeras suara dan ditampilkan di layar. Bila Anda tidak ada saat dipanggil, nomor Anda dipanggil kembali setelah beberapa antrean berikutnya.</div>
<div class="small">Layanan tidak dipungut biaya. Jam layanan: ${d.counterHours}.</div>
</section>`;
  return documentHtml({ title: `Nomor Antrean ${d.label}`, spec, body, extraCss: SLIP_CSS });
}
