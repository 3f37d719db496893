import { useEffect, useRef } from 'react';
import { BarChart, LineChart } from 'echarts/charts';
import { BrushComponent, GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, BrushComponent, CanvasRenderer]);

export interface EChartProps {
  option: EChartsCoreOption;
  /** Index of the clicked data item and its name (a category, a grid id). */
  onClick?: (name: string, index: number) => void;
  /** lineX brush on a category axis: the first and last selected data index; null when cleared. */
  onBrush?: (range: [number, number] | null) => void;
  testid: string;
  className?: string;
}

/** One ECharts instance per chart, resized with its box; only this folder imports echarts. */
export function EChart({ option, onClick, onBrush, testid, className }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const handlers = useRef({ onClick, onBrush });
  handlers.current = { onClick, onBrush };

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    chart.on('click', (p) => handlers.current.onClick?.(String(p.name), p.dataIndex ?? 0));
    chart.on('brushEnd', (p) => {
      const area = (p as { areas?: { coordRange?: [number, number] }[] }).areas?.[0];
      handlers.current.onBrush?.(area?.coordRange ? [Math.round(area.coordRange[0]), Math.round(area.coordRange[1])] : null);
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    chart.setOption(option, { notMerge: true });
    if (onBrush) chart.dispatchAction({ type: 'takeGlobalCursor', key: 'brush', brushOption: { brushType: 'lineX', brushMode: 'single' } });
  }, [option, Boolean(onBrush)]);

  return <div ref={ref} className={className ?? 'echart'} data-testid={testid} />;
}
