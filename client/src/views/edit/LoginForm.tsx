import { useState, type FormEvent } from 'react';
import { gridEditsApi, type SessionUser } from '../../api/grid-edits-client';
import { useT } from '../../i18n/use-t';

export function LoginForm({ onLoggedIn }: { onLoggedIn: (user: SessionUser) => void }) {
  const { t } = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    gridEditsApi.login(username, password).then((r) => onLoggedIn(r.user), (err: Error) => setError(err.message));
  };
  return (
    <form className="edit-login" onSubmit={submit} data-testid="edit-login">
      <h2>{t('edit.login.title')}</h2>
      <p>{t('edit.login.lead')}</p>
      <label>
        {t('edit.login.username')}
        <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" data-testid="login-username" />
      </label>
      <label>
        {t('edit.login.password')}
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" data-testid="login-password" />
      </label>
      <button type="submit" data-testid="login-submit">{t('edit.login.submit')}</button>
      {error && <p className="edit-login__error" role="alert">{t('edit.login.failed', { message: error })}</p>}
    </form>
  );
}
