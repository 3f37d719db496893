import { useCallback, useMemo, useRef, useState, type FormEvent } from 'react';
import { newIdempotencyKey, reportsApi, type ReportCategory, type ReportReceipt } from '../../api/reports-client';
import type { MessageKey } from '../../i18n/zh-CN';
import { useT } from '../../i18n/use-t';
import type { PhotoUpload } from '../../shared/photo-upload';
import { CategoryPicker } from './CategoryPicker';
import { LocationPicker, type PickedLocation } from './LocationPicker';
import { PhotoPicker } from './PhotoPicker';
import { isNoAnswer, refusalOf, type Refusal } from './report-errors';
import { DESCRIPTION_MAX, firstProblem, reportBody, textLength, validateDraft, type DraftField, type DraftProblems, type ReportDraft } from './report-form';
import { gridAt } from './report-location';
import type { ReportMapData } from './use-report-map-data';

interface Props {
  mapData: ReportMapData;
  onReported: (receipt: ReportReceipt, category: ReportCategory) => void;
}

/** Category, description, place, photos, phone; checked here, then sent once (Idempotency-Key). */
export function ReportForm({ mapData, onReported }: Props) {
  const { t } = useT();
  const [category, setCategory] = useState<ReportCategory | null>(null);
  const [description, setDescription] = useState('');
  const [location, setLocation] = useState<PickedLocation | null>(null);
  const [photos, setPhotos] = useState<PhotoUpload[]>([]);
  const [phone, setPhone] = useState('');
  const [website, setWebsite] = useState('');
  const [problems, setProblems] = useState<DraftProblems>({});
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [sending, setSending] = useState(false);
  // Kept only while a resend of the same report may still be needed (no answer came back).
  const keyRef = useRef<string | null>(null);

  const draft: ReportDraft = { category, description, location: location?.point ?? null, phone, photos, website };
  const grid = useMemo(() => (location ? gridAt(location.point, mapData.grids) : null), [location, mapData.grids]);

  /** Any change makes it a different report: a new key, and the old messages about that field go. */
  const changed = useCallback((field: DraftField | null) => {
    keyRef.current = null;
    if (field) setProblems((p) => (p[field] ? { ...p, [field]: undefined } : p));
    setRefusal((r) => (r && (r.field === field || !r.field) ? null : r));
  }, []);

  const onLocation = useCallback(
    (value: PickedLocation) => {
      setLocation(value);
      changed('location');
    },
    [changed],
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    const found = validateDraft(draft);
    setProblems(found);
    setRefusal(null);
    const first = firstProblem(found);
    if (first) {
      focusField(first);
      return;
    }
    setSending(true);
    keyRef.current ??= newIdempotencyKey();
    try {
      const receipt = await reportsApi.create(reportBody(draft), keyRef.current);
      keyRef.current = null;
      onReported(receipt, category!);
    } catch (error) {
      if (!isNoAnswer(error)) keyRef.current = null;
      const why = refusalOf(error);
      setRefusal(why);
      if (why.field) setProblems((p) => ({ ...p, [why.field!]: why.key }));
    } finally {
      setSending(false);
    }
  };

  const problem = (field: DraftField): MessageKey | null => problems[field] ?? null;
  const length = textLength(description);
  const anyProblem = Object.values(problems).some(Boolean);
  return (
    <form className="report-form" onSubmit={submit} noValidate data-testid="report-form" aria-busy={sending}>
      <CategoryPicker
        value={category}
        onChange={(c) => {
          setCategory(c);
          changed('category');
        }}
        problem={problem('category')}
      />

      <div className={`report-step${problem('description') ? ' report-step--invalid' : ''}`} id="report-field-description">
        <label className="report-step__title" htmlFor="report-description">
          {t('report.description.label')}
        </label>
        <textarea
          id="report-description"
          className="report-textarea"
          value={description}
          onChange={(e) => {
            setDescription(e.target.value);
            changed('description');
          }}
          placeholder={t('report.description.placeholder')}
          rows={4}
          aria-invalid={Boolean(problem('description'))}
          aria-describedby={problem('description') ? 'report-description-count report-description-problem' : 'report-description-count'}
          data-testid="report-description"
        />
        <p id="report-description-count" className={`report-count${length > DESCRIPTION_MAX ? ' report-count--over' : ''}`}>
          {t('report.description.count', { n: length, max: DESCRIPTION_MAX })}
        </p>
        {problem('description') && (
          <p className="report-field-problem" id="report-description-problem" data-testid="report-problem-description">
            {t(problem('description')!)}
          </p>
        )}
      </div>

      <LocationPicker value={location} onChange={onLocation} grid={grid} mapData={mapData} problem={problem('location')} />

      <PhotoPicker
        photos={photos}
        onChange={(p) => {
          setPhotos(p);
          changed('photos');
        }}
        problem={problem('photos')}
        refusedIndex={refusal?.field === 'photos' ? (refusal.photoIndex ?? null) : null}
      />

      <div className={`report-step${problem('phone') ? ' report-step--invalid' : ''}`} id="report-field-phone">
        <label className="report-step__title" htmlFor="report-phone">
          {t('report.phone.label')}
        </label>
        <p className="report-hint" id="report-phone-hint">
          {t('report.phone.hint')}
        </p>
        <input
          id="report-phone"
          className="report-input"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          value={phone}
          onChange={(e) => {
            setPhone(e.target.value);
            changed('phone');
          }}
          placeholder={t('report.phone.placeholder')}
          aria-invalid={Boolean(problem('phone'))}
          aria-describedby={problem('phone') ? 'report-phone-hint report-phone-problem' : 'report-phone-hint'}
          data-testid="report-phone"
        />
        {problem('phone') && (
          <p className="report-field-problem" id="report-phone-problem" data-testid="report-problem-phone">
            {t(problem('phone')!)}
          </p>
        )}
      </div>

      <div className="report-honeypot" aria-hidden="true">
        <label>
          {t('report.website.label')}
          <input
            type="text"
            name="website"
            tabIndex={-1}
            autoComplete="off"
            value={website}
            onChange={(e) => {
              setWebsite(e.target.value);
              changed(null);
            }}
            data-testid="report-website"
          />
        </label>
      </div>

      <div className="report-submit">
        {refusal ? (
          <p className="report-alert" role="alert" data-testid="report-refusal" data-key={refusal.key}>
            <strong>{t('report.refusal.title')}</strong>
            <span data-testid="report-refusal-message">{t(refusal.key, refusal.params)}</span>
          </p>
        ) : anyProblem ? (
          <p className="report-alert" role="alert" data-testid="report-fix-below">
            {t('report.fixBelow')}
          </p>
        ) : null}
        <button type="submit" className="report-button report-button--primary report-button--wide" disabled={sending} data-testid="report-submit">
          {sending ? t('report.submitting') : t('report.submit')}
        </button>
      </div>
    </form>
  );
}

function focusField(field: DraftField) {
  const box = document.getElementById(`report-field-${field}`);
  if (!box) return;
  box.scrollIntoView({ behavior: 'smooth', block: 'start' });
  const target = box.querySelector<HTMLElement>('input:not([type=file]), textarea, button');
  target?.focus({ preventScroll: true });
}
