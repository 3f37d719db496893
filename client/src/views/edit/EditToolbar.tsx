import { useT } from '../../i18n/use-t';
import type { EditTool } from '../../map/EditMap';
import type { EditSession } from './use-edit-session';

const TOOLS: { tool: EditTool; key: 'edit.tool.select' | 'edit.tool.draw' | 'edit.tool.reshape' | 'edit.tool.split'; needsOne: boolean }[] = [
  { tool: 'select', key: 'edit.tool.select', needsOne: false },
  { tool: 'draw', key: 'edit.tool.draw', needsOne: false },
  { tool: 'reshape', key: 'edit.tool.reshape', needsOne: true },
  { tool: 'split', key: 'edit.tool.split', needsOne: true },
];

/** `locked`: the selection holds a grid outside the user's scope, so no tool may change it. */
export function EditToolbar({ session, locked = false }: { session: EditSession; locked?: boolean }) {
  const { t } = useT();
  const one = session.selected.length === 1;
  const busy = session.pending !== null;
  return (
    <div className="edit-toolbar" role="toolbar" data-testid="edit-toolbar">
      {TOOLS.map(({ tool, key, needsOne }) => (
        <button
          key={tool}
          type="button"
          aria-pressed={session.tool === tool}
          disabled={(needsOne && (!one || locked)) || (busy && session.tool !== tool && tool !== 'select')}
          onClick={() => session.setTool(tool)}
          data-testid={`tool-${tool}`}
        >
          {t(key)}
        </button>
      ))}
      <button type="button" disabled={session.selected.length < 2 || busy || locked} onClick={session.merge} data-testid="tool-merge">
        {t('edit.tool.merge')}
      </button>
      <button type="button" disabled={!one || busy || locked} onClick={session.remove} data-testid="tool-delete">
        {t('edit.tool.delete')}
      </button>
      <span className="edit-toolbar__sep" />
      <button type="button" disabled={!session.canUndo} onClick={session.undo} data-testid="tool-undo">
        {t('edit.tool.undo')}
      </button>
      <button type="button" disabled={!session.canRedo} onClick={session.redo} data-testid="tool-redo">
        {t('edit.tool.redo')}
      </button>
      <label className="edit-toolbar__toggle">
        <input type="checkbox" checked={session.avoidOverlaps} onChange={(e) => session.setAvoidOverlaps(e.target.checked)} data-testid="avoid-overlaps" />
        {t('edit.avoidOverlaps')}
      </label>
      <label className="edit-toolbar__toggle">
        <input type="checkbox" checked={session.topological} onChange={(e) => session.setTopological(e.target.checked)} data-testid="topological" />
        {t('edit.topological')}
      </label>
      <p className="edit-toolbar__hint" data-testid="edit-hint">
        {t(`edit.hint.${session.tool}`)}
      </p>
    </div>
  );
}
