import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';
import { Button, PageHeader } from '../design';

/** Shown inside the shell when a page fails to render, instead of a blank screen. */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <>
      <PageHeader title={t('error.title')} lead={t('error.lead')} />
      <Button
        onClick={() => {
          window.location.reload();
        }}
      >
        {t('error.reload')}
      </Button>
    </>
  );
}
