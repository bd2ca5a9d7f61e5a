import { useTranslation } from 'react-i18next';
import { Card, PageHeader } from '../../design';

const KINDS = ['bhxhCode', 'agencies', 'clinics', 'units', 'agents'] as const;

/** Tra cứu: public look-ups, without signing in. */
export function LookupPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('lookup.title')} lead={t('lookup.lead')} />
      {KINDS.map((kind) => (
        <Card key={kind} title={t(`lookup.kinds.${kind}.title`)}>
          <p>{t(`lookup.kinds.${kind}.text`)}</p>
        </Card>
      ))}
    </>
  );
}
