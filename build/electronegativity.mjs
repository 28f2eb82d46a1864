#!/usr/bin/env node
// Runs Electronegativity (Doyensec) on the Electron main process and preload (electron/) and fails when it
// reports a finding that electronegativity-justified.json does not justify, or when a justification no
// longer matches any finding (so the file cannot rot). Works offline: the tool's update checks fail quietly.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lpse-eneg-')), 'findings.csv');
const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const bin = path.join(root, 'node_modules/@doyensec/electronegativity/dist/index.js');
// The tool writes its CSV header and its rows with two concurrent fs.writeFile calls (dist/util/file.js:
// header with flag 'w', rows with flag 'a'); when the rows land first, the header overwrites their start.
// Run again (at most three times) until the file reads as a header followed by well-formed rows.
const wellFormed = () => {
  if (!fs.existsSync(out)) return false;
  const lines = fs.readFileSync(out, 'utf8').split(/\r?\n/).filter(Boolean);
  return lines[0]?.startsWith('issue, severity,') && lines.slice(1).every((l) => /^[A-Z_]+,"/.test(l));
};
let r;
for (let attempt = 0; attempt < 3; attempt++) {
  fs.rmSync(out, { force: true });
  r = spawnSync(process.execPath, [bin, '-i', path.join(root, 'electron'), '-r', '-v', 'false', '-e', electronVersion, '-o', out], { encoding: 'utf8', timeout: 180_000 });
  if (wellFormed()) break;
}
if (!fs.existsSync(out)) {
  process.stderr.write(`electronegativity did not run:\n${r.stdout}\n${r.stderr}\n`);
  process.exit(1);
}

/** Minimal CSV reading for the tool's output (quoted fields, commas inside quotes). */
function parseCsv(text) {
  const rows = [];
  for (const line of text.split(/\r?\n/).filter(Boolean)) {
    const cells = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
        else if (ch === '"') quoted = false;
        else cur += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') cells.push(cur.trim()), (cur = '');
      else cur += ch;
    }
    cells.push(cur.trim());
    rows.push(cells);
  }
  return rows;
}

const [header, ...rows] = parseCsv(fs.readFileSync(out, 'utf8'));
const col = (name) => header.findIndex((h) => h.trim() === name);
const findings = rows.map((r) => ({ check: r[col('issue')], file: r[col('filename')], location: r[col('location')], description: r[col('description')] }));
const justified = JSON.parse(fs.readFileSync(path.join(root, 'electronegativity-justified.json'), 'utf8')).findings;
const matches = (j, f) => j.check === f.check && j.file === f.file;
const unjustified = findings.filter((f) => !justified.some((j) => matches(j, f)));
const stale = justified.filter((j) => !findings.some((f) => matches(j, f)));
process.stderr.write(`electronegativity: ${findings.length} finding(s), ${findings.length - unjustified.length} justified in electronegativity-justified.json\n`);
for (const f of unjustified) process.stderr.write(`  NOT JUSTIFIED ${f.check} ${f.file}:${f.location} ${f.description}\n`);
for (const j of stale) process.stderr.write(`  STALE JUSTIFICATION ${j.check} ${j.file}: no such finding any more; remove it\n`);
process.exit(unjustified.length > 0 || stale.length > 0 ? 1 : 0);
