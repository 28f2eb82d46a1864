/**
 * The waiting room's television in the desktop app (issue 16, docs/adr/0013): its own full-screen window on
 * the second display when there is one (the TV on the counter PC's HDMI), showing the renderer on its
 * display route with the display token in the fragment, through the app's `app://` protocol like every
 * window. The change feed reaches it over the same message channel as the staff window (ADR 0008), so a
 * call shows at once. It reopens by itself at the next start when it was open (backend/queue/display.ts).
 */
import type { BrowserWindow as BrowserWindowType, Screen } from 'electron';
import type { ChangeNotice } from '../contract/changes';
import type { DisplayWindowOpener } from '../backend/queue/display';

export function createDisplayWindows(deps: {
  BrowserWindow: typeof BrowserWindowType;
  screen: Screen;
  rendererUrl: string;
  preload: string;
  isPackaged: boolean;
  changes: { subscribe(listener: (n: ChangeNotice) => void): () => void };
}): DisplayWindowOpener {
  let win: BrowserWindowType | null = null;
  let unsubscribe: (() => void) | null = null;

  return {
    open(displayToken) {
      const url = `${deps.rendererUrl}#display=${encodeURIComponent(displayToken)}`;
      if (win && !win.isDestroyed()) {
        void win.loadURL(url);
        win.show();
        return;
      }
      const primary = deps.screen.getPrimaryDisplay();
      const other = deps.screen.getAllDisplays().find((d) => d.id !== primary.id);
      const bounds = (other ?? primary).bounds;
      const w = new deps.BrowserWindow({
        x: bounds.x,
        y: bounds.y,
        width: bounds.width,
        height: bounds.height,
        fullscreen: !!other,
        autoHideMenuBar: true,
        title: 'Layar Antrean',
        backgroundColor: '#0b1220',
        show: false,
        webPreferences: {
          preload: deps.preload,
          contextIsolation: true,
          nodeIntegration: false,
          sandbox: true,
          webSecurity: true,
          spellcheck: false,
          disableBlinkFeatures: 'Auxclick',
          devTools: !deps.isPackaged,
          // The announcements play without a click: this window is the app's own, not a web page.
          autoplayPolicy: 'no-user-gesture-required',
        },
      });
      win = w;
      w.setMenu(null);
      unsubscribe = deps.changes.subscribe((notice) => {
        if (!w.isDestroyed()) w.webContents.send('counter:changed', notice);
      });
      w.on('closed', () => {
        unsubscribe?.();
        unsubscribe = null;
        win = null;
      });
      w.once('ready-to-show', () => w.show());
      void w.loadURL(url);
    },
    close() {
      if (win && !win.isDestroyed()) win.close();
    },
  };
}
