import type { EChartsCoreOption } from 'echarts/core';
import { EChart } from '../../charts/EChart';

/** A titled chart panel of the wall; `grow` shares the column's height. */
export function WallPanel({ title, testid, option, grow }: { title: string; testid: string; option: EChartsCoreOption; grow: number }) {
  return (
    <section className="wall-panel" style={{ flexGrow: grow }}>
      <h2>{title}</h2>
      <EChart testid={testid} className="wall-chart" option={option} />
    </section>
  );
}
