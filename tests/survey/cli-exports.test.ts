/**
 * `survey import` and `ikm` through the CLI runner (exact flags, CSV header and JSON fields of issue 13,
 * Indonesian errors, exit codes), and the SKM exports read back: the XLSX cells and the PDF's text carry
 * the same figures as `ikm --json`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSharedPdfRenderer } from '../../backend/pdf';
import { runCli } from '../../cli/run';
import type { IkmFigures } from '../../contract/survey';
import { ELEMENT_CODES } from '../../domain/survey/questionnaire';
import { witaDateTimeToMs } from '../../domain/time/wita';
import { pdfInfo, pdfText } from '../print/pdf-tools';
import { addStaff, PASSWORD } from '../desks/desk-helpers';
import { signInAsSupervisor, startTestApp, TestClock, type TestApp } from '../helpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lpse-cli-survey-'));
const NOW = witaDateTimeToMs('2026-12-01', '09:00');
const HEADER = 'date,service,sex,age,education,occupation,u1,u2,u3,u4,u5,u6,u7,u8,u9';
let dataDir = '';

async function cli(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env, now: () => NOW });
  return { code, stdout, stderr };
}

function file(name: string, text: string): string {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, text);
  return p;
}

/** 30 questionnaires of November with a spread of answers and a few blanks. */
function novemberCsv(): string {
  const lines = [HEADER];
  for (let i = 0; i < 30; i++) {
    const a = ELEMENT_CODES.map((_, j) => ((i * 7 + j * 3) % 11 === 0 ? '' : String(1 + ((i + j * 2) % 4 === 0 ? 1 : (i * j + 2) % 3 === 0 ? 2 : 3))));
    const day = `2026-11-${String(1 + (i % 28)).padStart(2, '0')}`;
    lines.push([day, i % 3 === 0 ? 'perubahan_email' : 'aktivasi_user_id', i % 2 ? 'L' : 'P', String(22 + i), i % 4 ? 'D4-S1' : 'SMA', i % 5 ? 'SWASTA' : 'WIRAUSAHA', ...a].join(','));
  }
  return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
  const app: TestApp = await startTestApp({ clock: new TestClock(NOW) });
  await signInAsSupervisor(app);
  await addStaff(app, 'siti', ['helpdesk'], 'Siti Helpdesk');
  dataDir = app.dataDir;
  await app.backend.close();
}, 60_000);
afterAll(async () => {
  await closeSharedPdfRenderer();
});

function responses(): number {
  const db = new Database(path.join(dataDir, 'counter.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM survey_responses').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('cli survey import', () => {
  it('refuses bad usage and a bad file (whole, with its rows named), then imports a good one', async () => {
    const good = file('november.csv', novemberCsv());
    expect((await cli(['survey', 'import', good, '--data-dir', dataDir], { LPSE_PASSWORD: PASSWORD })).code).toBe(2); // no --as
    expect((await cli(['survey', 'import', good, '--as', 'siti', '--data-dir', dataDir])).stderr).toContain('LPSE_PASSWORD');
    expect((await cli(['survey', 'export', good, '--as', 'siti', '--data-dir', dataDir], { LPSE_PASSWORD: PASSWORD })).code).toBe(2);
    const missing = await cli(['survey', 'import', path.join(tmp, 'tidak-ada.csv'), '--as', 'siti', '--data-dir', dataDir], { LPSE_PASSWORD: PASSWORD });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('tidak ditemukan');
    const wrongPw = await cli(['survey', 'import', good, '--as', 'siti', '--data-dir', dataDir], { LPSE_PASSWORD: 'salah-sandi' });
    expect(wrongPw.code).toBe(1);
    expect(wrongPw.stderr).toContain('Nama pengguna atau kata sandi salah');

    const bad = file('rusak.csv', `${novemberCsv()}2026-11-30,aktivasi_user_id,X,34,,,4,4,4,4,4,4,4,4,4\n2026-11-31,aktivasi_user_id,L,34,,,4,4,4,4,4,4,4,4,4\n`);
    const refused = await cli(['survey', 'import', bad, '--as', 'siti', '--data-dir', dataDir], { LPSE_PASSWORD: PASSWORD });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('ditolak seluruhnya');
    expect(refused.stderr).toContain('Baris 32: sex harus L atau P');
    expect(refused.stderr).toContain('Baris 33: date "2026-11-31" bukan tanggal');
    expect(responses()).toBe(0);

    const ok = await cli(['survey', 'import', good, '--as', 'siti', '--json', '--data-dir', dataDir], { LPSE_PASSWORD: PASSWORD });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ recorded: 30 });
    expect(responses()).toBe(30);
  });
});

