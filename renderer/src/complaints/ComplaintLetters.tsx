/**
 * The letters of a complaint (tanda terima pengaduan, pemberitahuan kelengkapan, surat tanggapan): paper
 * size, a preview in a sandboxed frame, printing through the print dialog or silently (desktop app), saving
 * as PDF, and every earlier print. Every print and saved PDF is recorded (like the receipts, ADR 0005 §4).
 */
import { useEffect, useRef, useState } from 'react';
import type { InputOf, OutputOf } from '../../../contract/api';
import { LETTER_LABEL } from '../../../domain/complaints/labels';
import { call } from '../api';
import { useLive } from '../live';
import { DirectPrint } from '../print/DirectPrint';
import { downloadBase64 } from '../print/download';
import { useApp } from '../store';
import { fmtDateTime } from '../ui/format';
import '../print/print.css';

type Letter = InputOf<'complaints.letterRender'>['letter'];
type Layout = InputOf<'complaints.letterRender'>['layout'];
type History = OutputOf<'complaints.letterHistory'>;
type Rendered = OutputOf<'complaints.letterRender'>;

const LAYOUT_LABEL: Record<Layout, string> = { a4: 'A4', a5: 'A5', thermal80: 'Thermal 80 mm', thermal58: 'Thermal 58 mm' };
const MM_TO_PX = 96 / 25.4;
const PRINTER_KEY = 'lpse-print-printer';

