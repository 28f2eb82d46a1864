#!/usr/bin/env node
// Compares two dataset folders row by row (bench/datasets.ts: a build changed for speed must give the same
// data). For every table of the first file: the row count and a SHA-256 over all rows, each row in a fixed
// order (every column, ascending). Prints one line per table and exits 1 when any table differs.
// Two things differ between any two builds by design and are masked: password hashes (scrypt with a random
// salt: the six staff accounts' rows, their `user.created` events and aggregates) and
// meta.secure_delete_since (the wall-clock instant the file was created, db/erasure.ts).
// Usage: node bench/compare-datasets.mjs DIR_A DIR_B   (each holding counter.sqlite; plain, not encrypted)
import crypto from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';

const [a, b] = process.argv.slice(2);
if (!a || !b) {
  process.stderr.write('usage: node bench/compare-datasets.mjs DIR_A DIR_B\n');
  process.exit(2);
}
const open = (dir) => new Database(path.join(dir, 'counter.sqlite'), { readonly: true, fileMustExist: true });
const da = open(a);
const db = open(b);
const tables = (d) => d.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();
const ta = tables(da);
const tb = tables(db);
let differ = ta.join() !== tb.join();
if (differ) process.stdout.write(`tables differ: ${ta.join(',')} vs ${tb.join(',')}\n`);
const digest = (d, t) => {
  const cols = d.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(t).map((c) => `"${c}"`);
  const h = crypto.createHash('sha256');
  let n = 0;
  for (const row of d.prepare(`SELECT ${cols.join(', ')} FROM "${t}" ORDER BY ${cols.join(', ')}`).raw().iterate()) {
    if (t === 'meta' && row[0] === 'secure_delete_since') row[1] = '<creation instant>';
    const text = JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? `${v}n` : Buffer.isBuffer(v) ? v.toString('base64') : v));
    h.update(text.replace(/scrypt\$[0-9$]+[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+/g, 'scrypt<salted>'));
    h.update('\n');
    n++;
  }
  return { n, sha: h.digest('hex').slice(0, 16) };
};
for (const t of ta) {
  if (!tb.includes(t)) continue;
  const x = digest(da, t);
  const y = digest(db, t);
  const same = x.n === y.n && x.sha === y.sha;
  if (!same) differ = true;
  process.stdout.write(`${same ? 'same' : 'DIFF'} ${t.padEnd(28)} ${String(x.n).padStart(9)} ${x.sha}${same ? '' : `  vs ${y.n} ${y.sha}`}\n`);
}
process.stdout.write(differ ? 'datasets differ\n' : 'datasets are the same, row for row\n');
process.exit(differ ? 1 : 0);
