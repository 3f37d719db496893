// Who is logged in, logging in and out. The session itself is the httpOnly cookie the server
// sets: the bearer token the login answer also carries is dropped, never stored.
import { ApiError, request } from './request';

export interface SessionUser {
  id: number;
  username: string;
  role: string;
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
    let user: SessionUser | null;
    try {
      // Nobody is not a lost session: this 401 is the answer, not news for auth-events.
      ({ user } = await request<{ user: SessionUser | null }>('/api/grids/editor', { authEvents: 'all-but-401' }));
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }
    return user ? { id: user.id, username: user.username, role: user.role } : null;
  },
  login: async (username: string, password: string): Promise<SessionUser> =>
    (await request<{ user: SessionUser }>('/api/auth/login', { method: 'POST', json: { username, password } })).user,
  logout: () => request('/api/auth/logout', { method: 'POST', expect: 'none' }),
};
