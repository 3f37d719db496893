// The audit log: who changed what and when, filtered by actor, action and time, a page at a time.
// Filters are sent when the admin asks (a button), never half-typed on each keystroke.
import { useState, type FormEvent } from 'react';
import type { AuditAction, AuditEntry } from '../../api/admin-client';
import { useT } from '../../i18n/use-t';
import { AUDIT_ACTIONS } from '../../../../server/domain/vocabulary';
import { changedFields, formatInstant } from './admin-format';
import { AdminTable } from './AdminBits';
import { auditPage, auditQueryString, NO_AUDIT_FILTER, type AuditFilter } from './audit-query';
import { useAuditEntries } from './use-admin-data';

const isAction = (value: string): value is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(value);

function AuditFilters({ applied, onApply }: { applied: AuditFilter; onApply: (filter: AuditFilter) => void }) {
  const { t } = useT();
  const [draft, setDraft] = useState(applied);
  const set = (part: Partial<AuditFilter>) => setDraft((d) => ({ ...d, ...part }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(draft);
  };
  return (
    <form className="admin-form admin-form--filters" onSubmit={submit} data-testid="audit-filters">
      <label>
        {t('admin.audit.actor')}
        <input value={draft.actor} onChange={(e) => set({ actor: e.target.value })} placeholder={t('admin.audit.actorHint')} data-testid="audit-actor" />
      </label>
      <label>
        {t('admin.audit.action')}
        <select value={draft.action} onChange={(e) => set({ action: isAction(e.target.value) ? e.target.value : '' })} data-testid="audit-action">
          <option value="">{t('admin.audit.actionAll')}</option>
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {t(`admin.audit.action.${action}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('admin.audit.from')}
        <input type="datetime-local" value={draft.from} onChange={(e) => set({ from: e.target.value })} data-testid="audit-from" />
      </label>
      <label>
        {t('admin.audit.to')}
        <input type="datetime-local" value={draft.to} onChange={(e) => set({ to: e.target.value })} data-testid="audit-to" />
      </label>
      <span className="admin-form__buttons">
        <button type="submit" data-testid="audit-apply">
          {t('admin.audit.apply')}
        </button>
        <button
          type="button"
          onClick={() => {
            setDraft(NO_AUDIT_FILTER);
            onApply(NO_AUDIT_FILTER);
          }}
        >
          {t('admin.audit.reset')}
        </button>
      </span>
    </form>
  );
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  const { t, lang } = useT();
  return (
    <tr data-testid="audit-row" data-actor={entry.actor} data-action={entry.action} data-table={entry.table}>
      <td>{formatInstant(entry.at, lang)}</td>
      <td>{entry.actor}</td>
      <td>{t(`admin.audit.action.${entry.action}`)}</td>
      <td>{entry.table}</td>
      <td>{entry.rowKey ?? '—'}</td>
      <td className="admin-audit__changes">
        <details>
          <summary>{changedFields(entry.action, entry.before, entry.after).join(', ') || t('admin.audit.details')}</summary>
          <div className="admin-audit__json">
            <div>
              <strong>{t('admin.audit.before')}</strong>
              <pre>{JSON.stringify(entry.before, null, 1)}</pre>
            </div>
            <div>
              <strong>{t('admin.audit.after')}</strong>
              <pre>{JSON.stringify(entry.after, null, 1)}</pre>
            </div>
          </div>
        </details>
      </td>
    </tr>
  );
}

export function AuditPanel() {
  const { t } = useT();
  const [filter, setFilter] = useState<AuditFilter>(NO_AUDIT_FILTER);
  const [page, setPage] = useState(0);
  const entries = useAuditEntries(auditQueryString(filter, page));
  const shown = entries.data ? auditPage(entries.data) : null;
  return (
    <section className="admin-panel" data-testid="admin-audit">
      <AuditFilters
        applied={filter}
        onApply={(next) => {
          setFilter(next);
          setPage(0);
        }}
      />
      <AdminTable
        what="admin.tab.audit"
        query={entries}
        columns={['admin.audit.at', 'admin.audit.actor', 'admin.audit.action', 'admin.audit.table', 'admin.audit.row', 'admin.audit.changes']}
        count={shown?.rows.length ?? null}
        empty="admin.audit.empty"
        testid="audit-table"
        loading={entries.isPlaceholderData}
      >
        {shown?.rows.map((entry) => (
          <AuditRow key={entry.id} entry={entry} />
        ))}
      </AdminTable>
      <nav className="admin-pager" aria-label={t('admin.audit.pages')}>
        <button type="button" disabled={page === 0} onClick={() => setPage((p) => p - 1)} data-testid="audit-prev">
          {t('admin.audit.prev')}
        </button>
        <span data-testid="audit-page">{t('admin.audit.page', { page: page + 1 })}</span>
        <button type="button" disabled={!shown?.hasMore} onClick={() => setPage((p) => p + 1)} data-testid="audit-next">
          {t('admin.audit.next')}
        </button>
      </nav>
    </section>
  );
}
