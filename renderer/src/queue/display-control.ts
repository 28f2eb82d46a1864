/**
 * Opening the waiting room's television from a staff screen: the desktop app shows it in its own
 * full-screen window (electron/display-window.ts); the browser shell in a second tab named "lpse-tv"
 * (reused when already open) carrying the run token (for the change stream) and the display token.
 */
import { call, runTokenForNewWindow } from '../api';

/** Opens the television; returns an Indonesian message when it could not be shown. */
export async function openDisplayWindow(): Promise<string | null> {
  const r = await call('queue.displayOpen', {});
  if (!r.ok) return r.error.message;
  if (!r.value.windowOpened) {
    const run = runTokenForNewWindow();
    const w = window.open(`${window.location.origin}/#${run ? `token=${run}&` : ''}display=${r.value.displayToken}`, 'lpse-tv');
    if (!w) return 'Peramban memblokir jendela layar TV. Izinkan jendela pop-up untuk LPSE Counter, lalu coba lagi.';
  }
  return null;
}
