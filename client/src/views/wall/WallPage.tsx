import { lazy, Suspense, useCallback, useEffect, useMemo, useState, type CSSProperties } from 'react';
import { useLocation } from 'react-router-dom';
import { errorText, useConfig, useRegions } from '../../api/queries';
import { createWallApi } from '../../api/stats-client';
import { householdTileJsonUrl } from '../../api/tile-urls';
import { useT } from '../../i18n/use-t';
import { chooseBasemap } from '../../map/basemap-style';
import { prefetchMapWorker } from '../../map/map-worker';
import { findRegion, pickRegion } from '../../shared/regions';
import { IncidentTicker } from './IncidentTicker';
import { KpiTiles } from './KpiTiles';
import { rotationIndex, rotationStops } from './rotation';
import { useScreenUnit } from './use-screen-unit';
import { useWallData } from './use-wall-data';
import { WallCharts } from './WallCharts';
import { WallHeader } from './WallHeader';
import { communityLabels } from './wall-regions';
import { parseWallUrl } from './wall-url';
import './wall.css';

// The map (maplibre-gl) and the charts (echarts) are most of the wall's JavaScript. Requested as
// soon as this module runs, they download and compile while the wall's data is already on its way.
const mapModule = import('../../map/WallMap');
prefetchMapWorker();
const WallMap = lazy(() => mapModule.then((m) => ({ default: m.WallMap })));

type Access = 'checking' | 'ok' | 'denied';

/** The command-centre wall: nobody touches it, everybody reads it from across the room. */
export default function WallPage() {
  const { t } = useT();
  const { search } = useLocation();
  const url = useMemo(() => parseWallUrl(search), [search]);
  const unit = useScreenUnit();
  const [access, setAccess] = useState<Access>(url.token ? 'checking' : 'ok');
  const configQuery = useConfig();
  const regionsQuery = useRegions();
  // The wall starts from both: a config without the region tree has nothing to show yet.
  const loaded = Boolean(configQuery.data && regionsQuery.data);
  const config = loaded ? configQuery.data! : null;
  const regions = loaded ? regionsQuery.data! : null;
  const loadError = errorText(configQuery.error ?? regionsQuery.error);
  const [tick, setTick] = useState(0);
  // The token is checked while the data loads: a revoked token shows the message, not the data.
  // Revoked later, the next read (or the check when the stream drops) is refused: same message.
  // Without a token, a refusal is the session's (the login gate takes over).
  const onTokenDenied = useCallback(() => setAccess('denied'), []);
  const wallApi = useMemo(() => createWallApi(url.token, url.token ? onTokenDenied : undefined), [url.token, onTokenDenied]);
  // The incident heat follows once the map has drawn its grids (the map holds back the households itself).
  const [gridsDrawn, setGridsDrawn] = useState(false);
  const onGridsDrawn = useCallback(() => setGridsDrawn(true), []);

  useEffect(() => {
    if (!url.token) return;
    const ac = new AbortController();
    // A refusal arrives through onDenied; an unreachable server is the freshness badge's business.
    wallApi.me(ac.signal).then(
      () => setAccess('ok'),
      () => undefined,
    );
    return () => ac.abort();
  }, [url.token, wallApi]);

  const region = useMemo(() => (regions ? pickRegion(regions, url.region) : null), [regions, url.region]);
  const stops = useMemo(() => (url.rotateSeconds ? rotationStops(region) : []), [region, url.rotateSeconds]);
  useEffect(() => {
    if (!url.rotateSeconds || stops.length < 2) return;
    const started = Date.now();
    const timer = setInterval(() => setTick(rotationIndex(stops.length, Date.now() - started, url.rotateSeconds! * 1000)), 1000);
    return () => clearInterval(timer);
  }, [stops, url.rotateSeconds]);
  const shown = stops.length >= 2 ? stops[tick % stops.length] : region;
  // A wall told its region starts loading at once, before the region tree has arrived.
  const shownCode = shown?.code ?? (url.rotateSeconds ? null : url.region);
  const data = useWallData(access === 'denied' ? null : wallApi, shownCode, shown?.bbox ?? null, gridsDrawn);
  // A dropped stream may be a restart, or a token or session that is no longer good: ask which.
  const stale = data.live.status === 'stale';
  useEffect(() => {
    if (stale && access !== 'denied') wallApi.me().catch(() => undefined);
  }, [stale, access, wallApi]);
  const householdTiles = shownCode ? householdTileJsonUrl(window.location.origin, shownCode, data.householdsVersion) : null;
  const labels = useMemo(() => communityLabels(shown && regions ? findRegion(regions, shown.code) : null), [shown, regions]);
  const basemap = useMemo(
    () => (config ? chooseBasemap(config.basemaps, new URLSearchParams(search).get('basemap'), config.defaultBasemap) : null),
    [config, search],
  );

  const style = { '--u': `${unit}px` } as CSSProperties;
  if (access === 'denied') {
    return (
      <div className="wall wall--message" style={style} data-testid="wall-denied" role="alert">
        {t('wall.tokenInvalid')}
      </div>
    );
  }
  if (loadError) {
    return (
      <div className="wall wall--message" style={style} data-testid="wall-error" role="alert">
        {t('wall.error', { message: loadError })}
      </div>
    );
  }
  return (
    <div
      className="wall"
      style={style}
      data-testid="wall"
      data-region={shownCode ?? undefined}
      data-ready={data.overview && data.grids ? 'true' : undefined}
      data-as-of={data.overview?.asOf}
    >
      <WallHeader
        regionName={data.overview?.region.name ?? shown?.name ?? null}
        live={data.live}
        coverageAsOf={data.overview?.coverageAsOf ?? null}
        rotation={stops.length >= 2 ? { n: (tick % stops.length) + 1, total: stops.length } : null}
      />
      <KpiTiles kpis={data.overview?.kpis ?? null} />
      <div className="wall-body">
        <aside className="wall-column">
          <WallCharts overview={data.overview} unit={unit} side="left" />
        </aside>
        <main className="wall-centre">
          {config && basemap ? (
            <Suspense fallback={<div className="wall-loading">{t('wall.loading')}</div>}>
              <WallMap
                config={config}
                basemap={basemap}
                unit={unit}
                bounds={shown?.bbox ?? null}
                grids={data.grids}
                blindSpots={data.blindSpots}
                householdTiles={householdTiles}
                token={url.token}
                onTilesDenied={url.token ? onTokenDenied : undefined}
                heat={data.heat}
                fresh={data.fresh}
                labels={labels}
                onGridsDrawn={onGridsDrawn}
              />
            </Suspense>
          ) : (
            <div className="wall-loading">{t('wall.loading')}</div>
          )}
        </main>
        <aside className="wall-column">
          <WallCharts overview={data.overview} unit={unit} side="right" />
          <IncidentTicker incidents={data.ticker} />
        </aside>
      </div>
    </div>
  );
}
