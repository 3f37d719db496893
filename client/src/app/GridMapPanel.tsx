import { useT } from '../i18n/use-t';
import { GridMap, type GridMapPick } from '../map/GridMap';
import type { GridView } from '../shared/use-grid-view';
import { failureReason } from './load-failure';

/** The shared map every view starts from, with loading and error states (a failure offers a retry). */
export function GridMapPanel({ view, className, pick }: { view: GridView; className?: string; pick?: GridMapPick }) {
  const { t } = useT();
  if (view.error) {
    return (
      <div className="map-placeholder map-placeholder--error" role="alert" data-testid="map-error">
        <p>{t('home.loadFailed.map', { message: failureReason(t, view.failure) })}</p>
        <button type="button" className="retry-button" data-testid="map-retry" onClick={view.retry}>
          {t('home.retry')}
        </button>
      </div>
    );
  }
  if (!view.config || !view.basemap) {
    return (
      <div className="map-placeholder" data-testid="map-loading">
        {t('app.loading')}
      </div>
    );
  }
  return (
    <GridMap
      className={className}
      config={view.config}
      basemap={view.basemap}
      onBasemapChange={view.setBasemap}
      grids={view.grids}
      colorMode={view.colorMode}
      onColorModeChange={view.setColorMode}
      pick={pick}
    />
  );
}
