/**
 * The desks the side menu and the desk screens show (issue 14): the handling units of the published catalogue
 * versions, read from the backend (`desk.units`), so a version adding a unit adds its desk without code. The
 * two seeded desks keep their own wording (and menu entries with Alt+3/Alt+4, ./nav-entries.ts).
 */
import type { DeskUnitView } from '../../../contract/desks';
import { call } from '../api';
import { useLive } from '../live';

export interface DeskText {
  title: string;
  /** What the desk handles: "berkas" or "kasus". */
  item: string;
  empty: string;
}

const SEEDED_TEXT: Readonly<Record<string, DeskText>> = {
  verifier: { title: 'Antrean Verifikator', item: 'berkas', empty: 'Tidak ada berkas yang menunggu verifikasi.' },
  sysadmin: { title: 'Kasus Admin Sistem (Layanan 7)', item: 'kasus', empty: 'Tidak ada kasus permasalahan SPSE yang terbuka.' },
};

/** The wording of a desk: the seeded desks' own, else from the unit's catalogue name. */
export function deskText(code: string, units: readonly DeskUnitView[] | null): DeskText {
  const seeded = SEEDED_TEXT[code];
  if (seeded) return seeded;
  const u = units?.find((x) => x.code === code);
  const name = u?.name ?? code.replace(/_/g, ' ');
  return { title: `Antrean ${u?.title ?? `Meja ${name}`}`, item: 'berkas', empty: `Tidak ada berkas yang menunggu di ${name}.` };
}

/** The desk list's screen id: the seeded desks keep theirs (bookmarked routes, Alt+3/Alt+4). */
export function deskScreenOf(code: string): { screen: string; params?: Record<string, string> } {
  return code === 'verifier' || code === 'sysadmin' ? { screen: `desk-${code}` } : { screen: `unit-desk-${code}` };
}

/** Every desk, following catalogue publications (a version received by sync adds its desks). */
export function useDeskUnits(signedIn: string | null = 'screen'): DeskUnitView[] | null {
  // Read again for another account (whose roles decide `canServe`); nothing to ask before signing in.
  const live = useLive(() => (signedIn ? call('desk.units', {}) : Promise.resolve({ ok: true as const, value: { units: [] } })), [signedIn], { types: ['catalogue'] });
  return live.data?.units ?? null;
}
