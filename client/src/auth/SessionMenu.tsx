import { useT } from '../i18n/use-t';
import { roleKey } from './role-names';
import { useSession } from './session-context';

/** The header's who-am-I and log-out; nothing while nobody is logged in. */
export function SessionMenu() {
  const { t } = useT();
  const { state, logout } = useSession();
  if (!state.user) return null;
  const key = roleKey(state.user.role);
  return (
    <div className="session-menu" data-testid="session-menu">
      <span className="session-menu__user" data-testid="session-user">
        {t('auth.user', { username: state.user.username, role: key ? t(key) : state.user.role })}
      </span>
      <button type="button" className="session-menu__logout" onClick={() => void logout()} data-testid="logout">
        {t('auth.logout')}
      </button>
    </div>
  );
}
