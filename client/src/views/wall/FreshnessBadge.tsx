import { useEffect, useState } from 'react';
import { useT } from '../../i18n/use-t';
import type { LiveState } from './live-connection';
import { timeOfDay } from './wall-format';

/** Live, or stale since when: the room must know when the screen stopped updating. */
export function FreshnessBadge({ live }: { live: LiveState }) {
  const { t } = useT();
  // The live dot beats once a second (see wall.css).
  const [dim, setDim] = useState(false);
  useEffect(() => {
    if (live.status !== 'live') return;
    const beat = setInterval(() => setDim((d) => !d), 1000);
    return () => {
      clearInterval(beat);
      setDim(false);
    };
  }, [live.status]);
  const text =
    live.status === 'live'
      ? t('wall.live')
      : live.status === 'stale' && live.since !== null
        ? t('wall.stale', { time: timeOfDay(new Date(live.since)) })
        : t('wall.connecting');
  return (
    <div className={`wall-freshness wall-freshness--${live.status}`} data-testid="freshness" data-state={live.status} role="status">
      <span className={`wall-freshness__dot${dim ? ' wall-freshness__dot--dim' : ''}`} />
      {text}
    </div>
  );
}
