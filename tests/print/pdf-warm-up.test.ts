/**
 * The PDF engine is warmed in the background after start-up (issue 17 item 4): the warm-up runs once the
 * delay has passed, never before; a failing engine is only logged (the first print then reports it as
 * before); a cancelled warm-up never starts. A real headless Chromium warmed this way renders the next
 * document without launching again and is not closed when idle.
 */
import { performance } from 'node:perf_hooks';
type EventRow = EnvelopeRow & { seq: number };
import { afterEach, describe, expect, it, vi } from 'vitest';
import { log } from '../../backend/log';
import { ChromiumPdfRenderer } from '../../backend/pdf/chromium';
import { setPdfRenderer, warmPdfRendererLater, type PdfRenderer } from '../../backend/pdf';
import { loadOfficeSettings } from '../../backend/views/office';
import { startTestApp, type TestApp } from '../helpers';
import { fromEnvelopeRow, type EnvelopeRow } from '../../domain/events/codec';
import { eventHash } from '../../trust/events';
import { handedOverVisit, signInAs } from './journey';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.backend.close();
  app = null;
});

function fakeRenderer(warm: () => Promise<void>): PdfRenderer & { warmed: number; laidOut: string[]; rendered: string[] } {
  const r = {
    warmed: 0,
    laidOut: [] as string[],
    rendered: [] as string[],
    render: (html: string) => {
      r.rendered.push(html);
      return Promise.resolve(Buffer.from('%PDF-'));
    },
    measureHeightMm: (html: string) => {
      r.laidOut.push(html);
      return Promise.resolve(100);
    },
    warm: async () => {
      r.warmed++;
      await warm();
    },
    close: () => Promise.resolve(),
  };
  return r;
}

