import { Link } from 'react-router-dom';
import { BrandMark } from '../../app/BrandMark';
import { LangSwitch } from '../../i18n/LangSwitch';
import { useT } from '../../i18n/use-t';

/** The residents' own slim header: the brand (back to /report), home, the language. */
export function ReportHeader() {
  const { t } = useT();
  return (
    <header className="report-header" data-testid="report-header">
      <Link to="/report" className="report-header__brand" data-testid="report-brand">
        <BrandMark />
        <span className="report-header__name">{t('app.name')}</span>
        <span className="report-header__sub">{t('nav.report')}</span>
      </Link>
      <Link to="/" className="report-header__home" data-testid="report-home" aria-label={t('report.homeLabel')}>
        {t('report.home')}
      </Link>
      <LangSwitch />
    </header>
  );
}
