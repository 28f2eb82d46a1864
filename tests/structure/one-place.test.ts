/**
 * Each rule lives in one place (issue 11): the contract helper, `Exec`, the status vocabulary and the
 * personal-data mask. A scan of the source tree for the pieces that used to be copied.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const DIRS = ['backend', 'cli', 'contract', 'db', 'domain', 'electron', 'print', 'renderer', 'server', 'shell', 'bench', 'trust'];

function sources(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && e.name !== '__fixtures__') walk(p);
      } else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) out.push({ file: path.relative(root, p), text: fs.readFileSync(p, 'utf8') });
    }
  };
  for (const d of DIRS) if (fs.existsSync(path.join(root, d))) walk(path.join(root, d));
  return out;
}

function where(pattern: RegExp): string[] {
  return sources()
    .filter((s) => pattern.test(s.text))
    .map((s) => s.file)
    .sort();
}

describe('one place for each rule', () => {
  it('declares contract methods and access through contract/method.ts only', () => {
    expect(where(/function method\s*</)).toEqual(['contract/method.ts']);
    expect(where(/type Access\s*=/)).toEqual(['contract/method.ts']);
  });

  it('declares Exec once', () => {
    expect(where(/type Exec\s*=/)).toEqual(['db/exec.ts']);
  });

  it('names visit statuses through domain/visit-status.ts only', () => {
    // A label of a status written out elsewhere ("Tercatat", "Menunggu diproses", a STATUS_LABEL map) would disagree again.
    expect(where(/\bSTATUS_LABEL\s*[:=]/)).toEqual([]);
    expect(where(/['"](Tercatat|Terdaftar|Menunggu diproses|Selesai di loket|Menunggu verifikator)['"]/)).toEqual(['domain/visit-status.ts']);
  });

  it('masks personal data through domain/personal-data.ts only', () => {
    expect(where(/'•'\.repeat/)).toEqual(['domain/personal-data.ts']);
  });
});
