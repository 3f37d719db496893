// What is under the pointer on the /analyze map, and the words the tooltip says about it: an
// incident (category, status, when), a hexagon's count or overdue share, a heat cell's count, a
// grid's incidents per 100 households. `hoveredAt` asks deck.gl's picking and MapLibre's rendered
// features; `hoverText` is pure.
import type { Map as MaplibreMap } from 'maplibre-gl';
import { CATEGORY_CODES, STATUS_CODES } from '../../../server/domain/points-layout';
import type { MessageKey } from '../i18n/zh-CN';
import type { MessageParams } from '../i18n/lang';
import type { LoadedIncidents } from '../views/analyze/incident-window';
import { formatReportTime } from '../views/report/report-status';
import { AN_POINTS_LAYER } from './analysis-layers';
import { formatLegendValue, HEAT_CELL_M, type HeatCells } from './analysis-legend';
import type { DeckOverlay } from './use-deck-overlay';

export type Hovered =
  | { kind: 'incident'; id: number; category: string; status: string; reportedAt: number }
  | { kind: 'hex'; count: number; overdueShare: number | null }
  | { kind: 'heat'; count: number }
  | { kind: 'grid'; name: string; count: number; households: number; per100: number };

/** What the map draws now, for `hoveredAt`. */
export interface HoverContext {
  layer: 'heat' | 'hex' | 'points' | 'choropleth';
  /** The loaded incidents when deck draws them; null when MapLibre draws the server's tiles and bins. */
  incidents: LoadedIncidents | null;
  metric: 'count' | 'overdue';
  heat: HeatCells | null;
}

export const CHOROPLETH_LAYER = 'wg-an-choropleth';
export const BINS_LAYER = 'wg-an-bins';

const num = (v: unknown) => Number(v ?? 0);

/** The thing drawn at pixel `point` of the map, or null. */
export function hoveredAt(map: MaplibreMap, deck: DeckOverlay | null, ctx: HoverContext, point: { x: number; y: number }): Hovered | null {
  const rendered = (layer: string) => (map.getLayer(layer) ? map.queryRenderedFeatures([point.x, point.y], { layers: [layer] })[0]?.properties : undefined);
  const { incidents } = ctx;
  if (ctx.layer === 'choropleth') {
    const p = rendered(CHOROPLETH_LAYER);
    return p ? { kind: 'grid', name: String(p.name), count: num(p.count), households: num(p.householdCount), per100: num(p.per100) } : null;
  }
  if (ctx.layer === 'heat') {
    const { lng, lat } = map.unproject([point.x, point.y]);
    const count = ctx.heat?.at(lng, lat) ?? 0;
    return count > 0 ? { kind: 'heat', count } : null;
  }
  if (ctx.layer === 'points') {
    if (incidents) {
      const info = deck?.pick(point.x, point.y, 3);
      if (!info || info.index < 0) return null;
      const i = info.index;
      return {
        kind: 'incident',
        id: incidents.ids[i],
        category: CATEGORY_CODES[incidents.categories[i]],
        status: STATUS_CODES[incidents.statuses[i]],
        reportedAt: incidents.times[i],
      };
    }
    const f = map.getLayer(AN_POINTS_LAYER) ? map.queryRenderedFeatures([point.x, point.y], { layers: [AN_POINTS_LAYER] })[0] : undefined;
    return f
      ? {
          kind: 'incident',
          id: Number(f.id),
          category: String(f.properties.category),
          status: String(f.properties.status),
          reportedAt: num(f.properties.reported_at),
        }
      : null;
  }
  if (incidents) {
    const object = deck?.pick(point.x, point.y, 0)?.object as { count?: number; colorValue?: number } | undefined;
    if (!object?.count) return null;
    return { kind: 'hex', count: object.count, overdueShare: ctx.metric === 'overdue' ? num(object.colorValue) : null };
  }
  const p = rendered(BINS_LAYER);
  if (!p) return null;
  return { kind: 'hex', count: num(p.count), overdueShare: ctx.metric === 'overdue' && num(p.count) > 0 ? num(p.overdue) / num(p.count) : null };
}

type T = (key: MessageKey, params?: MessageParams) => string;

/** A time in seconds since 1970 as the county reads it (Asia/Shanghai), to the minute. */
export const countyTime = (seconds: number, lang: string): string => formatReportTime(new Date(seconds * 1000).toISOString(), lang);

/** The tooltip's lines for what is hovered, in the reader's language. */
export function hoverText(h: Hovered, t: T, lang: string): string[] {
  const n = (v: number, unit: 'count' | 'per100' | 'share' = 'count') => formatLegendValue(v, unit, lang);
  switch (h.kind) {
    case 'incident':
      return [
        `#${h.id} ${t(`incident.category.${h.category}` as MessageKey)} · ${t(`incident.status.${h.status}` as MessageKey)}`,
        t('analyzeMap.hover.reported', { time: countyTime(h.reportedAt, lang) }),
      ];
    case 'hex':
      return h.overdueShare === null
        ? [t('analyzeMap.hover.hexCount', { n: n(h.count) })]
        : [t('analyzeMap.hover.hexOverdue', { share: n(h.overdueShare, 'share') }), t('analyzeMap.hover.hexCount', { n: n(h.count) })];
    case 'heat':
      return [t('analyzeMap.hover.heat', { n: n(h.count), m: HEAT_CELL_M })];
    case 'grid':
      return [
        h.name,
        t('analyzeMap.hover.gridRate', { rate: n(h.per100, 'per100') }),
        t('analyzeMap.hover.gridCount', { n: n(h.count), households: n(h.households) }),
      ];
  }
}
