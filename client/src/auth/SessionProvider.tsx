import { useCallback, useEffect, useMemo, useReducer, useRef, type ReactNode } from 'react';
import { onAuthFailure } from '../api/auth-events';
import { ApiError } from '../api/http-client';
import { lastKnownUser, sessionApi, type SessionUser } from '../api/session-client';
import { SessionContext, type SessionValue } from './session-context';
import { initialSession, sessionAfter } from './session-state';

/** The one session of the app: who is logged in, and what the server last refused them. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, dispatch] = useReducer(sessionAfter, initialSession);
  const asked = useRef(false);

  // Any API call answered 401 (or a refused read) lands here, wherever it was made.
  useEffect(
    () =>
      onAuthFailure((failure) => {
        if (failure.kind === 'unauthorized') lastKnownUser.write(null);
        dispatch({ type: 'failure', failure });
      }),
    [],
  );

  const ensureChecked = useCallback(() => {
    if (asked.current) return;
    asked.current = true;
    // No network at all (a grid worker's phone in a dead zone): the one who was logged in last, so
    // that their kept work shows; the server asks again with the first write that reaches it.
    // A server that answered with an error: treated as nobody; the login form then says what went wrong.
    sessionApi.whoAmI().then(
      (user) => {
        lastKnownUser.write(user);
        dispatch({ type: 'checked', user });
      },
      (error: unknown) => dispatch({ type: 'checked', user: error instanceof ApiError ? null : lastKnownUser.read() }),
    );
  }, []);

  const value = useMemo<SessionValue>(
    () => ({
      state,
      ensureChecked,
      loggedIn: (user: SessionUser) => {
        lastKnownUser.write(user);
        dispatch({ type: 'loggedIn', user });
      },
      logout: async () => {
        lastKnownUser.write(null);
        // The session is gone for this page whatever the server says.
        await sessionApi.logout().catch(() => undefined);
        dispatch({ type: 'loggedOut' });
      },
      clearForbidden: () => dispatch({ type: 'clearForbidden' }),
    }),
    [state, ensureChecked],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
