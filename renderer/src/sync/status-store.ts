/**
 * The sync status shared by the top-bar widget and the settings screen: read again when the backend
 * announces a sync state change or a local commit (one more event waiting to be sent), and at once after an
 * action here.
 */
import { create } from 'zustand';
import type { OutputOf } from '../../../contract/api';
import { call } from '../api';

export type SyncStatus = OutputOf<'sync.status'>;

interface SyncState {
  status: SyncStatus | null;
  /** A "Sinkronkan sekarang" is running. */
  running: boolean;
  refresh: () => Promise<void>;
  syncNow: () => Promise<SyncStatus | null>;
  set: (s: SyncStatus) => void;
}

export const useSync = create<SyncState>((set, get) => ({
  status: null,
  running: false,
  set: (status) => set({ status }),
  refresh: async () => {
    const r = await call('sync.status', {});
    if (r.ok) set({ status: r.value });
  },
  syncNow: async () => {
    if (get().running) return get().status;
    set({ running: true });
    try {
      const r = await call('sync.now', {});
      if (r.ok) {
        set({ status: r.value });
        return r.value;
      }
      return null;
    } finally {
      set({ running: false });
    }
  },
}));

export const STATE_LABEL: Record<SyncStatus['state'], string> = {
  not_enrolled: 'Belum terhubung ke server pusat',
  syncing: 'Menyinkronkan…',
  online: 'Daring',
  offline: 'Luring',
  revoked: 'Perangkat tidak terdaftar',
  error: 'Sinkronisasi gagal',
};
