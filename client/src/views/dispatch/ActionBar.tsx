import { useT } from '../../i18n/use-t';
import type { DispatchAction } from './dispatch-actions';
import { keyLabel } from './dispatch-keys';
import { actionLabel } from './dispatch-labels';

const PRIMARY: readonly DispatchAction[] = ['accept', 'dispatch', 'verify', 'close'];
const CAUTION: readonly DispatchAction[] = ['reject', 'return'];

/** The actions the open incident's status allows, each with its key printed on it. */
export function ActionBar({ offered, busy, onAction }: { offered: DispatchAction[]; busy: boolean; onAction: (a: DispatchAction) => void }) {
  const { t } = useT();
  if (offered.length === 0)
    return (
      <p className="action-bar action-bar--none" data-testid="actions-none">
        {t('dispatch.actions.none')}
      </p>
    );
  return (
    <div className="action-bar" role="toolbar" aria-label={t('dispatch.actions.label')} data-testid="action-bar">
      {offered.map((a) => {
        const kind = PRIMARY.includes(a) ? 'primary' : CAUTION.includes(a) ? 'caution' : 'plain';
        return (
          <button
            key={a}
            type="button"
            className={`action-button action-button--${kind}`}
            data-testid={`action-${a}`}
            disabled={busy}
            aria-keyshortcuts={keyLabel(a)}
            title={t('dispatch.action.keyHint', { key: keyLabel(a) })}
            onClick={() => onAction(a)}
          >
            {actionLabel(t, a)}
            <kbd>{keyLabel(a)}</kbd>
          </button>
        );
      })}
    </div>
  );
}
