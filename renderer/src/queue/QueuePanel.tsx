/**
 * On the visit screen: the visitor's queue number, where it stands, how many wait ahead, and the queue slip
 * (printed through the browser's print dialog, or saved as PDF). With the office's slip setting "auto" the
 * print dialog opens by itself once, right after the number was handed out at this PC.
 */
import { useEffect, useRef, useState } from 'react';
import { call } from '../api';
import type { VisitPanelProps } from '../checklist/extensions';
import { useLive } from '../live';
import { downloadBase64 } from '../print/download';
import { useApp } from '../store';
import { fmtTime } from '../ui/format';

const PRINTED_KEY = 'lpse-queue-slip-printed';

export function QueuePanel({ detail }: VisitPanelProps) {
  const visitId = detail.visit.id;
  const toast = useApp((s) => s.toast);
  const live = useLive(() => call('queue.ofVisit', { visitId }), [visitId], { types: ['queue_ticket'], ids: [visitId] });
  const frame = useRef<HTMLIFrameElement>(null);
  const [busy, setBusy] = useState(false);
  const q = live.data;
  const ticket = q?.ticket ?? null;

  async function printSlip() {
    if (!ticket || busy) return;
    setBusy(true);
    const r = await call('queue.slip', { ticketId: ticket.ticketId, layout: 'thermal80', format: 'html' });
    setBusy(false);
    if (!r.ok) return toast('error', r.error.message);
    const f = frame.current;
    if (!f) return;
    f.onload = () => {
      f.contentWindow?.focus();
      f.contentWindow?.print();
    };
    f.srcdoc = r.value.html ?? '';
    sessionStorage.setItem(`${PRINTED_KEY}-${ticket.ticketId}`, '1');
  }

  async function savePdf() {
    if (!ticket || busy) return;
    setBusy(true);
    const r = await call('queue.slip', { ticketId: ticket.ticketId, layout: 'thermal80', format: 'pdf' });
    setBusy(false);
    if (!r.ok) return toast('error', r.error.message);
    downloadBase64(r.value.base64 ?? '', r.value.fileName, 'application/pdf');
  }

  // "Cetak otomatis": once per ticket, just after it was handed out (within two minutes).
  const printRef = useRef(printSlip);
  printRef.current = printSlip;
  useEffect(() => {
    if (!q?.ticket || q.slip !== 'auto') return;
    if (sessionStorage.getItem(`${PRINTED_KEY}-${q.ticket.ticketId}`)) return;
    if (Date.now() - q.ticket.issuedAt > 120_000) return;
    void printRef.current();
  }, [q]);

  if (!ticket) return null;
  return (
    <section className="card queue-panel" data-testid="queue-panel">
      <div className="card-head">
        <h2>Nomor antrean</h2>
      </div>
      <div className="queue-panel-body">
        <div className="queue-no" data-testid="queue-panel-number">
          {ticket.label}
        </div>
        <div className="small">
          {ticket.phaseLabel}
          {ticket.deskLabel ? ` · ${ticket.deskLabel}` : ''}
          <br />
          diambil pukul {fmtTime(ticket.issuedAt)}
          {ticket.phase === 'waiting' || ticket.phase === 'deferred' ? ` · ${q!.ahead} antrean di depan` : ''}
        </div>
        {q!.slip !== 'off' && (
          <div className="row-actions">
            <button type="button" className="secondary" onClick={() => void printSlip()} aria-disabled={busy} data-testid="queue-print-slip">
              Cetak slip antrean…
            </button>
            <button type="button" className="secondary" onClick={() => void savePdf()} aria-disabled={busy}>
              Simpan PDF
            </button>
          </div>
        )}
      </div>
      {/* Same-origin, no scripts: this page prints it (PrintPanel does the same for receipts). */}
      <iframe ref={frame} title="Slip nomor antrean" className="queue-slip-frame" sandbox="allow-same-origin allow-modals" />
    </section>
  );
}
