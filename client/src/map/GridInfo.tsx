import type { GridProperties } from '../api/types';
import { useT } from '../i18n/use-t';
import { formatCount, formatGridCode } from '../shared/format';

export function GridInfo({ grid }: { grid: GridProperties }) {
  const { t, lang } = useT();
  return (
    <div className="map-info" data-testid="grid-info">
      <strong>{grid.name}</strong>
      <span>{t(`grid.type.${grid.type}`)}</span>
      <span>{t('grid.households', { n: formatCount(grid.householdCount, lang) })}</span>
      <code>{formatGridCode(grid.code)}</code>
    </div>
  );
}
