import { useT } from '../../i18n/use-t';

export default function ReportStatusPage() {
  const { t } = useT();
  return <section data-testid="report-status-page"><h1>{t('nav.report')}</h1></section>;
}
