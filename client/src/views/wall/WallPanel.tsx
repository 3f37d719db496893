import { lazy, Suspense } from 'react';
import type { EChartsCoreOption } from 'echarts/core';

// echarts is loaded beside the wall, not before it: the KPI tiles and the map need not wait for it.
const chartModule = import('../../charts/EChart');
const EChart = lazy(() => chartModule.then((m) => ({ default: m.EChart })));

/** A titled chart panel of the wall; `grow` shares the column's height. */
export function WallPanel({ title, testid, option, grow, drawn }: { title: string; testid: string; option: EChartsCoreOption; grow: number; drawn?: string }) {
  return (
    <section className="wall-panel" style={{ flexGrow: grow }}>
      <h2>{title}</h2>
      <Suspense fallback={<div className="wall-chart" data-testid={testid} />}>
        <EChart testid={testid} className="wall-chart" option={option} drawn={drawn} />
      </Suspense>
    </section>
  );
}
