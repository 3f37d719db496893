import { useT } from '../i18n/use-t';
import { GridMap } from '../map/GridMap';
import type { GridView } from '../shared/use-grid-view';

/** The shared map every view starts from, with loading and error states. */
export function GridMapPanel({ view, className }: { view: GridView; className?: string }) {
  const { t } = useT();
  if (view.error) {
    return (
      <div className="map-placeholder map-placeholder--error" role="alert" data-testid="map-error">
        {t('app.error', { message: view.error })}
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
    />
  );
}
