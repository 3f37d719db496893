import { useMemo } from 'react';
import type { StatsOverview } from '../../api/stats-client';
import { ON_TIME_TARGET, onTimeColor, wallBarsOption, wallPerDayOption } from '../../charts/wall-chart-options';
import type { MessageKey } from '../../i18n/zh-CN';
import { useT } from '../../i18n/use-t';
import { onTimeRankingBars } from './on-time-ranking';
import { formatRate } from './wall-format';
import { WallPanel as Panel } from './WallPanel';

interface Props {
  overview: StatsOverview | null;
  unit: number;
  side: 'left' | 'right';
  /** The overview drawn is the last good one, not current. */
  stale: boolean;
}

const RANK_ROWS = 8;

/** The wall's ECharts panels: the left column is about incidents, the right about coverage. */
export function WallCharts({ overview, unit, side, stale }: Props) {
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
  // Worst first: the units to act on must never be the ones cut off the bottom.
  const rankingBars = useMemo(() => onTimeRankingBars(o?.onTimeRanking ?? [], RANK_ROWS), [o]);
  const ranking = useMemo(() => wallBarsOption(rankingBars.bars, unit, { color: '#3fbf8f', percent: true, max: 1 }), [rankingBars, unit]);
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
        <Panel title={t('wall.chart.perDay')} testid="chart-wall-per-day" drawn={drawn} stale={stale} option={perDay} grow={1} />
        <Panel title={t('wall.chart.category')} testid="chart-wall-category" drawn={drawn} stale={stale} option={byCategory} grow={1.3} />
        <Panel title={t('wall.chart.stage')} testid="chart-wall-stage" drawn={drawn} stale={stale} option={byStage} grow={1.1} />
      </>
    );
  }
  const rankTitle = o?.region.level === 'community' ? t('wall.chart.rankGrids') : t('wall.chart.rankCommunities');
  const rankNote = t('wall.rank.note', {
    target: formatRate(ON_TIME_TARGET),
    below: rankingBars.below,
    shown: rankingBars.bars.length,
    total: rankingBars.total,
  });
  return (
    <>
      <Panel
        title={rankTitle}
        note={o ? rankNote : undefined}
        testid="chart-wall-ranking"
        drawn={drawn}
        stale={stale}
        option={ranking}
        rows={rankingBars.bars.map((b) => b.key)}
        grow={1.3}
      />
      <Panel title={t('wall.chart.service')} testid="chart-wall-service" drawn={drawn} stale={stale} option={service} grow={1.3} />
    </>
  );
}
