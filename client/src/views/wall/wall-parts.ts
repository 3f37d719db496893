// Which of the wall's reads an event makes out of date, and the coalescing of bursts of events
// into one reload: pure, so that the rule the room relies on is tested without a browser.
import { INCIDENT_EVENT_TYPES } from '../../../../server/domain/live-events';
import type { LiveEventData } from '../../api/types';

/** The wall's reads; `households` is the map's own tiles (a version bump, not a query). */
export type WallPart = 'overview' | 'ticker' | 'heat' | 'grids' | 'spots' | 'households';
/** What the first picture needs; the density layer is the heaviest to fetch, decode and draw. */
export const FIRST_PARTS: readonly WallPart[] = ['overview', 'ticker', 'grids', 'spots'];
export const DENSITY_PARTS: readonly WallPart[] = ['heat'];
/** After events were missed: everything, the household tiles included. */
export const ALL_PARTS: readonly WallPart[] = [...FIRST_PARTS, ...DENSITY_PARTS, 'households'];
/**
 * The order reloads start in: the ticker first, since on the embedded engine requests queue for
 * one connection and the newest incident is what the room is waiting for.
 */
export const RELOAD_ORDER: readonly WallPart[] = ['ticker', 'overview', 'heat', 'grids', 'spots', 'households'];

const INCIDENT_EVENTS: readonly string[] = INCIDENT_EVENT_TYPES;

/** The parts one live event makes out of date on the wall of `region` (none: nothing to reload). */
export function partsForEvent(type: string, data: unknown, region: string | null): WallPart[] {
  if (INCIDENT_EVENTS.includes(type)) return ['overview', 'ticker', 'heat'];
  if (type === 'grid.changed') return ['grids', 'overview', 'households'];
  if (type === 'stats.refreshed' && (data as LiveEventData<'stats.refreshed'> | null)?.region === region) return ['overview', 'spots'];
  return [];
}

/** Bursts of events cost one reload: the first event schedules it, later ones ride along. */
export const COALESCE_MS = 100;

export interface Coalescer {
  add(parts: readonly WallPart[]): void;
  /** Drops what is pending: the wall closed. */
  cancel(): void;
}

/** Gathers parts for `ms` after the first one arrives, then hands them over once, in RELOAD_ORDER. */
export function coalesceParts(flush: (parts: WallPart[]) => void, ms = COALESCE_MS): Coalescer {
  const pending = new Set<WallPart>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  return {
    add(parts) {
      if (parts.length === 0) return;
      for (const p of parts) pending.add(p);
      if (timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        const next = RELOAD_ORDER.filter((p) => pending.has(p));
        pending.clear();
        flush(next);
      }, ms);
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      pending.clear();
    },
  };
}
