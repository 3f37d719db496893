import type { Ref } from 'react';
import { useT } from '../i18n/use-t';

interface Props {
  /** The map measures the legend to keep the grids clear of it. */
  ref?: Ref<HTMLDivElement>;
  scoreStops: [number, string][];
  heatRamp: string[];
  flags: { gap: string; overlap: string; unstaffed: string };
}

/** What the wall map's colours mean, legible from across the room. */
export function WallMapLegend({ ref, scoreStops, heatRamp, flags }: Props) {
  const { t } = useT();
  const bands = scoreStops.map(([from, color], i) => ({ color, label: i + 1 < scoreStops.length ? `${from}–${scoreStops[i + 1][0]}` : `≥ ${from}` }));
  return (
    <div ref={ref} className="wall-legend" data-testid="wall-legend">
      <div className="wall-legend__title">{t('wall.legend.health')}</div>
      <ul>
        {bands.map((b) => (
          <li key={b.label}>
            <span className="wall-swatch" style={{ background: b.color }} />
            {b.label}
          </li>
        ))}
      </ul>
      <ul>
        <li>
          <span className="wall-swatch wall-swatch--hatch" style={{ borderColor: flags.gap }} />
          {t('wall.legend.gap')}
        </li>
        <li>
          <span className="wall-swatch wall-swatch--outline" style={{ borderColor: flags.overlap }} />
          {t('wall.legend.overlap')}
        </li>
        <li>
          <span className="wall-swatch wall-swatch--dashed" style={{ borderColor: flags.unstaffed }} />
          {t('wall.legend.unstaffed')}
        </li>
        <li>
          <span className="wall-swatch wall-swatch--dot" />
          {t('wall.legend.households')}
        </li>
      </ul>
      <div className="wall-legend__title">{t('wall.legend.heat')}</div>
      <div className="wall-ramp" style={{ background: `linear-gradient(90deg, ${heatRamp.slice(1).join(', ')})` }} />
      <div className="wall-ramp__ends">
        <span>{t('wall.legend.few')}</span>
        <span>{t('wall.legend.many')}</span>
      </div>
    </div>
  );
}
