// What the session is and what a gated view shows: pure, unit-tested.
import type { AuthFailure } from '../api/auth-events';
import type { SessionUser } from '../api/session-client';
import { ROLES, type Role } from '../../../server/domain/vocabulary';

export type { Role };

/** Who may open each gated view (the server checks again on every request). */
export const VIEW_ROLES = {
  wall: ['admin', 'supervisor', 'analyst', 'display', 'dispatcher'],
  analyze: ['admin', 'supervisor', 'analyst', 'dispatcher'],
  edit: ['admin', 'supervisor'],
  worker: ['worker'],
  dispatch: ['admin', 'dispatcher', 'supervisor'],
  admin: ['admin'],
} as const satisfies Record<string, readonly Role[]>;
export type GatedView = keyof typeof VIEW_ROLES;

export interface SessionState {
  /** undefined while nobody has asked the server yet. */
  user: SessionUser | null | undefined;
  /** The session ended under the user's feet (a 401 after being logged in). */
  expired: boolean;
  /** A read the server refused this user, with its message. */
  forbidden: string | null;
}

export type SessionEvent =
  | { type: 'checked' | 'loggedIn'; user: SessionUser | null }
  | { type: 'loggedOut' }
  | { type: 'clearForbidden' }
  | { type: 'failure'; failure: AuthFailure };

export const initialSession: SessionState = { user: undefined, expired: false, forbidden: null };

export function sessionAfter(state: SessionState, event: SessionEvent): SessionState {
  switch (event.type) {
    case 'checked':
    case 'loggedIn':
      return { user: event.user, expired: false, forbidden: null };
    case 'loggedOut':
      return { user: null, expired: false, forbidden: null };
    case 'clearForbidden':
      return state.forbidden === null ? state : { ...state, forbidden: null };
    case 'failure':
      // Before the first check, or once logged out, a refusal says nothing new.
      if (!state.user) return state;
      if (event.failure.kind === 'unauthorized') return { user: null, expired: true, forbidden: null };
      return { ...state, forbidden: event.failure.message };
  }
}

export type Gate =
  | { show: 'loading' }
  | { show: 'login'; expired: boolean }
  | { show: 'forbidden'; user: SessionUser; allowed: readonly Role[]; message: string | null }
  | { show: 'view'; user: SessionUser };

export function gateFor(state: SessionState, view: GatedView): Gate {
  const allowed = VIEW_ROLES[view];
  if (state.user === undefined) return { show: 'loading' };
  if (state.user === null) return { show: 'login', expired: state.expired };
  if (!(allowed as readonly string[]).includes(state.user.role)) return { show: 'forbidden', user: state.user, allowed, message: null };
  if (state.forbidden !== null) return { show: 'forbidden', user: state.user, allowed, message: state.forbidden };
  return { show: 'view', user: state.user };
}

export function isRole(role: string): role is Role {
  return (ROLES as readonly string[]).includes(role);
}
