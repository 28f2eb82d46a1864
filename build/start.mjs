#!/usr/bin/env node
// `npm start`: opens LPSE Counter. Installs dependencies on first run, builds when sources changed, then runs
// Electron where its binary exists, otherwise the browser shell (which prints its URL and opens Chromium).
// Extra arguments are passed on (e.g. `npm start -- --data-dir ./data`).
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './ensure-system.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const passArgs = process.argv.slice(2);
const run = (cmd, args, env = {}) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });

if (!fs.existsSync(path.join(root, 'node_modules', '.package-lock.json'))) {
  console.error('Memasang dependensi (sekali saja)…');
  // The Electron binary is fetched separately below: its download fails on machines without internet, and
  // that must not fail the whole install.
  const r = run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=warn'], { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function electronBinary() {
  try {
    const p = fs.readFileSync(path.join(root, 'node_modules/electron/path.txt'), 'utf8').trim();
    const full = path.join(root, 'node_modules/electron/dist', p);
    return fs.existsSync(full) ? full : null;
  } catch {
    return null;
  }
}

let electron = electronBinary();
if (!electron && process.env.LPSE_NO_ELECTRON !== '1' && !fs.existsSync(path.join(root, 'node_modules/.electron-download-failed'))) {
  console.error('Mengunduh Electron…');
  const r = run(process.execPath, ['node_modules/electron/install.js'], {});
  electron = r.status === 0 ? electronBinary() : null;
  // Remember the failure so later starts do not wait for the network again.
  if (!electron) fs.writeFileSync(path.join(root, 'node_modules/.electron-download-failed'), new Date().toISOString());
}

const b = run(process.execPath, ['build/build.mjs', '--if-stale']);
if (b.status !== 0) process.exit(b.status ?? 1);

if (electron && process.env.LPSE_NO_ELECTRON !== '1') {
  const nb = run(process.execPath, ['build/native-electron.mjs']);
  if (nb.status === 0) {
    const child = spawn(electron, [root, ...passArgs], { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
  } else {
    console.error('better-sqlite3 untuk Electron gagal dikompilasi; menjalankan versi peramban.');
    shell();
  }
} else {
  console.error('Electron tidak tersedia di komputer ini: menjalankan LPSE Counter di peramban.');
  shell();
}

function shell() {
  ensureChromium();
  const child = spawn(process.execPath, ['dist/node/shell.mjs', ...passArgs], { cwd: root, stdio: 'inherit' });
  const stop = () => child.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}
