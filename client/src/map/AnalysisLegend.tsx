import { STATUS_CODES } from '../../../server/domain/points-layout';
import type { MessageKey } from '../i18n/zh-CN';
import { useT } from '../i18n/use-t';
import { RAMP, STATUS_COLORS } from './analysis-layers';
import { formatLegendValue, HEAT_CELL_M, type LegendUnit, type Range } from './analysis-legend';
import './analysis-map.css';

interface Props {
  layer: 'heat' | 'hex' | 'points' | 'choropleth';
  metric: 'count' | 'overdue';
  sizeM: number;
  /** The values the layer's colours span, from what it draws (null: nothing drawn yet). */
  range: Range | null;
  /** Points: how many of each status code are drawn; null when only the colours are known. */
  statuses: Map<number, number> | null;
}

const unitOf = (layer: Props['layer'], metric: Props['metric']): LegendUnit =>
  layer === 'choropleth' ? 'per100' : layer === 'hex' && metric === 'overdue' ? 'share' : 'count';

/** What the /analyze map's colours mean, with the range of values drawn. */
export function AnalysisLegend({ layer, metric, sizeM, range, statuses }: Props) {
  const { t, lang } = useT();
  if (layer === 'points') {
    const shown = statuses ? STATUS_CODES.filter((_, code) => statuses.has(code)) : STATUS_CODES;
    const total = statuses ? [...statuses.values()].reduce((a, b) => a + b, 0) : null;
    return (
      <div className="analysis-legend" data-testid="analysis-legend" data-layer={layer} data-total={total ?? undefined}>
        <div className="analysis-legend__title">{t('analyzeMap.legend.points')}</div>
        <ul className="analysis-legend__statuses">
          {shown.map((status) => {
            const n = statuses?.get(STATUS_CODES.indexOf(status));
            return (
              <li key={status} data-status={status} data-count={n ?? undefined}>
                <span className="analysis-legend__dot" style={{ background: STATUS_COLORS[status] }} />
                {t(`incident.status.${status}` as MessageKey)}
                {n !== undefined && <span className="analysis-legend__n">{formatLegendValue(n, 'count', lang)}</span>}
              </li>
            );
          })}
        </ul>
        {total !== null && <div className="analysis-legend__total">{t('analyzeMap.legend.total', { n: formatLegendValue(total, 'count', lang) })}</div>}
      </div>
    );
  }
  const unit = unitOf(layer, metric);
  const title =
    layer === 'heat'
      ? t('analyzeMap.legend.heat', { m: HEAT_CELL_M })
      : layer === 'choropleth'
        ? t('analyzeMap.legend.choropleth')
        : t(metric === 'overdue' ? 'analyzeMap.legend.hexOverdue' : 'analyzeMap.legend.hexCount', { m: sizeM });
  // The heat fades in from nothing; the others run the whole ramp from the smallest value to the largest.
  const colors = layer === 'heat' ? ['rgba(31,111,139,0.2)', ...RAMP.slice(1)] : RAMP;
  return (
    <div className="analysis-legend" data-testid="analysis-legend" data-layer={layer} data-unit={unit} data-min={range?.[0]} data-max={range?.[1]}>
      <div className="analysis-legend__title">{title}</div>
      <div className="analysis-legend__ramp" style={{ background: `linear-gradient(90deg, ${colors.join(', ')})` }} />
      {range ? (
        <div className="analysis-legend__ends">
          <span data-testid="legend-min">{formatLegendValue(range[0], unit, lang)}</span>
          <span data-testid="legend-max">{formatLegendValue(range[1], unit, lang)}</span>
        </div>
      ) : (
        <div className="analysis-legend__ends muted">{t('analyzeMap.legend.none')}</div>
      )}
    </div>
  );
}
