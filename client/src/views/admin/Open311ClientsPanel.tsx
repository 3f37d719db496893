// Open311 client keys: issue one per outside app (the key shown once), list, revoke.
import { adminApi, type Open311ClientInfo } from '../../api/admin-client';
import { useT } from '../../i18n/use-t';
import { formatInstant } from './admin-format';
import { AdminTable, RefusalNote, RevocableState, RevokeButton } from './AdminBits';
import { IssueForm } from './IssueForm';
import { useOpen311Clients } from './use-admin-data';
import { useIssueAndRevoke } from './use-issue-revoke';

export function Open311ClientsPanel() {
  const { t, lang } = useT();
  const clients = useOpen311Clients();
  const keys = useIssueAndRevoke('open311Clients', adminApi.issueOpen311Client, (client: Open311ClientInfo) => adminApi.revokeOpen311Client(client.id));
  return (
    <section className="admin-panel" data-testid="admin-clients">
      <p className="admin-lead">{t('admin.clients.lead')}</p>
      <IssueForm
        kind="client"
        keys={{ title: 'admin.clients.create', name: 'admin.clients.name', placeholder: 'admin.clients.namePlaceholder', submit: 'admin.clients.submit' }}
        busy={keys.issuing}
        nameRefused={keys.refusal?.field === 'name'}
        onIssue={keys.issue}
      />
      <RefusalNote refusal={keys.refusal} testid="client-refusal" />
      {keys.issued && (
        <div className="admin-issued" role="status" data-testid="client-issued">
          <p>{t('admin.clients.issued', { name: keys.issued.name })}</p>
          <code data-testid="client-key">{keys.issued.apiKey}</code>
        </div>
      )}
      {keys.revoked && (
        <p className="admin-done" role="status" data-testid="client-revoked">
          {t('admin.clients.revoked', { name: keys.revoked })}
        </p>
      )}
      <h3>{t('admin.clients.title')}</h3>
      <AdminTable
        what="admin.tab.clients"
        query={clients}
        columns={['admin.col.name', 'admin.col.created', 'admin.col.state', 'admin.col.actions']}
        count={clients.data?.length ?? null}
        empty="admin.clients.empty"
      >
        {clients.data?.map((client) => (
          <tr key={client.id} data-testid="client-row" data-name={client.name} data-revoked={client.revokedAt !== null}>
            <td>{client.name}</td>
            <td>{formatInstant(client.createdAt, lang)}</td>
            <RevocableState revokedAt={client.revokedAt} />
            <td>{client.revokedAt === null && <RevokeButton onRevoke={() => keys.revoke(client)} busy={keys.revoking} testid="client-revoke" />}</td>
          </tr>
        ))}
      </AdminTable>
    </section>
  );
}
