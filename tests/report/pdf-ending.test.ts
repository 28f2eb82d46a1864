/**
 * The monthly PDF never ends with a page that holds only the signature block (or only the personal-data
 * statement and the signature): the staff table, the statement and the signature are kept on one page.
 * The report is rendered with more and more rows in its discretion list, which moves the page breaks through
 * every position of the closing section.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { closeSharedPdfRenderer, pdfRendererFor } from '../../backend/pdf';
import { layoutSpec } from '../../print/layouts';
import { reportHtml } from '../../backend/report/html';
import { novemberApp } from './fixture';

afterAll(async () => {
  await closeSharedPdfRenderer();
});

it('the last page of the monthly PDF always carries the staff table with the signature', async () => {
  const app = await novemberApp(200);
  try {
    const r = await app.ok('report.monthly', { month: '2026-11' });
    const office = await app.ok('settings.office', {});
    const spec = layoutSpec('a4');
    const row = r.discretion[0] ?? r.rejections[0]!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lpse-pdf-end-'));
    const file = path.join(dir, 'laporan.pdf');
    const pageCounts = new Set<number>();
    for (let k = 0; k <= 60; k += 4) {
      const html = reportHtml({ ...r, discretion: Array.from({ length: k }, () => row) }, office, 'Noorhasanah, S.Kom.');
      fs.writeFileSync(file, await pdfRendererFor(app.backend.ctx).render(html, { pageSize: spec.pageSize, marginMm: spec.marginMm }));
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
      pageCounts.add(pages);
      const last = execFileSync('pdftotext', ['-f', String(pages), '-l', String(pages), file, '-'], { encoding: 'utf8' });
      expect(last, `${k} discretion rows, page ${pages}`).toContain('Mengetahui');
      expect(last, `${k} discretion rows, page ${pages}`).toContain('Kinerja petugas');
      expect(last, `${k} discretion rows, page ${pages}`).toContain(r.staff[0]!.name);
    }
    // The rows moved the breaks across pages: the check saw more than one layout.
    expect(pageCounts.size).toBeGreaterThan(1);
  } finally {
    await app.backend.close();
  }
}, 180_000);
