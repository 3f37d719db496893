import { EVERYWHERE } from '../../../../server/domain/edit-scope';
import type { BBox, GridFeature, Region } from '../../api/types';
import { useT } from '../../i18n/use-t';
import { collectionBounds } from '../../map/grid-geometry';
import { GridSearch } from './GridSearch';
import { RegionPicker } from './RegionPicker';
import './edit-grid.css';

/** The box grown by its own size on every side. */
const widened = ([w, s, e, n]: BBox): BBox => [w - (e - w), s - (n - s), e + (e - w), n + (n - s)];

/** Finding one's way in the editor: a street or community of the user's scope, or a grid by name or code. */
export function GridFinder(props: {
  root: Region | null;
  scope: readonly string[] | null;
  grids: readonly GridFeature[];
  onZoom: (bbox: BBox) => void;
  onSelectGrid: (id: number) => void;
}) {
  const { t } = useT();
  const pickGrid = (grid: GridFeature) => {
    props.onSelectGrid(grid.properties.id);
    const bounds = collectionBounds({ type: 'FeatureCollection', features: [grid] });
    // With its neighbours around it: a grid filling the map says nothing of where it is.
    if (bounds) props.onZoom(widened(bounds));
  };
  return (
    <section className="edit-find" data-testid="edit-find">
      <h2>{t('edit.find.title')}</h2>
      {props.scope && <RegionPicker root={props.root} scope={props.scope} onPick={props.onZoom} />}
      <GridSearch grids={props.grids} onPick={pickGrid} />
      {props.scope && !props.scope.includes(EVERYWHERE) && <p className="edit-find__legend">{t('edit.scope.legend')}</p>}
    </section>
  );
}
