import { lazy, Suspense, useCallback, useEffect, useMemo, useState, type CSSProperties } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useConfig, useRegions } from '../../api/queries';
import { createWallApi } from '../../api/stats-client';
import { householdTileJsonUrl } from '../../api/tile-urls';
import { useT } from '../../i18n/use-t';
import { chooseBasemap } from '../../map/basemap-style';
import { prefetchMapWorker } from '../../map/map-worker';
import { findRegion, pickRegion } from '../../shared/regions';
import { BlindSpotPanel } from './BlindSpotPanel';
import { blindSpotEntries, type SpotEntry } from './blind-spot-list';
import { IncidentTicker } from './IncidentTicker';
import { KpiTiles } from './KpiTiles';
import { rotationIndex, rotationStops } from './rotation';
import { shrinkToFit, useScreen, wallFitsScreen, MIN_WALL } from './use-screen-unit';
import { useWallData } from './use-wall-data';
import { WallCharts } from './WallCharts';
import { WallHeader } from './WallHeader';
import { reasonText, SmallScreenNotice, WallFailures, WallMessage } from './WallNotices';
import { panelIsStale } from './wall-staleness';
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
  const screen = useScreen();
  // A window smaller than the smallest wall says so; asked to, it shows the smallest wall shrunk.
  const [showAnyway, setShowAnyway] = useState(false);
  const fits = wallFitsScreen(screen.width, screen.height);
  const unit = fits ? screen.unit : MIN_WALL.width / 1920;
  const [access, setAccess] = useState<Access>(url.token ? 'checking' : 'ok');
  const configQuery = useConfig();
  const regionsQuery = useRegions();
  // The wall starts from both: a config without the region tree has nothing to show yet.
  const loaded = Boolean(configQuery.data && regionsQuery.data);
  const config = loaded ? configQuery.data! : null;
  const regions = loaded ? regionsQuery.data! : null;
  const startFailure = configQuery.error
    ? { part: 'config', error: configQuery.error }
    : regionsQuery.error
      ? { part: 'regions', error: regionsQuery.error }
      : null;
  const retryStart = () => {
    if (configQuery.error) void configQuery.refetch();
    if (regionsQuery.error) void regionsQuery.refetch();
  };
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

  // A region asked for that the tree does not hold is said so, not silently replaced by the county.
  const askedRegion = new URLSearchParams(search).get('region');
  const unknownRegion = askedRegion !== null && regions !== null && (url.region === null || findRegion(regions, url.region) === null);
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
  const idle = access === 'denied' || unknownRegion || (!fits && !showAnyway);
  const data = useWallData(idle ? null : wallApi, shownCode, shown?.bbox ?? null, gridsDrawn);
  // The blind spot the map is zoomed to: chosen from the list, forgotten when the region changes.
  const [focus, setFocus] = useState<{ region: string | null; id: string } | null>(null);
  const spotEntries = useMemo(() => blindSpotEntries(data.blindSpots, data.grids, data.overview?.grids ?? []), [data.blindSpots, data.grids, data.overview]);
  const focusEntry = focus && focus.region === shownCode ? (spotEntries.find((e) => e.id === focus.id) ?? null) : null;
  const onFocus = useCallback((entry: SpotEntry | null) => setFocus(entry ? { region: shownCode, id: entry.id } : null), [shownCode]);
  const failed = data.failures.map((f) => f.part);
  const stale = (panel: Parameters<typeof panelIsStale>[0]) => panelIsStale(panel, data.live, failed);
  // A dropped stream may be a restart, or a token or session that is no longer good: ask which.
  const linkDown = data.live.status === 'stale';
  useEffect(() => {
    if (linkDown && access !== 'denied') wallApi.me().catch(() => undefined);
  }, [linkDown, access, wallApi]);
  const householdTiles = shownCode ? householdTileJsonUrl(window.location.origin, shownCode, data.householdsVersion) : null;
  const labels = useMemo(() => communityLabels(shown && regions ? findRegion(regions, shown.code) : null), [shown, regions]);
  const basemap = useMemo(
    () => (config ? chooseBasemap(config.basemaps, new URLSearchParams(search).get('basemap'), config.defaultBasemap) : null),
    [config, search],
  );

  const style = { '--u': `${unit}px` } as CSSProperties;
  if (!fits && !showAnyway) {
    return <SmallScreenNotice style={style} width={screen.width} height={screen.height} onShowAnyway={() => setShowAnyway(true)} />;
  }
  if (access === 'denied') {
    return (
      <WallMessage testid="wall-denied" style={style}>
        {t('wall.tokenInvalid')}
      </WallMessage>
    );
  }
  if (startFailure) {
    return (
      <WallMessage testid="wall-error" style={style}>
        <p>{t('wall.fail.start', { part: t(`wall.part.${startFailure.part}` as 'wall.part.config'), reason: reasonText(t, startFailure.error) })}</p>
        <div className="wall-message__actions">
          <button type="button" data-testid="wall-retry" onClick={retryStart}>
            {t('wall.retry')}
          </button>
        </div>
      </WallMessage>
    );
  }
  if (unknownRegion) {
    const all = new URLSearchParams(search);
    all.delete('region');
    return (
      <WallMessage testid="wall-unknown-region" style={style}>
        <p>{t('wall.unknownRegion', { code: askedRegion })}</p>
        <div className="wall-message__actions">
          <Link to={{ search: all.toString() ? `?${all}` : '' }} data-testid="wall-show-all">
            {t('wall.unknownRegion.showAll')}
          </Link>
        </div>
      </WallMessage>
    );
  }
  // Shown anyway in a window too small: the smallest wall, shrunk to fit.
  const shrink = fits
    ? undefined
    : ({ width: MIN_WALL.width, height: MIN_WALL.height, transform: `scale(${shrinkToFit(screen.width, screen.height)})`, transformOrigin: '0 0' } as const);
  return (
    <div
      className="wall"
      style={{ ...style, ...shrink }}
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
      <WallFailures failures={data.failures} onRetry={data.retry} />
      <KpiTiles kpis={data.overview?.kpis ?? null} stale={stale('kpis')} />
      <div className="wall-body">
        <aside className="wall-column">
          <WallCharts overview={data.overview} unit={unit} side="left" stale={stale('charts')} />
        </aside>
        <main className="wall-centre">
          <div className={`wall-centre__map${stale('map') ? ' wall-stale' : ''}`} data-stale={stale('map') || undefined}>
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
                  focus={focusEntry?.feature ?? null}
                  onGridsDrawn={onGridsDrawn}
                />
              </Suspense>
            ) : (
              <div className="wall-loading">{t('wall.loading')}</div>
            )}
            {stale('map') && <span className="wall-stale__tag">{t('wall.staleTag')}</span>}
          </div>
          <BlindSpotPanel
            byKind={data.overview?.blindSpotsByKind ?? null}
            entries={spotEntries}
            focusId={focusEntry?.id ?? null}
            onFocus={onFocus}
            stale={stale('spots')}
          />
        </main>
        <aside className="wall-column">
          <WallCharts overview={data.overview} unit={unit} side="right" stale={stale('charts')} />
          <IncidentTicker incidents={data.ticker} stale={stale('ticker')} />
        </aside>
      </div>
    </div>
  );
}
