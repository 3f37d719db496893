import { useMemo, useState } from 'react';
import type { BBox } from '../../api/types';
import { useSession } from '../../auth/session-context';
import { useT } from '../../i18n/use-t';
import { EditMap } from '../../map/EditMap';
import { useGridView } from '../../shared/use-grid-view';
import { BlindSpotTodo } from './BlindSpotTodo';
import { EditPanel } from './EditPanel';
import { useEditKeys } from './edit-keys';
import { EditToolbar } from './EditToolbar';
import { anyLocked } from './editable-grids';
import { GridAttributesForm } from './GridAttributesForm';
import { GridFinder } from './GridFinder';
import { SelectedGrid } from './SelectedGrid';
import { useEditScope } from './use-edit-scope';
import { previewOf } from './edit-preview';
import { withLinked } from './pending-edit';
import { HistoryPanel } from './HistoryPanel';
import { LoadFailure } from './LoadFailure';
import { useEditLoad } from './use-edit-load';
import './edit.css';
import { useEditSession } from './use-edit-session';

export default function EditPage() {
  const { t } = useT();
  const view = useGridView();
  const { user } = useSession().state;
  const session = useEditSession(view.region?.code);
  const { pending } = session;
  // A restore shows the shape it brings back, as a clipped drawing does.
  const showStored = session.avoidOverlaps || pending?.kind === 'revert';
  const preview = useMemo(() => previewOf(session.check, showStored), [session.check, showStored]);
  const load = useEditLoad(view.region?.code);
  const [focus, setFocus] = useState<{ bounds: BBox } | null>(null);
  // On a narrow screen the side panel folds away under the map.
  const [sideOpen, setSideOpen] = useState(true);
  useEditKeys((action) => (action === 'undo' ? session.undo() : action === 'redo' ? session.redo() : session.escape()));
  const editing = pending?.kind === 'create' || pending?.kind === 'reshape' ? pending.geometry : null;
  const linked = useMemo(() => (pending?.kind === 'reshape' ? pending.linked : []), [pending]);
  // Neighbours moved along with a shared vertex show in their pending shape.
  const grids = useMemo(() => withLinked(session.grids, linked), [session.grids, linked]);
  const linkedIds = useMemo(() => linked.map((n) => n.gridId), [linked]);
  const selectedGrid = session.selected.length === 1 ? session.byId.get(session.selected[0]) : undefined;
  // Grids outside the user's scope are dimmed and their tools disabled before anyone tries.
  const { scope, editable } = useEditScope(user?.id ?? 0, session.grids);

  // The login gate shows this page only to a logged-in admin or supervisor.
  if (!user) return null;
  return (
    <div className="edit-page" data-testid="edit-page">
      <header className="edit-page__header">
        <h1 data-testid="view-title">{t('view.edit.title')}</h1>
      </header>
      <EditToolbar session={session} locked={anyLocked(session.selected, editable)} />
      {load.failure && (
        <div className="edit-page__failure">
          <LoadFailure what={t(load.failure.what)} error={load.failure.error} onRetry={load.retry} />
          {load.failure.stale && <p className="edit-stale">{t('edit.load.stale')}</p>}
        </div>
      )}
      <div className={`edit-page__body${load.failure?.stale ? ' edit-page__body--stale' : ''}`} data-stale={load.failure?.stale ? 'true' : undefined}>
        {view.config && view.basemap ? (
          <EditMap
            config={view.config}
            basemap={view.basemap}
            grids={grids}
            tool={session.tool}
            selected={session.selected}
            editing={editing}
            editingGridId={pending?.kind === 'reshape' ? pending.gridId : null}
            preview={preview}
            topological={session.topological}
            linkedIds={linkedIds}
            onSelect={session.onSelect}
            onPolygon={session.onPolygon}
            onLine={session.onLine}
            focus={focus}
            editable={editable}
          />
        ) : (
          <div className="map-placeholder">{load.failure ? null : t('app.loading')}</div>
        )}
        <aside className={`edit-page__side${sideOpen ? '' : ' edit-page__side--closed'}`}>
          <button type="button" className="edit-page__fold" aria-expanded={sideOpen} onClick={() => setSideOpen(!sideOpen)} data-testid="edit-side-toggle">
            {sideOpen ? t('edit.panel.collapse') : t('edit.panel.expand')}
          </button>
          <GridFinder
            root={view.region}
            scope={scope}
            grids={session.grids?.features ?? []}
            onZoom={(bounds) => setFocus({ bounds })}
            onSelectGrid={(id) => session.onSelect(id, false)}
          />
          <SelectedGrid grids={session.selected.flatMap((id) => session.byId.get(id) ?? [])} editable={editable} scope={scope} regions={view.regions} />
          {selectedGrid && !pending && editable?.has(selectedGrid.properties.id) && <GridAttributesForm grid={selectedGrid} />}
          <EditPanel session={session} />
          {selectedGrid && !pending && <HistoryPanel grid={selectedGrid} onRestore={session.restore} />}
          {view.region && !pending && <BlindSpotTodo region={view.region.code} onZoom={(bounds) => setFocus({ bounds })} />}
        </aside>
      </div>
    </div>
  );
}
