import type { MessageKey } from '../../i18n/zh-CN';
import { useT } from '../../i18n/use-t';
import { CheckReport } from './CheckReport';
import type { EditSession } from './use-edit-session';

/** The pending edit, what the server says it would do, and save / cancel. */
export function EditPanel({ session }: { session: EditSession }) {
  const { t } = useT();
  const { pending, check, byId } = session;
  const codeOf = (id: number) => byId.get(id)?.properties.code ?? String(id);
  const reasonText = (code: string) => t((`edit.reason.${code}` in REASON_KEYS ? `edit.reason.${code}` : 'edit.reason.other') as MessageKey);
  const blocked = check.status === 'checking' || check.status === 'error' || (check.status === 'report' && !check.report.valid);
  const title = !pending
    ? null
    : pending.kind === 'create'
      ? t('edit.panel.kind.create', { code: check.status === 'report' ? (check.report.code ?? '') : '' })
      : pending.kind === 'reshape' && pending.linked.length > 0
        ? t('edit.panel.kind.reshapeLinked', { code: codeOf(pending.gridId), n: pending.linked.length })
        : pending.kind === 'reshape'
          ? t('edit.panel.kind.reshape', { code: codeOf(pending.gridId) })
          : pending.kind === 'split'
            ? t('edit.panel.kind.split', { code: codeOf(pending.gridId) })
            : pending.kind === 'merge'
              ? t('edit.panel.kind.merge', { n: pending.ids.length })
              : pending.kind === 'revert'
                ? t('edit.panel.kind.revert', { code: codeOf(pending.gridId), version: pending.toVersion })
                : t('edit.panel.kind.delete', { code: codeOf(pending.gridId) });
  return (
    <section className="edit-panel" data-testid="edit-panel" aria-live="polite">
      <h2>{t('edit.panel.title')}</h2>
      {session.conflict && (
        <div className="edit-panel__conflict" role="alert" data-testid="edit-conflict">
          <p>{t('edit.conflict', { by: session.conflict.by, version: session.conflict.version })}</p>
          <button type="button" onClick={session.reload} data-testid="conflict-reload">
            {t('edit.conflict.reload')}
          </button>
        </div>
      )}
      {session.message && (
        <p
          className={`edit-panel__message edit-panel__message--${session.message.kind}`}
          data-testid="edit-message"
          data-kind={session.message.kind}
          role={session.message.kind === 'failed' ? 'alert' : 'status'}
        >
          {session.message.kind === 'saved'
            ? t('edit.saved', { codes: session.message.text })
            : t('edit.saveFailed', { message: reasonText(session.message.text) })}
          {/* The × is drawn by CSS: the message's text stays only the message. */}
          <button type="button" className="edit-panel__dismiss" onClick={session.dismissMessage} aria-label={t('edit.message.dismiss')} />
        </p>
      )}
      {!pending ? (
        <p className="edit-panel__none" data-testid="edit-none">
          {t('edit.panel.none')}
        </p>
      ) : (
        <>
          <h3 data-testid="pending-title">{title}</h3>
          {pending.kind === 'delete' ? (
            <p data-testid="delete-outside">{t('edit.panel.deleteOutside', { n: byId.get(pending.gridId)?.properties.householdCount ?? 0 })}</p>
          ) : (
            <CheckReport check={check} reasonText={reasonText} />
          )}
          <label className="edit-panel__reason">
            {t('edit.reason')}
            <input
              value={session.reason}
              onChange={(e) => session.setReason(e.target.value)}
              placeholder={t('edit.reason.placeholder')}
              maxLength={500}
              data-testid="edit-reason"
            />
          </label>
          <div className="edit-panel__actions">
            <button type="button" className="primary" disabled={blocked || session.saving} onClick={session.save} data-testid="edit-save">
              {pending.kind === 'revert' ? t('edit.panel.confirmRevert') : t('edit.save')}
            </button>
            <button type="button" onClick={session.cancel} data-testid="edit-cancel">
              {t('edit.cancel')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

// The reason codes with a message of their own; the rest read as "request failed".
const REASON_KEYS: Record<string, true> = Object.fromEntries(
  [
    'malformed_coordinates',
    'wrong_geometry_type',
    'unclosed_ring',
    'too_few_positions',
    'coordinates_out_of_range',
    'too_many_vertices',
    'missing_geometry',
    'invalid_polygon',
    'empty_geometry',
    'outside_community',
    'overlaps_grid',
    'unknown_community',
    'community_mismatch',
    'invalid_line',
    'line_does_not_split',
    'grids_not_adjacent',
    'different_communities',
    'duplicate_grid',
    'invalid_request',
    'version_required',
    'grid_not_found',
    'version_not_found',
    'grid_deleted',
    'stale_version',
    'no_free_code',
    'out_of_scope',
    'forbidden',
    'unauthorized',
  ].map((code) => [`edit.reason.${code}`, true]),
);
