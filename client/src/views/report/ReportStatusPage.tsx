import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { reportsApi, type ReportStatus } from '../../api/reports-client';
import { useT } from '../../i18n/use-t';
import { loadMyReports, saveMyReports, withStatus } from './my-reports';
import { RatingForm } from './RatingForm';
import { refusalOf, type Refusal } from './report-errors';
import { categoryKey, eventKey, formatReportTime, ratingKey, statusHintKey, statusKey } from './report-status';
import { ReportHeader } from './ReportHeader';
import { StatusSteps } from './StatusSteps';
import { TrackingLookup } from './TrackingLookup';
import { normalizeTrackingCode } from '../../../../server/domain/tracking-code';
import './report.css';

/** /report/:code: where a report is, what happened to it, and its rating once it is closed. */
export default function ReportStatusPage() {
  const { t, lang } = useT();
  const navigate = useNavigate();
  const raw = useParams().code ?? '';
  const code = normalizeTrackingCode(raw);
  const [report, setReport] = useState<ReportStatus | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [loading, setLoading] = useState(false);
  const [thanks, setThanks] = useState(false);
  const [version, setVersion] = useState(0);

  // A code typed in lower case or without dashes gets the canonical address.
  useEffect(() => {
    if (code && code !== raw) navigate(`/report/${code}`, { replace: true });
  }, [code, raw, navigate]);

  useEffect(() => {
    document.title = `${t('report.track.title')} · ${t('app.name')}`;
  }, [t]);

  useEffect(() => {
    if (!code) return;
    const ac = new AbortController();
    setLoading(true);
    reportsApi.get(code, ac.signal).then(
      (r) => {
        setReport(r);
        setRefusal(null);
        setLoading(false);
        // "我的上报" shows the status last seen here.
        const mine = loadMyReports();
        const next = withStatus(mine, r.trackingCode, r.status);
        if (next !== mine) saveMyReports(next);
      },
      (error: unknown) => {
        if (ac.signal.aborted) return;
        setLoading(false);
        setRefusal(refusalOf(error));
      },
    );
    return () => ac.abort();
  }, [code, version]);

  const refresh = useCallback(() => setVersion((v) => v + 1), []);

  // Coming back to the page (from the camera, another app) shows the latest state.
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [refresh]);

  const body = () => {
    if (!code) {
      return (
        <>
          <p className="report-alert" role="alert" data-testid="report-status-badcode">
            {t('report.track.badCode', { code: raw })}
          </p>
          <TrackingLookup initial={raw} />
        </>
      );
    }
    if (refusal && !report) {
      return (
        <>
          <p className="report-alert" role="alert" data-testid="report-status-refusal" data-key={refusal.key}>
            {t(refusal.key, refusal.params)}
          </p>
          <div className="report-actions">
            <button type="button" className="report-button" onClick={refresh} data-testid="report-status-retry">
              {t('report.track.refresh')}
            </button>
          </div>
          <TrackingLookup initial={code} />
        </>
      );
    }
    if (!report)
      return (
        <p className="report-muted" data-testid="report-status-loading">
          {t('report.track.loading')}
        </p>
      );
    return (
      <div className="report-status-layout">
        <section className="report-status-card" data-testid="report-status-card" aria-labelledby="report-status-title">
          <div className="report-status-card__top">
            <h1 id="report-status-title" className="report-badge report-badge--large" data-testid="report-status" data-status={report.status}>
              {t(statusKey(report.status))}
            </h1>
            <span className="report-status-card__code" data-testid="report-status-code">
              {t('report.track.code', { code: report.trackingCode })}
            </span>
          </div>
          <p className="report-status-card__hint" data-testid="report-status-hint">
            {t(statusHintKey(report.status))}
          </p>
          <StatusSteps status={report.status} />
          <dl className="report-facts">
            <dt>{t('report.track.category')}</dt>
            <dd data-testid="report-status-category">{t(categoryKey(report.category))}</dd>
            <dt>{t('report.track.reportedAt')}</dt>
            <dd>{formatReportTime(report.reportedAt, lang)}</dd>
            {report.closedAt && (
              <>
                <dt>{t('report.track.closedAt')}</dt>
                <dd>{formatReportTime(report.closedAt, lang)}</dd>
              </>
            )}
            <dt>{t('report.track.description')}</dt>
            <dd data-testid="report-status-description">{report.description}</dd>
          </dl>
          <div className="report-actions report-actions--top">
            <button type="button" className="report-button" onClick={refresh} disabled={loading} data-testid="report-status-refresh">
              ↻ {t('report.track.refresh')}
            </button>
            <Link to="/report" className="report-button" data-testid="report-status-new">
              {t('report.track.new')}
            </Link>
          </div>
        </section>
        <div className="report-status-side">
          {report.rating ? (
            <section className="report-card" data-testid="report-rating-given" data-rating={report.rating.rating} aria-labelledby="report-rating-given-title">
              {thanks && (
                <p className="report-thanks" role="status" data-testid="report-rating-thanks">
                  {t('report.rating.thanks')}
                </p>
              )}
              <h2 id="report-rating-given-title">{t('report.rating.yours')}</h2>
              <div className="report-rating-given">
                <span className="report-badge" data-status="closed">
                  {t(ratingKey(report.rating.rating))}
                </span>
                <span className="report-muted">{formatReportTime(report.rating.at, lang)}</span>
                {report.rating.comment && <q>{report.rating.comment}</q>}
              </div>
            </section>
          ) : report.canRate ? (
            <RatingForm
              code={report.trackingCode}
              onRated={(r) => {
                setReport(r);
                setThanks(true);
              }}
              onStale={refresh}
            />
          ) : null}
          <section className="report-card" aria-labelledby="report-timeline-title">
            <h2 id="report-timeline-title">{t('report.track.timeline')}</h2>
            <ol className="report-timeline" data-testid="report-timeline">
              {[...report.timeline].reverse().map((e, i) => (
                <li key={`${e.at}-${i}`} data-event={e.event} data-testid="report-timeline-entry">
                  <time dateTime={e.at}>{formatReportTime(e.at, lang)}</time>
                  <strong>{t(eventKey(e.event))}</strong>
                  {e.note && <p>{e.note}</p>}
                </li>
              ))}
            </ol>
          </section>
        </div>
      </div>
    );
  };

  return (
    <div className="report" data-testid="report-status-page">
      <ReportHeader />
      <main className="report-main">{body()}</main>
    </div>
  );
}
