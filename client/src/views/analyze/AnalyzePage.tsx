import { useCallback, useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { FeatureCollection } from 'geojson';
import { queryKeys } from '../../api/queries';
import { incidentsApi, type IncidentBins, type IncidentKpis, type IncidentStats } from '../../api/incidents-client';
import { tileUrl } from '../../api/tile-urls';
import type { BasemapId } from '../../api/types';
import type { MessageKey } from '../../i18n/zh-CN';
import { useT } from '../../i18n/use-t';
import { AN, binsForDisplay, choroplethValues, heatPoints } from '../../map/analysis-layers';
import { AnalysisMap, type AnalysisDataSource, type MapView } from '../../map/AnalysisMap';
import { focusKeyOf, mapFocus } from '../../map/analysis-focus';
import { formatCount } from '../../shared/format';
import { useGridView } from '../../shared/use-grid-view';
import { POINTS_MAX } from '../../../../server/domain/points-layout';
import { addDays, filterQuery, HEX_METRICS, LAYERS } from './analyze-state';
import { categoryCodes, countKept, minuteRange, withMinutes, type LoadedIncidents } from './incident-window';
import { AnalyzeCharts } from './AnalyzeCharts';
import { FilterPanel } from './FilterPanel';
import { IncidentCard } from './IncidentCard';
import { KpiStrip } from './KpiStrip';
import type { AnalyzePart } from './load-errors';
import { LoadFailures } from './LoadFailures';
import { PlaybackBar } from './PlaybackBar';
import { dayRangeOf, earlierPeriod, kpiPeriod } from './periods';
import { useAnalyzeState } from './use-analyze-state';
import { useSelectedPlace } from './use-selected-place';
import './analyze.css';

const HEAT_CELL_M = 120;
const SIZES = [100, 250, 500, 1000];

interface Fetched<T> {
  data: T | null;
  /** The read failed: nothing of it is shown (the last filter's answer would look current). */
  error: unknown;
  /** The answer is the current key's own, not the last one kept on screen meanwhile. */
  fresh: boolean;
  retry: () => void;
}

/**
 * One analysis read (`kind`) for `key` (null: none yet), keeping the last answer on screen while
 * the next one is on its way, and none once it failed.
 */
function useFetched<T>(kind: string, key: string | null, load: (signal: AbortSignal) => Promise<T>): Fetched<T> {
  const query = useQuery({
    queryKey: queryKeys.incidents(kind, key ?? ''),
    // `key` captures everything `load` depends on.
    queryFn: ({ signal }) => load(signal),
    enabled: key !== null,
    placeholderData: keepPreviousData,
    // A failed read says so at once; the note's retry button asks again.
    retry: false,
  });
  const failed = query.isError && key !== null;
  return {
    data: failed ? null : (query.data ?? null),
    error: failed ? query.error : null,
    fresh: !failed && query.data !== undefined && !query.isPlaceholderData,
    retry: () => void query.refetch(),
  };
}

export default function AnalyzePage() {
  const { t, lang } = useT();
  const gridView = useGridView();
  const [state, update] = useAnalyzeState();
  const [extent, setExtent] = useState<MapView['bbox'] | null>(null);
  const [drawing, setDrawing] = useState(false);

  const qs = filterQuery(state);
  // The incidents to draw, loaded once per server-side filter: the playback window and the
  // categories are applied on the GPU, so neither is in this query.
  const pointsQs = filterQuery({ ...state, playAt: null, categories: [] });
  const points = useFetched('points', pointsQs, async (signal) => {
    const answer = await incidentsApi.points(pointsQs, signal);
    return 'points' in answer ? { incidents: withMinutes(answer.points), tooMany: null } : { incidents: null, tooMany: answer.tooMany };
  });
  // The answer of the current query only: the last filter's set is not this one's.
  const current = points.fresh ? points.data : null;
  const incidents: LoadedIncidents | null = current?.incidents ?? null;
  const overCap = current?.tooMany ?? null;
  const gpuFilter = useMemo(
    () => ({
      minutes: minuteRange(incidents?.originMinute ?? 0, state.playAt, state.windowDays),
      categories: categoryCodes(state.categories),
    }),
    [incidents, state.playAt, state.windowDays, state.categories.join(',')],
  );
  const kept = useMemo(() => (incidents ? countKept(incidents, gpuFilter.minutes, gpuFilter.categories) : null), [incidents, gpuFilter]);
  const onGpu = incidents !== null;
  // With the set on the GPU, a playback step asks the server nothing: the KPIs keep the whole
  // range, and the count is the GPU's own.
  const kpiQs = onGpu ? filterQuery({ ...state, playAt: null }) : qs;
  // Charts follow the filters and the map extent, but not the playback window (they show the whole range).
  const chartQs = extent ? filterQuery({ ...state, playAt: null }, extent) : null;
  const kpisRead = useFetched<IncidentKpis>('kpis', kpiQs, (signal) => incidentsApi.kpis(kpiQs, signal));
  const kpis = kpisRead.data;
  const statsRead = useFetched<IncidentStats>('stats', chartQs, (signal) => incidentsApi.stats(chartQs!, signal));
  const stats = statsRead.data;
  // The KPIs against the period of the same length just before theirs (the data's own first and
  // last day where the filter leaves a side open), read through the same endpoint.
  const dataDays = useMemo(
    () =>
      incidents
        ? dayRangeOf(incidents.times, incidents.count)
        : stats?.byDay.length
          ? { first: stats.byDay[0].day, last: stats.byDay[stats.byDay.length - 1].day }
          : null,
    [incidents, stats],
  );
  const kpiDays = kpiPeriod(state, !onGpu, dataDays);
  const earlier = kpiDays ? earlierPeriod(kpiDays) : null;
  const earlierQs = earlier ? filterQuery({ ...state, playAt: null, ...earlier }) : null;
  const earlierRead = useFetched<IncidentKpis>('kpis', earlierQs, (signal) => incidentsApi.kpis(earlierQs!, signal));
  // The server's exact bins only when the set is over the cap (or while it is on its way).
  const binsKey = state.layer === 'hex' && !onGpu && current ? `${qs}|${state.sizeM}` : null;
  const binsRead = useFetched<IncidentBins>('hex', binsKey, (signal) => incidentsApi.bins(qs, 'hex', state.sizeM, signal));
  const bins = binsRead.data;
  const heatRead = useFetched<IncidentBins>('heat', state.layer === 'heat' && !onGpu && current ? qs : null, (signal) =>
    incidentsApi.bins(qs, 'square', HEAT_CELL_M, signal),
  );
  const heat = heatRead.data;
  const gridStatsRead = useFetched<IncidentStats>('stats', state.layer === 'choropleth' ? qs : null, (signal) => incidentsApi.stats(qs, signal));
  const gridStats = gridStatsRead.data;
  const reads: Record<AnalyzePart, Fetched<unknown>> = {
    kpis: kpisRead,
    kpisBefore: earlierRead,
    points,
    stats: statsRead,
    hex: binsRead,
    heat: heatRead,
    grids: gridStatsRead,
  };

  const mapData = useMemo(() => {
    const data: Partial<Record<AnalysisDataSource, FeatureCollection | null>> = {};
    if (gridView.grids) {
      const counts = new Map((gridStats?.byGrid ?? []).map((r) => [r.gridId, r.count]));
      const values = choroplethValues(
        gridView.grids.features.map((f) => f.properties),
        counts,
      );
      data[AN.grids] = {
        ...gridView.grids,
        features: gridView.grids.features.map((f) => ({ ...f, properties: { ...f.properties, ...values.get(f.properties.id) } })),
      };
    }
    if (bins) data[AN.bins] = binsForDisplay(bins.features, state.metric);
    if (heat) data[AN.heat] = heatPoints(heat.features);
    return data;
  }, [gridView.grids, gridStats, bins, heat, state.metric]);
  // The points are the server's vector tiles of the same filters (the map counts what they draw).
  const incidentTiles = tileUrl(window.location.origin, 'incidents', qs);

  const matched = state.playAt && kept !== null ? kept : kpisRead.fresh ? kpis?.total : undefined;
  const drawnCount =
    onGpu && state.layer !== 'choropleth'
      ? kept
      : state.layer === 'hex'
        ? bins?.features.length
        : state.layer === 'heat'
          ? heat?.features.length
          : state.layer === 'choropleth' && gridStats
            ? gridView.grids?.features.length
            : undefined;
  const onView = useCallback(
    (v: MapView) => {
      setExtent(v.bbox);
      update({ view: { lng: v.lng, lat: v.lat, zoom: v.zoom } }, true);
    },
    [update],
  );
  const days = stats?.byDay ?? [];
  const fitTo = gridView.region?.bbox ?? null;
  const focus = useMemo(() => mapFocus(state, gridView.regions, gridView.grids), [state.region, state.grid, gridView.regions, gridView.grids]);
  const selected = useSelectedPlace(state.incident, incidents);

  return (
    <section className="view view--analyze analyze" data-testid="view-analyze">
      <div className="view-titlebar">
        <h1 data-testid="view-title">{t('view.analyze.title')}</h1>
        <span className="analyze-matched" data-testid="matched-count" data-count={matched ?? undefined}>
          {matched !== undefined
            ? t('analyze.matched', { n: formatCount(matched, lang) })
            : kpisRead.error
              ? t('analyze.matched.failed')
              : t('analyze.loading')}
        </span>
        <span className="analyze-export">
          {t('analyze.export')}
          <a data-testid="export-csv" href={incidentsApi.exportUrl(qs, 'csv', lang)} download>
            {t('analyze.export.csv')}
          </a>
          <a data-testid="export-geojson" href={incidentsApi.exportUrl(qs, 'geojson')} download>
            {t('analyze.export.geojson')}
          </a>
        </span>
      </div>
      <LoadFailures reads={reads} />
      <KpiStrip kpis={kpis} earlier={earlier && earlierRead.fresh && kpisRead.fresh && earlierRead.data ? { period: earlier, kpis: earlierRead.data } : null} />
      <div className="analyze-body">
        <FilterPanel state={state} update={update} regions={gridView.regions ?? []} grids={gridView.grids} drawing={drawing} onDraw={() => setDrawing(true)} />
        <div className="analyze-center">
          <div className="layer-bar" data-testid="layer-bar">
            <span>{t('analyze.layer')}</span>
            {LAYERS.map((l) => (
              <button
                key={l}
                type="button"
                className={state.layer === l ? 'chip chip--on' : 'chip'}
                aria-pressed={state.layer === l}
                data-testid={`layer-${l}`}
                onClick={() => update({ layer: l })}
              >
                {t(`analyze.layer.${l}` as MessageKey)}
              </button>
            ))}
            {state.layer === 'hex' && (
              <>
                <label>
                  {t('analyze.metric')}
                  <select data-testid="hex-metric" value={state.metric} onChange={(e) => update({ metric: e.target.value as (typeof HEX_METRICS)[number] })}>
                    {HEX_METRICS.map((m) => (
                      <option key={m} value={m}>
                        {t(`analyze.metric.${m}` as MessageKey)}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {t('analyze.size')}
                  <select data-testid="hex-size" value={state.sizeM} onChange={(e) => update({ sizeM: Number(e.target.value) })}>
                    {SIZES.map((s) => (
                      <option key={s} value={s}>
                        {t('analyze.meters', { n: s })}
                      </option>
                    ))}
                  </select>
                </label>
              </>
            )}
          </div>
          {gridView.config && gridView.basemap ? (
            <AnalysisMap
              config={gridView.config}
              basemap={gridView.basemap}
              onBasemapChange={(id: BasemapId) => gridView.setBasemap(id)}
              layer={state.layer}
              data={mapData}
              incidentTiles={incidentTiles}
              incidents={incidents}
              gpuFilter={gpuFilter}
              serverFallback={overCap !== null}
              sizeM={state.sizeM}
              metric={state.metric}
              polygon={state.polygon}
              drawing={drawing}
              onPolygonDrawn={(ring) => {
                setDrawing(false);
                if (ring) update({ polygon: ring });
              }}
              onSelect={(id) => update({ incident: id })}
              initialView={state.view}
              fitTo={fitTo}
              focus={focus}
              focusKey={focusKeyOf(state)}
              selected={selected}
              onView={onView}
              drawnCount={drawnCount ?? null}
            />
          ) : (
            <div className="map-placeholder" data-testid="map-loading">
              {gridView.error ? t('app.error', { message: gridView.error }) : t('app.loading')}
            </div>
          )}
          <p
            className="analyze-drawn-by"
            data-testid="incident-source"
            data-source={onGpu ? 'gpu' : overCap !== null ? 'server' : 'loading'}
            data-cap={POINTS_MAX}
            role="status"
          >
            {onGpu
              ? t('analyze.drawnBy.gpu', { n: formatCount(incidents.count, lang), max: formatCount(POINTS_MAX, lang) })
              : overCap !== null
                ? t('analyze.drawnBy.server', { n: formatCount(overCap, lang), max: formatCount(POINTS_MAX, lang) })
                : t('analyze.drawnBy.loading')}
          </p>
          <PlaybackBar
            state={state}
            update={update}
            first={state.from ?? days[0]?.day ?? null}
            last={state.to ? addDays(state.to, -1) : (days[days.length - 1]?.day ?? null)}
          />
        </div>
        <div className="analyze-side">
          {state.incident !== null && <IncidentCard id={state.incident} onClose={() => update({ incident: null })} />}
          <AnalyzeCharts stats={stats} grids={gridView.grids} state={state} update={update} />
        </div>
      </div>
    </section>
  );
}
