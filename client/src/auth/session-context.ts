import { createContext, useContext, useEffect } from 'react';
import type { SessionUser } from '../api/session-client';
import type { SessionState } from './session-state';

export interface SessionValue {
  state: SessionState;
  /** Asks the server who is logged in, once; views that need no session never ask. */
  ensureChecked(): void;
  loggedIn(user: SessionUser): void;
  logout(): Promise<void>;
  clearForbidden(): void;
}

export const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession() used outside <SessionProvider>');
  const { ensureChecked } = value;
  useEffect(ensureChecked, [ensureChecked]);
  return value;
}
