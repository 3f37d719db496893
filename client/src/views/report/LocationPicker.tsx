import { lazy, Suspense, useCallback, useState } from 'react';
import type { GridProperties } from '../../api/types';
import type { MessageKey } from '../../i18n/zh-CN';
import { useT } from '../../i18n/use-t';
import { formatLngLat, type LngLat } from './report-form';
import { accuracyText, geolocationProblemKey } from './report-location';
import type { ReportMapData } from './use-report-map-data';

// maplibre-gl is the heaviest part of the page: the form is usable before it arrives.
const ReportLocationMap = lazy(() => import('../../map/ReportLocationMap').then((m) => ({ default: m.ReportLocationMap })));

export interface PickedLocation {
  point: LngLat;
  /** Metres, when the device gave the position; null when tapped on the map. */
  accuracyM: number | null;
}

interface Props {
  value: PickedLocation | null;
  onChange: (value: PickedLocation) => void;
  grid: GridProperties | null;
  mapData: ReportMapData;
  problem: MessageKey | null;
}

/** Step 3: a tap on the map, or the device's position (WGS-84, as the Geolocation API gives it). */
export function LocationPicker({ value, onChange, grid, mapData, problem }: Props) {
  const { t } = useT();
  const [locating, setLocating] = useState(false);
  const [geoProblem, setGeoProblem] = useState<MessageKey | null>(null);
  const [focusKey, setFocusKey] = useState(0);

  const pick = useCallback(
    (point: LngLat) => {
      setGeoProblem(null);
      onChange({ point, accuracyM: null });
    },
    [onChange],
  );

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setGeoProblem(geolocationProblemKey('unsupported'));
      return;
    }
    setLocating(true);
    setGeoProblem(null);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        onChange({ point: [position.coords.longitude, position.coords.latitude], accuracyM: position.coords.accuracy });
        setFocusKey((k) => k + 1);
      },
      (error) => {
        setLocating(false);
        setGeoProblem(geolocationProblemKey(error.code));
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 30_000 },
    );
  };

  const figures = value ? formatLngLat(value.point) : null;
  const accuracy = value?.accuracyM != null ? accuracyText(value.accuracyM) : null;
  return (
    <fieldset
      className={`report-step report-step--location${problem ? ' report-step--invalid' : ''}`}
      id="report-field-location"
      data-testid="report-location"
      aria-describedby="report-location-hint"
    >
      <legend>{t('report.location.legend')}</legend>
      <p className="report-hint" id="report-location-hint">
        {t('report.location.hint')}
      </p>
      <div className="report-location__actions report-location__actions--top">
        <button type="button" className="report-button report-button--locate" onClick={locate} disabled={locating} data-testid="report-locate">
          <span aria-hidden="true">◎</span> {locating ? t('report.location.locating') : t('report.location.useDevice')}
        </button>
      </div>
      {mapData.failed ? (
        <div className="report-map">
          <div className="report-map__loading">{t('report.map.error')}</div>
        </div>
      ) : mapData.config ? (
        <Suspense
          fallback={
            <div className="report-map">
              <div className="report-map__loading">{t('report.map.loading')}</div>
            </div>
          }
        >
          <ReportLocationMap
            config={mapData.config}
            grids={mapData.grids}
            value={value?.point ?? null}
            selectedGridId={grid?.id ?? null}
            onPick={pick}
            focusKey={focusKey}
          />
        </Suspense>
      ) : (
        <div className="report-map">
          <div className="report-map__loading">{t('report.map.loading')}</div>
        </div>
      )}
      <div
        className={`report-location__where${value ? '' : ' report-location__where--empty'}`}
        data-testid="report-location-chosen"
        data-lng={value?.point[0]}
        data-lat={value?.point[1]}
        aria-live="polite"
      >
        {figures ? (
          <>
            <strong>{t('report.location.chosen', figures)}</strong>
            <span>
              {accuracy
                ? t('report.location.fromDevice', { value: accuracy.value, unit: t(`report.location.unit.${accuracy.unit}`) })
                : t('report.location.fromMap')}
            </span>
            {mapData.grids &&
              (grid ? (
                <span className="report-location__grid" data-testid="report-location-grid">
                  {t('report.location.inGrid', { name: grid.name })}
                </span>
              ) : (
                <span className="report-location__nogrid" data-testid="report-location-nogrid">
                  {t('report.location.noGrid')}
                </span>
              ))}
          </>
        ) : (
          t('report.location.none')
        )}
      </div>
      {geoProblem && (
        <p className="report-field-problem" role="alert" data-testid="report-geo-problem">
          {t(geoProblem)}
        </p>
      )}
      {problem && (
        <p className="report-field-problem" data-testid="report-problem-location">
          {t(problem)}
        </p>
      )}
      <p className="report-wgs84" data-testid="report-wgs84">
        {t('report.location.wgs84')}
      </p>
    </fieldset>
  );
}