export function ComplaintLetters(props: { id: string; available: Letter[] }) {
  const toast = useApp((s) => s.toast);
  const [layout, setLayout] = useState<Layout>('a4');
  const [preview, setPreview] = useState<{ letter: Letter; layout: Layout; doc: Rendered } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [printers, setPrinters] = useState<OutputOf<'print.printers'> | null>(null);

  // Prints at another PC arrive as events on the complaint: the history follows them.
  const historyLive = useLive(() => call('complaints.letterHistory', { id: props.id }), [props.id], { ids: [props.id] });
  const history: History | null = historyLive.data;
  const load = historyLive.reload;
  useEffect(() => {
    void call('print.printers', {}).then((r) => r.ok && setPrinters(r.value));
  }, []);

  async function open(letter: Letter) {
    // The letters to the complainant are official letters: A4 or A5 (the acknowledgement also prints on a roll).
    const l: Layout = letter !== 'acknowledgement' && (layout === 'thermal80' || layout === 'thermal58') ? 'a4' : layout;
    setBusy(letter);
    const r = await call('complaints.letterRender', { id: props.id, letter, layout: l });
    setBusy(null);
    if (r.ok) setPreview({ letter, layout: l, doc: r.value });
    else toast('error', r.error.message);
  }

  async function savePdf() {
    if (!preview) return;
    setBusy('pdf');
    const r = await call('complaints.letterPdf', { id: props.id, letter: preview.letter, layout: preview.layout });
    setBusy(null);
    if (!r.ok) return toast('error', r.error.message);
    downloadBase64(r.value.base64, r.value.fileName, 'application/pdf');
    toast('success', `${LETTER_LABEL[preview.letter]} disimpan sebagai PDF (${r.value.fileName}).`);
    await load();
  }

  return (
    <section className="card" data-testid="complaint-letters">
      <div className="card-head">
        <h2>Surat</h2>
        <span className="muted small">Setiap cetakan dan cetak ulang tercatat.</span>
      </div>
      <div className="print-row">
        <div className="field">
          <label htmlFor="letter-layout">Ukuran kertas</label>
          <select id="letter-layout" value={layout} onChange={(e) => setLayout(e.target.value as Layout)}>
            {(Object.keys(LAYOUT_LABEL) as Layout[]).map((l) => (
              <option key={l} value={l}>
                {LAYOUT_LABEL[l]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="print-docs" style={{ marginTop: 10 }}>
        {(history?.available ?? props.available).map((k) => (
          <button key={k} type="button" className="secondary" disabled={busy !== null} data-testid={`letter-${k}`} onClick={() => void open(k)}>
            {busy === k ? 'Menyiapkan…' : `${LETTER_LABEL[k]}…`}
          </button>
        ))}
      </div>
      {history && history.entries.length > 0 && (
        <ol className="print-history" data-testid="letter-history">
          {history.entries.map((e, i) => (
            <li key={i}>
              {LETTER_LABEL[e.letter]} · {LAYOUT_LABEL[e.layout]} · {e.output === 'pdf' ? 'PDF' : e.printer ? `printer ${e.printer}` : 'dicetak'} · {fmtDateTime(e.at)} · {e.byName ?? '—'}
              {e.copyNo > 1 ? ` · cetakan ke-${e.copyNo}` : ''}
            </li>
          ))}
        </ol>
      )}
      {preview && (
        <LetterPreview
          id={props.id}
          preview={preview}
          printers={printers}
          busy={busy}
          onClose={() => setPreview(null)}
          onSavePdf={() => void savePdf()}
          onPrinted={async (printer) => {
            setPreview(null);
            await load();
            toast('success', `${LETTER_LABEL[preview.letter]} dikirim ke ${printer ?? 'printer'}.`);
          }}
        />
      )}
    </section>
  );
}

function LetterPreview(props: {
  id: string;
  preview: { letter: Letter; layout: Layout; doc: Rendered };
  printers: OutputOf<'print.printers'> | null;
  busy: string | null;
  onClose: () => void;
  onSavePdf: () => void;
  onPrinted(printer: string | null): Promise<void>;
}) {
  const { preview, printers } = props;
  const toast = useApp((s) => s.toast);
  const frame = useRef<HTMLIFrameElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const [printer, setPrinter] = useState(() => localStorage.getItem(PRINTER_KEY) ?? '');
  const [printing, setPrinting] = useState(false);
  const { widthMm, heightMm } = preview.doc.pageSize;
  const silent = printers?.silentPrinting && printers.printers.length > 0;
  const target = { id: props.id, letter: preview.letter, layout: preview.layout };

  useEffect(() => {
    closeButton.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && props.onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [props]);

  async function printWithDialog() {
    const w = frame.current?.contentWindow;
    if (!w) return;
    setPrinting(true);
    w.focus();
    w.print();
    const r = await call('complaints.letterLog', { ...target, printer: null });
    setPrinting(false);
    if (!r.ok) return toast('error', r.error.message);
    await props.onPrinted(null);
  }

  async function printSilently() {
    if (!printer) return toast('error', 'Pilih printer terlebih dahulu.');
    localStorage.setItem(PRINTER_KEY, printer);
    setPrinting(true);
    const r = await call('complaints.letterSilent', { ...target, printerName: printer, copies: 1 });
    setPrinting(false);
    if (!r.ok) return toast('error', r.error.message);
    await props.onPrinted(printer);
  }

  return (
    <div className="modal-backdrop print-preview" role="dialog" aria-modal="true" aria-label={`Pratinjau ${preview.doc.title}`}>
      <div className="modal">
        <div className="card-head">
          <h2>{preview.doc.title}</h2>
          <span className="muted small">
            {LAYOUT_LABEL[preview.layout]}
            {preview.doc.copyNo > 1 ? ` · cetak ulang (cetakan ke-${preview.doc.copyNo})` : ''}
          </span>
        </div>
        <div className="print-frame-wrap">
          {/* No scripts in the frame (no allow-scripts); same origin only so this page can open its print dialog. */}
          <iframe
            ref={frame}
            className="print-frame"
            title="Pratinjau surat"
            sandbox="allow-same-origin allow-modals"
            srcDoc={preview.doc.html}
            data-testid="letter-frame"
            style={{ width: Math.ceil(widthMm * MM_TO_PX), height: Math.ceil(Math.min(heightMm, 320) * MM_TO_PX) }}
          />
        </div>
        <div className="print-actions">
          <button type="button" className="primary" disabled={printing} onClick={() => void printWithDialog()} data-testid="letter-print">
            {printing ? 'Mencetak…' : 'Cetak…'}
          </button>
          <button type="button" className="secondary" disabled={props.busy === 'pdf'} onClick={props.onSavePdf} data-testid="letter-save-pdf">
            {props.busy === 'pdf' ? 'Membuat PDF…' : 'Simpan PDF'}
          </button>
          {silent && <DirectPrint printers={printers.printers} printer={printer} onPrinter={setPrinter} disabled={printing} onPrint={() => void printSilently()} />}
          <span className="spacer" />
          <button type="button" className="secondary" ref={closeButton} onClick={props.onClose} data-testid="letter-close">
            Tutup
          </button>
        </div>
      </div>
    </div>
  );
}
