import { useT } from '../i18n/use-t';
import { legendItems, type ColorMode, type HouseholdNorm } from './grid-style';

export function GridLegend({ mode, norm }: { mode: ColorMode; norm?: HouseholdNorm }) {
  const { t } = useT();
  return (
    <ul className="map-legend" data-testid="map-legend">
      {legendItems(mode, norm).map((item) => (
        <li key={item.key}>
          <span className="swatch" style={{ background: item.color }} />
          {t(item.label.key, item.label.params)}
        </li>
      ))}
    </ul>
  );
}
