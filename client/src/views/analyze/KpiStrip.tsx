import type { IncidentKpis } from '../../api/incidents-client';
import type { MessageKey } from '../../i18n/zh-CN';
import { useT } from '../../i18n/use-t';
import { formatCount } from '../../shared/format';
import { addDays } from './analyze-state';
import { kpiChange, type Period } from './periods';

export function formatRate(rate: number | null): string | null {
  return rate === null ? null : `${(rate * 100).toFixed(1)}%`;
}

/** The earlier period of the same length and its KPIs (null while they load or when they failed). */
export interface EarlierKpis {
  period: Period;
  kpis: IncidentKpis;
}

type Kind = 'count' | 'rate' | 'duration';
/** Which way a KPI gets better (its change is coloured by it); null: neither (事件总数). */
type Better = 'higher' | 'lower' | null;

const KPIS: { id: string; label: MessageKey; field: keyof IncidentKpis; kind: Kind; better: Better }[] = [
  { id: 'total', label: 'analyze.kpi.total', field: 'total', kind: 'count', better: null },
  { id: 'close-rate', label: 'analyze.kpi.closeRate', field: 'closeRate', kind: 'rate', better: 'higher' },
  { id: 'on-time', label: 'analyze.kpi.onTime', field: 'onTimeCloseRate', kind: 'rate', better: 'higher' },
  { id: 'rework', label: 'analyze.kpi.rework', field: 'reworkRate', kind: 'rate', better: 'lower' },
  { id: 'extension', label: 'analyze.kpi.extension', field: 'extensionRate', kind: 'rate', better: 'lower' },
  { id: 'overdue', label: 'analyze.kpi.overdue', field: 'overdue', kind: 'count', better: 'lower' },
  { id: 'satisfaction', label: 'analyze.kpi.satisfaction', field: 'satisfactionRate', kind: 'rate', better: 'higher' },
  { id: 'd2d', label: 'analyze.kpi.d2d', field: 'discoveryToDispatchMinutes', kind: 'duration', better: 'lower' },
  { id: 'd2c', label: 'analyze.kpi.d2c', field: 'dispatchToCloseMinutes', kind: 'duration', better: 'lower' },
];

/** A change with its sign as shown: + or − (a real minus), ± when it shows as nothing. */
function signed(magnitude: string, change: number): string {
  return /[1-9]/.test(magnitude) ? `${change > 0 ? '+' : '−'}${magnitude}` : `±${magnitude}`;
}

export function KpiStrip({ kpis, earlier }: { kpis: IncidentKpis | null; earlier: EarlierKpis | null }) {
  const { t, lang } = useT();
  const none = t('analyze.none');
  const duration = (min: number) => (min < 120 ? t('analyze.duration.min', { n: Math.round(min) }) : t('analyze.duration.h', { n: (min / 60).toFixed(1) }));
  const shown = (kind: Kind, value: number | null) =>
    value === null ? none : kind === 'count' ? formatCount(value, lang) : kind === 'rate' ? (formatRate(value) ?? none) : duration(value);
  const changeText = (kind: Kind, change: number) =>
    kind === 'count'
      ? signed(formatCount(Math.abs(change), lang), change)
      : kind === 'rate'
        ? t('analyze.compare.points', { n: signed((Math.abs(change) * 100).toFixed(1), change) })
        : signed(duration(Math.abs(change)), change);
  // An earlier period without incidents has nothing to compare with (every count would be "+all").
  const compared = earlier && earlier.kpis.total > 0 ? earlier : null;
  const earlierDays = earlier ? { from: earlier.period.from, to: addDays(earlier.period.to, -1) } : null;
  return (
    <ul className="kpi-strip" data-testid="kpi-strip" data-earlier-from={earlier?.period.from} data-earlier-to={earlier?.period.to}>
      {KPIS.map(({ id, label, field, kind, better }) => {
        const value = kpis ? kpis[field] : null;
        const before = compared ? compared.kpis[field] : null;
        const change = kpiChange(value, before);
        const text = change === null ? null : changeText(kind, change);
        // A change too small to show (±0) is coloured neither way.
        const direction = change === null || text?.includes('±') || better === null ? null : change > 0 === (better === 'higher') ? 'better' : 'worse';
        return (
          <li key={id} data-testid={`kpi-${id}`} data-earlier={before ?? undefined} data-change={change ?? undefined}>
            <span className="kpi__label">{t(label)}</span>
            <span className="kpi__value">{shown(kind, value)}</span>
            {id === 'total' && earlier && !compared && earlierDays && (
              <span className="kpi__change" data-testid="compare-empty" title={t('analyze.compare.empty', earlierDays)}>
                {t('analyze.compare.none')}
              </span>
            )}
            {text !== null && earlierDays && (
              <span
                className={direction ? `kpi__change kpi__change--${direction}` : 'kpi__change'}
                title={t('analyze.compare.earlier', { ...earlierDays, value: shown(kind, before) })}
              >
                {t('analyze.compare', { change: text })}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
