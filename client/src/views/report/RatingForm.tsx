import { useRef, useState, type FormEvent } from 'react';
import { newIdempotencyKey, reportsApi, type ReportStatus } from '../../api/reports-client';
import type { MessageKey } from '../../i18n/zh-CN';
import { useT } from '../../i18n/use-t';
import { isNoAnswer, refusalOf, type Refusal } from './report-errors';
import { RATING_COMMENT_MAX, RATINGS, ratingKey, type Rating } from './report-status';

interface Props {
  code: string;
  onRated: (report: ReportStatus) => void;
  /** The server says it was rated already (elsewhere): read the report again. */
  onStale: () => void;
}

/** After 结案: 满意 / 基本满意 / 不满意, and optional words. */
export function RatingForm({ code, onRated, onStale }: Props) {
  const { t } = useT();
  const [rating, setRating] = useState<Rating | null>(null);
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [sending, setSending] = useState(false);
  const keyRef = useRef<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    if (!rating) {
      setProblem('report.rating.choose');
      return;
    }
    setSending(true);
    setRefusal(null);
    keyRef.current ??= newIdempotencyKey();
    try {
      const words = comment.trim();
      const report = await reportsApi.rate(code, words ? { rating, comment: words } : { rating }, keyRef.current);
      keyRef.current = null;
      onRated(report);
    } catch (error) {
      if (!isNoAnswer(error)) keyRef.current = null;
      const why = refusalOf(error);
      if (why.key === 'report.refusal.alreadyRated' || why.key === 'report.refusal.notClosed') onStale();
      setRefusal(why);
    } finally {
      setSending(false);
    }
  };

  const changed = () => {
    keyRef.current = null;
    setProblem(null);
    setRefusal(null);
  };

  return (
    <form className="report-card" onSubmit={submit} noValidate data-testid="report-rating-form" aria-labelledby="report-rating-title">
      <h2 id="report-rating-title">{t('report.rating.title')}</h2>
      <fieldset className="report-ratings" aria-label={t('report.rating.title')}>
        {RATINGS.map((r) => (
          <label key={r} className="report-rating">
            <input
              type="radio"
              name="rating"
              value={r}
              checked={rating === r}
              onChange={() => {
                setRating(r);
                changed();
              }}
              data-testid={`report-rating-${r}`}
            />
            <span>{t(ratingKey(r))}</span>
          </label>
        ))}
      </fieldset>
      <label className="report-hint report-label" htmlFor="report-rating-comment">
        {t('report.rating.comment')}
      </label>
      <textarea
        id="report-rating-comment"
        className="report-textarea"
        rows={3}
        maxLength={RATING_COMMENT_MAX}
        value={comment}
        onChange={(e) => {
          setComment(e.target.value);
          changed();
        }}
        placeholder={t('report.rating.commentPlaceholder')}
        data-testid="report-rating-comment"
      />
      {problem && (
        <p className="report-field-problem" role="alert" data-testid="report-rating-problem">
          {t(problem)}
        </p>
      )}
      {refusal && (
        <p className="report-alert" role="alert" data-testid="report-rating-refusal" data-key={refusal.key}>
          {t(refusal.key, refusal.params)}
        </p>
      )}
      <div className="report-submit report-submit--rating">
        <button type="submit" className="report-button report-button--primary report-button--wide" disabled={sending} data-testid="report-rating-submit">
          {sending ? t('report.rating.submitting') : t('report.rating.submit')}
        </button>
      </div>
    </form>
  );
}
