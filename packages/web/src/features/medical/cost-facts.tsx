import { useTranslation } from 'react-i18next';
import { formatMoney } from '@vssid/domain';
import { screenLanguage } from '../../i18n/format';

/** What a visit cost, what the fund paid and what the person paid: facts of a `<dl>`. */
export function CostFacts({
  visit: v,
}: {
  visit: { totalCost: number; fundPaid: number; coPayment: number };
}) {
  const { t, i18n } = useTranslation();
  const lang = screenLanguage(i18n.language);
  return (
    <>
      <div>
        <dt>{t('medical.totalCost')}</dt>
        <dd>{formatMoney(v.totalCost, lang)}</dd>
      </div>
      <div>
        <dt>{t('medical.fundPaid')}</dt>
        <dd>{formatMoney(v.fundPaid, lang)}</dd>
      </div>
      <div>
        <dt>{t('medical.coPayment')}</dt>
        <dd>{formatMoney(v.coPayment, lang)}</dd>
      </div>
    </>
  );
}
