import { useT } from '../../i18n/use-t';

export default function DispatchPage() {
  const { t } = useT();
  return <section data-testid="dispatch-page"><h1>{t('nav.dispatch')}</h1></section>;
}
