import { useState } from 'react';
import type { GridCollection, Region } from '../../api/types';
import type { MessageKey } from '../../i18n/zh-CN';
import { useT } from '../../i18n/use-t';
import { DateInput } from './DateInput';
import { CATEGORIES, DEFAULT_STATE, PRIORITIES, SOURCES, STATUSES, toggle, type AnalyzeState } from './analyze-state';

interface Props {
  state: AnalyzeState;
  update: (patch: Partial<AnalyzeState>) => void;
  regions: Region[];
  grids: GridCollection | null;
  drawing: boolean;
  onDraw: () => void;
}

function flatten(regions: Region[], depth = 0): { code: string; name: string; depth: number }[] {
  return regions.flatMap((r) => [{ code: r.code, name: r.name, depth }, ...flatten(r.children, depth + 1)]);
}

function Chips({ name, values, selected, onToggle }: { name: string; values: readonly string[]; selected: string[]; onToggle: (v: string) => void }) {
  const { t } = useT();
  return (
    <div className="chips" data-testid={`filter-${name}`}>
      {values.map((v) => (
        <button
          key={v}
          type="button"
          className={selected.includes(v) ? 'chip chip--on' : 'chip'}
          aria-pressed={selected.includes(v)}
          data-value={v}
          onClick={() => onToggle(v)}
        >
          {t(`incident.${name}.${v}` as MessageKey)}
        </button>
      ))}
    </div>
  );
}

/** Below this width the filters fold behind a button (analyze.css folds them under the same query). */
const NARROW_SCREEN = '(max-width: 900px)';

/** How many filters are set, shown on the folded panel's button so that a folded filter is not forgotten. */
function filtersSet(s: AnalyzeState): number {
  return (
    s.categories.length +
    s.statuses.length +
    s.sources.length +
    s.priorities.length +
    [s.from, s.to, s.region, s.grid, s.polygon].filter((v) => v !== null).length
  );
}

export function FilterPanel({ state, update, regions, grids, drawing, onDraw }: Props) {
  const { t } = useT();
  // Folded at first on a phone, where the open panel would push the map off the first screen.
  const [open, setOpen] = useState(() => !window.matchMedia(NARROW_SCREEN).matches);
  const set = filtersSet(state);
  return (
    <aside className={open ? 'analyze-filters' : 'analyze-filters is-folded'} data-testid="analyze-filters" aria-label={t('analyze.filters')}>
      <h2>
        <span className="analyze-filters__title">{t('analyze.filters')}</span>
        <button
          type="button"
          className="analyze-filters__toggle"
          data-testid="filters-toggle"
          aria-expanded={open}
          aria-controls="analyze-filter-fields"
          onClick={() => setOpen(!open)}
        >
          {t('analyze.filters')}
          {set > 0 && (
            <span className="analyze-filters__count" data-testid="filters-set">
              {t('analyze.filters.set', { n: set })}
            </span>
          )}
        </button>
      </h2>
      <div className="analyze-filters__fields" id="analyze-filter-fields">
        <fieldset>
          <legend>{t('analyze.category')}</legend>
          <Chips name="category" values={CATEGORIES} selected={state.categories} onToggle={(v) => update({ categories: toggle(state.categories, v) })} />
        </fieldset>
        <fieldset>
          <legend>{t('analyze.status')}</legend>
          <Chips name="status" values={STATUSES} selected={state.statuses} onToggle={(v) => update({ statuses: toggle(state.statuses, v) })} />
        </fieldset>
        <fieldset>
          <legend>{t('analyze.source')}</legend>
          <Chips name="source" values={SOURCES} selected={state.sources} onToggle={(v) => update({ sources: toggle(state.sources, v) })} />
        </fieldset>
        <fieldset>
          <legend>{t('analyze.priority')}</legend>
          <Chips name="priority" values={PRIORITIES} selected={state.priorities} onToggle={(v) => update({ priorities: toggle(state.priorities, v) })} />
        </fieldset>
        <fieldset className="date-range">
          <legend>{t('analyze.time')}</legend>
          <label htmlFor="analyze-from">{t('analyze.from')}</label>
          <DateInput id="analyze-from" testid="filter-from" value={state.from} onCommit={(from) => update({ from, playAt: null })} />
          <label htmlFor="analyze-to">{t('analyze.to')}</label>
          <DateInput id="analyze-to" testid="filter-to" value={state.to} onCommit={(to) => update({ to, playAt: null })} />
        </fieldset>
        <fieldset>
          <legend>{t('analyze.region')}</legend>
          <select data-testid="filter-region" value={state.region ?? ''} onChange={(e) => update({ region: e.target.value || null, grid: null })}>
            <option value="">{t('analyze.region.all')}</option>
            {flatten(regions).map((r) => (
              <option key={r.code} value={r.code}>
                {'\u3000'.repeat(r.depth)}
                {r.name}
              </option>
            ))}
          </select>
          <select data-testid="filter-grid" value={state.grid ?? ''} onChange={(e) => update({ grid: e.target.value || null })}>
            <option value="">{t('analyze.grid.all')}</option>
            {(grids?.features ?? []).map((g) => (
              <option key={g.properties.code} value={g.properties.code}>
                {g.properties.name}
              </option>
            ))}
          </select>
        </fieldset>
        <fieldset>
          <legend>{t('analyze.polygon')}</legend>
          {state.polygon && (
            <p className="muted" data-testid="polygon-active">
              {t('analyze.draw.active', { n: state.polygon.length })}
            </p>
          )}
          <div className="row">
            <button type="button" data-testid="draw-start" disabled={drawing} onClick={onDraw}>
              {t('analyze.draw.start')}
            </button>
            {state.polygon && (
              <button type="button" data-testid="draw-clear" onClick={() => update({ polygon: null })}>
                {t('analyze.draw.clear')}
              </button>
            )}
          </div>
        </fieldset>
        <button type="button" className="reset" data-testid="filter-reset" onClick={() => update({ ...DEFAULT_STATE, layer: state.layer, view: state.view })}>
          {t('analyze.reset')}
        </button>
      </div>
    </aside>
  );
}
