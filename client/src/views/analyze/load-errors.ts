// Why a part of /analyze failed to load, as a message key in the user's language: the server's
// own words only when it refused the request (4xx); otherwise what the user can do about it.
import { ApiError } from '../../api/request';

export type LoadFailure =
  | { key: 'analyze.failed.network' }
  | { key: 'analyze.failed.server'; status: number }
  | { key: 'analyze.failed.refused'; message: string };

export function loadFailure(error: unknown): LoadFailure {
  if (error instanceof ApiError) {
    return error.status >= 500 ? { key: 'analyze.failed.server', status: error.status } : { key: 'analyze.failed.refused', message: error.message };
  }
  return { key: 'analyze.failed.network' };
}

/** The parts of the page that load on their own, in the order a failure note names them. */
export const ANALYZE_PARTS = ['kpis', 'kpisBefore', 'points', 'stats', 'hex', 'heat', 'grids'] as const;
export type AnalyzePart = (typeof ANALYZE_PARTS)[number];
