import { Link } from 'react-router-dom';
import { useT } from '../../i18n/use-t';
import type { MyReport } from './my-reports';
import { categoryKey, formatReportTime, statusKey } from './report-status';

/** "我的上报": the reports sent from this browser, each a link to its status page. */
export function MyReportsList({ reports }: { reports: MyReport[] }) {
  const { t, lang } = useT();
  return (
    <section className="report-card" id="my-reports" data-testid="my-reports" data-count={reports.length} aria-labelledby="my-reports-title">
      <h2 id="my-reports-title">{t('report.mine.title')}</h2>
      {reports.length === 0 ? (
        <p className="report-muted">{t('report.mine.empty')}</p>
      ) : (
        <>
          <ul className="report-mine">
            {reports.map((r) => (
              <li key={r.code}>
                <Link to={`/report/${r.code}`} data-testid={`my-report-${r.code}`}>
                  <span className="report-mine__code">{r.code}</span>
                  <span className="report-mine__meta">
                    {t(categoryKey(r.category))} · {formatReportTime(r.reportedAt, lang)}
                  </span>
                  <span className="report-badge" data-status={r.status}>
                    {t(statusKey(r.status))}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
          <p className="report-hint report-hint--below">{t('report.mine.note')}</p>
        </>
      )}
    </section>
  );
}
