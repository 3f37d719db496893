// Small pieces every admin panel uses: a failed list with a retry, a refusal, a two-step revoke,
// and the region picker.
import { type ReactNode, useState } from 'react';
import { errorText, useRegions } from '../../api/queries';
import type { Region } from '../../api/types';
import { useT } from '../../i18n/use-t';
import type { MessageKey } from '../../i18n/zh-CN';
import type { AdminRefusal } from './admin-errors';
import { formatInstant } from './admin-format';

export function LoadFailed({ what, error, retry }: { what: MessageKey; error: unknown; retry: () => void }) {
  const { t } = useT();
  return (
    <div className="admin-failed" role="alert" data-testid="admin-load-failed">
      {t('admin.loadFailed', { what: t(what), message: errorText(error) ?? '' })}
      <button type="button" onClick={retry}>
        {t('admin.retry')}
      </button>
    </div>
  );
}

export function RefusalNote({ refusal, testid }: { refusal: AdminRefusal | null; testid: string }) {
  const { t } = useT();
  if (!refusal) return null;
  return (
    <p className="admin-refusal" role="alert" data-testid={testid} data-field={refusal.field}>
      {t(refusal.key, refusal.params)}
    </p>
  );
}

/** Revoking cannot be undone: the first click asks, the second does it. */
export function RevokeButton({ onRevoke, busy, testid }: { onRevoke: () => void; busy: boolean; testid: string }) {
  const { t } = useT();
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button type="button" className="admin-danger" onClick={() => setAsking(true)} data-testid={testid}>
        {t('admin.revoke')}
      </button>
    );
  return (
    <span className="admin-confirm">
      <button
        type="button"
        className="admin-danger admin-danger--solid"
        disabled={busy}
        onClick={() => {
          setAsking(false);
          onRevoke();
        }}
        data-testid={`${testid}-confirm`}
      >
        {t('admin.confirmRevoke')}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        {t('admin.cancel')}
      </button>
    </span>
  );
}

/** Every region, streets and communities indented under their parent, in tree order. */
function flatten(regions: readonly Region[], depth = 0): { region: Region; depth: number }[] {
  return regions.flatMap((region) => [{ region, depth }, ...flatten(region.children, depth + 1)]);
}

export function RegionSelect({
  id,
  value,
  onChange,
  emptyLabel,
  label,
  testid,
  invalid = false,
}: {
  /** For a <label htmlFor> round it. */
  id?: string;
  value: string;
  onChange: (code: string) => void;
  emptyLabel: string;
  label?: string;
  testid: string;
  invalid?: boolean;
}) {
  const regions = useRegions();
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-label={label} aria-invalid={invalid || undefined} data-testid={testid}>
      <option value="">{emptyLabel}</option>
      {flatten(regions.data ?? []).map(({ region, depth }) => (
        <option key={region.code} value={region.code}>
          {`${'\u3000'.repeat(depth)}${region.name}`}
        </option>
      ))}
    </select>
  );
}

/** Live, or revoked and when. */
export function RevocableState({ revokedAt }: { revokedAt: string | null }) {
  const { t, lang } = useT();
  return (
    <td className={revokedAt ? 'admin-state admin-state--off' : 'admin-state'}>
      {revokedAt ? `${t('admin.state.revoked')} ${formatInstant(revokedAt, lang)}` : t('admin.state.live')}
    </td>
  );
}

/** A list the view read: its failure with a retry, or its table with a line when it is empty. */
export function AdminTable({
  what,
  query,
  columns,
  count,
  empty,
  testid,
  loading = false,
  children,
}: {
  what: MessageKey;
  query: { isError: boolean; error: unknown; refetch: () => unknown };
  columns: readonly MessageKey[];
  /** How many rows there are; null while nothing has come yet. */
  count: number | null;
  empty: MessageKey;
  testid?: string;
  /** The rows shown are the last answer while the next loads. */
  loading?: boolean;
  children: ReactNode;
}) {
  const { t } = useT();
  return (
    <>
      {query.isError && <LoadFailed what={what} error={query.error} retry={() => void query.refetch()} />}
      {count !== null && (
        <div className="admin-table-wrap" data-testid={testid} data-loading={loading || undefined}>
          <table className="admin-table">
            <thead>
              <tr>
                {columns.map((key) => (
                  <th key={key}>{t(key)}</th>
                ))}
              </tr>
            </thead>
            <tbody>{children}</tbody>
          </table>
          {count === 0 && (
            <p className="admin-note" data-testid={testid && `${testid}-empty`}>
              {t(empty)}
            </p>
          )}
        </div>
      )}
    </>
  );
}
