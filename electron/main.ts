/**
 * Electron main process: one window, the renderer bundle served from disk through the app's own `app://`
 * protocol, the backend in this process behind a single IPC channel. Hardening follows DESIGN §6 and issue
 * 10: context isolation, sandbox, no Node in the page, a strict CSP without inline styles (shell/csp.ts),
 * no `file://` (a page there could read any local file), navigation and new windows blocked, external links
 * only to vetted hosts, permissions refused, the signing key kept by the OS (`safeStorage`), and fuses set
 * in the packaged binary (build/fuses.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session, shell, type IpcMainInvokeEvent } from 'electron';
import { APP_VERSION, createBackend, type Backend } from '../backend/app';
import { BackendHost } from '../backend/backend-host';
import { DATA_DIR_ENV, resolveDataDir } from '../backend/data-dir';
import { DatabaseTooNewError } from '../db/open';
import { log } from '../backend/log';
import { createElectronPrinting } from '../backend/pdf/electron';
import { setPdfRenderer, setPrinterAccess, warmPdfRendererLater } from '../backend/pdf';
import { ASSET_CSP, newNonce, pageCsp, pageWithNonce } from '../shell/csp';
import { SafeStorageKeyStore } from './key-store';
import { DATABASE_KEY_SAFE_FILE_NAME, databaseKeyFor } from '../db/database-key';
import { setKioskWindows } from '../backend/survey/kiosk';
import { createKioskWindows } from './kiosk-window';
import { displayWasOpen, openDisplay, setDisplayWindows } from '../backend/queue/display';
import { createDisplayWindows } from './display-window';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererRoot = path.resolve(here, '../renderer');
/** The renderer's origin: a standard, secure scheme of the app's own, answered only from `rendererRoot`. */
const APP_SCHEME = 'app';
const APP_HOST = 'counter';
const rendererOrigin = `${APP_SCHEME}://${APP_HOST}`;
const rendererUrl = `${rendererOrigin}/index.html`;
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  // The waiting room's announcement clips (renderer/public/voice, ADR 0013).
  '.ogg': 'audio/ogg',
};

// Before `ready`: the scheme is standard (relative URLs, an origin) and secure (like https).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false, stream: true } }]);

/** Serves the renderer bundle: files under `rendererRoot` only, the page with a fresh CSP nonce. */
async function serveRenderer(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.host !== APP_HOST || request.method !== 'GET') return new Response('Tidak ditemukan.', { status: 404 });
  let rel: string;
  try {
    rel = decodeURIComponent(url.pathname).replace(/^\/+/, '');
  } catch {
    return new Response('Alamat tidak valid.', { status: 400 });
  }
  const file = path.resolve(rendererRoot, rel || 'index.html');
  if (!file.startsWith(rendererRoot + path.sep)) return new Response('Tidak ditemukan.', { status: 404 });
  const isPage = rel === '' || rel === 'index.html' || path.extname(rel) === '';
  const headers = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' };
  if (isPage) {
    const nonce = newNonce();
    const html = pageWithNonce(await fs.promises.readFile(path.join(rendererRoot, 'index.html')), nonce);
    return new Response(html, { headers: { ...headers, 'Content-Type': MIME['.html']!, 'Content-Security-Policy': pageCsp(nonce, { connectSelf: false }) } });
  }
  try {
    const data = await fs.promises.readFile(file);
    return new Response(data, { headers: { ...headers, 'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': ASSET_CSP } });
  } catch {
    return new Response('Berkas tidak ditemukan.', { status: 404 });
  }
}
const EXTERNAL_HOSTS = new Set(['lpse.banjarmasinkota.go.id', 'inaproc.id', 'lkpp.go.id', 'jdih.banjarmasinkota.go.id']);

/** better-sqlite3 compiled for Electron's ABI lives apart from Node's build (DESIGN, build machines). */
function nativeBinding(): string | undefined {
  const candidates = [
    path.join(process.resourcesPath ?? '', 'native', 'better_sqlite3.node'),
    path.resolve(here, '../../build/native/electron/better_sqlite3.node'),
  ];
  return candidates.find((p) => fs.existsSync(p));
}

function dataDir(): string {
  const explicit = process.argv.some((a) => a === '--data-dir' || a.startsWith('--data-dir=')) || !!process.env[DATA_DIR_ENV];
  return explicit ? resolveDataDir(process.argv) : app.getPath('userData');
}

let backend: BackendHost | null = null;

function senderAllowed(e: IpcMainInvokeEvent): boolean {
  const url = e.senderFrame?.url ?? '';
  return url === rendererUrl || url.startsWith(`${rendererUrl}#`) || url.startsWith(`${rendererUrl}?`);
}

function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

