import { useTranslation } from 'react-i18next';
import { ButtonLink, PageHeader } from '../../design';

/** An address the app does not know, inside a shell; `home` is that shell's start page. */
export function NotFoundPage({ home }: { home: string }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('notFound.title')} lead={t('notFound.lead')} />
      <ButtonLink to={home} icon="home">
        {t('notFound.home')}
      </ButtonLink>
    </>
  );
}
