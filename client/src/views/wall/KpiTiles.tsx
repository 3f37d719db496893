import type { StatsKpisBody } from '../../../../server/schemas/stats.schema';
import type { MessageKey } from '../../i18n/zh-CN';
import { useT } from '../../i18n/use-t';
import { formatKpi, KPI_FIELD, KPI_KEYS, NO_VALUE, type KpiKey } from './wall-format';

// Tiles that turn red when they report something to act on.
const ALARM: Partial<Record<KpiKey, (k: StatsKpisBody) => boolean>> = {
  'overdue-incidents': (k) => k.overdueIncidents > 0,
  'blind-spots': (k) => k.blindSpots > 0,
  'on-time-rate': (k) => k.onTimeRate !== null && k.onTimeRate < 0.8,
  satisfaction: (k) => k.satisfactionRate !== null && k.satisfactionRate < 0.8,
};

/** `stale`: the figures are the last good ones, not current (greyed out, the alarms too). */
export function KpiTiles({ kpis, stale }: { kpis: StatsKpisBody | null; stale: boolean }) {
  const { t, lang } = useT();
  return (
    <ul className={`wall-kpis${stale ? ' wall-stale' : ''}`} data-testid="wall-kpis" data-stale={stale || undefined}>
      {KPI_KEYS.map((key) => {
        const alarm = kpis ? ALARM[key]?.(kpis) : false;
        return (
          <li
            key={key}
            className={`wall-kpi${alarm ? ' wall-kpi--alarm' : ''}`}
            data-testid={`kpi-${key}`}
            data-value={kpis ? String(kpis[KPI_FIELD[key]]) : undefined}
          >
            <span className="wall-kpi__value">{kpis ? formatKpi(key, kpis, lang) : NO_VALUE}</span>
            <span className="wall-kpi__label">{t(`wall.kpi.${key}` as MessageKey)}</span>
          </li>
        );
      })}
    </ul>
  );
}
