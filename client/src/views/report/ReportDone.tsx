import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { ReportReceipt } from '../../api/reports-client';
import { useT } from '../../i18n/use-t';

interface Props {
  receipt: ReportReceipt;
  saved: boolean;
  onAgain: () => void;
}

/** After sending: the tracking code, large, and where it was kept. */
export function ReportDone({ receipt, saved, onAgain }: Props) {
  const { t } = useT();
  const [copied, setCopied] = useState(false);
  const copy = () => {
    navigator.clipboard?.writeText(receipt.trackingCode).then(
      () => setCopied(true),
      () => {},
    );
  };
  return (
    <section className="report-done" data-testid="report-done" aria-labelledby="report-done-title" tabIndex={-1}>
      <h2 id="report-done-title">✓ {t('report.done.title')}</h2>
      <p className="report-done__label">{t('report.done.codeLabel')}</p>
      <output className="report-code" data-testid="report-tracking-code" aria-live="polite">
        {/* Groups never break inside: a long code wraps between them, dash kept at the end of the line. */}
        {receipt.trackingCode.split('-').map((group, i, all) => (
          <span key={i} className="report-code__group">
            {group}
            {i < all.length - 1 ? '-' : ''}
          </span>
        ))}
      </output>
      <p>{t('report.done.keep')}</p>
      <p className="report-done__note" data-testid="report-done-saved" data-saved={saved}>
        {saved ? t('report.done.saved') : t('report.done.notSaved')}
        {receipt.photos > 0 && ` ${t('report.done.photos', { n: receipt.photos })}`}
      </p>
      <div className="report-done__actions">
        <Link to={`/report/${receipt.trackingCode}`} className="report-button report-button--primary report-button--wide" data-testid="report-track-link">
          {t('report.done.track')}
        </Link>
        {typeof navigator !== 'undefined' && navigator.clipboard && (
          <button type="button" className="report-button" onClick={copy} data-testid="report-copy">
            {copied ? t('report.done.copied') : t('report.done.copy')}
          </button>
        )}
        <button type="button" className="report-button" onClick={onAgain} data-testid="report-again">
          {t('report.done.again')}
        </button>
      </div>
    </section>
  );
}
