import { useMemo } from 'react';
import type { IncidentStats } from '../../api/incidents-client';
import type { GridCollection } from '../../api/types';
import { barsOption, perDayOption } from '../../charts/analyze-chart-options';
import { EChart } from '../../charts/EChart';
import type { MessageKey } from '../../i18n/zh-CN';
import { useT } from '../../i18n/use-t';
import { addDays, STATUSES, toggle, type AnalyzeState } from './analyze-state';

interface Props {
  stats: IncidentStats | null;
  grids: GridCollection | null;
  state: AnalyzeState;
  update: (patch: Partial<AnalyzeState>) => void;
}

/** Linked charts: each follows the filters and the map extent, and a click or brush sets a filter. */
export function AnalyzeCharts({ stats, grids, state, update }: Props) {
  const { t } = useT();
  const byCategory = useMemo(
    () =>
      barsOption(
        (stats?.byCategory ?? []).map((r) => ({
          key: r.key,
          label: t(`incident.category.${r.key}` as MessageKey),
          count: r.count,
          selected: state.categories.includes(r.key),
        })),
      ),
    [stats, t, state.categories],
  );
  const byStage = useMemo(() => {
    const counts = new Map((stats?.byStatus ?? []).map((r) => [r.key, r.count]));
    // Lifecycle order, not size order: the stages read as a pipeline.
    const bars = [...STATUSES]
      .reverse()
      .filter((s) => counts.has(s))
      .map((s) => ({ key: s, label: t(`incident.status.${s}` as MessageKey), count: counts.get(s) ?? 0, selected: state.statuses.includes(s) }));
    return barsOption(bars.reverse(), '#a78bfa');
  }, [stats, t, state.statuses]);
  const names = useMemo(() => new Map((grids?.features ?? []).map((g) => [g.properties.id, g.properties])), [grids]);
  const topGrids = useMemo(
    () =>
      barsOption(
        (stats?.byGrid ?? []).slice(0, 10).map((r) => ({
          key: names.get(r.gridId)?.code ?? String(r.gridId),
          label: names.get(r.gridId)?.name ?? String(r.gridId),
          count: r.count,
          selected: state.grid === names.get(r.gridId)?.code,
        })),
        '#36cfa0',
      ),
    [stats, names, state.grid],
  );
  const days = stats?.byDay ?? [];
  const brushed = useMemo((): [number, number] | null => {
    if (!state.from && !state.to) return null;
    const a = state.from ? days.findIndex((d) => d.day >= state.from!) : 0;
    const b = state.to ? days.findLastIndex((d) => d.day < state.to!) : days.length - 1;
    return a >= 0 && b >= a ? [a, b] : null;
  }, [days, state.from, state.to]);
  const perDay = useMemo(() => perDayOption(days, brushed), [days, brushed]);

  return (
    <div className="analyze-charts" data-testid="analyze-charts">
      <p className="muted">{t('analyze.chart.extent')}</p>
      <figure>
        <figcaption>{t('analyze.chart.day')}</figcaption>
        <EChart
          testid="chart-per-day"
          className="echart echart--wide"
          option={perDay}
          onBrush={(range) => {
            if (!range || !days.length) return;
            const a = days[Math.max(0, range[0])]?.day;
            const b = days[Math.min(days.length - 1, range[1])]?.day;
            if (a && b) update({ from: a, to: addDays(b, 1), playAt: null });
          }}
        />
      </figure>
      <figure>
        <figcaption>{t('analyze.chart.category')}</figcaption>
        <EChart testid="chart-category" option={byCategory} onClick={(key) => update({ categories: toggle(state.categories, key) })} />
      </figure>
      <figure>
        <figcaption>{t('analyze.chart.stage')}</figcaption>
        <EChart testid="chart-stage" option={byStage} onClick={(key) => update({ statuses: toggle(state.statuses, key) })} />
      </figure>
      <figure>
        <figcaption>{t('analyze.chart.grids')}</figcaption>
        <EChart
          testid="chart-grids"
          className="echart echart--grids"
          option={topGrids}
          onClick={(code) => update({ grid: state.grid === code ? null : code })}
        />
      </figure>
    </div>
  );
}
