/**
 * Sandboxed preload: the renderer's only bridge. It exposes `window.counter.invoke`, which forwards a call
 * of a declared contract method over one IPC channel, and `window.counter.onChange`, which hands the page the
 * backend's change notices (contract/changes.ts) from one message channel. No Node, no ipcRenderer, no
 * Electron object reaches the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { METHOD_NAMES } from '../contract/api';

const declared = new Set<string>(METHOD_NAMES);

contextBridge.exposeInMainWorld('counter', {
  platform: 'electron',
  invoke(method: unknown, input: unknown, session: unknown) {
    if (typeof method !== 'string' || !declared.has(method)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown_method', message: 'Perintah tidak dikenal.' } });
    }
    return ipcRenderer.invoke('counter:invoke', method, input, typeof session === 'string' ? session : null);
  },
  onChange(listener: unknown) {
    if (typeof listener !== 'function') return () => undefined;
    // Only the notice is passed on, never the IPC event (it carries the sender object).
    const handler = (_e: unknown, notice: unknown) => (listener as (n: unknown) => void)(notice);
    ipcRenderer.on('counter:changed', handler);
    return () => {
      ipcRenderer.removeListener('counter:changed', handler);
    };
  },
});