describe('PDF engine warm-up after start-up', () => {
  it('starts the engine once, after the delay, and lays out and prints a receipt with the office header', async () => {
    app = await startTestApp();
    const r = fakeRenderer(() => Promise.resolve());
    setPdfRenderer(app.backend.ctx, r);
    const w = warmPdfRendererLater(app.backend.ctx, 50);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(r.warmed).toBe(0); // not during start-up itself
    await w.done;
    expect(r.warmed).toBe(1);
    // The preview's path (layout + height) and the PDF's, on a receipt with the office's own header, then
    // the preview's path again until it settles (at least three passes; an instant fake settles at the
    // third, at the latest the eighth), and one last pass after a quiet pause.
    expect(r.rendered).toHaveLength(1);
    expect(r.laidOut.length).toBeGreaterThanOrEqual(5);
    expect(r.laidOut.length).toBeLessThanOrEqual(10);
    expect(new Set(r.laidOut)).toEqual(new Set(r.rendered));
    expect(r.laidOut[0]).toContain('Tanda Terima');
    const office = (await loadOfficeSettings(app.backend.ctx)).officeName;
    expect(r.laidOut[0]).toContain(office);
    expect(app.backend.ctx.sqlite.prepare('SELECT count(*) AS n FROM events WHERE type = ?').pluck().get('document.printed')).toBe(0);
  });

  it('prepares the last handed-over receipt through the print path, issuing and recording nothing', async () => {
    app = await startTestApp();
    await signInAs(app, 'siti', 'Siti Rahmah', ['helpdesk']);
    const { visitId, receiptNo } = await handedOverVisit(app);
    const count = (sql: string) => app!.backend.ctx.sqlite.prepare(sql).pluck().get() as number;
    const eventsBefore = count('SELECT count(*) FROM events');
    const r = fakeRenderer(() => Promise.resolve());
    setPdfRenderer(app.backend.ctx, r);
    await warmPdfRendererLater(app.backend.ctx, 0).done;
    // The real receipt (its number, its documents), with a made-up survey block in place of a code that
    // was never issued: the first real preview issues it.
    expect(r.laidOut[0]).toContain(receiptNo);
    expect(r.laidOut[0]).toContain('Surat Kuasa');
    expect(count('SELECT count(*) FROM events')).toBe(eventsBefore);
    expect(count('SELECT count(*) FROM survey_token_secrets')).toBe(0);
    // The officer's first preview then issues the code as before.
    const preview = await app.ok('print.render', { kind: 'receipt', visitId, layout: 'thermal80', returnNo: null });
    expect(preview.html).toContain(receiptNo);
    expect(count("SELECT count(*) FROM events WHERE type = 'survey.token_issued'")).toBe(1);
  });

  it("rehearses the first survey code's write and rolls it back: data, chain and change feed as they were", async () => {
    app = await startTestApp();
    await signInAs(app, 'siti', 'Siti Rahmah', ['helpdesk']);
    const { visitId } = await handedOverVisit(app);
    const ctx = app.backend.ctx;
    const { sqlite } = ctx;
    // The database's content: every table's rows, sorted.
    const content = () =>
      (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[])
        .map((t) => `${t}:${(sqlite.prepare(`SELECT * FROM "${t}"`).all()).map((r) => JSON.stringify(r)).sort().join('\n')}`)
        .join('\n');
    const before = content();
    const notices: unknown[] = [];
    const off = ctx.changes.subscribe((n) => notices.push(n));
    const sign = vi.spyOn(ctx.trust, 'sign');
    try {
      setPdfRenderer(ctx, fakeRenderer(() => Promise.resolve()));
      await warmPdfRendererLater(ctx, 0).done;
      // The write path ran (the code's event was signed)…
      expect(sign).toHaveBeenCalledTimes(1);
      // …and left nothing: no row anywhere, no change announced.
      expect(content()).toBe(before);
      expect(notices).toHaveLength(0);
    } finally {
      off();
      sign.mockRestore();
    }
    // The officer's first preview issues the code, chained to the newest event really stored on this PC
    // (not to the rolled-back one).
    const lastBefore = sqlite.prepare('SELECT * FROM events WHERE is_local = 1 ORDER BY seq DESC LIMIT 1').get() as EventRow;
    await app.ok('print.render', { kind: 'receipt', visitId, layout: 'thermal80', returnNo: null });
    const issued = sqlite.prepare("SELECT * FROM events WHERE type = 'survey.token_issued'").all() as EventRow[];
    expect(issued).toHaveLength(1);
    expect(issued[0]!.prev).toBe(eventHash(fromEnvelopeRow(lastBefore)));
    expect(sqlite.prepare('SELECT count(*) FROM survey_token_secrets WHERE visit_id = ?').pluck().get(visitId)).toBe(1);
  });

  it('lays the receipt out again after the print until a pass is no longer quicker than the one before', async () => {
    app = await startTestApp();
    // Passes after the print take 80, 40, 20, 19 ms (on a clock the fake advances, so a busy machine cannot
    // change the count): the engine still settling, then settled.
    const delays = [5, 80, 40, 20, 19, 19, 19];
    let clock = 0;
    const now = vi.spyOn(performance, 'now').mockImplementation(() => clock);
    try {
      const r = fakeRenderer(() => Promise.resolve());
      r.measureHeightMm = (html: string) => {
        clock += delays[r.laidOut.length] ?? 19;
        r.laidOut.push(html);
        return Promise.resolve(100);
      };
      setPdfRenderer(app.backend.ctx, r);
      await warmPdfRendererLater(app.backend.ctx, 0).done;
      // The first layout, then 80 → 40 → 20 (each twice as quick), then 19: settled; then the last pass
      // after the quiet pause.
      expect(r.laidOut).toHaveLength(6);
    } finally {
      now.mockRestore();
    }
  });

  it('only logs a failing engine, and a cancelled warm-up never starts', async () => {
    app = await startTestApp();
    const failing = fakeRenderer(() => Promise.reject(new Error('no chromium')));
    setPdfRenderer(app.backend.ctx, failing);
    await expect(warmPdfRendererLater(app.backend.ctx, 0).done).resolves.toBeUndefined();
    expect(failing.warmed).toBe(1);
    expect(failing.laidOut).toHaveLength(0);

    const idle = fakeRenderer(() => Promise.resolve());
    setPdfRenderer(app.backend.ctx, idle);
    const w = warmPdfRendererLater(app.backend.ctx, 20);
    w.cancel();
    await w.done;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(idle.warmed).toBe(0);
  });

  it('a warmed Chromium renders without launching again and stays up past its idle close', async () => {
    const r = new ChromiumPdfRenderer({ idleCloseMs: 50 });
    const info = vi.spyOn(log, 'info');
    try {
      const t0 = performance.now();
      await r.warm();
      const warmMs = performance.now() - t0;
      await new Promise((resolve) => setTimeout(resolve, 200)); // four idle periods
      const t1 = performance.now();
      const h = await r.measureHeightMm('<!doctype html><p style="height:40mm">Tanda terima</p>', 80);
      const nextMs = performance.now() - t1;
      expect(h).toBeGreaterThan(40);
      // A launch costs far more than a layout on the warm page; a closed browser would have launched again.
      expect(nextMs).toBeLessThan(warmMs);
      expect(info.mock.calls.filter(([event]) => event === 'pdf_renderer_started')).toHaveLength(1);
    } finally {
      info.mockRestore();
      await r.close();
    }
  });
});
