import { create } from 'zustand';
import type { AppStatus, SessionInfo } from '../../contract/api';
import type { Role } from '../../domain/events/schema';
import { setSessionToken } from './api';
import { holdsAnyRole, holdsRole } from '../../domain/roles';

export interface Route {
  screen: string;
  params?: Record<string, string>;
}

export interface Toast {
  id: number;
  kind: 'success' | 'error' | 'info';
  text: string;
}

interface AppState {
  status: AppStatus | null;
  session: SessionInfo | null;
  route: Route;
  toasts: Toast[];
  setStatus: (s: AppStatus) => void;
  /** Signs in (the user lands on their own screen) or out (null). */
  setSession: (s: SessionInfo | null) => void;
  /** Brings a session back after the page was reloaded, on the screen it was showing. */
  restoreSession: (s: SessionInfo, route: Route | null) => void;
  go: (screen: string, params?: Record<string, string>) => void;
  toast: (kind: Toast['kind'], text: string) => void;
  dismiss: (id: number) => void;
}

let toastId = 0;

/**
 * Where a user's work starts after signing in: the verifier at her desk, the system admin at his cases
 * (service 7), everyone else (helpdesk, supervisor) at the guest book.
 */
export function landingScreen(s: SessionInfo): string {
  const roles = s.user.roles;
  if (roles.includes('helpdesk') || holdsRole(roles, 'supervisor')) return 'guestbook';
  if (roles.includes('verifier')) return 'desk-verifier';
  if (roles.includes('sysadmin')) return 'desk-sysadmin';
  return 'guestbook';
}

/**
 * The session token and the screen survive a reload of the page (F5, Ctrl+R, the app updated): kept in
 * sessionStorage, which belongs to this window only and is gone when it closes. The backend still decides:
 * an expired or signed-out token is refused by `auth.me` and the sign-in screen shows.
 */
const SESSION_KEY = 'lpse-counter-session';
const ROUTE_KEY = 'lpse-counter-route';

export function savedSession(): { token: string; route: Route | null } | null {
  try {
    const token = sessionStorage.getItem(SESSION_KEY);
    if (!token) return null;
    const raw = sessionStorage.getItem(ROUTE_KEY);
    const route = raw ? (JSON.parse(raw) as Route) : null;
    return { token, route: route && typeof route.screen === 'string' ? route : null };
  } catch {
    return null;
  }
}

function remember(token: string | null, route: Route | null): void {
  try {
    if (token) sessionStorage.setItem(SESSION_KEY, token);
    else sessionStorage.removeItem(SESSION_KEY);
    if (route) sessionStorage.setItem(ROUTE_KEY, JSON.stringify(route));
    else sessionStorage.removeItem(ROUTE_KEY);
  } catch {
    // storage refused (private mode): a reload then asks to sign in again
  }
}

export const useApp = create<AppState>((set) => ({
  status: null,
  session: null,
  route: { screen: 'guestbook' },
  toasts: [],
  setStatus: (status) => set({ status }),
  setSession: (session) => {
    setSessionToken(session?.token ?? null);
    const route = { screen: session ? landingScreen(session) : 'guestbook' };
    remember(session?.token ?? null, session ? route : null);
    set({ session, route });
  },
  restoreSession: (session, route) => {
    setSessionToken(session.token);
    const r = route ?? { screen: landingScreen(session) };
    remember(session.token, r);
    set({ session, route: r });
  },
  go: (screen, params) => {
    const route = params ? { screen, params } : { screen };
    remember(useApp.getState().session?.token ?? null, route);
    set({ route });
  },
  toast: (kind, text) => {
    const id = ++toastId;
    // The three newest: older ones make room (they are in the visit history or on screen anyway).
    set((s) => ({ toasts: [...s.toasts, { id, kind, text }].slice(-3) }));
    setTimeout(() => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })), kind === 'error' ? 8000 : 4000);
  },
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));

export function hasRole(session: SessionInfo | null, ...roles: Role[]): boolean {
  return !!session && holdsAnyRole(session.user.roles, roles);
}
