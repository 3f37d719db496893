import { ApiError } from '../../api/request';

export type LoadFailureCause = 'offline' | 'server' | 'denied' | 'refused';

/** Why a read failed, in words a supervisor can act on: no answer at all, the server broke, no right to see it, or refused. */
export function loadFailureCause(error: unknown): LoadFailureCause {
  if (!(error instanceof ApiError)) return 'offline';
  if (error.status >= 500 || error.status === 0) return 'server';
  if (error.status === 401 || error.status === 403) return 'denied';
  return 'refused';
}
