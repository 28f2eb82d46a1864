/** `npm run cli -- report …` in-process through the CLI runner, on a generated month. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/run';
import { closeSharedPdfRenderer } from '../../backend/pdf';
import { pdfText } from '../print/pdf-tools';
import { DEC_1_0900, novemberApp, parseCsv } from './fixture';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lpse-cli-report-'));
let dataDir = '';

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {}, now: () => DEC_1_0900 });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  const app = await novemberApp(250);
  dataDir = app.dataDir;
  await app.backend.close();
}, 120_000);
afterAll(async () => {
  await closeSharedPdfRenderer();
});

describe('cli report', () => {
  it('writes the CSV and records the export with the operator', async () => {
    const out = path.join(tmp, 'laporan.csv');
    const r = await cli(['report', '--month', '2026-11', '--format', 'csv', '--out', out, '--data-dir', dataDir]);
    expect(r.stderr).toContain('100% Selesai');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('disimpan di');
    const rows = parseCsv(fs.readFileSync(out, 'utf8').slice(1));
    const header = rows.findIndex((x) => x[0] === 'No');
    const db = new Database(path.join(dataDir, 'counter.sqlite'), { readonly: true });
    try {
      const n = (db.prepare("SELECT count(*) AS n FROM visits WHERE day LIKE '2026-11-%'").get() as { n: number }).n;
      expect(rows.length - header - 1).toBe(n);
      const log = db.prepare('SELECT * FROM report_exports ORDER BY exported_at DESC').all() as { via: string; operator: string; exported_by: string | null; personal_data: number }[];
      expect(log[0]).toMatchObject({ via: 'cli', exported_by: null, personal_data: 0 });
      expect(log[0]!.operator).toBe(os.userInfo().username);
    } finally {
      db.close();
    }
    // An existing file is not overwritten without --force.
    const again = await cli(['report', '--month', '2026-11', '--format', 'csv', '--out', out, '--data-dir', dataDir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('sudah ada');
  });

  it('writes the PDF report', async () => {
    const out = path.join(tmp, 'laporan.pdf');
    const r = await cli(['report', '--month', '2026-11', '--format', 'pdf', '--out', out, '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    expect(pdfText(fs.readFileSync(out), tmp, 'cli-laporan', false)).toContain('LAPORAN BULANAN PELAYANAN');
  });

  it('refuses bad usage before touching the data folder', async () => {
    for (const args of [
      ['report', '--format', 'xlsx', '--out', 'x.xlsx'],
      ['report', '--month', '2026-13', '--format', 'xlsx', '--out', 'x.xlsx'],
      ['report', '--month', '2026-11', '--format', 'docx', '--out', 'x.docx'],
      ['report', '--month', '2026-11', '--format', 'xlsx'],
    ]) {
      const r = await cli([...args, '--data-dir', path.join(tmp, 'tidak-ada')]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(fs.existsSync(path.join(tmp, 'tidak-ada'))).toBe(false);
    }
    const missing = await cli(['report', '--month', '2026-11', '--format', 'xlsx', '--out', path.join(tmp, 'x.xlsx'), '--data-dir', path.join(tmp, 'tidak-ada')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('belum berisi basis data');
  });
});
