import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/http-client';
import { sessionApi } from '../api/session-client';
import type { MessageKey } from '../i18n/zh-CN';
import { useT } from '../i18n/use-t';
import { useSession } from './session-context';
import type { GatedView } from './session-state';

/** Username and password for the session cookie; `view` picks the line that says why. */
export function LoginForm({ view, expired = false }: { view: GatedView; expired?: boolean }) {
  const { t } = useT();
  const { loggedIn } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    sessionApi.login(username, password).then(loggedIn, (err: unknown) => {
      setBusy(false);
      setError(
        err instanceof ApiError && err.status === 401
          ? t('auth.login.wrong')
          : t('auth.login.failed', { message: err instanceof Error ? err.message : String(err) }),
      );
    });
  };
  return (
    <form className="login-form" onSubmit={submit} data-testid="login-form" data-view={view}>
      <h2>{t('auth.login.title')}</h2>
      {expired && (
        <p className="login-form__expired" role="status" data-testid="login-expired">
          {t('auth.login.expired')}
        </p>
      )}
      <p className="login-form__lead">{t(`auth.login.lead.${view}` as MessageKey)}</p>
      <label>
        {t('auth.login.username')}
        <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" required data-testid="login-username" />
      </label>
      <label>
        {t('auth.login.password')}
        <input
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
          required
          data-testid="login-password"
        />
      </label>
      <button type="submit" disabled={busy} data-testid="login-submit">
        {busy ? t('auth.login.submitting') : t('auth.login.submit')}
      </button>
      {error && (
        <p className="login-form__error" role="alert" data-testid="login-error">
          {error}
        </p>
      )}
    </form>
  );
}
