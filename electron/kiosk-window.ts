/**
 * The survey kiosk's own window in the desktop app (docs/adr/0010): full screen in Electron's kiosk mode, on
 * the second display when there is one (a screen or tablet facing the visitor), showing the same renderer
 * on its kiosk route with the kiosk token in the fragment, through the app's own `app://` protocol like the
 * staff window (main.ts; ADR 0011), so its page gets the same nonce-only CSP. It cannot be closed from the keyboard (the
 * visitor's side); staff close it from their window ("Tutup kios"). No menu, no dev tools, no zoom, and the
 * app's navigation and window-opening rules (main.ts) apply to it as to every window.
 */
import type { BrowserWindow as BrowserWindowType, Screen } from 'electron';
import type { KioskWindowOpener } from '../backend/survey/kiosk';

export function createKioskWindows(deps: {
  BrowserWindow: typeof BrowserWindowType;
  screen: Screen;
  /** The renderer page on the app's own protocol (`app://counter/index.html`). */
  rendererUrl: string;
  preload: string;
  isPackaged: boolean;
}): KioskWindowOpener {
  let win: BrowserWindowType | null = null;
  let allowClose = false;

  return {
    open(kioskToken) {
      if (win && !win.isDestroyed()) {
        void win.loadURL(kioskUrl(deps.rendererUrl, kioskToken));
        win.show();
        return;
      }
      const primary = deps.screen.getPrimaryDisplay();
      const other = deps.screen.getAllDisplays().find((d) => d.id !== primary.id);
      const bounds = (other ?? primary).bounds;
      allowClose = false;
      win = new deps.BrowserWindow({
        x: bounds.x,
        y: bounds.y,
        width: bounds.width,
        height: bounds.height,
        kiosk: true,
        fullscreen: true,
        autoHideMenuBar: true,
        title: 'Survei Kepuasan Masyarakat',
        backgroundColor: '#f3f5f8',
        show: false,
        webPreferences: {
          preload: deps.preload,
          contextIsolation: true,
          nodeIntegration: false,
          sandbox: true,
          webSecurity: true,
          spellcheck: false,
          // Middle-click would otherwise ask for a new window (refused by the window-open handler anyway).
          disableBlinkFeatures: 'Auxclick',
          devTools: !deps.isPackaged,
        },
      });
      win.setMenu(null);
      win.webContents.setVisualZoomLevelLimits(1, 1).catch(() => undefined);
      // Keyboard shortcuts that would close or reload the window are the visitor's; only staff close it.
      win.webContents.on('before-input-event', (e, input) => {
        const key = input.key.toLowerCase();
        if ((input.alt && key === 'f4') || ((input.control || input.meta) && ['w', 'r', 'q'].includes(key)) || key === 'f5' || key === 'f11' || key === 'f12') e.preventDefault();
      });
      win.on('close', (e) => {
        if (!allowClose) e.preventDefault();
      });
      win.on('closed', () => {
        win = null;
      });
      win.once('ready-to-show', () => win?.show());
      void win.loadURL(kioskUrl(deps.rendererUrl, kioskToken));
    },
    close() {
      if (!win || win.isDestroyed()) return;
      allowClose = true;
      win.close();
    },
  };
}

/** The kiosk's page: the renderer with the kiosk token in the fragment (never sent anywhere, not even to the protocol handler). */
export function kioskUrl(rendererUrl: string, kioskToken: string): string {
  return `${rendererUrl}#kiosk=${encodeURIComponent(kioskToken)}`;
}
