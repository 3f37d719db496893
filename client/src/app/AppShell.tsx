import { Suspense, useEffect, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router-dom';
import { SessionMenu } from '../auth/SessionMenu';
import { useSession } from '../auth/session-context';
import { LangSwitch } from '../i18n/LangSwitch';
import { useT } from '../i18n/use-t';
import { BrandMark } from './BrandMark';

const NAV = [
  { to: '/', key: 'nav.home', testid: 'nav-home' },
  { to: '/wall', key: 'nav.wall', testid: 'nav-wall' },
  { to: '/edit', key: 'nav.edit', testid: 'nav-edit' },
  { to: '/analyze', key: 'nav.analyze', testid: 'nav-analyze' },
  { to: '/dispatch', key: 'nav.dispatch', testid: 'nav-dispatch' },
  { to: '/report', key: 'nav.report', testid: 'nav-report' },
] as const;

export function AppShell() {
  const { t } = useT();
  // The admin view's entry is only for admins (the route itself is gated too).
  const isAdmin = useSession().state.user?.role === 'admin';
  const { search, pathname } = useLocation();
  // On a phone the navigation and the session sit behind a menu button (styles.css decides when).
  const [menuOpen, setMenuOpen] = useState(false);
  // A new page closes the menu.
  useEffect(() => setMenuOpen(false), [pathname]);
  // Keep ?lang= and the like across views, but not view-specific map state.
  const carried = new URLSearchParams(search);
  for (const k of ['region', 'basemap', 'color']) carried.delete(k);
  const qs = carried.toString() ? `?${carried}` : '';
  return (
    <div className="app">
      <header className="app-header" data-testid="app-header">
        <NavLink to={`/${qs}`} className="brand" data-testid="brand">
          <BrandMark />
          <span className="brand__name">{t('app.name')}</span>
          <span className="brand__subtitle">{t('app.subtitle')}</span>
        </NavLink>
        <button
          type="button"
          className="app-menu-button"
          data-testid="menu-button"
          aria-controls="app-menu"
          aria-expanded={menuOpen}
          aria-label={t(menuOpen ? 'shell.menu.close' : 'shell.menu.open')}
          onClick={() => setMenuOpen((open) => !open)}
        >
          <span aria-hidden="true">{menuOpen ? '✕' : '☰'}</span> {t('shell.menu.label')}
        </button>
        <div
          id="app-menu"
          className={`app-menu${menuOpen ? ' is-open' : ''}`}
          data-testid="app-menu"
          onKeyDown={(e) => e.key === 'Escape' && setMenuOpen(false)}
        >
          <nav className="app-nav" aria-label={t('nav.main')}>
            {NAV.map((item) => (
              <NavLink key={item.to} to={`${item.to}${qs}`} end data-testid={item.testid}>
                {t(item.key)}
              </NavLink>
            ))}
            {isAdmin && (
              <NavLink to={`/admin${qs}`} end data-testid="nav-admin">
                {t('nav.admin')}
              </NavLink>
            )}
          </nav>
          <SessionMenu />
        </div>
        <LangSwitch />
      </header>
      <main className="app-main">
        <Suspense fallback={<div className="page-loading">{t('app.loading')}</div>}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
