import { useT } from '../../i18n/use-t';
import { FreshnessBadge } from './FreshnessBadge';
import type { LiveState } from './live-connection';
import { WallClock } from './WallClock';
import { timeOfDay } from './wall-format';

interface Props {
  regionName: string | null;
  live: LiveState;
  coverageAsOf: string | null;
  rotation: { n: number; total: number } | null;
}

export function WallHeader({ regionName, live, coverageAsOf, rotation }: Props) {
  const { t } = useT();
  return (
    <header className="wall-header">
      <div className="wall-header__side">
        <FreshnessBadge live={live} />
        {coverageAsOf && <span className="wall-header__note">{t('wall.coverageAsOf', { time: timeOfDay(coverageAsOf) })}</span>}
      </div>
      <h1 className="wall-title" data-testid="wall-title">
        <span className="wall-title__region" data-testid="wall-region">
          {regionName ?? ''}
        </span>
        <span className="wall-title__main">{t('wall.title')}</span>
      </h1>
      <div className="wall-header__side wall-header__side--right">
        {rotation && (
          <span className="wall-header__note" data-testid="wall-rotation">
            {t('wall.rotate', rotation)}
          </span>
        )}
        <WallClock />
      </div>
    </header>
  );
}
