/**
 * The survey kiosk at the counter: a second window facing the visitor (Electron: a full-screen
 * BrowserWindow; browser shell: a second tab on the kiosk route). It holds no staff session: it proves
 * itself with a kiosk token that the contract accepts only for the `survey.kiosk*` methods (take a code,
 * answer, go back to the start), so whoever stands at it can do nothing else with the app.
 *
 * One kiosk per workstation, kept in memory (a restart closes it, like staff sessions). Staff start it for
 * the visit they just served; the kiosk learns of it through a long-poll (`survey.kioskWait`), not a timer on
 * the database. The kiosk never receives the visit's id or the code: only the service's name.
 */
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../contract/result';
import { KIOSK_NOTICE_TYPE } from '../../contract/survey';
import type { AppContext } from '../context';

/** Opens and closes the kiosk's own window where the transport can (Electron); see electron/kiosk-window.ts. */
export interface KioskWindowOpener {
  open(kioskToken: string): void;
  close(): void;
}

const openers = new WeakMap<AppContext, KioskWindowOpener>();
export function setKioskWindows(app: AppContext, opener: KioskWindowOpener): void {
  openers.set(app, opener);
}
export function kioskWindowsFor(app: AppContext): KioskWindowOpener | null {
  return openers.get(app) ?? null;
}

export interface KioskAssignment {
  id: string;
  serviceCode: string;
  serviceName: string;
  /** The survey code being answered; stays in the backend. */
  token: string;
  /** Set when staff started it for a visit (for their own status line); null when a code was typed. */
  visitId: string | null;
  startedAt: number;
  startedBy: string | null;
}

export interface Kiosk {
  id: string;
  token: string;
  openedBy: string;
  openedAt: number;
  /** Bumped on every change; the long-poll returns when it moves. */
  version: number;
  assignment: KioskAssignment | null;
  lastSeenAt: number | null;
  closed: boolean;
  waiters: Set<() => void>;
  /** Announces a change of the kiosk to the staff screens (a `survey_kiosk` change notice, ADR 0008). */
  announce: () => void;
  /** Fires once the kiosk has not asked for `KIOSK_SEEN_MS`, so screens learn it is no longer connected. */
  unseenTimer: ReturnType<typeof setTimeout> | null;
}


/** Longest a kiosk's wait is held before it is answered with no change (it asks again at once). */
export const KIOSK_WAIT_MS = 25_000;
/** A kiosk that has not asked for this long is shown as not connected. */
export const KIOSK_SEEN_MS = 40_000;

const kiosks = new WeakMap<AppContext, { current: Kiosk | null }>();
function slot(app: AppContext) {
  let s = kiosks.get(app);
  if (!s) {
    s = { current: null };
    kiosks.set(app, s);
  }
  return s;
}

export function currentKiosk(app: AppContext): Kiosk | null {
  return slot(app).current;
}

/** The open kiosk of this PC, or a new one. */
export function openKiosk(app: AppContext, userId: string): Kiosk {
  const s = slot(app);
  if (s.current && !s.current.closed) return s.current;
  const id = randomUUID();
  s.current = {
    id,
    token: randomBytes(32).toString('base64url'),
    openedBy: userId,
    openedAt: app.now(),
    version: 1,
    assignment: null,
    lastSeenAt: null,
    closed: false,
    waiters: new Set(),
    announce: () => app.changes.announce(new Map([[`kiosk:${id}`, KIOSK_NOTICE_TYPE]]), 'system'),
    unseenTimer: null,
  };
  return s.current;
}

export function closeKiosk(app: AppContext): void {
  const s = slot(app);
  const k = s.current;
  if (!k) return;
  k.closed = true;
  k.assignment = null;
  if (k.unseenTimer) clearTimeout(k.unseenTimer);
  bump(k);
  s.current = null;
}

/** The kiosk a kiosk token belongs to; a closed or unknown kiosk is refused. */
export function kioskByToken(app: AppContext, token: string): Kiosk {
  const k = slot(app).current;
  const given = Buffer.from(token);
  if (!k || k.closed || given.length !== Buffer.byteLength(k.token) || !timingSafeEqual(given, Buffer.from(k.token))) {
    throw new AppError('unauthenticated', 'Kios survei ini sudah ditutup. Minta petugas membuka kios survei kembali.');
  }
  const wasConnected = isConnected(app, k);
  k.lastSeenAt = app.now();
  // Staff screens show whether the kiosk is connected: told when it connects, and when it stops asking.
  if (!wasConnected) k.announce();
  if (k.unseenTimer) clearTimeout(k.unseenTimer);
  k.unseenTimer = setTimeout(() => {
    k.unseenTimer = null;
    if (!k.closed && !isConnected(app, k)) k.announce();
  }, KIOSK_SEEN_MS + 1_000);
  k.unseenTimer.unref?.();
  return k;
}

export function setAssignment(k: Kiosk, a: KioskAssignment | null): void {
  k.assignment = a;
  bump(k);
}

export function newAssignment(app: AppContext, fields: Omit<KioskAssignment, 'id' | 'startedAt'>): KioskAssignment {
  return { id: randomUUID(), startedAt: app.now(), ...fields };
}

function bump(k: Kiosk): void {
  k.version += 1;
  k.announce();
  const waiters = [...k.waiters];
  k.waiters.clear();
  for (const w of waiters) w();
}

/** Resolves when the kiosk changes from `version`, or after `timeoutMs`. */
export function waitForChange(k: Kiosk, version: number, timeoutMs = KIOSK_WAIT_MS): Promise<void> {
  if (k.version !== version || k.closed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      k.waiters.delete(done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    timer.unref?.();
    k.waiters.add(done);
  });
}

export function isConnected(app: AppContext, k: Kiosk): boolean {
  return k.lastSeenAt !== null && app.now() - k.lastSeenAt <= KIOSK_SEEN_MS;
}
