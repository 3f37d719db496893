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
  /** Written to data-drawn once the chart has drawn this option: which data it shows (for tests and benchmarks). */
  drawn?: string;
}

/** One ECharts instance per chart, resized with its box; only this folder imports echarts. */
export function EChart({ option, onClick, onBrush, testid, className, drawn }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const fontRef = useRef('sans-serif');
  const handlers = useRef({ onClick, onBrush });
  handlers.current = { onClick, onBrush };

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    // The page's own (CJK) font, named: with ECharts' default sans-serif every label measured
    // goes through the browser's font fallback, several times slower.
    fontRef.current = getComputedStyle(el).fontFamily || 'sans-serif';
    chartRef.current = chart;
    chart.on('click', (p) => handlers.current.onClick?.(String(p.name), p.dataIndex ?? 0));
    chart.on('brushEnd', (p) => {
      const area = (p as { areas?: { coordRange?: [number, number] }[] }).areas?.[0];
      handlers.current.onBrush?.(area?.coordRange ? [Math.round(area.coordRange[0]), Math.round(area.coordRange[1])] : null);
    });
    // The observer's first call reports the size the chart was created at: redrawing then is wasted.
    const observer = new ResizeObserver(() => {
      if (el.clientWidth !== chart.getWidth() || el.clientHeight !== chart.getHeight()) chart.resize();
    });
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
    chart.setOption({ textStyle: { fontFamily: fontRef.current }, ...option }, { notMerge: true });
    if (onBrush) chart.dispatchAction({ type: 'takeGlobalCursor', key: 'brush', brushOption: { brushType: 'lineX', brushMode: 'single' } });
    if (drawn !== undefined) ref.current?.setAttribute('data-drawn', drawn);
  }, [option, Boolean(onBrush), drawn]);

  return <div ref={ref} className={className ?? 'echart'} data-testid={testid} />;
}
