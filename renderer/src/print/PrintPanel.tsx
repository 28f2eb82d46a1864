/**
 * On the visit screen: the visit's printable documents (tanda terima berkas, daftar kekurangan berkas, surat
 * penolakan), the paper size, a preview in a sandboxed frame, printing through the browser's (or Electron's)
 * print dialog or silently to a chosen printer (desktop app), saving as PDF, and every earlier print.
 */
import { useEffect, useRef, useState } from 'react';
import type { InputOf, OutputOf } from '../../../contract/api';
import { PRINT_KIND_LABEL } from '../../../domain/events/print-report';
import { call } from '../api';
import { useLive } from '../live';
import type { VisitPanelProps } from '../checklist/extensions';
import { useApp } from '../store';
import { fmtDateTime } from '../ui/format';
import { DirectPrint } from './DirectPrint';
import { downloadBase64 } from './download';
import './print.css';

type Kind = 'receipt' | 'return_slip' | 'rejection';
type Layout = 'a4' | 'a5' | 'thermal80' | 'thermal58';

export const KIND_LABEL: Readonly<Record<Kind, string>> = PRINT_KIND_LABEL;
export const LAYOUT_LABEL: Record<Layout, string> = { a4: 'A4', a5: 'A5', thermal80: 'Thermal 80 mm', thermal58: 'Thermal 58 mm' };
const LAYOUT_KEY = 'lpse-print-layout';
const PRINTER_KEY = 'lpse-print-printer';
const MM_TO_PX = 96 / 25.4;

type History = OutputOf<'print.history'>;
type Rendered = OutputOf<'print.render'>;
type Target = InputOf<'print.render'>;

function savedLayout(): Layout {
  const v = localStorage.getItem(LAYOUT_KEY);
  return v === 'a4' || v === 'a5' || v === 'thermal80' || v === 'thermal58' ? v : 'a4';
}

