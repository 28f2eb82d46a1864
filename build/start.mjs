#!/usr/bin/env node
// `npm start`: opens LPSE Counter. Installs dependencies on first run, builds when sources changed, then runs
// Electron where its binary exists, otherwise the browser shell (which prints its URL and opens Chromium).
// Extra arguments are passed on (e.g. `npm start -- --data-dir ./data`).
//
// A newcomer's first run must read as what it is: a few calm lines saying what happened and what runs. The
// tools' own output (npm's warnings, node-gyp, a failed download's stack) goes to a log file, named when a
// step fails; the README's "Requirements" explains the one expected note (Electron's downloader and Node 20).
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './ensure-system.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const passArgs = process.argv.slice(2);
const logFile = path.join(root, 'node_modules', '.lpse-start.log');
const say = (id, en) => process.stderr.write(`${id}\n${en ? `  (${en})\n` : ''}`);

/** Runs a tool with its output kept in the log file; returns its exit status and what it printed. */
function quiet(label, cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  try {
    fs.mkdirSync(path.dirname(logFile), { recursive: true });
    fs.appendFileSync(logFile, `\n=== ${new Date().toISOString()} ${label}: ${cmd} ${args.join(' ')} (exit ${r.status})\n${out}`);
  } catch {
    // no node_modules yet and cannot create it: the failure itself is reported below
  }
  return { status: r.status ?? 1, out };
}

function failed(what, out) {
  const tail = out.trim().split('\n').filter((l) => l.trim() !== '').slice(-8).join('\n');
  process.stderr.write(`\n${what}\n${tail}\n\nRincian lengkap (full log): ${path.relative(process.cwd(), logFile) || logFile}\n`);
  process.exit(1);
}

/** Node version as [major, minor]. */
const [nodeMajor, nodeMinor] = process.versions.node.split('.').map(Number);

if (!fs.existsSync(path.join(root, 'node_modules', '.package-lock.json'))) {
  say('Memasang dependensi untuk pertama kali (sekitar 2 menit)…', 'first run: installing dependencies, about 2 minutes');
  const started = Date.now();
  // The Electron binary is fetched apart below: its download fails on machines without internet, and that
  // must not fail the whole install.
  const r = quiet('npm ci', 'npm', ['ci', '--no-audit', '--no-fund', '--loglevel=warn'], { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
  if (r.status !== 0) failed('Pemasangan dependensi gagal (npm ci failed):', r.out);
  say(`✓ Dependensi terpasang dalam ${Math.round((Date.now() - started) / 1000)} detik.`, 'dependencies installed');
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

/** Electron's downloader (`@electron/get` of the Electron version in package.json) declares Node ≥ 22.12. */
function downloaderSupported() {
  try {
    const want = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).engines?.node ?? '';
    const m = /(\d+)\.(\d+)/.exec(want);
    if (!m) return true;
    return nodeMajor > Number(m[1]) || (nodeMajor === Number(m[1]) && nodeMinor >= Number(m[2]));
  } catch {
    return false;
  }
}

const failedMarker = path.join(root, 'node_modules/.electron-download-failed');
let electron = electronBinary();
if (!electron && process.env.LPSE_NO_ELECTRON !== '1' && !fs.existsSync(failedMarker)) {
  if (!downloaderSupported()) {
    say(
      `· Program Electron tidak diunduh: pengunduhnya memerlukan Node 22.12 atau lebih baru, komputer ini memakai Node ${process.versions.node}.`,
      `Electron's downloader needs Node >= 22.12; this is Node ${process.versions.node}, so the browser version runs instead`,
    );
  } else {
    say('Mengunduh program Electron…', 'downloading the Electron binary');
    const r = quiet('electron download', process.execPath, ['node_modules/electron/install.js']);
    electron = r.status === 0 ? electronBinary() : null;
    if (!electron) {
      const offline = /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|getaddrinfo/i.test(r.out);
      say(
        offline ? '· Program Electron tidak dapat diunduh (tidak ada akses internet).' : '· Program Electron tidak dapat diunduh.',
        offline ? 'no internet access for the Electron download' : `Electron download failed; see ${path.relative(root, logFile)}`,
      );
    }
  }
  // Remember it, so later starts neither wait for the network nor repeat the note.
  if (!electron) fs.writeFileSync(failedMarker, new Date().toISOString());
}

const built = fs.existsSync(path.join(root, 'dist', '.build-stamp'));
if (!built) say('Membangun aplikasi…', 'building the app');
const b = quiet('build', process.execPath, ['build/build.mjs', '--if-stale', '--quiet']);
if (b.status !== 0) failed('Pembangunan aplikasi gagal (build failed):', b.out);

if (electron && process.env.LPSE_NO_ELECTRON !== '1') {
  const nb = quiet('better-sqlite3 for Electron', process.execPath, ['build/native-electron.mjs']);
  if (nb.status === 0) {
    say('Membuka LPSE Counter (Electron)…', 'opening the desktop app');
    const child = spawn(electron, [root, ...passArgs], { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
  } else {
    say('· better-sqlite3 untuk Electron gagal dikompilasi; menjalankan versi peramban.', `compiling better-sqlite3 for Electron failed (see ${path.relative(root, logFile)}); running the browser version`);
    shell();
  }
} else {
  say('Menjalankan LPSE Counter di peramban (Chromium)…', 'running the browser version');
  shell();
}

function shell() {
  if (!ensureChromium()) {
    say('· Chromium tidak ditemukan: buka alamat di bawah pada peramban Chromium atau Chrome.', 'Chromium not found: open the address below in Chromium or Chrome');
  }
  const child = spawn(process.execPath, ['dist/node/shell.mjs', ...passArgs], { cwd: root, stdio: 'inherit' });
  const stop = () => child.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}
