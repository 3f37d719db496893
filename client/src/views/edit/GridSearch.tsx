import { useId, useMemo, useState } from 'react';
import type { GridFeature } from '../../api/types';
import { useT } from '../../i18n/use-t';
import { gridLabel, searchGrids } from './editable-grids';

/** Finds a grid by part of its name or code; choosing one selects it and zooms the map to it. */
export function GridSearch({ grids, onPick }: { grids: readonly GridFeature[]; onPick: (grid: GridFeature) => void }) {
  const { t } = useT();
  const [query, setQuery] = useState('');
  const found = useMemo(() => searchGrids(grids, query), [grids, query]);
  const listId = useId();
  const pick = (grid: GridFeature) => {
    onPick(grid);
    setQuery('');
  };
  return (
    <div className="edit-find__search">
      <label className="edit-find__field">
        {t('edit.find.search')}
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && found[0]) pick(found[0]);
          }}
          placeholder={t('edit.find.searchPlaceholder')}
          aria-controls={listId}
          data-testid="grid-search"
        />
      </label>
      {query.trim() && (
        <ul id={listId} className="edit-find__results" data-testid="grid-search-results">
          {found.length === 0 && <li className="edit-find__none">{t('edit.find.none', { query: query.trim() })}</li>}
          {found.map((g) => (
            <li key={g.properties.id}>
              <button type="button" onClick={() => pick(g)} data-testid="grid-search-result">
                {gridLabel(g)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
