// Pure ECharts options for the linked charts of /analyze (dark theme, legible at a glance).
import type { EChartsCoreOption } from 'echarts/core';

const AXIS = { axisLine: { lineStyle: { color: '#1d3350' } }, axisLabel: { color: '#93a9c4' }, splitLine: { lineStyle: { color: '#12233a' } } };
const GRID = { left: 8, right: 12, top: 10, bottom: 4, containLabel: true };
const TOOLTIP = { trigger: 'axis', backgroundColor: '#0d1b2e', borderColor: '#1d3350', textStyle: { color: '#e6f0fb' } };

export interface Bar {
  key: string;
  label: string;
  count: number;
  selected?: boolean;
}

/** Horizontal bars, largest on top; selected bars highlighted. */
export function barsOption(bars: Bar[], color = '#38bdf8'): EChartsCoreOption {
  const rows = [...bars].reverse();
  return {
    animation: false,
    grid: GRID,
    tooltip: TOOLTIP,
    xAxis: { type: 'value', ...AXIS, minInterval: 1, splitNumber: 3 },
    yAxis: {
      type: 'category',
      data: rows.map((b) => ({ value: b.key, label: b.label })),
      ...AXIS,
      // Every bar named (ECharts would drop every other label where they crowd); long names are cut.
      axisLabel: {
        color: '#93a9c4',
        interval: 0,
        fontSize: 11,
        width: 110,
        overflow: 'truncate',
        formatter: (key: string) => rows.find((b) => b.key === key)?.label ?? key,
      },
    },
    series: [
      {
        type: 'bar',
        data: rows.map((b) => ({ value: b.count, name: b.key, itemStyle: { color: b.selected ? '#f6c244' : color } })),
        barMaxWidth: 14,
      },
    ],
  };
}

/** Incidents per day with a lineX brush to pick the time range. */
export function perDayOption(days: { day: string; count: number }[], brushed: [number, number] | null): EChartsCoreOption {
  return {
    animation: false,
    grid: { ...GRID, top: 14 },
    tooltip: TOOLTIP,
    brush: {
      xAxisIndex: 0,
      brushType: 'lineX',
      brushMode: 'single',
      throttleType: 'debounce',
      brushStyle: { color: 'rgba(56,189,248,0.15)', borderColor: '#38bdf8' },
    },
    xAxis: { type: 'category', data: days.map((d) => d.day), ...AXIS },
    yAxis: { type: 'value', ...AXIS, minInterval: 1 },
    series: [
      {
        type: 'line',
        data: days.map((d) => d.count),
        showSymbol: false,
        lineStyle: { color: '#36cfa0', width: 1.5 },
        areaStyle: { color: 'rgba(54,207,160,0.15)' },
        markArea: brushed
          ? { itemStyle: { color: 'rgba(246,194,68,0.12)' }, data: [[{ xAxis: days[brushed[0]]?.day }, { xAxis: days[brushed[1]]?.day }]] }
          : undefined,
      },
    ],
  };
}
