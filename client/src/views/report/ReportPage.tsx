import { useT } from '../../i18n/use-t';

export default function ReportPage() {
  const { t } = useT();
  return <section data-testid="report-page"><h1>{t('nav.report')}</h1></section>;
}