export function PrintPanel({ detail }: VisitPanelProps) {
  const toast = useApp((s) => s.toast);
  const visitId = detail.visit.id;
  const [layout, setLayout] = useState<Layout>(savedLayout);
  const [returnNo, setReturnNo] = useState<number | null>(null);
  const [preview, setPreview] = useState<{ target: Target; doc: Rendered } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [printers, setPrinters] = useState<OutputOf<'print.printers'> | null>(null);

  // Prints are events of the visit: the history follows the visit's change notices.
  const live = useLive(() => call('print.history', { visitId }), [visitId], { ids: [visitId] });
  const history: History | null = live.data;
  const load = live.reload;
  const opener = useRef<HTMLElement | null>(null);

  useEffect(() => {
    void call('print.printers', {}).then((r) => r.ok && setPrinters(r.value));
  }, []);

  if (!history || history.available.length === 0) return null;

  const target = (kind: Kind): Target => ({ kind, visitId, layout, returnNo: kind === 'return_slip' ? returnNo : null });

  async function openPreview(kind: Kind) {
    if (busy !== null) return;
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setBusy(kind);
    const r = await call('print.render', target(kind));
    setBusy(null);
    if (r.ok) setPreview({ target: target(kind), doc: r.value });
    else toast('error', r.error.message);
  }

  async function savePdf(t: Target) {
    if (busy !== null) return;
    setBusy('pdf');
    const r = await call('print.pdf', t);
    setBusy(null);
    if (!r.ok) return toast('error', r.error.message);
    downloadBase64(r.value.base64, r.value.fileName, 'application/pdf');
    toast('success', `${KIND_LABEL[t.kind]} disimpan sebagai PDF (${r.value.fileName}).`);
    await load();
  }

  return (
    <section className="card" data-testid="print-panel">
      <div className="card-head">
        <h2>Cetak dokumen</h2>
        <span className="muted small">Setiap cetakan dan cetak ulang tercatat.</span>
      </div>
      <div className="print-row">
        <div className="field">
          <label htmlFor="print-layout">Ukuran kertas</label>
          <select
            id="print-layout"
            data-testid="print-layout"
            value={layout}
            onChange={(e) => {
              const v = e.target.value as Layout;
              setLayout(v);
              localStorage.setItem(LAYOUT_KEY, v);
            }}
          >
            {(Object.keys(LAYOUT_LABEL) as Layout[]).map((l) => (
              <option key={l} value={l}>
                {LAYOUT_LABEL[l]}
              </option>
            ))}
          </select>
        </div>
        {history.available.includes('return_slip') && history.returnCount > 1 && (
          <div className="field">
            <label htmlFor="print-return-no">Daftar kekurangan</label>
            <select id="print-return-no" value={returnNo ?? ''} onChange={(e) => setReturnNo(e.target.value ? Number(e.target.value) : null)}>
              <option value="">Pengembalian terakhir</option>
              {Array.from({ length: history.returnCount }, (_, i) => (
                <option key={i + 1} value={i + 1}>
                  Pengembalian ke-{i + 1}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <div className="print-docs" style={{ marginTop: 10 }}>
        {history.available.map((k) => (
          <button key={k} type="button" className="secondary" aria-disabled={busy !== null} data-testid={`print-${k}`} onClick={() => void openPreview(k)}>
            {busy === k ? 'Menyiapkan…' : `${KIND_LABEL[k]}…`}
          </button>
        ))}
      </div>
      {history.entries.length > 0 && (
        <ol className="print-history" data-testid="print-history">
          {history.entries.map((e, i) => (
            <li key={i}>
              {KIND_LABEL[e.kind]}
              {e.kind === 'return_slip' && e.returnNo ? ` (pengembalian ke-${e.returnNo})` : ''} · {LAYOUT_LABEL[e.layout]} · {e.output === 'pdf' ? 'PDF' : e.printer ? `printer ${e.printer}` : 'dicetak'} ·{' '}
              {fmtDateTime(e.at)} · {e.byName ?? '—'}
              {e.copyNo > 1 ? ` · cetakan ke-${e.copyNo}` : ''}
            </li>
          ))}
        </ol>
      )}
      {preview && (
        <PreviewDialog
          preview={preview}
          printers={printers}
          busy={busy}
          onClose={() => {
            setPreview(null);
            // Back to the button that opened the preview.
            opener.current?.focus();
          }}
          onSavePdf={() => void savePdf(preview.target)}
          onPrinted={async (printer) => {
            setPreview(null);
            opener.current?.focus();
            await load();
            toast('success', `${KIND_LABEL[preview.target.kind]} dikirim ke ${printer ?? 'printer'}.`);
          }}
        />
      )}
    </section>
  );
}

function PreviewDialog(props: {
  preview: { target: Target; doc: Rendered };
  printers: OutputOf<'print.printers'> | null;
  busy: string | null;
  onClose: () => void;
  onSavePdf: () => void;
  onPrinted: (printer: string | null) => Promise<void>;
}) {
  const { preview, printers } = props;
  const toast = useApp((s) => s.toast);
  const frame = useRef<HTMLIFrameElement>(null);
  const [printer, setPrinter] = useState(() => localStorage.getItem(PRINTER_KEY) ?? '');
  const [printing, setPrinting] = useState(false);
  const { widthMm, heightMm } = preview.doc.pageSize;
  const silent = printers?.silentPrinting && printers.printers.length > 0;

  const dialog = useRef<HTMLDivElement>(null);
  const onClose = useRef(props.onClose);
  onClose.current = props.onClose;

  // Escape closes the preview wherever the focus is: on the dialog's buttons, on the page behind, or inside
  // the previewed document (a click into the frame moves the focus there, and its keys never reach this
  // page's window). The frame is same-origin without scripts, so this page can listen to it.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onClose.current();
      }
    };
    window.addEventListener('keydown', onKey);
    const f = frame.current;
    let frameWindow: Window | null = null;
    const attach = () => {
      frameWindow?.removeEventListener('keydown', onKey);
      frameWindow = f?.contentWindow ?? null;
      frameWindow?.addEventListener('keydown', onKey);
    };
    attach();
    f?.addEventListener('load', attach);
    // The work starts at "Cetak…".
    dialog.current?.querySelector<HTMLElement>('[data-testid="print-dialog"]')?.focus();
    return () => {
      window.removeEventListener('keydown', onKey);
      frameWindow?.removeEventListener('keydown', onKey);
      f?.removeEventListener('load', attach);
    };
  }, []);

  /** Tab and Shift+Tab stay inside the dialog. */
  function trapTab(e: React.KeyboardEvent) {
    if (e.key !== 'Tab' || !dialog.current) return;
    const items = [...dialog.current.querySelectorAll<HTMLElement>('button, select, iframe, [tabindex]:not([tabindex="-1"])')].filter((el) => !el.hasAttribute('disabled'));
    if (items.length === 0) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  }

  async function printWithDialog() {
    const w = frame.current?.contentWindow;
    if (!w || printing) return;
    setPrinting(true);
    // The frame's document carries its own @page size, so the dialog starts with the right paper.
    w.focus();
    w.print();
    const r = await call('print.log', { ...preview.target, printer: null });
    setPrinting(false);
    if (!r.ok) return toast('error', r.error.message);
    await props.onPrinted(null);
  }

  async function printSilently() {
    if (!printer) return toast('error', 'Pilih printer terlebih dahulu.');
    localStorage.setItem(PRINTER_KEY, printer);
    setPrinting(true);
    const r = await call('print.silent', { ...preview.target, printerName: printer, copies: 1 });
    setPrinting(false);
    if (!r.ok) return toast('error', r.error.message);
    await props.onPrinted(printer);
  }

  return (
    <div className="modal-backdrop print-preview" role="dialog" aria-modal="true" aria-label={`Pratinjau ${preview.doc.title}`} ref={dialog} onKeyDown={trapTab} data-testid="print-preview">
      <div className="modal">
        <div className="card-head">
          <h2>{preview.doc.title}</h2>
          <span className="muted small">
            {LAYOUT_LABEL[preview.target.layout]}
            {preview.doc.copyNo > 1 ? ` · cetak ulang (cetakan ke-${preview.doc.copyNo})` : ''}
          </span>
        </div>
        <div className="print-frame-wrap">
          {/* No scripts in the frame (no allow-scripts); same origin only so this page can open its print dialog. */}
          <iframe
            ref={frame}
            className="print-frame"
            title="Pratinjau dokumen"
            sandbox="allow-same-origin allow-modals"
            srcDoc={withStyleNonce(preview.doc.html)}
            data-testid="print-frame"
            style={{ width: Math.ceil(widthMm * MM_TO_PX), height: Math.ceil(Math.min(heightMm, 320) * MM_TO_PX) }}
          />
        </div>
        <div className="print-actions">
          <button type="button" className="primary" aria-disabled={printing} onClick={() => void printWithDialog()} data-testid="print-dialog">
            {printing ? 'Mencetak…' : 'Cetak…'}
          </button>
          <button type="button" className="secondary" aria-disabled={props.busy === 'pdf'} onClick={props.onSavePdf} data-testid="print-save-pdf">
            {props.busy === 'pdf' ? 'Membuat PDF…' : 'Simpan PDF'}
          </button>
          {silent && <DirectPrint printers={printers.printers} printer={printer} onPrinter={setPrinter} disabled={printing} onPrint={() => void printSilently()} />}
          <span className="spacer" />
          <button type="button" className="secondary" onClick={props.onClose} data-testid="print-close">
            Tutup
          </button>
        </div>
      </div>
    </div>
  );
}

/**
 * The preview frame inherits the page's Content-Security-Policy, which allows no inline style but the
 * page's nonce (shell/csp.ts): the document's own `<style>` elements carry it.
 */
function withStyleNonce(html: string): string {
  const nonce = document.querySelector('meta[name="csp-nonce"]')?.getAttribute('content');
  return nonce ? html.replace(/<style(?=[\s>])/g, `<style nonce="${nonce}"`) : html;
}
