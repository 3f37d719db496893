import type { Region } from '../../api/types';
import { useT } from '../../i18n/use-t';
import { categoryLabel, statusLabel } from './dispatch-labels';
import { DEFAULT_FILTER, OPEN_STATUSES, QUEUE_CATEGORIES, QUEUE_STATUSES, SORTS, toggled, type QueueFilter, type QueueSort } from './dispatch-queue';

/** The region tree as indented options: county, its streets, their communities. */
function regionOptions(regions: Region[], depth = 0): { code: string; label: string }[] {
  return regions.flatMap((r) => [{ code: r.code, label: `${'\u3000'.repeat(depth)}${r.name}` }, ...regionOptions(r.children, depth + 1)]);
}

export function QueueFilters({ filter, regions, onChange }: { filter: QueueFilter; regions: Region[]; onChange: (f: QueueFilter) => void }) {
  const { t, lang } = useT();
  const isOpenWork = filter.statuses.length === OPEN_STATUSES.length && OPEN_STATUSES.every((s) => filter.statuses.includes(s));
  return (
    <div className="dispatch-filters" data-testid="dispatch-filters">
      <div className="dispatch-filters__row" role="group" aria-label={t('dispatch.filter.status')} data-testid="dispatch-filter-status">
        <span className="dispatch-filters__label">{t('dispatch.filter.status')}</span>
        <button
          type="button"
          className={isOpenWork ? 'chip chip--on' : 'chip'}
          aria-pressed={isOpenWork}
          data-value="open"
          onClick={() => onChange({ ...filter, statuses: [...OPEN_STATUSES] })}
        >
          {t('dispatch.filter.open')}
        </button>
        {QUEUE_STATUSES.map((s) => {
          const on = filter.statuses.includes(s);
          return (
            <button
              key={s}
              type="button"
              className={on ? 'chip chip--on' : 'chip'}
              aria-pressed={on}
              data-value={s}
              onClick={() => onChange({ ...filter, statuses: toggled(filter.statuses, s, QUEUE_STATUSES) })}
            >
              {statusLabel(t, lang, s)}
            </button>
          );
        })}
      </div>
      <div className="dispatch-filters__row" role="group" aria-label={t('dispatch.filter.category')} data-testid="dispatch-filter-category">
        <span className="dispatch-filters__label">{t('dispatch.filter.category')}</span>
        {QUEUE_CATEGORIES.map((c) => {
          const on = filter.categories.includes(c);
          return (
            <button
              key={c}
              type="button"
              className={on ? 'chip chip--on' : 'chip'}
              aria-pressed={on}
              data-value={c}
              onClick={() => onChange({ ...filter, categories: toggled(filter.categories, c, QUEUE_CATEGORIES) })}
            >
              {categoryLabel(t, lang, c)}
            </button>
          );
        })}
      </div>
      <div className="dispatch-filters__row">
        <label className="dispatch-filters__field">
          <span className="dispatch-filters__label">{t('dispatch.filter.region')}</span>
          <select data-testid="dispatch-filter-region" value={filter.region ?? ''} onChange={(e) => onChange({ ...filter, region: e.target.value || null })}>
            <option value="">{t('dispatch.filter.allRegions')}</option>
            {regionOptions(regions).map((o) => (
              <option key={o.code} value={o.code}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <label className="dispatch-filters__check">
          <input
            type="checkbox"
            data-testid="dispatch-filter-overdue"
            checked={filter.overdue}
            onChange={(e) => onChange({ ...filter, overdue: e.target.checked })}
          />
          {t('dispatch.filter.overdue')}
        </label>
        <label className="dispatch-filters__field">
          <span className="dispatch-filters__label">{t('dispatch.sort')}</span>
          <select data-testid="dispatch-sort" value={filter.sort} onChange={(e) => onChange({ ...filter, sort: e.target.value as QueueSort })}>
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`dispatch.sort.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="link-button" data-testid="dispatch-filter-reset" onClick={() => onChange({ ...DEFAULT_FILTER })}>
          {t('dispatch.filter.reset')}
        </button>
      </div>
    </div>
  );
}
