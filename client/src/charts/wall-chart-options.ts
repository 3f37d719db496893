// Pure ECharts options for the command-centre wall: dark, large type, no animation (a wall must
// not flicker on every live update). `u` is the screen unit: 1 on a 1920-wide wall, 2 on 3840.
import type { EChartsCoreOption } from 'echarts/core';

const TEXT = '#c9dcf2';
const DIM = '#7f9bbd';
const LINE = '#1d3350';

function axes(u: number) {
  return {
    axisLine: { lineStyle: { color: LINE, width: u } },
    axisTick: { show: false },
    axisLabel: { color: DIM, fontSize: 13 * u },
    splitLine: { lineStyle: { color: '#12233a', width: u } },
  };
}
const grid = (u: number, extra = {}) => ({ left: 8 * u, right: 16 * u, top: 10 * u, bottom: 4 * u, containLabel: true, ...extra });

export interface WallBar {
  key: string;
  label: string;
  value: number | null;
  color?: string;
}

/** Horizontal bars, first item on top; `percent` shows values as percentages of 1. */
export function wallBarsOption(bars: WallBar[], u: number, opts: { color: string; percent?: boolean; max?: number }): EChartsCoreOption {
  const rows = [...bars].reverse();
  const fmt = (v: number | null) => (v === null ? '—' : opts.percent ? `${(Math.floor(v * 1000 + 1e-9) / 10).toFixed(1)}%` : String(v));
  return {
    animation: false,
    grid: grid(u, { right: 64 * u }),
    xAxis: { type: 'value', ...axes(u), max: opts.max, axisLabel: { show: false }, splitLine: { show: false } },
    // Every row is labelled (interval 0), which also spares ECharts measuring labels to thin them out.
    yAxis: { type: 'category', data: rows.map((b) => b.label), ...axes(u), axisLabel: { color: TEXT, fontSize: 14 * u, interval: 0 } },
    series: [
      {
        type: 'bar',
        data: rows.map((b) => ({ value: b.value ?? 0, itemStyle: { color: b.color ?? opts.color, borderRadius: [0, 3 * u, 3 * u, 0] } })),
        barMaxWidth: 14 * u,
        label: { show: true, position: 'right', color: TEXT, fontSize: 13 * u, formatter: (p: { dataIndex: number }) => fmt(rows[p.dataIndex].value) },
      },
    ],
  };
}

/** Incidents per day, oldest first; day keys shown as MM-DD. */
export function wallPerDayOption(days: { day: string; count: number }[], u: number): EChartsCoreOption {
  return {
    animation: false,
    grid: grid(u, { top: 16 * u }),
    xAxis: { type: 'category', data: days.map((d) => d.day.slice(5)), ...axes(u), axisLabel: { color: DIM, fontSize: 12 * u, interval: 6 } },
    yAxis: { type: 'value', ...axes(u), minInterval: 1, splitNumber: 3 },
    series: [
      {
        type: 'line',
        data: days.map((d) => d.count),
        showSymbol: false,
        smooth: 0.3,
        lineStyle: { color: '#38bdf8', width: 2.5 * u },
        areaStyle: { color: 'rgba(56,189,248,0.18)' },
      },
    ],
  };
}

/** The 按期结案率 the county expects (the coverage engine's default onTimeThreshold). */
export const ON_TIME_TARGET = 0.8;

/** 按期结案率 colour: green from the threshold up, amber just below, red further down. */
export function onTimeColor(rate: number | null, threshold = ON_TIME_TARGET): string {
  if (rate === null) return '#51657d';
  if (rate >= threshold) return '#3fbf8f';
  return rate >= threshold - 0.1 ? '#f5a524' : '#e5484d';
}
