import { useMemo } from 'react';
import type { StatsOverview } from '../../api/stats-client';
import { onTimeColor, wallBarsOption, wallPerDayOption } from '../../charts/wall-chart-options';
import type { MessageKey } from '../../i18n/zh-CN';
import { useT } from '../../i18n/use-t';
import { WallPanel as Panel } from './WallPanel';

interface Props {
  overview: StatsOverview | null;
  unit: number;
  side: 'left' | 'right';
}

const RANK_ROWS = 8;

/** The wall's ECharts panels: the left column is about incidents, the right about coverage. */
export function WallCharts({ overview, unit, side }: Props) {
  const { t } = useT();
  const o = overview;
  const perDay = useMemo(() => wallPerDayOption(o?.perDay ?? [], unit), [o, unit]);
  const byCategory = useMemo(
    () =>
      wallBarsOption(
        (o?.byCategory ?? []).map((r) => ({
          key: r.key,
          label: t(`incident.category.${r.key}` as MessageKey),
          value: r.count,
        })),
        unit,
        { color: '#38bdf8' },
      ),
    [o, unit, t],
  );
  const byStage = useMemo(
    () =>
      wallBarsOption(
        (o?.byStage ?? []).map((r) => ({
          key: r.key,
          label: t(`incident.status.${r.key}` as MessageKey),
          value: r.count,
        })),
        unit,
        { color: '#a78bfa' },
      ),
    [o, unit, t],
  );
  const ranking = useMemo(
    () =>
      wallBarsOption(
        (o?.onTimeRanking ?? []).slice(0, RANK_ROWS).map((r) => ({
          key: r.code,
          label: r.name,
          value: r.onTimeRate,
          color: onTimeColor(r.onTimeRate),
        })),
        unit,
        { color: '#3fbf8f', percent: true, max: 1 },
      ),
    [o, unit],
  );
  const service = useMemo(
    () =>
      wallBarsOption(
        (o?.service ?? []).map((r) => ({
          key: r.category,
          label: t(`service.category.${r.category}` as MessageKey),
          value: r.coverage,
          color: onTimeColor(r.coverage, 0.9),
        })),
        unit,
        { color: '#3fbf8f', percent: true, max: 1 },
      ),
    [o, unit, t],
  );

  // Each chart says which overview it has drawn (data-drawn = the overview's asOf).
  const drawn = o?.asOf;
  if (side === 'left') {
    return (
      <>
        <Panel title={t('wall.chart.perDay')} testid="chart-wall-per-day" drawn={drawn} option={perDay} grow={1} />
        <Panel title={t('wall.chart.category')} testid="chart-wall-category" drawn={drawn} option={byCategory} grow={1.3} />
        <Panel title={t('wall.chart.stage')} testid="chart-wall-stage" drawn={drawn} option={byStage} grow={1.1} />
      </>
    );
  }
  const rankTitle = o?.region.level === 'community' ? t('wall.chart.rankGrids') : t('wall.chart.rankCommunities');
  return (
    <>
      <Panel title={rankTitle} testid="chart-wall-ranking" drawn={drawn} option={ranking} grow={1.3} />
      <Panel title={t('wall.chart.service')} testid="chart-wall-service" drawn={drawn} option={service} grow={1.3} />
    </>
  );
}
