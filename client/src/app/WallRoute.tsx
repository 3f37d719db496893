import { lazy, Suspense } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { LoginGate } from '../auth/LoginGate';
import { useSession } from '../auth/session-context';
import { gateFor } from '../auth/session-state';
import { useT } from '../i18n/use-t';
import { parseWallUrl } from '../views/wall/wall-url';

const WallPage = lazy(() => import('../views/wall/WallPage'));

/**
 * /wall: a wall opened with a display token (?token=…) needs nobody to log in — the page checks
 * the token itself and says so when it is revoked. Without one, the wall is for logged-in users.
 */
export function WallRoute() {
  const { t } = useT();
  const { search } = useLocation();
  const session = useSession();
  // The wall has no header: while it asks for a login (or refuses), this is the way back to the app.
  const homeLink = (
    <Link to="/" className="wall-home-link" data-testid="wall-home">
      {t('wall.backHome')}
    </Link>
  );
  const wall = (
    <Suspense fallback={null}>
      <WallPage />
    </Suspense>
  );
  if (parseWallUrl(search).token) return wall;
  // A token that cannot be one (cut off when the URL was copied) is not a reason to ask for a login.
  if (new URLSearchParams(search).has('token')) {
    return (
      <div className="login-gate login-gate--wall">
        {homeLink}
        <p className="login-form login-form--forbidden" role="alert" data-testid="wall-denied">
          {t('wall.tokenInvalid')}
        </p>
      </div>
    );
  }
  return (
    <>
      <LoginGate view="wall" className="login-gate login-gate--wall">
        {wall}
      </LoginGate>
      {gateFor(session.state, 'wall').show !== 'view' && homeLink}
    </>
  );
}
