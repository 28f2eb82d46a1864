/**
 * Electron implementation of {@link PdfRenderer} and of silent printing, for the desktop app. It imports only
 * Electron's types: the main process passes its `BrowserWindow` class in, so this module bundles with the
 * backend and is wired in `electron/main.ts`:
 *
 *   const r = createElectronPrinting(BrowserWindow);
 *   setPdfRenderer(backend.ctx, r.renderer);
 *   setPrinterAccess(backend.ctx, r.printers);
 *
 * Documents are rendered in a hidden, sandboxed window with no preload and no node integration; navigation
 * and new windows are refused. The document itself carries a CSP that forbids scripts and network.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { BrowserWindow as ElectronBrowserWindow } from 'electron';
import type { PageSize } from '../../print/layouts';
import { pageRuleScript } from './page-rule';
import { MM_PER_CSS_PX, PdfRenderError, ROLL_TAIL_MM, type PdfRenderer, type RenderOptions } from './renderer';
import type { PrinterAccess, PrinterSummary, SilentPrintOptions } from './printers';

type BrowserWindowClass = typeof ElectronBrowserWindow;

const MM_PER_INCH = 25.4;

export interface ElectronPrinting {
  renderer: PdfRenderer;
  printers: PrinterAccess;
}

export function createElectronPrinting(BrowserWindow: BrowserWindowClass, opts: { timeoutMs?: number } = {}): ElectronPrinting {
  const timeoutMs = opts.timeoutMs ?? 20_000;
  let win: ElectronBrowserWindow | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  function ensureWindow(): ElectronBrowserWindow {
    if (win && !win.isDestroyed()) return win;
    win = new BrowserWindow({
      show: false,
      width: 800,
      height: 1100,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: true, webSecurity: true, spellcheck: false },
    });
    win.webContents.on('will-navigate', (e) => e.preventDefault());
    win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    return win;
  }

  function run<T>(job: (w: ElectronBrowserWindow) => Promise<T>): Promise<T> {
    const next = queue.then(async () => {
      const w = ensureWindow();
      let timer: NodeJS.Timeout | undefined;
      try {
        return await Promise.race([
          job(w),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new PdfRenderError('waktu pencetakan habis')), timeoutMs);
          }),
        ]);
      } finally {
        if (timer) clearTimeout(timer);
      }
    });
    queue = next.catch(() => undefined);
    return next;
  }

  async function load(w: ElectronBrowserWindow, html: string, widthMm: number): Promise<void> {
    w.setContentSize(Math.ceil(widthMm / MM_PER_CSS_PX), 1100);
    // A file rather than a data: URL: logos make documents larger than Chromium's data-URL navigation limit.
    const file = path.join(os.tmpdir(), `lpse-print-${randomUUID()}.html`);
    await fs.writeFile(file, html, 'utf8');
    try {
      await w.loadFile(file);
    } finally {
      await fs.rm(file, { force: true });
    }
  }

  async function heightMm(w: ElectronBrowserWindow): Promise<number> {
    const px: unknown = await w.webContents.executeJavaScript('Math.ceil(document.documentElement.getBoundingClientRect().height)', true);
    if (typeof px !== 'number' || !Number.isFinite(px)) throw new PdfRenderError('tinggi dokumen tidak dapat diukur');
    return px * MM_PER_CSS_PX + ROLL_TAIL_MM;
  }

  async function pageHeightMm(w: ElectronBrowserWindow, size: PageSize): Promise<number> {
    return size.kind === 'sheet' ? size.heightMm : heightMm(w);
  }

  const renderer: PdfRenderer = {
    render(html: string, o: RenderOptions): Promise<Buffer> {
      return run(async (w) => {
        await load(w, html, o.pageSize.widthMm);
        const h = await pageHeightMm(w, o.pageSize);
        const marginMm = o.pageSize.kind === 'sheet' ? o.marginMm : 0;
        const marginIn = marginMm / MM_PER_INCH;
        // The document's own @page size must equal the paper, or Chromium scales the page to fit the paper.
        await w.webContents.executeJavaScript(pageRuleScript(o.pageSize.widthMm, h, marginMm), true);
        return w.webContents.printToPDF({
          pageSize: { width: o.pageSize.widthMm / MM_PER_INCH, height: h / MM_PER_INCH },
          margins: { top: marginIn, bottom: marginIn, left: marginIn, right: marginIn },
          printBackground: true,
          preferCSSPageSize: true,
        });
      });
    },
    measureHeightMm(html: string, widthMm: number): Promise<number> {
      return run(async (w) => {
        await load(w, html, widthMm);
        return heightMm(w);
      });
    },
    async warm(): Promise<void> {
      // The hidden window and its renderer process, started before the first print (it is never closed).
      await run(async () => undefined);
    },
    async close(): Promise<void> {
      await queue;
      if (win && !win.isDestroyed()) win.destroy();
      win = null;
    },
  };

  const printers: PrinterAccess = {
    async list(): Promise<PrinterSummary[]> {
      const w = ensureWindow();
      const list = await w.webContents.getPrintersAsync();
      return list.map((p) => ({
        name: p.name,
        displayName: p.displayName || p.name,
        description: p.description,
        isDefault: (p.options as Record<string, string> | undefined)?.['is_default'] === 'true',
      }));
    },
    print(html: string, o: SilentPrintOptions): Promise<void> {
      return run(async (w) => {
        await load(w, html, o.pageSize.widthMm);
        const h = await pageHeightMm(w, o.pageSize);
        await w.webContents.executeJavaScript(pageRuleScript(o.pageSize.widthMm, h, o.pageSize.kind === 'sheet' ? o.marginMm : 0), true);
        const marginMicrons = Math.round((o.pageSize.kind === 'sheet' ? o.marginMm : 0) * 1000);
        const marginPx = Math.round((marginMicrons / 1000) / MM_PER_CSS_PX);
        await new Promise<void>((resolve, reject) => {
          w.webContents.print(
            {
              silent: true,
              deviceName: o.printerName,
              printBackground: true,
              copies: o.copies,
              // Electron's print() takes the page size in microns and custom margins in pixels.
              pageSize: { width: Math.round(o.pageSize.widthMm * 1000), height: Math.round(h * 1000) },
              margins: { marginType: 'custom', top: marginPx, bottom: marginPx, left: marginPx, right: marginPx },
            },
            (success, failureReason) => (success ? resolve() : reject(new PdfRenderError(`pencetakan gagal: ${failureReason}`))),
          );
        });
      });
    },
  };

  return { renderer, printers };
}
