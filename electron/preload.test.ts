/**
 * The preload's bridge, with Electron's modules replaced by recorders (no Electron binary on the build
 * machines): `invoke` forwards only declared methods, `onChange` hands the page the notice alone (never the
 * IPC event, which carries the sender) and unsubscribes.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';

const exposed: Record<string, unknown> = {};
const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
const invoked: unknown[][] = [];

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => {
      invoked.push(args);
      return Promise.resolve({ ok: true, value: null });
    },
    on: (channel: string, fn: (...args: unknown[]) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(fn);
    },
    removeListener: (channel: string, fn: (...args: unknown[]) => void) => listeners.get(channel)?.delete(fn),
  },
}));

interface Bridge {
  invoke(method: unknown, input: unknown, session: unknown): Promise<unknown>;
  onChange(listener: unknown): () => void;
}

let bridge: Bridge;
beforeAll(async () => {
  await import('./preload');
  bridge = exposed.counter as Bridge;
});

describe('preload bridge', () => {
  it('forwards declared methods only', async () => {
    await bridge.invoke('visits.get', { visitId: 'x' }, 'token');
    expect(invoked).toEqual([['counter:invoke', 'visits.get', { visitId: 'x' }, 'token']]);
    expect(await bridge.invoke('fs.readFile', {}, null)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(invoked).toHaveLength(1);
  });

  it('passes change notices to the page without the IPC event, until unsubscribed', () => {
    const seen: unknown[][] = [];
    const off = bridge.onChange((...args: unknown[]) => seen.push(args));
    const notice = { seq: 1, origin: 'sync', ids: ['a'], types: ['visit'] };
    for (const fn of listeners.get('counter:changed') ?? []) fn({ sender: 'the-ipc-event' }, notice);
    expect(seen).toEqual([[notice]]);
    off();
    expect(listeners.get('counter:changed')?.size).toBe(0);
    expect(bridge.onChange('not a function')()).toBeUndefined();
  });
});
