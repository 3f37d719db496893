// /admin: what only admins manage — users, wall tokens, Open311 client keys, and the audit log.
import { useState } from 'react';
import { useT } from '../../i18n/use-t';
import type { MessageKey } from '../../i18n/zh-CN';
import { AuditPanel } from './AuditPanel';
import { DisplayTokensPanel } from './DisplayTokensPanel';
import { Open311ClientsPanel } from './Open311ClientsPanel';
import { UsersPanel } from './UsersPanel';
import './admin.css';

const TABS = [
  { id: 'users', key: 'admin.tab.users', Panel: UsersPanel },
  { id: 'tokens', key: 'admin.tab.tokens', Panel: DisplayTokensPanel },
  { id: 'clients', key: 'admin.tab.clients', Panel: Open311ClientsPanel },
  { id: 'audit', key: 'admin.tab.audit', Panel: AuditPanel },
] as const satisfies readonly { id: string; key: MessageKey; Panel: () => React.JSX.Element }[];

type TabId = (typeof TABS)[number]['id'];

export default function AdminPage() {
  const { t } = useT();
  const [tab, setTab] = useState<TabId>('users');
  const current = TABS.find((x) => x.id === tab) ?? TABS[0];
  return (
    <div className="admin-page" data-testid="admin-page">
      <h2 className="admin-page__title">{t('admin.title')}</h2>
      <div className="admin-tabs" role="tablist" aria-label={t('admin.tabs')}>
        {TABS.map((x) => (
          <button
            key={x.id}
            type="button"
            role="tab"
            id={`admin-tab-${x.id}`}
            aria-selected={x.id === tab}
            aria-controls="admin-tabpanel"
            className="admin-tabs__tab"
            onClick={() => setTab(x.id)}
            data-testid={`admin-tab-${x.id}`}
          >
            {t(x.key)}
          </button>
        ))}
      </div>
      <div id="admin-tabpanel" role="tabpanel" aria-labelledby={`admin-tab-${current.id}`}>
        <current.Panel />
      </div>
    </div>
  );
}
