import { useState } from 'react';
import type { IncidentCategory } from '../../../../server/domain/vocabulary';
import type { PhotoData } from '../../api/worker-client';
import { useT } from '../../i18n/use-t';
import type { MessageKey } from '../../i18n/zh-CN';
import { PhotoPicker } from './PhotoPicker';
import type { PositionState } from './use-position';

/** The categories a patrol finding can have (the API's incident categories), most frequent first. */
export const REPORT_CATEGORIES: readonly IncidentCategory[] = [
  'environment',
  'facility',
  'safety_hazard',
  'traffic',
  'dispute',
  'illegal_construction',
  'public_service',
  'emergency',
];

export interface ReportPanelProps {
  position: PositionState;
  /** Whether the position lies in one of the worker's grids (null: unknown). */
  inMyGrids: boolean | null;
  online: boolean;
  onReport: (input: { category: string; categoryName: string; description: string; photos: PhotoData[] }) => Promise<boolean>;
}

/** Three taps: the tab, a category, 上报. Description and photos are there for who has the time. */
export function ReportPanel({ position, inMyGrids, online, onReport }: ReportPanelProps) {
  const { t } = useT();
  const [category, setCategory] = useState<string | null>(null);
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<PhotoData[]>([]);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const canSend = Boolean(category && position.fix && !busy);

  const submit = async () => {
    if (!category || !position.fix) return;
    setBusy(true);
    const categoryName = t(`incident.category.${category}` as MessageKey);
    try {
      if (await onReport({ category, categoryName, description, photos })) {
        setDone(t('worker.report.queued', { state: t(online ? 'worker.report.stateSending' : 'worker.report.stateWaiting') }));
        setCategory(null);
        setDescription('');
        setPhotos([]);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="wk-panel" data-testid="report-panel" aria-labelledby="wk-report-title">
      <h2 id="wk-report-title" className="wk-panel__title">
        {t('worker.report.title')}
      </h2>
      <fieldset className="wk-chips" aria-label={t('worker.report.category')}>
        {REPORT_CATEGORIES.map((c) => (
          <button
            key={c}
            type="button"
            className={`wk-chip-btn${category === c ? ' is-on' : ''}`}
            aria-pressed={category === c}
            data-testid={`report-category-${c}`}
            onClick={() => {
              setCategory(c);
              setDone(null);
            }}
          >
            {t(`incident.category.${c}` as MessageKey)}
          </button>
        ))}
      </fieldset>
      <label className="wk-field">
        <span>{t('worker.report.description')}</span>
        <textarea
          rows={2}
          maxLength={2000}
          value={description}
          placeholder={t('worker.report.descriptionPlaceholder')}
          data-testid="report-description"
          onChange={(e) => setDescription(e.target.value)}
        />
      </label>
      <PhotoPicker photos={photos} onChange={setPhotos} testid="report-photos" />
      {/* Kept in view however far the form scrolls: the third tap must not need a scroll first. */}
      <div className="wk-sticky-action">
        <PositionLine position={position} inMyGrids={inMyGrids} />
        {done && (
          <p className="wk-ok" role="status" data-testid="report-done">
            {done}
          </p>
        )}
        {!category && !done && <p className="wk-hint">{t('worker.report.needCategory')}</p>}
        <button type="button" className="wk-btn wk-btn--primary wk-btn--big" disabled={!canSend} data-testid="report-submit" onClick={() => void submit()}>
          {t('worker.report.submit')}
        </button>
      </div>
    </section>
  );
}

export function PositionLine({ position, inMyGrids }: { position: PositionState; inMyGrids: boolean | null }) {
  const { t } = useT();
  const { fix, problem } = position;
  const text = fix ? t('worker.position.ok', { m: Math.round(fix.accuracy) }) : problem ? t(`worker.position.${problem}`) : t('worker.position.waiting');
  return (
    <div className="wk-position" data-testid="report-position" data-state={fix ? 'ok' : (problem ?? 'waiting')}>
      <span className={`wk-dot${fix ? ' is-ok' : problem ? ' is-bad' : ''}`} aria-hidden="true" />
      <span>{text}</span>
      {fix && inMyGrids === false && <p className="wk-warn">{t('worker.position.outside')}</p>}
      {!fix && <p className="wk-hint">{t('worker.report.needPosition')}</p>}
    </div>
  );
}
