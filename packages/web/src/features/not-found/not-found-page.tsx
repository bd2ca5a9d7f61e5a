import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../design/components';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('notFound.title')} lead={t('notFound.lead')} />
      <Link className="button button--primary" to="/">
        {t('notFound.home')}
      </Link>
    </>
  );
}
