// What the wall may present as current: a part whose last read failed, or everything while the
// live link is down, shows its last figures marked stale. Pure, unit-tested.
import { ApiError } from '../../api/request';
import type { LiveState } from './live-connection';
import type { WallPart } from './wall-parts';

/** Which parts the panels of the wall are drawn from. */
export const PANEL_PARTS = {
  kpis: ['overview'],
  charts: ['overview'],
  ticker: ['ticker'],
  map: ['grids', 'spots', 'heat'],
  spots: ['spots', 'overview', 'grids'],
} as const satisfies Record<string, readonly WallPart[]>;
export type WallPanelName = keyof typeof PANEL_PARTS;

/** A panel is stale when the live link is down or any read it is drawn from failed. */
export function panelIsStale(panel: WallPanelName, live: LiveState, failed: readonly WallPart[]): boolean {
  if (live.status === 'stale') return true;
  const parts: readonly WallPart[] = PANEL_PARTS[panel];
  return parts.some((p) => failed.includes(p));
}

export type FailureReason = { kind: 'network' } | { kind: 'denied' } | { kind: 'server'; status: number } | { kind: 'refused'; status: number };

/** Why a read failed, in terms the room can act on (the message itself is the server's, in English). */
export function failureReason(error: unknown): FailureReason {
  if (!(error instanceof ApiError)) return { kind: 'network' };
  if (error.status === 401 || error.status === 403) return { kind: 'denied' };
  return error.status >= 500 ? { kind: 'server', status: error.status } : { kind: 'refused', status: error.status };
}
