/**
 * The survey kiosk's own window in the desktop app (docs/adr/0010): full screen in Electron's kiosk mode, on
 * the second display when there is one (a screen or tablet facing the visitor), showing the same renderer
 * on its kiosk route with the kiosk token in the fragment. It cannot be closed from the keyboard (the
 * visitor's side); staff close it from their window ("Tutup kios"). No menu, no dev tools, no zoom, and the
 * app's navigation and window-opening rules (main.ts) apply to it as to every window.
 */
import type { BrowserWindow as BrowserWindowType, Screen } from 'electron';
import type { KioskWindowOpener } from '../backend/survey/kiosk';

export function createKioskWindows(deps: {
  BrowserWindow: typeof BrowserWindowType;
  screen: Screen;
  rendererIndex: string;
  preload: string;
  isPackaged: boolean;
}): KioskWindowOpener {
  let win: BrowserWindowType | null = null;
  let allowClose = false;

  return {
    open(kioskToken) {
      if (win && !win.isDestroyed()) {
        void win.loadFile(deps.rendererIndex, { hash: `kiosk=${kioskToken}` });
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
      void win.loadFile(deps.rendererIndex, { hash: `kiosk=${kioskToken}` });
    },
    close() {
      if (!win || win.isDestroyed()) return;
      allowClose = true;
      win.close();
    },
  };
}
