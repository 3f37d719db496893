// What the wall says instead of (or above) its figures: it cannot start, a read failed, the
// region does not exist, the window is too small. Each in the user's language, with a way on.
import type { CSSProperties, ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { MessageKey } from '../../i18n/zh-CN';
import { useT } from '../../i18n/use-t';
import { MIN_WALL } from './use-screen-unit';
import { failureReason } from './wall-staleness';

type T = ReturnType<typeof useT>['t'];

/** "the server failed (HTTP 503)", "the server cannot be reached"… */
export function reasonText(t: T, error: unknown): string {
  const reason = failureReason(error);
  if (reason.kind === 'network') return t('wall.fail.network');
  if (reason.kind === 'denied') return t('wall.fail.denied');
  return t(reason.kind === 'server' ? 'wall.fail.server' : 'wall.fail.refused', { status: reason.status });
}

/** A full-screen message of the wall. */
export function WallMessage({ testid, style, children }: { testid: string; style: CSSProperties; children: ReactNode }) {
  return (
    <div className="wall wall--message" style={style} data-testid={testid} role="alert">
      <div className="wall-message">{children}</div>
    </div>
  );
}

/** The parts whose last read failed, why, and a retry; their panels are greyed out meanwhile. */
export function WallFailures({ failures, onRetry }: { failures: { part: string; error: unknown }[]; onRetry: () => void }) {
  const { t } = useT();
  if (failures.length === 0) return null;
  const parts = failures.map((f) => t(`wall.part.${f.part}` as MessageKey)).join('、');
  return (
    <div className="wall-failures" data-testid="wall-failures" data-parts={failures.map((f) => f.part).join(' ')} role="alert">
      <span>{t('wall.fail.parts', { parts, reason: reasonText(t, failures[0].error) })}</span>
      <button type="button" data-testid="wall-retry" onClick={onRetry}>
        {t('wall.retry')}
      </button>
    </div>
  );
}

/** The window is smaller than the smallest wall: say so, and offer the home page or a shrunk wall. */
export function SmallScreenNotice({ style, width, height, onShowAnyway }: { style: CSSProperties; width: number; height: number; onShowAnyway: () => void }) {
  const { t } = useT();
  return (
    <WallMessage testid="wall-small-screen" style={style}>
      <h1>{t('wall.small.title')}</h1>
      <p>{t('wall.small.body', { minWidth: MIN_WALL.width, minHeight: MIN_WALL.height, width, height })}</p>
      <div className="wall-message__actions">
        <Link to="/" data-testid="wall-home">
          {t('wall.small.home')}
        </Link>
        <button type="button" data-testid="wall-show-anyway" onClick={onShowAnyway}>
          {t('wall.small.anyway')}
        </button>
      </div>
    </WallMessage>
  );
}
