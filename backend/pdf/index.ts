/**
 * Which PDF renderer and printers a backend uses. The desktop app registers its Electron implementations;
 * everything else (browser shell, CLI, tests, bench) shares one warm headless Chromium per process.
 */
import type { AppContext } from '../context';
import { ChromiumPdfRenderer } from './chromium';
import type { PrinterAccess } from './printers';
import type { PdfRenderer } from './renderer';

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

/** Closes the shared headless Chromium (tests, CLI exit). It relaunches if used again. */
export async function closeSharedPdfRenderer(): Promise<void> {
  const s = shared;
  shared = null;
  if (s) await s.close();
}

export type { PdfRenderer, RenderOptions } from './renderer';
export type { PrinterAccess, PrinterSummary } from './printers';
