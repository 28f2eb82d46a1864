/**
 * Node implementation of {@link PdfRenderer}: headless Chromium driven by playwright-core. The browser is
 * launched on first use and kept warm (one page reused, renders queued), because launching costs ~300 ms
 * and a render on a warm page ~40 ms. It closes itself after a quiet period and relaunches on demand, and a
 * crashed browser is replaced on the next render.
 */
// Type-only at the top: playwright-core takes 1–2 s to load, so it is imported on the first print, not when
// the app starts (cold start target 1.5 s).
import type { Browser, Page } from 'playwright-core';
import { log } from '../log';
import { pageRuleScript } from './page-rule';
import { MM_PER_CSS_PX, PdfRenderError, ROLL_TAIL_MM, type PdfRenderer, type RenderOptions } from './renderer';

export { pageRuleScript };

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export interface ChromiumRendererOptions {
  /** Defaults to env LPSE_CHROMIUM, else /usr/bin/chromium. */
  executablePath?: string;
  /** Close the browser after this long without renders (ms). Default 10 minutes. */
  idleCloseMs?: number;
  /** Per-render time limit (ms). Default 20 s. */
  timeoutMs?: number;
}

export function chromiumPath(): string {
  return process.env.LPSE_CHROMIUM || '/usr/bin/chromium';
}

export class ChromiumPdfRenderer implements PdfRenderer {
  private browser: Browser | null = null;
  private page: Page | null = null;
  private starting: Promise<Page> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Set by `warm`: the browser is not closed when idle (a warmed engine is there for the first print). */
  private keepWarm = false;
  private readonly executablePath: string;
  private readonly idleCloseMs: number;
  private readonly timeoutMs: number;

  constructor(opts: ChromiumRendererOptions = {}) {
    this.executablePath = opts.executablePath ?? chromiumPath();
    this.idleCloseMs = opts.idleCloseMs ?? 10 * 60_000;
    this.timeoutMs = opts.timeoutMs ?? 20_000;
  }

  /**
   * Starts the browser now (at app start, in the background). From then on it is kept while the app runs
   * instead of closing when idle: a counter prints all day, and a preview after an idle close would be as
   * slow as the first one was (a crashed browser is still replaced on the next render).
   */
  async warm(): Promise<void> {
    this.keepWarm = true;
    await this.run(async () => undefined);
  }

  render(html: string, opts: RenderOptions): Promise<Buffer> {
    return this.run(async (page) => {
      const { pageSize } = opts;
      await this.load(page, html, pageSize.widthMm);
      const heightMm = pageSize.kind === 'sheet' ? pageSize.heightMm : (await this.contentHeightMm(page)) + ROLL_TAIL_MM;
      const marginMm = pageSize.kind === 'sheet' ? opts.marginMm : 0;
      // The document's own @page size must equal the paper, or Chromium scales the page to fit the paper.
      await page.evaluate(pageRuleScript(pageSize.widthMm, heightMm, marginMm));
      const m = `${marginMm}mm`;
      return page.pdf({
        width: `${pageSize.widthMm}mm`,
        height: `${heightMm.toFixed(2)}mm`,
        margin: { top: m, bottom: m, left: m, right: m },
        printBackground: true,
        preferCSSPageSize: true,
      });
    });
  }

  measureHeightMm(html: string, widthMm: number): Promise<number> {
    return this.run(async (page) => {
      await this.load(page, html, widthMm);
      return (await this.contentHeightMm(page)) + ROLL_TAIL_MM;
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.shutdown();
  }

  private async load(page: Page, html: string, widthMm: number): Promise<void> {
    await page.setViewportSize({ width: Math.ceil(widthMm / MM_PER_CSS_PX), height: 800 });
    await page.setContent(html, { waitUntil: 'load', timeout: this.timeoutMs });
  }

  private async contentHeightMm(page: Page): Promise<number> {
    const px = await page.evaluate('Math.ceil(document.documentElement.getBoundingClientRect().height)');
    if (typeof px !== 'number' || !Number.isFinite(px)) throw new PdfRenderError('tinggi dokumen tidak dapat diukur');
    return px * MM_PER_CSS_PX;
  }

  /** Runs one job at a time on the warm page. */
  private run<T>(job: (page: Page) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new PdfRenderError('renderer PDF sudah ditutup'));
    const next = this.queue.then(async () => {
      this.clearIdle();
      try {
        const page = await this.ensurePage();
        return await job(page);
      } catch (err) {
        // A crashed or hung browser is replaced on the next job.
        await this.shutdown();
        throw err instanceof PdfRenderError ? err : new PdfRenderError(err instanceof Error ? err.message : String(err));
      } finally {
        this.armIdle();
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async ensurePage(): Promise<Page> {
    if (this.page && !this.page.isClosed() && this.browser?.isConnected()) return this.page;
    if (!this.starting) {
      this.starting = (async () => {
        await this.shutdown();
        const started = Date.now();
        const { chromium } = await import('playwright-core');
        const browser = await chromium.launch({ executablePath: this.executablePath, headless: true, args: CHROMIUM_ARGS, timeout: this.timeoutMs });
        browser.on('disconnected', () => {
          if (this.browser === browser) {
            this.browser = null;
            this.page = null;
          }
        });
        const context = await browser.newContext({ javaScriptEnabled: true, offline: true });
        const page = await context.newPage();
        await page.emulateMedia({ media: 'print' });
        this.browser = browser;
        this.page = page;
        log.info('pdf_renderer_started', { ms: Date.now() - started });
        return page;
      })().finally(() => {
        this.starting = null;
      });
    }
    return this.starting;
  }

  private async shutdown(): Promise<void> {
    this.clearIdle();
    const b = this.browser;
    this.browser = null;
    this.page = null;
    if (b) await b.close().catch(() => undefined);
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private armIdle(): void {
    this.clearIdle();
    if (this.closed || this.keepWarm || this.idleCloseMs <= 0) return;
    this.idleTimer = setTimeout(() => {
      this.queue = this.queue.then(() => this.shutdown());
    }, this.idleCloseMs);
    this.idleTimer.unref();
  }
}
