// The whole /analyze view as URL state: filters, layer, playback window, selection and map view.
// Pure: parsed from and written to a query string, so reload and back/forward reproduce the view.
import { isRegionCode } from '../../../../server/domain/region-code';
import { INCIDENT_CATEGORIES, INCIDENT_PRIORITIES, INCIDENT_SOURCES, INCIDENT_STATUSES } from '../../../../server/domain/vocabulary';

/** The filters' values: the server's own vocabularies, in the order the panel lists them. */
export const CATEGORIES = INCIDENT_CATEGORIES;
export const STATUSES = INCIDENT_STATUSES;
export const SOURCES = INCIDENT_SOURCES;
export const PRIORITIES = INCIDENT_PRIORITIES;
export const LAYERS = ['heat', 'hex', 'points', 'choropleth'] as const;
export const HEX_METRICS = ['count', 'overdue'] as const;
export const WINDOWS = [1, 7, 30] as const;

export type Layer = (typeof LAYERS)[number];
export type HexMetric = (typeof HEX_METRICS)[number];

export interface AnalyzeState {
  categories: string[];
  statuses: string[];
  sources: string[];
  priorities: string[];
  /** Dates as YYYY-MM-DD (local, UTC+8 for the demo town); `to` is exclusive. */
  from: string | null;
  to: string | null;
  region: string | null;
  grid: string | null;
  /** A drawn polygon's corners. */
  polygon: [number, number][] | null;
  layer: Layer;
  metric: HexMetric;
  sizeM: number;
  /** Playback: the window start (YYYY-MM-DD) and its length in days; null start = no playback. */
  playAt: string | null;
  windowDays: number;
  incident: number | null;
  view: { lng: number; lat: number; zoom: number } | null;
}

export const DEFAULT_STATE: AnalyzeState = {
  categories: [],
  statuses: [],
  sources: [],
  priorities: [],
  from: null,
  to: null,
  region: null,
  grid: null,
  polygon: null,
  layer: 'hex',
  metric: 'count',
  sizeM: 250,
  playAt: null,
  windowDays: 7,
  incident: null,
  view: null,
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function list(params: URLSearchParams, name: string, allowed: readonly string[]): string[] {
  const raw = params.get(name);
  if (!raw) return [];
  return allowed.filter((v) => raw.split(',').includes(v));
}

function polygonOf(raw: string | null): [number, number][] | null {
  if (!raw) return null;
  const n = raw.split(',').map(Number);
  if (n.length < 6 || n.length % 2 || !n.every(Number.isFinite)) return null;
  const ring: [number, number][] = [];
  for (let k = 0; k < n.length; k += 2) ring.push([n[k], n[k + 1]]);
  return ring;
}

export function parseAnalyzeState(search: string): AnalyzeState {
  const p = new URLSearchParams(search);
  const date = (name: string) => (DATE.test(p.get(name) ?? '') ? p.get(name) : null);
  const layer = p.get('layer');
  const metric = p.get('metric');
  const size = Number(p.get('size'));
  const win = Number(p.get('win'));
  const inc = Number(p.get('inc'));
  const view = (p.get('view') ?? '').split(',').map(Number);
  const grid = p.get('grid');
  return {
    categories: list(p, 'cat', CATEGORIES),
    statuses: list(p, 'status', STATUSES),
    sources: list(p, 'src', SOURCES),
    priorities: list(p, 'pri', PRIORITIES),
    from: date('from'),
    to: date('to'),
    region: isRegionCode(p.get('region') ?? '') ? p.get('region') : null,
    grid: grid && /^\d{1,15}$/.test(grid) ? grid : null,
    polygon: polygonOf(p.get('poly')),
    layer: (LAYERS as readonly string[]).includes(layer ?? '') ? (layer as Layer) : DEFAULT_STATE.layer,
    metric: (HEX_METRICS as readonly string[]).includes(metric ?? '') ? (metric as HexMetric) : DEFAULT_STATE.metric,
    sizeM: Number.isFinite(size) && size >= 50 && size <= 5000 ? size : DEFAULT_STATE.sizeM,
    playAt: date('at'),
    windowDays: (WINDOWS as readonly number[]).includes(win) ? win : DEFAULT_STATE.windowDays,
    incident: Number.isInteger(inc) && inc > 0 ? inc : null,
    view: view.length === 3 && view.every(Number.isFinite) ? { lng: view[0], lat: view[1], zoom: view[2] } : null,
  };
}

/** Writes the state over `search`, keeping other parameters (lang, basemap) and leaving defaults out. */
export function withAnalyzeState(search: string, s: AnalyzeState): string {
  const p = new URLSearchParams(search);
  const set = (name: string, value: string | null) => (value === null || value === '' ? p.delete(name) : p.set(name, value));
  set('cat', s.categories.join(','));
  set('status', s.statuses.join(','));
  set('src', s.sources.join(','));
  set('pri', s.priorities.join(','));
  set('from', s.from);
  set('to', s.to);
  set('region', s.region);
  set('grid', s.grid);
  set(
    'poly',
    s.polygon
      ? s.polygon
          .flat()
          .map((n) => n.toFixed(6))
          .join(',')
      : null,
  );
  set('layer', s.layer === DEFAULT_STATE.layer ? null : s.layer);
  set('metric', s.metric === DEFAULT_STATE.metric ? null : s.metric);
  set('size', s.sizeM === DEFAULT_STATE.sizeM ? null : String(s.sizeM));
  set('at', s.playAt);
  set('win', s.windowDays === DEFAULT_STATE.windowDays ? null : String(s.windowDays));
  set('inc', s.incident === null ? null : String(s.incident));
  set('view', s.view ? `${s.view.lng.toFixed(5)},${s.view.lat.toFixed(5)},${s.view.zoom.toFixed(2)}` : null);
  const qs = p.toString();
  return qs ? `?${qs}` : '';
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Local midnight (UTC+8) of a YYYY-MM-DD day as the API's ISO instant. */
const instant = (day: string) => `${day}T00:00:00+08:00`;

/**
 * The API filter query string. During playback the window replaces the time range; `bbox` lets
 * the charts follow the map extent.
 */
export function filterQuery(s: AnalyzeState, bbox?: [number, number, number, number] | null): string {
  const p = new URLSearchParams();
  if (s.categories.length) p.set('category', s.categories.join(','));
  if (s.statuses.length) p.set('status', s.statuses.join(','));
  if (s.sources.length) p.set('source', s.sources.join(','));
  if (s.priorities.length) p.set('priority', s.priorities.join(','));
  const from = s.playAt ?? s.from;
  const to = s.playAt ? addDays(s.playAt, s.windowDays) : s.to;
  if (from) p.set('from', instant(from));
  if (to) p.set('to', instant(to));
  if (s.region) p.set('region', s.region);
  if (s.grid) p.set('grid', s.grid);
  if (s.polygon)
    p.set(
      'polygon',
      s.polygon
        .flat()
        .map((n) => n.toFixed(6))
        .join(','),
    );
  if (bbox) p.set('bbox', bbox.map((n) => n.toFixed(5)).join(','));
  return p.toString();
}

export function toggle(values: string[], value: string): string[] {
  return values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
}