async function start() {
  const dir = dataDir();
  // Several data folders may run side by side (tests, training); one folder is served by one instance.
  if (!process.argv.some((a) => a.startsWith('--data-dir')) && !app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  try {
    // The database key is kept by the operating system, like the signing key (docs/adr/0017).
    const key = databaseKeyFor(new SafeStorageKeyStore(dir, DATABASE_KEY_SAFE_FILE_NAME));
    const keyStore = new SafeStorageKeyStore(dir);
    // The host reopens the backend on a restored file and starts in recovery mode (the restore screen only)
    // when the database cannot be opened (docs/adr/0024).
    backend = await BackendHost.start({
      dataDir: dir,
      key,
      keyStore,
      now: () => Date.now(),
      appVersion: APP_VERSION,
      transport: 'electron',
      create: (carry) => createBackend({ dataDir: dir, transport: 'electron', nativeBinding: nativeBinding(), keyStore, key, ...carry }),
    });
  } catch (err) {
    const message =
      err instanceof DatabaseTooNewError
        ? 'Basis data dibuat oleh versi LPSE Counter yang lebih baru. Pasang versi terbaru aplikasi ini.'
        : `LPSE Counter tidak dapat membuka basis data di ${dir}.`;
    dialog.showErrorBox('LPSE Counter', message);
    app.exit(1);
    return;
  }

  // Receipts and reports print through Electron's own Chromium: the print dialog, silent printing to a chosen
  // (thermal) printer, and PDFs, with the same HTML/CSS templates as the browser shell.
  const printing = createElectronPrinting(BrowserWindow);
  // The survey kiosk: a second, full-screen window facing the visitor (electron/kiosk-window.ts).
  const kioskWindows = createKioskWindows({ BrowserWindow, screen, rendererUrl, preload: path.resolve(here, 'preload.cjs'), isPackaged: app.isPackaged });
  // The waiting room's television: a full-screen window on the second display (electron/display-window.ts).
  const displayWindows = createDisplayWindows({ BrowserWindow, screen, rendererUrl, preload: path.resolve(here, 'preload.cjs'), isPackaged: app.isPackaged, changes: backend.changes });
  // Attached again each time the host reopens the backend on a restored file.
  const attach = (b: Backend) => {
    setPdfRenderer(b.ctx, printing.renderer);
    setPrinterAccess(b.ctx, printing.printers);
    setKioskWindows(b.ctx, kioskWindows);
    setDisplayWindows(b.ctx, displayWindows);
  };
  if (backend.backend) attach(backend.backend);
  backend.onOpen = attach;
  // The hidden print window starts in the background once the app is up: the first preview of the day is as
  // quick as later ones (issue 17). One print window serves every reopened backend.
  if (backend.backend) warmPdfRendererLater(backend.backend.ctx);

  ipcMain.handle('counter:invoke', async (e, method: unknown, input: unknown, token: unknown) => {
    if (!senderAllowed(e) || typeof method !== 'string' || !backend) {
      return { ok: false, error: { code: 'forbidden', message: 'Permintaan ditolak.' } };
    }
    return backend.dispatch(method, input, typeof token === 'string' ? token : null);
  });

  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  // The page and its assets come from the app's own protocol, which sets their CSP (shell/csp.ts).
  session.defaultSession.protocol.handle(APP_SCHEME, serveRenderer);

  Menu.setApplicationMenu(null);
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1100,
    minHeight: 700,
    title: 'LPSE Counter',
    show: false,
    backgroundColor: '#f3f5f8',
    webPreferences: {
      preload: path.resolve(here, 'preload.cjs'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      spellcheck: false,
      // Middle-click would otherwise ask for a new window (refused by the window-open handler anyway).
      disableBlinkFeatures: 'Auxclick',
      devTools: !app.isPackaged,
    },
  });
  win.once('ready-to-show', () => win.show());
  // The change feed reaches the page over one message channel (contract/changes.ts; preload's onChange).
  const unsubscribe = backend.changes.subscribe((notice) => {
    if (!win.isDestroyed()) win.webContents.send('counter:changed', notice);
  });
  win.on('closed', unsubscribe);
  // The kiosk cannot be closed from its own side: it goes with the staff window.
  win.on('closed', () => kioskWindows.close());
  win.on('closed', () => displayWindows.close());
  await win.loadURL(rendererUrl);
  // A television left open comes back by itself after a restart (issue 16).
  if (backend.backend && (await displayWasOpen(backend.backend.ctx))) await openDisplay(backend.backend.ctx);
}

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-navigate', (e, url) => {
    if (!isAppUrl(url)) e.preventDefault();
  });
  contents.on('will-redirect', (e, url) => {
    if (!isAppUrl(url)) e.preventDefault();
  });
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    try {
      const u = new URL(url);
      if (u.protocol === 'https:' && EXTERNAL_HOSTS.has(u.hostname)) void shell.openExternal(u.href);
    } catch {
      // not a URL: ignore
    }
    return { action: 'deny' };
  });
});

app.whenReady().then(start, (err: unknown) => log.error('electron_start_failed', { error: String(err) }));

app.on('window-all-closed', () => {
  const closing = backend?.close() ?? Promise.resolve();
  backend = null;
  // Quit even when closing failed (logged): a window-less app left running would hold the database open.
  void closing.catch((err: unknown) => log.error('backend_close_failed', { error: String(err) })).finally(() => app.quit());
});
