import type { SessionUser } from '../api/session-client';
import { useT } from '../i18n/use-t';
import { roleKey } from './role-names';
import { useSession } from './session-context';
import type { Role } from './session-state';

/** A logged-in user this view is not for (an analyst on /edit): says so, and offers another account. */
export function ForbiddenNotice({ user, allowed, message }: { user: SessionUser; allowed: readonly Role[]; message: string | null }) {
  const { t } = useT();
  const { logout } = useSession();
  const name = (role: string) => {
    const key = roleKey(role);
    return key ? t(key) : role;
  };
  return (
    <div className="login-form login-form--forbidden" role="alert" data-testid="access-forbidden" data-role={user.role}>
      <h2>{t('auth.forbidden.title')}</h2>
      <p>
        {message
          ? t('auth.forbidden.server', { message })
          : t('auth.forbidden.role', { username: user.username, role: name(user.role), roles: allowed.map(name).join(t('auth.or')) })}
      </p>
      <button type="button" onClick={() => void logout()} data-testid="switch-account">
        {t('auth.forbidden.switch')}
      </button>
    </div>
  );
}
