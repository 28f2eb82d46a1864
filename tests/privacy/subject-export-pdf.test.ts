/**
 * A person's copy of their data as a readable PDF (UU 27/2022 Pasal 7; issue 15 item 6 follow-up): A4, the
 * office's letterhead, in Indonesian, beside the JSON. Read back with pdftotext, from the contract method
 * and from the CLI (`privacy export --pdf --out`). Set LPSE_SUBJECT_PDF_DIR=<folder> to keep the PDFs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeSharedPdfRenderer } from '../../backend/pdf';
import { runCli } from '../../cli/run';
import { MM_PER_PT, pdfInfo, pdfText } from '../print/pdf-tools';
import { PROXY_VISIT, signInAsSupervisor, startTestApp, tempDir, tickAll } from '../helpers';

const dir = process.env.LPSE_SUBJECT_PDF_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lpse-subject-pdf-'));
fs.mkdirSync(dir, { recursive: true });
afterAll(async () => {
  await closeSharedPdfRenderer();
});
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe("a person's copy of their data as a PDF", () => {
  it('lists what is held, every visit with its receipt and notice, every record naming them, the basis and the officer', async () => {
    const dataDir = tempDir('lpse-subject-pdf-');
    const app = await startTestApp({ dataDir });
    await signInAsSupervisor(app);
    const reg = await app.ok('visits.register', PROXY_VISIT);
    const visitId = reg.visit.visit.id;
    await tickAll(app, visitId);
    app.clock.advance(5);
    const done = await app.ok('visits.handOver', { visitId });
    const receipt = done.visit.receiptNo!;
    const personId = reg.visit.person.id;

    const r = await app.ok('privacy.subjectExportPdf', { personId });
    expect(r.fileName).toMatch(/^data-pribadi-[0-9a-f]{8}-\d{4}-\d{2}-\d{2}\.pdf$/);
    const pdf = Buffer.from(r.base64, 'base64');
    expect(pdf.length).toBe(r.bytes);
    fs.writeFileSync(path.join(dir, r.fileName), pdf);
    const info = pdfInfo(pdf, dir, 'subject');
    expect(Math.round(info.widthPt * MM_PER_PT)).toBe(210);
    expect(Math.round(info.heightPt * MM_PER_PT)).toBe(297);
    const text = flat(pdfText(pdf, dir, 'subject'));
    for (const want of [
      'SALINAN DATA PRIBADI',
      'UU Nomor 27 Tahun 2022 Pasal 7',
      'A. Data pribadi yang disimpan',
      'Rahmat Hidayat',
      '6371011503900001',
      'CV Sumber Rejeki Banua',
      'B. Kunjungan (1)',
      'Kuasa',
      receipt,
      'Diberikan',
      'C. Riwayat pencatatan',
      'Data pemohon dicatat',
      'Dicatat di buku tamu',
      'Persyaratan diperiksa',
      'Berkas diserahkan',
      'Kepala Sub Bagian',
      'D. Tujuan, dasar, dan masa penyimpanan',
      'Pejabat Pelindungan Data Pribadi',
      'Salinan ini dibuat oleh Kepala Sub Bagian',
    ]) {
      expect(text, want).toContain(want);
    }
    // The office's letterhead heads the page, above the title.
    expect(text.indexOf('BAGIAN LAYANAN PENGADAAN')).toBeLessThan(text.indexOf('SALINAN DATA PRIBADI'));
    expect(text.indexOf('BAGIAN LAYANAN PENGADAAN')).toBeGreaterThanOrEqual(0);

    // The same copy from the CLI, beside the JSON; --pdf needs a file.
    await app.backend.close();
    const cli = async (args: string[]) => {
      let stdout = '';
      let stderr = '';
      const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {}, now: () => app.clock.ms });
      return { code, stdout, stderr };
    };
    const refused = await cli(['privacy', 'export', '--person', personId, '--pdf', '--data-dir', dataDir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Opsi --pdf memerlukan --out BERKAS');
    const out = path.join(dir, 'cli-copy.pdf');
    const made = await cli(['privacy', 'export', '--person', personId, '--pdf', '--out', out, '--data-dir', dataDir]);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain(`ditulis ke ${out}`);
    expect((fs.statSync(out).mode & 0o777).toString(8)).toBe('600');
    const cliText = flat(pdfText(fs.readFileSync(out), dir, 'cli'));
    expect(cliText).toContain('SALINAN DATA PRIBADI');
    expect(cliText).toContain('Rahmat Hidayat');
    expect(cliText).toContain(receipt);
  }, 120_000);
});
