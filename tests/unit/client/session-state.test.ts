import { describe, expect, it } from 'vitest';
import { authFailureOf } from '../../../client/src/api/auth-events';
import { gateFor, initialSession, sessionAfter, type SessionState } from '../../../client/src/auth/session-state';

const admin = { id: 1, username: 'admin', role: 'admin' };
const analyst = { id: 2, username: 'li', role: 'analyst' };
const loggedIn = (user = admin): SessionState => sessionAfter(initialSession, { type: 'checked', user });

describe('which refusals end the session', () => {
  it('a 401 on any request, a read or a write', () => {
    expect(authFailureOf('GET', '/api/incidents/kpis?', 401, 'Not logged in')).toEqual({ kind: 'unauthorized' });
    expect(authFailureOf('PUT', '/api/grids/7', 401, 'Not logged in')).toEqual({ kind: 'unauthorized' });
  });

  it("a 403 on a read only: a refused save is that save's failure", () => {
    expect(authFailureOf('GET', '/api/stats/overview?region=320924', 403, 'This needs the role admin')).toEqual({
      kind: 'forbidden',
      message: 'This needs the role admin',
    });
    expect(authFailureOf('POST', '/api/grids', 403, 'Outside your regions')).toBeNull();
  });

  it('not a wrong password, nor any other status', () => {
    expect(authFailureOf('POST', '/api/auth/login', 401, 'Wrong username or password')).toBeNull();
    expect(authFailureOf('POST', 'http://127.0.0.1:3000/api/auth/login', 401, 'Wrong username or password')).toBeNull();
    expect(authFailureOf('GET', '/api/incidents', 500, 'boom')).toBeNull();
    expect(authFailureOf('PUT', '/api/grids/7', 409, 'stale')).toBeNull();
  });
});

describe('the login gate', () => {
  it('waits for the first answer, then asks an anonymous visitor to log in', () => {
    expect(gateFor(initialSession, 'analyze')).toEqual({ show: 'loading' });
    expect(gateFor(sessionAfter(initialSession, { type: 'checked', user: null }), 'analyze')).toEqual({ show: 'login', expired: false });
  });

  it('shows the view to a role it is for', () => {
    expect(gateFor(loggedIn(analyst), 'analyze')).toEqual({ show: 'view', user: analyst });
    expect(gateFor(loggedIn(analyst), 'wall')).toEqual({ show: 'view', user: analyst });
  });

  it('tells an analyst that /edit needs an admin or a supervisor', () => {
    expect(gateFor(loggedIn(analyst), 'edit')).toEqual({ show: 'forbidden', user: analyst, allowed: ['admin', 'supervisor'], message: null });
  });

  it('brings the form back, marked expired, when a 401 arrives mid-use; logging in again clears it', () => {
    const expired = sessionAfter(loggedIn(), { type: 'failure', failure: { kind: 'unauthorized' } });
    expect(gateFor(expired, 'edit')).toEqual({ show: 'login', expired: true });
    expect(gateFor(sessionAfter(expired, { type: 'loggedIn', user: admin }), 'edit')).toEqual({ show: 'view', user: admin });
  });

  it('ignores refusals before the first check and after logging out', () => {
    const failure = { type: 'failure', failure: { kind: 'unauthorized' } } as const;
    expect(sessionAfter(initialSession, failure)).toBe(initialSession);
    const out = sessionAfter(loggedIn(), { type: 'loggedOut' });
    expect(sessionAfter(out, failure)).toBe(out);
    expect(gateFor(out, 'wall')).toEqual({ show: 'login', expired: false });
  });

  it("shows the server's reason when it refuses a read of a role the view is for, until cleared", () => {
    const refused = sessionAfter(loggedIn(analyst), { type: 'failure', failure: { kind: 'forbidden', message: 'Outside your regions' } });
    expect(gateFor(refused, 'analyze')).toEqual({
      show: 'forbidden',
      user: analyst,
      allowed: ['admin', 'supervisor', 'analyst', 'dispatcher'],
      message: 'Outside your regions',
    });
    expect(gateFor(sessionAfter(refused, { type: 'clearForbidden' }), 'analyze')).toEqual({ show: 'view', user: analyst });
  });
});
