/**
 * Browser shell entry: `node dist/node/shell.mjs [--data-dir DIR] [--port N] [--no-open] [--no-pdf-warm-up]`
 * (tests add `--test-clock` or `--test-clock-start MS`).
 * Starts the same backend Electron uses, serves the renderer on 127.0.0.1, prints the URL and opens Chromium
 * in app mode when it is installed and a display is available.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_VERSION, createBackend } from '../backend/app';
import { BackendHost } from '../backend/backend-host';
import { databaseKeyFor, fileDatabaseKeyStore } from '../db/database-key';
import { closeSharedPdfRenderer, warmPdfRendererLater } from '../backend/pdf';
import { resolveDataDir } from '../backend/data-dir';
import { DatabaseTooNewError } from '../db/open';
import { startShellServer } from './server';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const option = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  if (i >= 0) return argv[i + 1];
  return argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
};

async function main() {
  if (flag('--help')) {
    process.stdout.write(
      'Penggunaan: lpse-counter-shell [--data-dir DIR] [--port N] [--no-open] [--no-pdf-warm-up]\n' +
        'Menjalankan LPSE Counter di peramban (Chromium) melalui server lokal 127.0.0.1.\n' +
        '--no-pdf-warm-up: mesin cetak PDF tidak disiapkan saat aplikasi mulai (disiapkan pada cetakan pertama).\n',
    );
    return;
  }
  const dataDir = resolveDataDir(argv);
  const portText = option('--port') ?? process.env.LPSE_SHELL_PORT ?? '0';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`Port tidak valid: ${portText}\n`);
    process.exit(2);
  }
  // Test hooks only. `--test-clock` lets a test set a frozen time (POST /api/__test/clock); `--test-clock-start MS`
  // starts the clock at MS and lets it run, so a test about "today's" counter means the same at 3 a.m. or on a
  // Sunday as on a working afternoon.
  const startText = option('--test-clock-start');
  const start = startText === undefined ? null : Number(startText);
  if (start !== null && !Number.isFinite(start)) {
    process.stderr.write(`Nilai --test-clock-start tidak valid: ${String(startText)}\n`);
    process.exit(2);
  }
  const offset = start === null ? 0 : start - Date.now();
  let fakeNow: number | null = null;
  let backendRef: { changes: { signal(type: 'clock'): void } } | null = null;
  // A jump of the test clock is announced like counter hours opening: clocks and today's lists read again.
  const testClock =
    flag('--test-clock') || start !== null
      ? {
          set: (ms: number | null) => {
            fakeNow = ms;
            backendRef?.changes.signal('clock');
          },
        }
      : undefined;
  const now = () => fakeNow ?? Date.now() + offset;

  let backend: BackendHost;
  try {
    // Encrypted at rest with a key in a file only this user may read (docs/adr/0017). The host reopens the
    // backend on a restored file, and starts in recovery mode on a file that cannot be opened (docs/adr/0024).
    const key = databaseKeyFor(fileDatabaseKeyStore(dataDir));
    backend = await BackendHost.start({
      dataDir,
      key,
      now,
      appVersion: APP_VERSION,
      transport: 'browser',
      create: (carry) => createBackend({ dataDir, transport: 'browser', now, key, ...carry }),
    });
  } catch (err) {
    if (err instanceof DatabaseTooNewError) {
      process.stderr.write(`Basis data di ${dataDir} dibuat oleh versi aplikasi yang lebih baru (skema ${err.found}, aplikasi ini ${err.supported}). Perbarui aplikasi.\n`);
      process.exit(3);
    }
    throw err;
  }
  if (backend.recovery) process.stdout.write('Basis data tidak dapat dibuka: LPSE Counter berjalan dalam mode pemulihan.\n');
  backendRef = backend;
  const here = path.dirname(fileURLToPath(import.meta.url));
  const staticDir = path.resolve(here, '../renderer');
  const server = await startShellServer({ invoke: (m, i, t) => backend.dispatch(m, i, t), staticDir, port, testClock, changes: backend.changes });
  process.stdout.write(`LPSE Counter siap: ${server.url}\n`);
  process.stdout.write(`Folder data: ${dataDir}\n`);

  if (!flag('--no-open')) openBrowser(server.url, dataDir);
  // The PDF engine starts in the background once the app is up, so the first print preview of the day is as
  // quick as later ones (issue 17). Tests that never print switch it off (each journey starts its own shell).
  const warmUp = flag('--no-pdf-warm-up') || !backend.backend ? null : warmPdfRendererLater(backend.backend.ctx);

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    // A stuck request must not keep the process (and its database) open forever.
    setTimeout(() => process.exit(1), 10_000).unref();
    warmUp?.cancel();
    await server.close();
    await backend.close();
    await closeSharedPdfRenderer();
    process.exit(0);
  };
  const onSignal = () => {
    shutdown().catch((err: unknown) => {
      process.stderr.write(`Gagal menutup LPSE Counter dengan rapi: ${String(err)}\n`);
      process.exit(1);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

function openBrowser(url: string, dataDir: string) {
  const candidates = [process.env.LPSE_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(
    (p): p is string => !!p && fs.existsSync(p),
  );
  if (candidates.length === 0 || (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)) {
    process.stdout.write('Buka alamat di atas pada peramban Chromium.\n');
    return;
  }
  const profile = path.join(dataDir, 'chromium-profile');
  const child = spawn(
    candidates[0]!,
    [`--app=${url}`, `--user-data-dir=${profile}`, '--lang=id-ID', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    { stdio: 'ignore', detached: true },
  );
  child.unref();
}

main().catch((err: unknown) => {
  process.stderr.write(`Gagal menjalankan LPSE Counter: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
