import { useEffect, useRef, useState } from 'react';
import type { ReportCategory, ReportReceipt } from '../../api/reports-client';
import { useT } from '../../i18n/use-t';
import { loadMyReports, saveMyReports, withReport, type MyReport } from './my-reports';
import { MyReportsList } from './MyReportsList';
import { ReportDone } from './ReportDone';
import { ReportForm } from './ReportForm';
import { ReportHeader } from './ReportHeader';
import { TrackingLookup } from './TrackingLookup';
import { useReportMapData } from './use-report-map-data';
import './report.css';

/** /report: residents report a problem (public, phone first) and find their earlier reports. */
export default function ReportPage() {
  const { t } = useT();
  const mapData = useReportMapData();
  const [mine, setMine] = useState<MyReport[]>(() => loadMyReports());
  const [done, setDone] = useState<{ receipt: ReportReceipt; saved: boolean } | null>(null);
  const [formKey, setFormKey] = useState(0);
  const doneRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    document.title = `${t('report.title')} · ${t('app.name')}`;
  }, [t]);

  useEffect(() => {
    if (!done) return;
    window.scrollTo({ top: 0 });
    doneRef.current?.querySelector<HTMLElement>('[data-testid="report-done"]')?.focus({ preventScroll: true });
  }, [done]);

  const onReported = (receipt: ReportReceipt, category: ReportCategory) => {
    const next = withReport(loadMyReports(), { code: receipt.trackingCode, category, reportedAt: receipt.reportedAt, status: receipt.status });
    const saved = saveMyReports(next);
    setMine(next);
    setDone({ receipt, saved });
  };

  const again = () => {
    setDone(null);
    setFormKey((k) => k + 1);
    window.scrollTo({ top: 0 });
  };

  return (
    <div className="report" data-testid="report-page">
      <ReportHeader />
      <main className="report-main">
        <div ref={doneRef}>
          {done ? (
            <ReportDone receipt={done.receipt} saved={done.saved} onAgain={again} />
          ) : (
            <div className="report-intro">
              <div className="report-intro__row">
                <h1>{t('report.title')}</h1>
                {mine.length > 0 && (
                  <a href="#my-reports" className="report-jump" data-testid="my-reports-jump">
                    {t('report.mine.jump', { n: mine.length })}
                  </a>
                )}
              </div>
              <p className="report-intro__lead">{t('report.lead')}</p>
              <p className="report-emergency">{t('report.emergencyNote')}</p>
            </div>
          )}
        </div>
        {!done && <ReportForm key={formKey} mapData={mapData} onReported={onReported} />}
        <div className="report-aside">
          <MyReportsList reports={mine} />
          <TrackingLookup />
        </div>
      </main>
    </div>
  );
}
