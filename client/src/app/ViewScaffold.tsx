import type { MessageKey } from '../i18n/zh-CN';
import { useT } from '../i18n/use-t';
import { useGridView } from '../shared/use-grid-view';
import { GridMapPanel } from './GridMapPanel';

interface Props {
  view: 'wall' | 'edit' | 'analyze';
}

/** A view not built yet: its title bar, the shared grid map, and a note on what is coming. */
export function ViewScaffold({ view }: Props) {
  const { t } = useT();
  const data = useGridView();
  const title = t(`view.${view}.title` as MessageKey);
  return (
    <section className={`view view--${view}`} data-testid={`view-${view}`}>
      <div className="view-titlebar">
        <h1 data-testid="view-title">{title}</h1>
        {data.region && <span className="view-titlebar__region">{data.region.name}</span>}
        <span className="soon-chip">{t('view.comingSoon')}</span>
        <p className="view-titlebar__note" data-testid="coming-soon">
          {t(`view.${view}.soon` as MessageKey)}
        </p>
      </div>
      <GridMapPanel view={data} className="view-map" />
    </section>
  );
}
