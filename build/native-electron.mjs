#!/usr/bin/env node
// Compiles the workstation's SQLite binding (better-sqlite3-multiple-ciphers: better-sqlite3 with SQLite3
// Multiple Ciphers, docs/adr/0017) for Electron's ABI into build/native/electron/, leaving node_modules' Node
// build untouched, so `npm test` (Node) and `npm start` (Electron) never rebuild back and forth. The app opens
// it through better-sqlite3's `nativeBinding` option (db/sqlite.ts). Needs Electron's headers (node-gyp).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const PACKAGE = 'better-sqlite3-multiple-ciphers';
const sqliteVersion = require(`${PACKAGE}/package.json`).version;
const outDir = path.join(root, 'build/native/electron');
const out = path.join(outDir, 'better_sqlite3.node');
const stampFile = path.join(outDir, 'versions.json');
const stamp = JSON.stringify({ electronVersion, package: PACKAGE, sqliteVersion });
if (fs.existsSync(out) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) process.exit(0);

const work = path.join(root, 'build/native/electron-src');
fs.rmSync(work, { recursive: true, force: true });
fs.cpSync(path.join(root, 'node_modules', PACKAGE), work, { recursive: true });
fs.rmSync(path.join(work, 'build'), { recursive: true, force: true });
console.error(`Mengompilasi ${PACKAGE} ${sqliteVersion} untuk Electron ${electronVersion}…`);
// node-gyp ships with npm; prefer a local copy when the project has one.
const npmGyp = path.join(path.dirname(process.execPath), '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js');
let gyp = npmGyp;
try {
  gyp = path.join(path.dirname(require.resolve('node-gyp/package.json')), 'bin/node-gyp.js');
} catch {
  // use npm's
}
const r = spawnSync(process.execPath, [gyp, 'rebuild', '--release', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers', '--runtime=electron'], {
  cwd: work,
  stdio: 'inherit',
});
if (r.status !== 0) process.exit(r.status ?? 1);
fs.mkdirSync(outDir, { recursive: true });
fs.copyFileSync(path.join(work, 'build/Release/better_sqlite3.node'), out);
fs.writeFileSync(stampFile, stamp);
fs.rmSync(work, { recursive: true, force: true });
