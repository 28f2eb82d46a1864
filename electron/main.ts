/**
 * Electron main process: one window, the renderer bundle from disk, the backend in this process behind a
 * single IPC channel. Hardening follows DESIGN §6: context isolation, sandbox, no Node in the page, a strict
 * CSP, navigation and new windows blocked, external links only to vetted hosts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, screen, session, shell, type IpcMainInvokeEvent } from 'electron';
import { createBackend, type Backend } from '../backend/app';
import { DATA_DIR_ENV, resolveDataDir } from '../backend/data-dir';
import { DatabaseTooNewError } from '../db/open';
import { log } from '../backend/log';
import { createElectronPrinting } from '../backend/pdf/electron';
import { setPdfRenderer, setPrinterAccess } from '../backend/pdf';
import { setKioskWindows } from '../backend/survey/kiosk';
import { createKioskWindows } from './kiosk-window';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererIndex = path.resolve(here, '../renderer/index.html');
const rendererUrl = pathToFileURL(rendererIndex).href;
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

let backend: Backend | null = null;

function senderAllowed(e: IpcMainInvokeEvent): boolean {
  const url = e.senderFrame?.url ?? '';
  return url === rendererUrl || url.startsWith(`${rendererUrl}#`) || url.startsWith(`${rendererUrl}?`);
}

async function start() {
  const dir = dataDir();
  // Several data folders may run side by side (tests, training); one folder is served by one instance.
  if (!process.argv.some((a) => a.startsWith('--data-dir')) && !app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  try {
    backend = await createBackend({ dataDir: dir, transport: 'electron', nativeBinding: nativeBinding() });
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
  setPdfRenderer(backend.ctx, printing.renderer);
  setPrinterAccess(backend.ctx, printing.printers);
  // The survey kiosk: a second, full-screen window facing the visitor (electron/kiosk-window.ts).
  const kioskWindows = createKioskWindows({ BrowserWindow, screen, rendererIndex, preload: path.resolve(here, 'preload.cjs'), isPackaged: app.isPackaged });
  setKioskWindows(backend.ctx, kioskWindows);

  ipcMain.handle('counter:invoke', async (e, method: unknown, input: unknown, token: unknown) => {
    if (!senderAllowed(e) || typeof method !== 'string' || !backend) {
      return { ok: false, error: { code: 'forbidden', message: 'Permintaan ditolak.' } };
    }
    return backend.dispatch(method, input, typeof token === 'string' ? token : null);
  });

  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [
          "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; frame-src 'self' blob: data:; object-src 'none'; base-uri 'none'; form-action 'none'",
        ],
      },
    });
  });

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
      devTools: !app.isPackaged,
    },
  });
  win.once('ready-to-show', () => win.show());
  // The change feed reaches the page over one message channel (contract/changes.ts; preload's onChange).
  const unsubscribe = backend.ctx.changes.subscribe((notice) => {
    if (!win.isDestroyed()) win.webContents.send('counter:changed', notice);
  });
  win.on('closed', unsubscribe);
  // The kiosk cannot be closed from its own side: it goes with the staff window.
  win.on('closed', () => kioskWindows.close());
  await win.loadFile(rendererIndex);
}

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-navigate', (e, url) => {
    if (!url.startsWith(rendererUrl)) e.preventDefault();
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

app.on('window-all-closed', async () => {
  await backend?.close();
  backend = null;
  app.quit();
});
