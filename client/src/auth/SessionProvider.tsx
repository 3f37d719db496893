import { useCallback, useEffect, useMemo, useReducer, useRef, type ReactNode } from 'react';
import { onAuthFailure } from '../api/auth-events';
import { sessionApi, type SessionUser } from '../api/session-client';
import { SessionContext, type SessionValue } from './session-context';
import { initialSession, sessionAfter } from './session-state';

/** The one session of the app: who is logged in, and what the server last refused them. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, dispatch] = useReducer(sessionAfter, initialSession);
  const asked = useRef(false);

  // Any API call answered 401 (or a refused read) lands here, wherever it was made.
  useEffect(() => onAuthFailure((failure) => dispatch({ type: 'failure', failure })), []);

  const ensureChecked = useCallback(() => {
    if (asked.current) return;
    asked.current = true;
    // Unreachable server: treated as nobody; the login form then says what went wrong.
    sessionApi.whoAmI().then((user) => dispatch({ type: 'checked', user }), () => dispatch({ type: 'checked', user: null }));
  }, []);

  const value = useMemo<SessionValue>(() => ({
    state,
    ensureChecked,
    loggedIn: (user: SessionUser) => dispatch({ type: 'loggedIn', user }),
    logout: async () => {
      // The session is gone for this page whatever the server says.
      await sessionApi.logout().catch(() => undefined);
      dispatch({ type: 'loggedOut' });
    },
    clearForbidden: () => dispatch({ type: 'clearForbidden' }),
  }), [state, ensureChecked]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
