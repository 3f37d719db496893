import { useT } from '../../i18n/use-t';
import { loadFailureCause } from './load-failure';

/** What could not be loaded and why, in the user's language, with a retry. */
export function LoadFailure({ what, error, onRetry }: { what: string; error: unknown; onRetry: () => void }) {
  const { t } = useT();
  return (
    <div className="edit-load-failure" role="alert" data-testid="edit-load-failure">
      <p>{t('edit.load.failed', { what, why: t(`edit.load.cause.${loadFailureCause(error)}`) })}</p>
      <button type="button" onClick={onRetry} data-testid="edit-load-retry">
        {t('edit.load.retry')}
      </button>
    </div>
  );
}
