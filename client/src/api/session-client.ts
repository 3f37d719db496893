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
