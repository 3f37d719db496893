import type { BasemapConfig, BasemapId } from '../api/types';
import { useT } from '../i18n/use-t';

interface Props {
  basemaps: BasemapConfig[];
  value: BasemapId;
  onChange: (id: BasemapId) => void;
}

export function BasemapPicker({ basemaps, value, onChange }: Props) {
  const { t } = useT();
  return (
    <label className="map-control">
      <span>{t('map.basemap')}</span>
      <select data-testid="basemap-picker" value={value} onChange={(e) => onChange(e.target.value as BasemapId)}>
        {basemaps.map((b) => (
          <option key={b.id} value={b.id}>
            {t(`map.basemap.${b.id}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
