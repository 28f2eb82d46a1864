/** Reading PDFs back with poppler-utils (pdftotext, pdftoppm, pdfinfo), as a person would see them. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export function pdfText(pdf: Buffer, dir: string, name: string, layout = true): string {
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

export function pdfInfo(pdf: Buffer, dir: string, name: string): { pages: number; widthPt: number; heightPt: number } {
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(out)?.[1]);
  const m = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(out);
  return { pages, widthPt: Number(m?.[1]), heightPt: Number(m?.[2]) };
}

/** Renders the first pages to PNG at `dpi` and returns their paths. */
export function pdfPngs(pdf: Buffer, dir: string, name: string, dpi = 60): string[] {
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), file, path.join(dir, name)]);
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))
    .sort()
    .map((f) => path.join(dir, f));
}

export const MM_PER_PT = 25.4 / 72;
