import { useState, type ChangeEvent } from 'react';
import type { MessageKey } from '../../i18n/zh-CN';
import { useT } from '../../i18n/use-t';
import { photoProblem, PHOTO_TYPES, PHOTOS_MAX, readPhotoForUpload, type PhotoUpload } from '../../shared/photo-upload';

interface Props {
  photos: PhotoUpload[];
  onChange: (photos: PhotoUpload[]) => void;
  problem: MessageKey | null;
  /** The photo the server refused, outlined. */
  refusedIndex: number | null;
}

/** Step 4: up to three photos, scaled down on the device, shown as thumbnails with a remove button. */
export function PhotoPicker({ photos, onChange, problem, refusedIndex }: Props) {
  const { t } = useT();
  const [busy, setBusy] = useState(false);
  const [fileProblem, setFileProblem] = useState<MessageKey | null>(null);
  const full = photos.length >= PHOTOS_MAX;

  const add = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const files = [...(input.files ?? [])].slice(0, PHOTOS_MAX - photos.length);
    input.value = ''; // the same file may be chosen again after removing it
    if (files.length === 0) return;
    setBusy(true);
    setFileProblem(null);
    const added: PhotoUpload[] = [];
    let refused: MessageKey | null = null;
    for (const file of files) {
      const why = photoProblem(file);
      if (why) {
        refused = why === 'type' ? 'report.photos.type' : 'report.photos.size';
        continue;
      }
      try {
        added.push(await readPhotoForUpload(file));
      } catch {
        refused = 'report.photos.unreadable';
      }
    }
    setBusy(false);
    setFileProblem(refused);
    if (added.length) onChange([...photos, ...added]);
  };

  const remove = (index: number) => {
    setFileProblem(null);
    onChange(photos.filter((_, i) => i !== index));
  };

  const shown = fileProblem ?? problem;
  return (
    <fieldset className={`report-step${shown ? ' report-step--invalid' : ''}`} id="report-field-photos" data-testid="report-photos" data-count={photos.length}>
      <legend>{t('report.photos.legend', { max: PHOTOS_MAX })}</legend>
      <ul className="report-photos">
        {photos.map((photo, i) => (
          <li key={i} className={`report-photo${refusedIndex === i ? ' report-photo--refused' : ''}`} data-testid="report-photo">
            <img src={`data:image/jpeg;base64,${photo.data}`} alt={t('report.photos.alt', { n: i + 1 })} />
            <button
              type="button"
              className="report-photo__remove"
              onClick={() => remove(i)}
              aria-label={t('report.photos.remove', { n: i + 1 })}
              data-testid={`report-photo-remove-${i}`}
            >
              <span aria-hidden="true">×</span>
            </button>
          </li>
        ))}
        {!full && (
          <li>
            <label className={`report-photo-add${busy ? ' report-photo-add--busy' : ''}`} data-testid="report-photo-add">
              <b aria-hidden="true">+</b>
              {busy ? t('report.photos.reading') : t('report.photos.add')}
              <input type="file" accept={PHOTO_TYPES.join(',')} multiple disabled={busy} onChange={add} data-testid="report-photo-input" />
            </label>
          </li>
        )}
      </ul>
      {full && <p className="report-hint report-hint--below">{t('report.photos.full', { max: PHOTOS_MAX })}</p>}
      {shown && (
        <p className="report-field-problem" role="alert" data-testid="report-problem-photos">
          {t(shown)}
        </p>
      )}
    </fieldset>
  );
}
