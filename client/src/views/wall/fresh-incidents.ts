// Incidents that just arrived over the live stream, ringed on the map for a while. Pure and bounded.
import type { FeatureCollection, Point } from 'geojson';
import type { TickerIncident as TickerEntry } from '../../api/stats-client';

export interface FreshIncident {
  id: number;
  lng: number;
  lat: number;
  at: number;
}

export const FRESH_MAX = 30;
export const FRESH_TTL_MS = 120_000;

/** Adds one (replacing an older entry of the same id), drops expired ones, keeps at most FRESH_MAX. */
export function addFresh(list: FreshIncident[], next: FreshIncident, now: number): FreshIncident[] {
  return [next, ...list.filter((f) => f.id !== next.id && now - f.at < FRESH_TTL_MS)].slice(0, FRESH_MAX);
}

export function pruneFresh(list: FreshIncident[], now: number): FreshIncident[] {
  const kept = list.filter((f) => now - f.at < FRESH_TTL_MS);
  return kept.length === list.length ? list : kept;
}

/** The payload of an incident.created event, when it carries a usable location. */
export function freshFromEvent(data: unknown, now: number): FreshIncident | null {
  const d = data as { id?: unknown; lng?: unknown; lat?: unknown } | null;
  if (!d || typeof d.id !== 'number' || typeof d.lng !== 'number' || typeof d.lat !== 'number') return null;
  return { id: d.id, lng: d.lng, lat: d.lat, at: now };
}

export function freshCollection(list: FreshIncident[]): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: list.map((f) => ({ type: 'Feature', properties: { id: f.id }, geometry: { type: 'Point', coordinates: [f.lng, f.lat] } })),
  };
}

/**
 * Puts an incident.created event at the top of the ticker at once, before the reload that fills
 * in its details; only when it lies in the region's extent. Keeps `size` entries.
 */
export function tickerWithEvent(list: TickerEntry[], data: unknown, bbox: [number, number, number, number] | null, size: number): TickerEntry[] {
  const d = data as { id?: unknown; category?: unknown; status?: unknown; lng?: unknown; lat?: unknown; at?: unknown } | null;
  if (!d || typeof d.id !== 'number' || typeof d.category !== 'string' || typeof d.lng !== 'number' || typeof d.lat !== 'number') return list;
  if (bbox && (d.lng < bbox[0] || d.lng > bbox[2] || d.lat < bbox[1] || d.lat > bbox[3])) return list;
  if (list.some((i) => i.id === d.id)) return list;
  const entry: TickerEntry = {
    id: d.id,
    category: d.category,
    status: typeof d.status === 'string' ? d.status : 'reported',
    priority: 'normal',
    description: '',
    gridCode: null,
    reportedAt: typeof d.at === 'string' ? d.at : new Date().toISOString(),
  };
  return [entry, ...list].slice(0, size);
}
