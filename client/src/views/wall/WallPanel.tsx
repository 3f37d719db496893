import { lazy, Suspense } from 'react';
import type { EChartsCoreOption } from 'echarts/core';

// echarts is loaded beside the wall, not before it: the KPI tiles and the map need not wait for it.
const chartModule = import('../../charts/EChart');
const EChart = lazy(() => chartModule.then((m) => ({ default: m.EChart })));

interface Props {
  title: string;
  /** A line under the title (what the chart leaves out, its target). */
  note?: string;
  testid: string;
  option: EChartsCoreOption;
  grow: number;
  drawn?: string;
  /** Drawn from figures that are not current: greyed out. */
  stale?: boolean;
  /** The keys of the rows drawn, top to bottom (data-rows: what tests read of a canvas). */
  rows?: string[];
}

/** A titled chart panel of the wall; `grow` shares the column's height. */
export function WallPanel({ title, note, testid, option, grow, drawn, stale, rows }: Props) {
  return (
    <section
      className={`wall-panel${stale ? ' wall-stale' : ''}`}
      style={{ flexGrow: grow }}
      data-testid={`${testid}-panel`}
      data-stale={stale || undefined}
      data-rows={rows?.join(' ')}
    >
      <h2>
        {title}
        {note && <small className="wall-panel__note">{note}</small>}
      </h2>
      <Suspense fallback={<div className="wall-chart" data-testid={testid} />}>
        <EChart testid={testid} className="wall-chart" option={option} drawn={drawn} />
      </Suspense>
    </section>
  );
}
