import { useState } from 'react';
import type { PhotoData } from '../../api/worker-client';
import { useT } from '../../i18n/use-t';
import { PhotoPicker } from './PhotoPicker';

/** 处置: what was done, with photos; sent to 核查. */
export function HandleForm({
  taskId,
  onSubmit,
  onCancel,
}: {
  taskId: number;
  onSubmit: (note: string, photos: PhotoData[]) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useT();
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<PhotoData[]>([]);
  const [busy, setBusy] = useState(false);
  const ready = note.trim().length > 0 && !busy;

  return (
    <form
      className="wk-handle"
      data-testid={`handle-form-${taskId}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!ready) return;
        setBusy(true);
        void onSubmit(note, photos).finally(() => setBusy(false));
      }}
    >
      <label className="wk-field">
        <span>{t('worker.handle.note')}</span>
        <textarea
          rows={3}
          value={note}
          maxLength={2000}
          required
          placeholder={t('worker.handle.notePlaceholder')}
          data-testid="handle-note"
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      <PhotoPicker photos={photos} onChange={setPhotos} testid="handle-photos" />
      <div className="wk-row">
        <button type="button" className="wk-btn wk-btn--ghost" onClick={onCancel}>
          {t('worker.handle.cancel')}
        </button>
        <button type="submit" className="wk-btn wk-btn--primary wk-grow" disabled={!ready} data-testid="handle-submit">
          {t('worker.handle.submit')}
        </button>
      </div>
    </form>
  );
}
