import { create } from 'zustand';
import type { AppStatus, SessionInfo } from '../../contract/api';
import type { Role } from '../../domain/events/schema';
import { setSessionToken } from './api';

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
  setStatus(s: AppStatus): void;
  setSession(s: SessionInfo | null): void;
  go(screen: string, params?: Record<string, string>): void;
  toast(kind: Toast['kind'], text: string): void;
  dismiss(id: number): void;
}

let toastId = 0;

export const useApp = create<AppState>((set) => ({
  status: null,
  session: null,
  route: { screen: 'guestbook' },
  toasts: [],
  setStatus: (status) => set({ status }),
  setSession: (session) => {
    setSessionToken(session?.token ?? null);
    set({ session, route: { screen: 'guestbook' } });
  },
  go: (screen, params) => set({ route: { screen, params } }),
  toast: (kind, text) => {
    const id = ++toastId;
    set((s) => ({ toasts: [...s.toasts, { id, kind, text }] }));
    setTimeout(() => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })), kind === 'error' ? 8000 : 4000);
  },
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));

export function hasRole(session: SessionInfo | null, ...roles: Role[]): boolean {
  return !!session && session.user.roles.some((r) => roles.includes(r));
}
