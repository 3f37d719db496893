// Display tokens for unattended walls: issue one (with the address and QR code to open on the
// wall, shown once), see when each was last used, revoke.
import { useState } from 'react';
import { adminApi, type DisplayTokenInfo, type IssuedDisplayToken } from '../../api/admin-client';
import { useT } from '../../i18n/use-t';
import { formatInstant } from './admin-format';
import { AdminTable, RefusalNote, RegionSelect, RevocableState, RevokeButton } from './AdminBits';
import { IssueForm } from './IssueForm';
import { QrCode } from './QrCode';
import { useDisplayTokens } from './use-admin-data';
import { useIssueAndRevoke } from './use-issue-revoke';
import { wallLink } from './wall-link';

function IssuedToken({ issued, url }: { issued: IssuedDisplayToken; url: string }) {
  const { t } = useT();
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard?.writeText(url).then(() => setCopied(true));
  };
  return (
    <div className="admin-issued" role="status" data-testid="token-issued">
      <p>{t('admin.tokens.issued', { name: issued.name })}</p>
      <div className="admin-issued__body">
        <QrCode text={url} label={t('admin.tokens.qr')} />
        <div className="admin-issued__url">
          <span>{t('admin.tokens.url')}</span>
          <code data-testid="token-url">{url}</code>
          <span className="admin-issued__actions">
            <a href={url} target="_blank" rel="noreferrer" data-testid="token-open">
              {t('admin.tokens.open')}
            </a>
            <button type="button" onClick={copy}>
              {copied ? t('admin.tokens.copied') : t('admin.tokens.copy')}
            </button>
          </span>
        </div>
      </div>
    </div>
  );
}

function TokenRow({ token, onRevoke, busy }: { token: DisplayTokenInfo; onRevoke: () => void; busy: boolean }) {
  const { t, lang } = useT();
  return (
    <tr data-testid="token-row" data-name={token.name} data-revoked={token.revokedAt !== null}>
      <td>{token.name}</td>
      <td>{formatInstant(token.createdAt, lang)}</td>
      <td>{token.lastUsedAt ? formatInstant(token.lastUsedAt, lang) : t('admin.tokens.never')}</td>
      <RevocableState revokedAt={token.revokedAt} />
      <td>{token.revokedAt === null && <RevokeButton onRevoke={onRevoke} busy={busy} testid="token-revoke" />}</td>
    </tr>
  );
}

export function DisplayTokensPanel() {
  const { t } = useT();
  const tokens = useDisplayTokens();
  const [region, setRegion] = useState('');
  // The region is part of the wall's address, not of the token: the address is made as it is issued.
  const issueWithUrl = async (tokenName: string) => {
    const token = await adminApi.issueDisplayToken(tokenName);
    return { token, url: wallLink(window.location.origin, token.token, region || null) };
  };
  const walls = useIssueAndRevoke('displayTokens', issueWithUrl, (token: DisplayTokenInfo) => adminApi.revokeDisplayToken(token.id));
  return (
    <section className="admin-panel" data-testid="admin-tokens">
      <p className="admin-lead">{t('admin.tokens.lead')}</p>
      <IssueForm
        kind="token"
        keys={{ title: 'admin.tokens.create', name: 'admin.tokens.name', placeholder: 'admin.tokens.namePlaceholder', submit: 'admin.tokens.submit' }}
        busy={walls.issuing}
        nameRefused={walls.refusal?.field === 'name'}
        onIssue={walls.issue}
      >
        <label htmlFor="token-region">
          {t('admin.tokens.region')}
          <RegionSelect id="token-region" value={region} onChange={setRegion} emptyLabel={t('admin.tokens.regionAll')} testid="token-region" />
        </label>
      </IssueForm>
      <RefusalNote refusal={walls.refusal} testid="token-refusal" />
      {walls.issued && <IssuedToken issued={walls.issued.token} url={walls.issued.url} />}
      {walls.revoked && (
        <p className="admin-done" role="status" data-testid="token-revoked">
          {t('admin.tokens.revoked', { name: walls.revoked })}
        </p>
      )}
      <h3>{t('admin.tokens.title')}</h3>
      <AdminTable
        what="admin.tab.tokens"
        query={tokens}
        columns={['admin.col.name', 'admin.col.created', 'admin.tokens.lastUsed', 'admin.col.state', 'admin.col.actions']}
        count={tokens.data?.length ?? null}
        empty="admin.tokens.empty"
      >
        {tokens.data?.map((token) => (
          <TokenRow key={token.id} token={token} busy={walls.revoking} onRevoke={() => walls.revoke(token)} />
        ))}
      </AdminTable>
    </section>
  );
}
