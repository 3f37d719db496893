import { useState } from 'react';
import { dispatchApi, type IncidentPhoto } from '../../api/dispatch-client';
import type { MessageKey } from '../../i18n/zh-CN';
import { useT } from '../../i18n/use-t';
import { PhotoViewer } from './PhotoViewer';

/** Thumbnails of an incident's photos (report and handling); a click opens the full photo. */
export function PhotoStrip({ incidentId, photos }: { incidentId: number; photos: IncidentPhoto[] }) {
  const { t } = useT();
  const [shown, setShown] = useState<number | null>(null);
  if (photos.length === 0)
    return (
      <p className="muted" data-testid="detail-photos-none">
        {t('dispatch.detail.noPhotos')}
      </p>
    );
  const stage = (s: string) => (s === 'report' || s === 'handle' ? t(`dispatch.detail.photoStage.${s}` as MessageKey) : s);
  return (
    <>
      <ul className="photo-strip" data-testid="detail-photos">
        {photos.map((p, i) => (
          <li key={p.id}>
            <button
              type="button"
              className="photo-strip__thumb"
              data-testid={`detail-photo-${p.id}`}
              data-stage={p.stage}
              title={t('dispatch.photo.open')}
              onClick={() => setShown(i)}
            >
              <img src={dispatchApi.photoUrl(incidentId, p.id, 'thumb')} alt={`${stage(p.stage)} ${i + 1}`} loading="lazy" />
              <span>{stage(p.stage)}</span>
            </button>
          </li>
        ))}
      </ul>
      {shown !== null && <PhotoViewer incidentId={incidentId} photos={photos} index={shown} onIndex={setShown} onClose={() => setShown(null)} />}
    </>
  );
}
