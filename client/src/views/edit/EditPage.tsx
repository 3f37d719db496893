import { useMemo } from 'react';
import { useSession } from '../../auth/session-context';
import { useT } from '../../i18n/use-t';
import { EditMap } from '../../map/EditMap';
import { useGridView } from '../../shared/use-grid-view';
import { EditPanel } from './EditPanel';
import { EditToolbar } from './EditToolbar';
import { previewOf } from './edit-preview';
import { withLinked } from './pending-edit';
import { HistoryPanel } from './HistoryPanel';
import { useEditSession } from './use-edit-session';

export default function EditPage() {
  const { t } = useT();
  const view = useGridView();
  const { user } = useSession().state;
  const session = useEditSession(view.region?.code);
  const preview = useMemo(() => previewOf(session.check, session.avoidOverlaps), [session.check, session.avoidOverlaps]);
  const { pending } = session;
  const editing = pending?.kind === 'create' || pending?.kind === 'reshape' ? pending.geometry : null;
  const linked = useMemo(() => (pending?.kind === 'reshape' ? pending.linked : []), [pending]);
  // Neighbours moved along with a shared vertex show in their pending shape.
  const grids = useMemo(() => withLinked(session.grids, linked), [session.grids, linked]);
  const linkedIds = useMemo(() => linked.map((n) => n.gridId), [linked]);
  const selectedGrid = session.selected.length === 1 ? session.byId.get(session.selected[0]) : undefined;

  // The login gate shows this page only to a logged-in admin or supervisor.
  if (!user) return null;
  return (
    <div className="edit-page" data-testid="edit-page">
      <header className="edit-page__header">
        <h1 data-testid="view-title">{t('view.edit.title')}</h1>
      </header>
      <EditToolbar session={session} />
      <div className="edit-page__body">
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
          />
        ) : (
          <div className="map-placeholder">{t('app.loading')}</div>
        )}
        <aside className="edit-page__side">
          <EditPanel session={session} />
          {selectedGrid && !pending && <HistoryPanel grid={selectedGrid} onReverted={session.refresh} />}
        </aside>
      </div>
    </div>
  );
}
