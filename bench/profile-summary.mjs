#!/usr/bin/env node
// Summarises a .cpuprofile (bench/profile.ts): the top functions by self time and by inclusive time.
// Usage: node bench/profile-summary.mjs FILE [N] [--under NAME] [--skip NAME]
//   --under NAME  count only samples with a function whose name is NAME on the stack (e.g. dispatch)
//   --skip A,B    leave out samples with A or B on the stack (e.g. commitTransaction: the disk wait)
import fs from 'node:fs';

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return null;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const under = flag('--under');
const skip = (flag('--skip') ?? '').split(',').filter(Boolean);
const [file, nArg] = args;
if (!file) {
  process.stderr.write('usage: node bench/profile-summary.mjs FILE.cpuprofile [N]\n');
  process.exit(2);
}
const top = Number(nArg ?? 40);
const p = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map();
for (let i = 0; i < p.samples.length; i++) {
  const dt = p.timeDeltas[i] ?? 0;
  self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + dt);
}
const key = (n) => {
  const f = n.callFrame;
  const url = f.url.replace(/^.*\/(dist|node_modules)\//, '$1/');
  return `${f.functionName || '(anon)'} ${url}:${f.lineNumber + 1}`;
};
const selfBy = new Map();
const inclBy = new Map();
let total = 0;
const onStack = (id, name) => {
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) if (byId.get(cur).callFrame.functionName === name) return true;
  return false;
};
for (const [id, t] of self) {
  if (under && !onStack(id, under)) continue;
  if (skip.some((name) => onStack(id, name))) continue;
  total += t;
  const n = byId.get(id);
  selfBy.set(key(n), (selfBy.get(key(n)) ?? 0) + t);
  // Inclusive: every distinct function on the stack gets the sample once (recursion counted once).
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const k = key(byId.get(cur));
    if (seen.has(k)) continue;
    seen.add(k);
    inclBy.set(k, (inclBy.get(k) ?? 0) + t);
  }
}
// Self time by source module: esbuild marks each bundled file with a `// path/to/file.ts` line.
const modules = new Map();
const moduleOf = (url, line) => {
  if (!url) return '(native)';
  if (url.includes('/node_modules/')) return url.replace(/^.*\/node_modules\/((@[^/]+\/)?[^/]+).*$/, '$1');
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[1];
  if (!url.startsWith('file://')) return url;
  let marks = modules.get(url);
  if (!marks) {
    marks = [];
    const text = fs.readFileSync(new URL(url), 'utf8').split('\n');
    text.forEach((l, i) => {
      const m = /^\/\/ ([\w./-]+\.tsx?)$/.exec(l);
      if (m) marks.push([i, m[1]]);
    });
    modules.set(url, marks);
  }
  let name = url;
  for (const [i, file] of marks) if (i <= line) name = file;
  return name;
};
const byModule = new Map();
for (const [id, t] of self) {
  if (under && !onStack(id, under)) continue;
  if (skip.some((name) => onStack(id, name))) continue;
  const f = byId.get(id).callFrame;
  const m = f.url.includes('/dist/esm/') && !f.url.includes('/node_modules/') ? 'kysely?' : moduleOf(f.url, f.lineNumber);
  const k = f.url ? m : `(native) ${f.functionName}`;
  byModule.set(k, (byModule.get(k) ?? 0) + t);
}
const show = (title, m) => {
  process.stdout.write(`\n${title} (total ${(total / 1000).toFixed(0)} ms)\n`);
  for (const [k, t] of [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(`${((100 * t) / total).toFixed(1).padStart(5)}%  ${(t / 1000).toFixed(1).padStart(8)} ms  ${k}\n`);
  }
};
show('self time by module', byModule);
show('self time', selfBy);
show('inclusive time', inclBy);
