// Every API call reports a refused answer here, so that one place (the session provider) can bring
// the login form back when a session expires mid-use, wherever the call was made. Pure apart from
// the listener list; the classification is unit-tested.

export type AuthFailure =
  /** Not logged in (any more): the session expired, was ended elsewhere, or never existed. */
  | { kind: 'unauthorized' }
  /** Logged in, but this read is not for this role: the view cannot be shown. */
  | { kind: 'forbidden'; message: string };

/** Where a wrong password is an answer, not a lost session. */
const LOGIN_PATH = /^(https?:\/\/[^/]+)?\/api\/auth\/login(\?|$)/;

/**
 * A 401 anywhere means the session is gone. A 403 only counts for reads: a refused write (a
 * supervisor saving outside their regions) is that save's failure, shown where the save was made.
 */
export function authFailureOf(method: string, url: string, status: number, message: string): AuthFailure | null {
  if (LOGIN_PATH.test(url)) return null;
  if (status === 401) return { kind: 'unauthorized' };
  if (status === 403 && method.toUpperCase() === 'GET') return { kind: 'forbidden', message };
  return null;
}

type Listener = (failure: AuthFailure) => void;
const listeners = new Set<Listener>();

export function onAuthFailure(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function reportAuthFailure(method: string, url: string, status: number, message: string): void {
  const failure = authFailureOf(method, url, status, message);
  if (failure) for (const listener of [...listeners]) listener(failure);
}
