import { useEffect, useRef } from 'react';
import { dispatchApi, type IncidentPhoto } from '../../api/dispatch-client';
import { useT } from '../../i18n/use-t';

/** One photo full size in a modal dialog; ←/→ go through the others, Esc closes. */
export function PhotoViewer({
  incidentId,
  photos,
  index,
  onIndex,
  onClose,
}: {
  incidentId: number;
  photos: IncidentPhoto[];
  index: number;
  onIndex: (i: number) => void;
  onClose: () => void;
}) {
  const { t } = useT();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const photo = photos[index];
  return (
    <dialog
      ref={ref}
      className="photo-viewer"
      data-testid="photo-viewer"
      aria-label={t('dispatch.photo.viewer', { n: index + 1, total: photos.length })}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onKeyDown={(e) => {
        if (e.key === 'ArrowRight' && index < photos.length - 1) onIndex(index + 1);
        if (e.key === 'ArrowLeft' && index > 0) onIndex(index - 1);
      }}
      onClick={(e) => {
        if (e.target === ref.current) onClose();
      }}
    >
      <header>
        <span>{t('dispatch.photo.viewer', { n: index + 1, total: photos.length })}</span>
        <button type="button" data-testid="photo-viewer-close" autoFocus onClick={onClose}>
          {t('dispatch.photo.close')}
        </button>
      </header>
      <img src={dispatchApi.photoUrl(incidentId, photo.id, 'full')} alt={t('dispatch.photo.viewer', { n: index + 1, total: photos.length })} />
    </dialog>
  );
}