describe('cli ikm', () => {
  it('prints exactly the fields of issue 13; refuses bad flags; a range with no respondents gives nulls and a message', async () => {
    const r = await cli(['ikm', '--from', '2026-11-01', '--to', '2026-11-30', '--json', '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    const f = JSON.parse(r.stdout) as IkmFigures;
    expect(Object.keys(f)).toEqual(['respondents', 'population', 'minimumSample', 'elements', 'ikm', 'ikmConverted', 'grade']);
    expect(Object.keys(f.elements)).toEqual([...ELEMENT_CODES]);
    expect(Object.keys(f.elements.U1)).toEqual(['answered', 'sum', 'nrr']);
    expect(f.respondents).toBe(30);
    // Recomputed from the CSV itself, by hand: NRR per element over those who answered it.
    const rows = novemberCsv().trim().split('\n').slice(1).map((l) => l.split(',').slice(6));
    let sumNrr = 0;
    ELEMENT_CODES.forEach((c, j) => {
      const given = rows.map((x) => x[j]!).filter((v) => v !== '').map(Number);
      expect(f.elements[c].answered).toBe(given.length);
      expect(f.elements[c].sum).toBe(given.reduce((a, b) => a + b, 0));
      expect(f.elements[c].nrr).toBeCloseTo(f.elements[c].sum / given.length, 12);
      sumNrr += f.elements[c].sum / given.length;
    });
    expect(f.ikm).toBeCloseTo(sumNrr / 9, 12);
    expect(f.ikmConverted).toBe(Math.round(sumNrr / 9 * 25 * 100) / 100);

    const one = JSON.parse((await cli(['ikm', '--from', '2026-11-01', '--to', '2026-11-30', '--service', 'perubahan_email', '--json', '--data-dir', dataDir])).stdout) as IkmFigures;
    expect(one.respondents).toBe(10);
    const table = await cli(['ikm', '--from', '2026-11-01', '--to', '2026-11-30', '--data-dir', dataDir]);
    expect(table.stdout).toContain('U8 Penanganan Pengaduan, Saran dan Masukan');
    expect(table.stdout).toContain(`nilai konversi ${f.ikmConverted!.toLocaleString('id-ID', { minimumFractionDigits: 2 })}`);

    for (const args of [
      ['ikm', '--from', '2026-11-01', '--json'],
      ['ikm', '--from', '2026-11-31', '--to', '2026-12-01'],
      ['ikm', '--from', '2026-12-01', '--to', '2026-11-01'],
      ['ikm', '--from', '2026-11-01', '--to', '2026-11-30', '--service', 'layanan_x'],
      ['ikm', '--from', '2026-11-01', '--to', '2026-11-30', '--bulan', '11'],
    ]) {
      const bad = await cli([...args, '--data-dir', dataDir]);
      expect(bad.code, args.join(' ')).toBe(2);
      expect(bad.stderr).toMatch(/^Kesalahan: /);
    }
    const empty = await cli(['ikm', '--from', '2026-01-01', '--to', '2026-01-31', '--json', '--data-dir', dataDir]);
    expect(empty.code).toBe(0);
    expect(JSON.parse(empty.stdout)).toMatchObject({ respondents: 0, ikm: null, ikmConverted: null, grade: null });
    expect(empty.stderr).toContain('Belum ada responden');
  });

  it('the XLSX and the PDF carry the same figures as ikm --json', async () => {
    const f = JSON.parse((await cli(['ikm', '--from', '2026-11-01', '--to', '2026-11-30', '--json', '--data-dir', dataDir])).stdout) as IkmFigures;
    const app = await startTestApp({ dataDir, clock: new TestClock(NOW) });
    try {
      await signInAsSupervisor(app);
      const x = await app.ok('survey.export', { period: '2026-11', serviceCode: null, format: 'xlsx' });
      const { default: excel } = await import('exceljs');
      const wb = new excel.Workbook();
      await wb.xlsx.load(Buffer.from(x.base64, 'base64') as unknown as ArrayBuffer);
      const sheet = wb.getWorksheet('Ringkasan')!;
      const byLabel = new Map<string, ExcelJSRow>();
      sheet.eachRow((row) => {
        const label = row.getCell(2).text;
        if (label) byLabel.set(label, row.values as ExcelJSRow);
      });
      expect(byLabel.get('Responden')![3]).toBe(f.respondents);
      expect(byLabel.get('Populasi (kunjungan layanan)')![3]).toBe(f.population);
      expect(byLabel.get('Sampel minimal (Krejcie–Morgan)')![3]).toBe(f.minimumSample);
      expect(byLabel.get('IKM nilai konversi')![3]).toBe(f.ikmConverted);
      expect(byLabel.get('IKM (Σ NRR × 1/9)')![3]).toBe(f.ikm);
      expect(String(byLabel.get('Mutu pelayanan')![3])).toMatch(new RegExp(`^${f.grade} `));
      sheet.eachRow((row) => {
        const code = row.getCell(3).value;
        if (typeof code === 'string' && code in f.elements) {
          const e = f.elements[code as keyof IkmFigures['elements']];
          expect([row.getCell(4).value, row.getCell(5).value, row.getCell(6).value], code).toEqual([e.answered, e.sum, e.nrr]);
        }
      });
      expect(wb.getWorksheet('Data Responden')!.rowCount).toBe(1 + f.respondents);

      const pdf = await app.ok('survey.export', { period: '2026-11', serviceCode: null, format: 'pdf' });
      const text = pdfText(Buffer.from(pdf.base64, 'base64'), tmp, 'laporan-skm', true);
      const id = (v: number, d: number) => v.toLocaleString('id-ID', { minimumFractionDigits: d, maximumFractionDigits: d });
      expect(text).toContain('LAPORAN SURVEI KEPUASAN MASYARAKAT');
      expect(text).toContain(id(f.ikmConverted!, 2));
      expect(text).toMatch(new RegExp(`IKM = Σ NRR × 1/9\\s+${id(f.ikm!, 4).replace('.', '\\.')}\\s+${id(f.ikmConverted!, 2)}`));
      for (const c of ELEMENT_CODES) {
        const e = f.elements[c];
        expect(text, c).toMatch(new RegExp(`${c} [^\\n]*\\s${e.answered}\\s+${id(e.sum, 0).replace('.', '\\.')}\\s+${id(e.nrr!, 3)}`));
      }
      const poster = await app.ok('survey.export', { period: '2026-11', serviceCode: null, format: 'poster' });
      const posterText = pdfText(Buffer.from(poster.base64, 'base64'), tmp, 'poster', false);
      expect(posterText).toContain('INDEKS KEPUASAN MASYARAKAT');
      expect(posterText).toContain(id(f.ikmConverted!, 2));
      expect(posterText).toContain('November 2026');
      expect(pdfInfo(Buffer.from(poster.base64, 'base64'), tmp, 'poster-info').pages).toBe(1); // one page for the waiting room
    } finally {
      await app.backend.close();
    }
  });
});

type ExcelJSRow = (string | number | null | undefined)[];
