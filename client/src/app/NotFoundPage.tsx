import { Link } from 'react-router-dom';
import { useT } from '../i18n/use-t';

export default function NotFoundPage() {
  const { t } = useT();
  return (
    <div className="not-found" data-testid="not-found">
      <h1>{t('app.notFound')}</h1>
      <Link to="/">{t('app.backHome')}</Link>
    </div>
  );
}
