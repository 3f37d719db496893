import { useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { GridMapPanel } from '../../app/GridMapPanel';
import { failureReason } from '../../app/load-failure';
import { useHealth } from '../../api/queries';
import { useT } from '../../i18n/use-t';
import { useGridView } from '../../shared/use-grid-view';
import { GridLookup } from './GridLookup';
import { HomeBlindSpots } from './HomeBlindSpots';

const PILLARS = [
  { id: 'vertical', title: 'home.vertical.title', body: 'home.vertical.body' },
  { id: 'horizontal', title: 'home.horizontal.title', body: 'home.horizontal.body' },
  { id: 'first-hour', title: 'home.firstHour.title', body: 'home.firstHour.body' },
] as const;

const VIEWS = [
  { to: '/wall', title: 'nav.wall', desc: 'home.wall.desc' },
  { to: '/edit', title: 'nav.edit', desc: 'home.edit.desc' },
  { to: '/analyze', title: 'nav.analyze', desc: 'home.analyze.desc' },
] as const;

export default function HomePage() {
  const { t } = useT();
  const view = useGridView();
  const { search } = useLocation();
  const lang = new URLSearchParams(search).get('lang');
  const qs = lang ? `?lang=${encodeURIComponent(lang)}` : '';
  const healthQuery = useHealth();
  const health = healthQuery.data ?? null;
  const [picked, setPicked] = useState<[number, number] | null>(null);

  return (
    <div className="home" data-testid="home">
      <section className="home-intro">
        <h1 data-testid="home-title">{t('home.title')}</h1>
        <p className="home-lead">{t('home.lead')}</p>
        <ul className="pillars">
          {PILLARS.map((p) => (
            <li key={p.id} className={`pillar pillar--${p.id}`} data-testid={`pillar-${p.id}`}>
              <h2>{t(p.title)}</h2>
              <p>{t(p.body)}</p>
            </li>
          ))}
        </ul>
        <h2 className="section-title">{t('home.views')}</h2>
        <ul className="view-cards">
          {VIEWS.map((v) => (
            <li key={v.to}>
              <Link to={`${v.to}${qs}`} className="view-card" data-testid={`home-link-${v.to.slice(1)}`}>
                <strong>{t(v.title)}</strong>
                <span>{t(v.desc)}</span>
                <em>{t('home.open')} →</em>
              </Link>
            </li>
          ))}
        </ul>
        <HomeBlindSpots region={view.region?.code ?? null} qs={qs} />
        <p className="health" data-testid="health" role={healthQuery.isError ? 'alert' : undefined}>
          <span className={`health__dot ${healthQuery.isError ? 'is-down' : health ? 'is-ok' : ''}`} />
          {healthQuery.isError
            ? t('home.loadFailed.health', { message: failureReason(t, healthQuery.error) })
            : t('home.status', {
                state: !health ? t('app.loading') : t('home.status.ok', { engine: health.db.engine, postgis: health.db.postgis }),
              })}
          {healthQuery.isError && (
            <button type="button" className="retry-button" data-testid="health-retry" onClick={() => void healthQuery.refetch()}>
              {t('home.retry')}
            </button>
          )}
        </p>
      </section>
      <section className="home-map">
        <h2 className="section-title">{view.region ? t('home.mapTitle', { region: view.region.name }) : t('map.label')}</h2>
        <GridMapPanel view={view} className="home-map__map" pick={{ at: picked, onPick: setPicked }} />
        <GridLookup at={picked} onLocate={setPicked} qs={qs} />
      </section>
    </div>
  );
}
