// "New since last seen": which rows of a freshly fetched queue just arrived (to flash and beep).
// The first list of a filter is the baseline and flags nothing. After it, a row is new when it was
// not in the queue before and either the live stream named it (a report, or a worker's step that
// brought it into this filter) or it was reported after anything seen so far (caught up after the
// stream was down). A row that only slid into the 200-row window because another left is not new.

export interface ArrivalState {
  /** Ids in the queue so far; null until the baseline list of the current filter. */
  known: ReadonlySet<number> | null;
  /** The latest reportedAt seen (ms), null when nothing has been seen. */
  watermark: number | null;
  /** Ids named by live events since the last list. */
  announced: ReadonlySet<number>;
}

export interface Arrival {
  id: number;
  reportedAt: string;
}

export const emptyArrivals = (): ArrivalState => ({ known: null, watermark: null, announced: new Set() });

/** A live event named this incident: if the next list brings it in, it is new. */
export function announce(state: ArrivalState, id: number): ArrivalState {
  if (state.announced.has(id)) return state;
  return { ...state, announced: new Set([...state.announced, id]) };
}

/** Takes a fetched list; returns the new state and the ids that arrived, in list order. */
export function reconcile(state: ArrivalState, list: readonly Arrival[]): { state: ArrivalState; arrived: number[] } {
  const times = list.map((i) => Date.parse(i.reportedAt)).filter((t) => Number.isFinite(t));
  const latest = times.length ? Math.max(...times) : null;
  const watermark = state.watermark === null ? latest : latest === null ? state.watermark : Math.max(state.watermark, latest);
  // Everything seen stays known, so a row that leaves the window and comes back is not new again.
  const known = new Set([...(state.known ?? []), ...list.map((i) => i.id)]);
  if (state.known === null) return { state: { known, watermark, announced: new Set() }, arrived: [] };
  const before = state.known;
  const arrived = list
    .filter((i) => !before.has(i.id) && (state.announced.has(i.id) || (state.watermark !== null && Date.parse(i.reportedAt) > state.watermark)))
    .map((i) => i.id);
  return { state: { known, watermark, announced: new Set() }, arrived };
}

/** Rows still flagged new: each until it is opened, or `ttlMs` after it arrived. */
export interface Fresh {
  id: number;
  at: number;
}

export const FRESH_TTL_MS = 5 * 60_000;

export function addFresh(list: readonly Fresh[], ids: readonly number[], now: number): readonly Fresh[] {
  if (ids.length === 0) return list;
  return [...ids.map((id) => ({ id, at: now })), ...list.filter((f) => !ids.includes(f.id))];
}

/** The same list when nothing changes, so that React keeps its state. */
export function seen(list: readonly Fresh[], id: number): readonly Fresh[] {
  return list.some((f) => f.id === id) ? list.filter((f) => f.id !== id) : list;
}

export function pruneFresh(list: readonly Fresh[], now: number, ttlMs = FRESH_TTL_MS): readonly Fresh[] {
  const kept = list.filter((f) => now - f.at < ttlMs);
  return kept.length === list.length ? list : kept;
}
