/**
 * One place for the WITA rule (issue 11, "one place for each rule"): Banjarmasin's UTC+8 offset is written in
 * domain/time/wita.ts only. Everything else converts through its functions, so a date can never be computed
 * one way in the report and another way on the receipt.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const DIRS = ['backend', 'bench', 'cli', 'contract', 'db', 'domain', 'electron', 'print', 'renderer', 'report', 'server', 'shell', 'tests'];
/** An hour count of 8 turned into milliseconds, or a UTC+8 literal used as an offset. */
const OFFSET = /\b8\s*\*\s*(3600_?000|3_600_000|60\s*\*\s*60\s*\*\s*1000|HOUR_MS)\b|\b28_?800_?000\b/;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== '__fixtures__') out.push(...sources(p));
    } else if (/\.(ts|tsx|mjs)$/.test(e.name)) out.push(p);
  }
  return out;
}

describe('the WITA offset', () => {
  it('is written only in domain/time/wita.ts', () => {
    const offenders: string[] = [];
    for (const d of DIRS) {
      const dir = path.join(ROOT, d);
      if (!fs.existsSync(dir)) continue;
      for (const file of sources(dir)) {
        const rel = path.relative(ROOT, file);
        if (rel === path.join('domain', 'time', 'wita.ts') || rel === path.join('tests', 'integration', 'wita-one-place.test.ts')) continue;
        fs.readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            if (OFFSET.test(line)) offenders.push(`${rel}:${i + 1}: ${line.trim()}`);
          });
      }
    }
    expect(offenders).toEqual([]);
  });
});
