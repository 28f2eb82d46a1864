import { randomBytes } from 'node:crypto';
import type { Role } from '../domain/events/schema';

export interface Session {
  token: string;
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  createdAt: number;
  lastActiveAt: number;
  /** Set while the screen is locked: only unlocking (same user's password) or signing out is allowed. */
  lockedAt?: number | null;
}

/** Sessions live in memory: a restart signs everyone out, which a shared counter PC wants anyway. */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(readonly idleTimeoutMs = 12 * 60 * 60 * 1000) {}

  create(user: Omit<Session, 'token' | 'createdAt' | 'lastActiveAt'>, now: number): Session {
    const s: Session = { ...user, token: randomBytes(32).toString('base64url'), createdAt: now, lastActiveAt: now };
    this.sessions.set(s.token, s);
    return s;
  }

  /** Returns the live session for a token and marks it active, or null when unknown or expired. */
  touch(token: string | null | undefined, now: number): Session | null {
    if (!token) return null;
    const s = this.sessions.get(token);
    if (!s) return null;
    if (now - s.lastActiveAt > this.idleTimeoutMs) {
      this.sessions.delete(token);
      return null;
    }
    s.lastActiveAt = now;
    return s;
  }

  /** Locks a session (screen lock after inactivity); the dispatcher then refuses everything but unlocking. */
  lock(token: string, now: number): void {
    const s = this.sessions.get(token);
    if (s && !s.lockedAt) s.lockedAt = now;
  }

  list(): Session[] {
    return [...this.sessions.values()];
  }

  unlock(token: string, now: number): void {
    const s = this.sessions.get(token);
    if (s) {
      s.lockedAt = null;
      s.lastActiveAt = now;
    }
  }

  end(token: string): void {
    this.sessions.delete(token);
  }

  endForUser(userId: string): void {
    for (const [t, s] of this.sessions) if (s.userId === userId) this.sessions.delete(t);
  }
}
