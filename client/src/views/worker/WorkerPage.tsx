import { useT } from '../../i18n/use-t';

export default function WorkerPage() {
  const { t } = useT();
  return <section data-testid="worker-page"><h1>{t('nav.worker')}</h1></section>;
}
