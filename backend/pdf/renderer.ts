/**
 * PDF rendering of printed documents and reports. The same HTML goes to Chromium everywhere — headless
 * Chromium under Node (browser shell, CLI, tests, bench) and a hidden Electron window in the desktop app — so
 * what the counter prints and what it saves as PDF look the same.
 */
import type { PageSize } from '../../print/layouts';

export interface RenderOptions {
  pageSize: PageSize;
  /** Page margin in mm (sheets). Rolls are printed edge to edge: their documents pad themselves. */
  marginMm: number;
}

export interface PdfRenderer {
  render(html: string, opts: RenderOptions): Promise<Buffer>;
  /** Height in mm of the document laid out `widthMm` wide (to cut a roll where the content ends). */
  measureHeightMm(html: string, widthMm: number): Promise<number>;
  /**
   * Starts the engine now and keeps it ready while the app runs (no close when idle), so the first preview
   * or PDF does not pay for the start (issue 17 item 4; `warmPdfRendererLater` in ./index.ts).
   */
  warm(): Promise<void>;
  close(): Promise<void>;
}

export const MM_PER_CSS_PX = 25.4 / 96;

/** Extra paper after the content of a roll, so the cutter does not clip the last line. */
export const ROLL_TAIL_MM = 2;

export class PdfRenderError extends Error {
  override readonly name = 'PdfRenderError';
}
