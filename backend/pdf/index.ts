/**
 * Which PDF renderer and printers a backend uses. The desktop app registers its Electron implementations;
 * everything else (browser shell, CLI, tests, bench) shares one warm headless Chromium per process.
 */
import { AppError } from '../../contract/result';
import type { AppContext } from '../context';
import { log } from '../log';
import type { PageSize } from '../../print/layouts';
import { ChromiumPdfRenderer } from './chromium';
import type { PrinterAccess } from './printers';
import type { PdfRenderer } from './renderer';
import { warmFirstWrite, warmWithReceipt } from './warm-up';

const renderers = new WeakMap<AppContext, PdfRenderer>();
const printerAccess = new WeakMap<AppContext, PrinterAccess>();
let shared: ChromiumPdfRenderer | null = null;

export function setPdfRenderer(app: AppContext, renderer: PdfRenderer): void {
  renderers.set(app, renderer);
}

export function setPrinterAccess(app: AppContext, printers: PrinterAccess): void {
  printerAccess.set(app, printers);
}

export function pdfRendererFor(app: AppContext): PdfRenderer {
  const r = renderers.get(app);
  if (r) return r;
  shared ??= new ChromiumPdfRenderer();
  return shared;
}

export function printerAccessFor(app: AppContext): PrinterAccess | null {
  return printerAccess.get(app) ?? null;
}

/**
 * Prints a document straight to a named printer (Electron's silent printing), for every kind of document:
 * checks the printer exists before `prepare` renders the document (and counts its copy), then prints it.
 * Refusals and failures are told in Indonesian; nothing is recorded here (the caller records the print).
 */
export async function printSilently<T extends { html: string; spec: { pageSize: PageSize; marginMm: number } }>(
  app: AppContext,
  target: { printerName: string; copies: number },
  prepare: () => Promise<T>,
): Promise<T> {
  const access = printerAccessFor(app);
  if (!access) throw new AppError('invalid_state', 'Pencetakan langsung ke printer hanya tersedia di aplikasi desktop. Gunakan tombol Cetak pada pratinjau.');
  const printers = await access.list();
  if (!printers.some((p) => p.name === target.printerName)) throw new AppError('not_found', `Printer "${target.printerName}" tidak ditemukan.`);
  const p = await prepare();
  try {
    await access.print(p.html, { printerName: target.printerName, pageSize: p.spec.pageSize, marginMm: p.spec.marginMm, copies: target.copies });
  } catch (err) {
    log.error('silent_print_failed', { error: err instanceof Error ? err.message : String(err) });
    throw new AppError('internal', `Pencetakan ke printer "${target.printerName}" gagal. Periksa printer dan kertasnya, lalu coba lagi.`);
  }
  return p;
}

/** How long after start-up the PDF engine is warmed: after the first screen has been served. */
export const PDF_WARM_UP_DELAY_MS = 3_000;

/**
 * Warms the app's PDF engine in the background after start-up (issue 17 item 4): launching Chromium costs
 * seconds, and the first layout of a receipt (templates, QR code, logo, the receipt's CSS) a few hundred
 * ms more; without this the first print preview of the day pays for both. It starts the engine, then lays
 * out and prints a made-up receipt with the office's header (./warm-up.ts; nothing is recorded). Runs after
 * `delayMs`, so it does not compete with the app's own start; a failure (no Chromium installed) is only
 * logged — the first print then says so in Indonesian, as before. Returns the warm-up (resolves when done,
 * never rejects) and a way to cancel it before it starts.
 */
export function warmPdfRendererLater(app: AppContext, delayMs = PDF_WARM_UP_DELAY_MS): { done: Promise<void>; cancel: () => void } {
  let timer: NodeJS.Timeout | null = null;
  let settle: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    settle = resolve;
    timer = setTimeout(() => {
      timer = null;
      const started = Date.now();
      const renderer = pdfRendererFor(app);
      warmFirstWrite(app)
        .then(() => renderer.warm())
        .then(() => warmWithReceipt(app, renderer))
        .then(
          () => log.info('pdf_renderer_warmed', { ms: Date.now() - started }),
          (err: unknown) => log.warn('pdf_renderer_warm_up_failed', { error: err instanceof Error ? err.message : String(err) }),
        )
        .finally(resolve);
    }, delayMs);
    timer.unref();
  });
  return {
    done,
    cancel: () => {
      if (timer) clearTimeout(timer);
      timer = null;
      settle();
    },
  };
}

/** Closes the shared headless Chromium (tests, CLI exit). It relaunches if used again. */
export async function closeSharedPdfRenderer(): Promise<void> {
  const s = shared;
  shared = null;
  if (s) await s.close();
}

export type { PdfRenderer, RenderOptions } from './renderer';
export type { PrinterAccess, PrinterSummary } from './printers';
