import type { GridFeature, Region } from '../../api/types';
import { useT } from '../../i18n/use-t';
import { findRegion } from '../../shared/regions';
import './edit-grid.css';

/** The selected grid by name (not only its 15-digit code), and whether this user may change it. */
export function SelectedGrid({
  grids,
  editable,
  scope,
  regions,
}: {
  grids: GridFeature[];
  editable: Set<number> | null;
  scope: readonly string[] | null;
  regions: Region[] | null;
}) {
  const { t } = useT();
  // The scope by name (合德镇), as the supervisor knows it.
  const scopeText = (scope ?? []).map((code) => (regions ? findRegion(regions, code)?.name : null) ?? code).join('、');
  if (grids.length === 0) return null;
  const locked = editable !== null && grids.some((g) => !editable.has(g.properties.id));
  if (grids.length > 1)
    return (
      <section className="edit-grid" data-testid="selected-grid">
        <h2>{t('edit.grid.several', { n: grids.length })}</h2>
        <ul>
          {grids.map((g) => (
            <li key={g.properties.id}>
              {g.properties.name} <small>{g.properties.code}</small>
            </li>
          ))}
        </ul>
        {locked && (
          <p className="edit-grid__locked" data-testid="selected-grid-locked">
            {t('edit.grid.readOnlySome')}
          </p>
        )}
      </section>
    );
  const [{ properties: p }] = grids;
  return (
    <section className="edit-grid" data-testid="selected-grid" data-editable={locked ? 'false' : 'true'}>
      <h2 data-testid="selected-grid-name">{p.name}</h2>
      <dl>
        <dt>{t('edit.grid.code')}</dt>
        <dd>{p.code}</dd>
        <dt>{t('edit.grid.type')}</dt>
        <dd>{t(`edit.grid.type.${p.type}`)}</dd>
        <dt>{t('edit.grid.households')}</dt>
        <dd>{p.householdCount}</dd>
      </dl>
      {locked && (
        <p className="edit-grid__locked" data-testid="selected-grid-locked">
          {t('edit.grid.readOnly', { scope: scopeText })}
        </p>
      )}
    </section>
  );
}
