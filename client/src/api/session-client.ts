// Who is logged in, logging in and out. The session itself is the httpOnly cookie the server
// sets: the bearer token the login answer also carries is dropped, never stored.
import { errorFrom } from './http-client';

export interface SessionUser {
  id: number;
  username: string;
  role: string;
}

async function send<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  if (!res.ok) throw await errorFrom(path, res, method);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

// Who was logged in last on this device: lets a page that opens without network (the grid worker's,
// kept by its service worker) show its kept work. Only the name and role, never a token; forgotten
// on logout and on any 401.
const LAST_USER_KEY = 'wangge.lastUser';

export const lastKnownUser = {
  read(storage: Pick<Storage, 'getItem'> = localStorage): SessionUser | null {
    try {
      const user = JSON.parse(storage.getItem(LAST_USER_KEY) ?? 'null') as SessionUser | null;
      return user && typeof user.id === 'number' && typeof user.username === 'string' && typeof user.role === 'string' ? user : null;
    } catch {
      return null;
    }
  },
  write(user: SessionUser | null, storage: Pick<Storage, 'setItem' | 'removeItem'> = localStorage): void {
    try {
      if (user) storage.setItem(LAST_USER_KEY, JSON.stringify({ id: user.id, username: user.username, role: user.role }));
      else storage.removeItem(LAST_USER_KEY);
    } catch {
      /* storage blocked: nothing to remember */
    }
  },
};

export const sessionApi = {
  /**
   * The logged-in user, or null. Asked of /api/grids/editor, which answers `{user: null}` rather
   * than a 401 (a console error in every anonymous visit); a 401 from it still means nobody.
   */
  whoAmI: async (): Promise<SessionUser | null> => {
    const res = await fetch('/api/grids/editor', { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    if (res.status === 401) return null;
    if (!res.ok) throw await errorFrom('/api/grids/editor', res);
    const { user } = (await res.json()) as { user: SessionUser | null };
    return user ? { id: user.id, username: user.username, role: user.role } : null;
  },
  login: async (username: string, password: string): Promise<SessionUser> => (await send<{ user: SessionUser }>('POST', '/api/auth/login', { username, password })).user,
  logout: () => send<void>('POST', '/api/auth/logout'),
};
