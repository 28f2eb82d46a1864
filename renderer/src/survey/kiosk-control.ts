/**
 * Opening the survey kiosk from a staff screen: the backend opens (or returns) this PC's kiosk; the desktop
 * app shows it in its own full-screen window, the browser shell in a second tab named "lpse-kiosk" (reused
 * when already open) carrying the run token and the kiosk token in the fragment.
 */
import { create } from 'zustand';
import { KIOSK_NOTICE_TYPE, type KioskStatus } from '../../../contract/survey';
import { call, runTokenForNewWindow } from '../api';

export { KIOSK_NOTICE_TYPE };

interface KioskStore {
  status: KioskStatus | null;
  refresh: () => Promise<void>;
  set: (s: KioskStatus) => void;
}

/** The kiosk's status as the staff screens last saw it (the widget reads it live; actions set it). */
export const useKiosk = create<KioskStore>((set) => ({
  status: null,
  refresh: async () => {
    const r = await call('survey.kioskStatus', {});
    if (r.ok) set({ status: r.value });
  },
  set: (status) => set({ status }),
}));

/** Opens the kiosk window; returns an Indonesian message when it could not be shown. */
export async function openKioskWindow(): Promise<string | null> {
  const r = await call('survey.kioskOpen', {});
  if (!r.ok) return r.error.message;
  if (!r.value.windowOpened) {
    const run = runTokenForNewWindow();
    const url = `${window.location.origin}/#${run ? `token=${run}&` : ''}kiosk=${r.value.kioskToken}`;
    const w = window.open(url, 'lpse-kiosk');
    if (!w) return 'Peramban memblokir jendela kios. Izinkan jendela pop-up untuk LPSE Counter, lalu coba lagi.';
  }
  await useKiosk.getState().refresh();
  return null;
}

/** Puts a visit's survey on the kiosk, opening the kiosk first when it is not open. */
export async function startKioskFor(visitId: string): Promise<{ ok: true; serviceName: string } | { ok: false; message: string }> {
  if (!useKiosk.getState().status?.open) {
    await useKiosk.getState().refresh();
    if (!useKiosk.getState().status?.open) {
      const m = await openKioskWindow();
      if (m) return { ok: false, message: m };
    }
  }
  const r = await call('survey.kioskStart', { visitId });
  if (!r.ok) return { ok: false, message: r.error.message };
  useKiosk.getState().set(r.value);
  return { ok: true, serviceName: r.value.busy?.serviceName ?? '' };
}
