import { useSyncExternalStore } from 'react';

export type Role = 'applicant' | 'approver' | 'auditor' | 'admin';

/** The user of POST /auth/login (`user`) and GET /auth/me. */
export interface SessionUser {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  orgUnitId: string | null;
  approvalLevel: number | null;
}

export interface Session {
  accessToken: string;
  expiresAt: number;
  user: SessionUser;
}

const KEY = 'aidflow.session';
let current: Session | null = read();
/** Set when the API refused the token (expired or revoked), so the login page can say why. */
let expired = false;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

function read(): Session | null {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Session | null;
    return parsed && parsed.expiresAt > Date.now() ? parsed : null;
  } catch {
    return null;
  }
}

export const session = {
  get: () => current,
  wasExpired: () => expired,
  start(accessToken: string, expiresInSeconds: number, user: SessionUser) {
    current = { accessToken, expiresAt: Date.now() + expiresInSeconds * 1000, user };
    expired = false;
    localStorage.setItem(KEY, JSON.stringify(current));
    emit();
  },
  end() {
    current = null;
    localStorage.removeItem(KEY);
    emit();
  },
  expire() {
    if (!current) return;
    expired = true;
    session.end();
  },
  subscribe: (listener: () => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
};

export function useSession(): Session | null {
  return useSyncExternalStore(session.subscribe, session.get);
}
