import { useEffect, type ReactNode } from 'react';
import { useT } from '../i18n/use-t';
import { ForbiddenNotice } from './ForbiddenNotice';
import { LoginForm } from './LoginForm';
import { useSession } from './session-context';
import { gateFor, type GatedView } from './session-state';

/**
 * Shows `children` to a logged-in user whose role may see `view`; otherwise the login form (also
 * when the session expires mid-use) or a notice that the account may not. The URL is never
 * touched, so the view comes back as it was after logging in again.
 */
export function LoginGate({ view, className = 'login-gate', children }: { view: GatedView; className?: string; children: ReactNode }) {
  const { t } = useT();
  const session = useSession();
  const { clearForbidden } = session;
  const gate = gateFor(session.state, view);
  // A refusal belongs to the view it happened in.
  useEffect(() => clearForbidden, [clearForbidden]);

  if (gate.show === 'view') return children;
  return (
    <div className={className} data-testid="login-gate" data-gate={gate.show}>
      {gate.show === 'loading' && <div className="page-loading">{t('app.loading')}</div>}
      {gate.show === 'login' && <LoginForm view={view} expired={gate.expired} />}
      {gate.show === 'forbidden' && <ForbiddenNotice user={gate.user} allowed={gate.allowed} message={gate.message} />}
    </div>
  );
}
