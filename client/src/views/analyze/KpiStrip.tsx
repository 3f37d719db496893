import type { IncidentKpis } from '../../api/incidents-client';
import { useT } from '../../i18n/use-t';
import { formatCount } from '../../shared/format';

export function formatRate(rate: number | null): string | null {
  return rate === null ? null : `${(rate * 100).toFixed(1)}%`;
}

export function KpiStrip({ kpis }: { kpis: IncidentKpis | null }) {
  const { t, lang } = useT();
  const none = t('analyze.none');
  const duration = (min: number | null) =>
    min === null ? none : min < 120 ? t('analyze.duration.min', { n: Math.round(min) }) : t('analyze.duration.h', { n: (min / 60).toFixed(1) });
  const items = [
    ['total', t('analyze.kpi.total'), kpis ? formatCount(kpis.total, lang) : none],
    ['close-rate', t('analyze.kpi.closeRate'), formatRate(kpis?.closeRate ?? null) ?? none],
    ['on-time', t('analyze.kpi.onTime'), formatRate(kpis?.onTimeCloseRate ?? null) ?? none],
    ['rework', t('analyze.kpi.rework'), formatRate(kpis?.reworkRate ?? null) ?? none],
    ['extension', t('analyze.kpi.extension'), formatRate(kpis?.extensionRate ?? null) ?? none],
    ['overdue', t('analyze.kpi.overdue'), kpis ? formatCount(kpis.overdue, lang) : none],
    ['satisfaction', t('analyze.kpi.satisfaction'), formatRate(kpis?.satisfactionRate ?? null) ?? none],
    ['d2d', t('analyze.kpi.d2d'), duration(kpis?.discoveryToDispatchMinutes ?? null)],
    ['d2c', t('analyze.kpi.d2c'), duration(kpis?.dispatchToCloseMinutes ?? null)],
  ] as const;
  return (
    <ul className="kpi-strip" data-testid="kpi-strip">
      {items.map(([id, label, value]) => (
        <li key={id} data-testid={`kpi-${id}`}>
          <span className="kpi__label">{label}</span>
          <span className="kpi__value">{value}</span>
        </li>
      ))}
    </ul>
  );
}
