import { useT } from '../i18n/use-t';
import { COLOR_MODES, type ColorMode } from './grid-style';

interface Props {
  value: ColorMode;
  onChange: (mode: ColorMode) => void;
}

export function ColorModePicker({ value, onChange }: Props) {
  const { t } = useT();
  return (
    <label className="map-control">
      <span>{t('map.colorBy')}</span>
      <select data-testid="color-mode" value={value} onChange={(e) => onChange(e.target.value as ColorMode)}>
        {COLOR_MODES.map((m) => (
          <option key={m} value={m}>
            {t(`map.colorBy.${m}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
