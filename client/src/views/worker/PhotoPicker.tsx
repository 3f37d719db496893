import { useId, useState } from 'react';
import type { PhotoData } from '../../api/worker-client';
import { useT } from '../../i18n/use-t';
import { WorkerIcon } from './WorkerIcon';
import { PHOTOS_MAX, photoProblem, readPhotoForUpload } from '../../shared/photo-upload';

/** Up to PHOTOS_MAX photos from the camera (or the gallery), scaled down on the phone before they are stored. */
export function PhotoPicker({ photos, onChange, testid }: { photos: PhotoData[]; onChange: (photos: PhotoData[]) => void; testid: string }) {
  const { t } = useT();
  const inputId = useId();
  const [reading, setReading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const add = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    setProblem(null);
    setReading(true);
    const added: PhotoData[] = [];
    try {
      for (const file of [...files].slice(0, PHOTOS_MAX - photos.length)) {
        const bad = photoProblem(file);
        if (bad) {
          setProblem(t(bad === 'type' ? 'worker.photos.type' : 'worker.photos.size'));
          continue;
        }
        try {
          added.push(await readPhotoForUpload(file));
        } catch {
          setProblem(t('worker.photos.failed'));
        }
      }
    } finally {
      setReading(false);
    }
    onChange([...photos, ...added].slice(0, PHOTOS_MAX));
  };

  return (
    <div className="wk-photos" data-testid={testid} data-count={photos.length}>
      <ul className="wk-photos__list">
        {photos.map((p, i) => (
          <li key={i} className="wk-photos__item">
            <img src={`data:image/jpeg;base64,${p.data}`} alt="" />
            <button
              type="button"
              className="wk-photos__remove"
              aria-label={t('worker.photos.remove')}
              onClick={() => onChange(photos.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </li>
        ))}
        {photos.length < PHOTOS_MAX && (
          <li>
            <label htmlFor={inputId} className="wk-photos__add" aria-busy={reading}>
              <WorkerIcon name="camera" size={24} />
              <span>{reading ? t('worker.photos.reading') : t('worker.photos.add')}</span>
            </label>
            <input
              id={inputId}
              className="wk-visually-hidden"
              type="file"
              accept="image/*"
              capture="environment"
              multiple
              data-testid={`${testid}-input`}
              disabled={reading}
              onChange={(e) => {
                void add(e.currentTarget.files);
                e.currentTarget.value = '';
              }}
            />
          </li>
        )}
      </ul>
      <p className="wk-photos__count">{t('worker.photos.count', { n: photos.length, max: PHOTOS_MAX })}</p>
      {problem && (
        <p className="wk-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
